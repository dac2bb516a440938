"""Content lint for communications staff: warnings, each at the file and line to edit.

Checks each text in its own language (a fallback page repeats its original, checked once):
images without a useful description, skipped heading levels, link text that says nothing of
its target, long summaries, a reading grade above the target, and a missing "Date modified".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from babel import Locale

from ..source.config import SiteConfig
from ..source.model import Entry, Site
from .findings import Finding
from .html_scan import ScannedPage, scan_html

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt",
              "blockquote"}
MIN_WORDS_FOR_GRADE = 80  # shorter texts give grade levels too noisy to act on


def lint_site(site: Site, bodies: dict[tuple[str, str], str],
              scanned: dict[str, ScannedPage]) -> list[Finding]:
    findings: list[Finding] = []
    for item in site.items.values():
        for lang, entry in item.entries.items():
            if entry.is_fallback:
                continue
            findings.extend(lint_entry(site.config, entry, str(bodies[(item.key, lang)])))
    for url, page in scanned.items():
        # language choosers (body class "chooser") belong to no language and have no date
        if "chooser" not in page.classes and "date-modified" not in page.classes:
            findings.append(Finding("content", "warning", url,
                                    'The page shows no "Date modified".'))
    return findings


def lint_entry(config: SiteConfig, entry: Entry, body_html: str) -> list[Finding]:
    body = scan_html(body_html)
    findings = []

    def warn(message: str, line: int | None) -> None:
        findings.append(Finding("content", "warning", entry.url, message,
                                entry.source.src_path, line))

    source = entry.source
    checks = config.checks
    for image in body.images:
        src = image["src"] or ""
        markdown_image = f"![{image['alt']}]({src}" if image["alt"] is not None else ""
        line = source.line_containing(markdown_image) or source.line_containing(src)
        problem = _alt_problem(image["alt"], src, checks.vague_alt_text.get(entry.lang, ()))
        if problem:
            warn(f'The image "{src}" {problem}.', line)
    front_image = entry.fields.value("image")
    if front_image:
        problem = _alt_problem(front_image.alt, front_image.src,
                               checks.vague_alt_text.get(entry.lang, ()))
        if problem:
            warn(f'The image "{front_image.src}" {problem}.', source.line_of("image"))
    _heading_findings(entry, body, warn)
    vague = {_normalize(p) for p in checks.vague_link_text.get(entry.lang, ())}
    for anchor in body.anchors:
        text = anchor.label or anchor.text
        line = source.line_containing(f"[{anchor.text}]") or source.line_containing(anchor.text)
        if not text.strip():
            warn(f'A link to "{anchor.href}" has no text; readers cannot tell where it goes.',
                 line)
        elif _normalize(text) in vague:
            warn(f'The link text "{text}" does not say where the link goes; name the page '
                 "or action instead.", line)
    summary = entry.fields.summary or ""
    if len(summary) > checks.summary_max_length:
        warn(f"The summary is {len(summary)} characters long; keep it under "
             f"{checks.summary_max_length} so that lists stay easy to scan.",
             source.line_of("summary"))
    grade = reading_grade(plain_text(body_html), config.language(entry.lang).locale)
    if grade is not None and grade > checks.reading_grade:
        warn(f"The text reads at grade {grade:.1f}; aim for grade {checks.reading_grade} or lower "
             "with shorter sentences and everyday words.", source.body_line)
    if entry.updated is None:
        warn('The page has no "Date modified": add an updated: line, or commit the file.', 1)
    return findings


def _heading_findings(entry: Entry, body: ScannedPage, warn: Callable[[str, int | None], None],
                      ) -> None:
    previous = 1  # the page title is the h1
    for level, text in body.headings:
        line = entry.source.line_containing(text) if text else None
        if level == 1:
            warn(f'The heading "{text}" is a level-1 heading (#); the title is already the '
                 "page's only level-1 heading: use ## instead.", line)
        elif level > previous + 1:
            warn(f'The heading "{text}" skips from level {previous} to level {level}; use '
                 f'{"#" * (previous + 1)} instead.', line)
        previous = level


def _alt_problem(alt: str | None, src: str, vague: tuple[str, ...]) -> str | None:
    if alt is None:
        return "has no alt text: describe what it shows, or write alt=\"\" if it is decoration"
    normalized = _normalize(alt)
    file_name = src.rsplit("/", 1)[-1]
    if normalized and (normalized in {_normalize(v) for v in vague}
                       or normalized == _normalize(file_name)
                       or normalized == _normalize(file_name.rsplit(".", 1)[0])):
        return f'has the alt text "{alt}", which does not say what it shows'
    return None


def _normalize(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


class _TextExtractor(HTMLParser):
    """Plain text of a body, each block ended like a sentence so lists count as sentences."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            text = "".join(self.parts).rstrip()
            if text and text[-1] not in ".!?:;؟。":
                self.parts.append(".")
            self.parts.append(" ")


def plain_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def reading_grade(text: str, locale: str) -> float | None:
    """The U.S. school grade a text reads at (Flesch-Kincaid), for the languages the readability
    library supports with a grade formula; None for others and for short texts."""
    if Locale.parse(locale).language != "en":
        return None  # textstat's grade formulas are calibrated for English only
    from textstat.textstat import textstatistics  # slow to import: only when needed

    stats = textstatistics()
    stats.set_lang("en_US")
    if stats.lexicon_count(text) < MIN_WORDS_FOR_GRADE:
        return None
    return float(stats.flesch_kincaid_grade(text))
