"""Content lint for communications staff: warnings, each at the file and line to edit.

Checks each text in its own language (a fallback page repeats its original, checked once):
images without a useful description, skipped heading levels, link text that says nothing of
its target, long summaries, a reading grade above the target, and a missing "Date modified".
What it found in each text is kept in the build's cache, by all it was found from: the next check
reads again only the texts that changed (English texts' reading grade needs a pronouncing
dictionary that takes a second to load).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from html.parser import HTMLParser

from babel import Locale

from ..cache import CHECK_RESULTS, BuildCache, digest
from ..render.bodies import Body
from ..source.config import SiteConfig
from ..source.model import Entry, Site
from .findings import Finding
from .html_scan import ScannedPage, scan_html
from .kept_results import finding_of, plain

BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dd", "dt",
              "blockquote"}
MIN_WORDS_FOR_GRADE = 80  # shorter texts give grade levels too noisy to act on


CONTENT_CHECKS = CHECK_RESULTS + "content"  # the cache's namespace of each text's findings


def lint_site(site: Site, bodies: Mapping[tuple[str, str], Body | str],
              scanned: dict[str, ScannedPage], cache: BuildCache | None = None,
              ) -> list[Finding]:
    """The findings of every text in its own language, and of every page without a "Date
    modified"; with a cache, those of a text an earlier check read, as it found them."""
    config = site.config
    entries = {(item.key, lang): entry for item in site.items.values()
               for lang, entry in item.entries.items() if not entry.is_fallback}
    settings = digest(repr(config.checks), repr(config.languages))
    keys = {key: _entry_key(settings, entry, bodies[key]) for key, entry in entries.items()}
    kept = cache.get_many(CONTENT_CHECKS, keys.values()) if cache is not None else {}
    findings: list[Finding] = []
    fresh: dict[str, list[list[object]]] = {}
    for key, entry in entries.items():
        try:
            found = [finding_of(each) for each in kept[keys[key]]]
        except (KeyError, TypeError, ValueError):  # none kept, or not as plain() keeps it
            found = lint_entry(config, entry, str(bodies[key]))
            fresh[keys[key]] = [plain(finding) for finding in found]
        findings.extend(found)
    if cache is not None:
        cache.put_many(CONTENT_CHECKS, fresh)
        cache.keep_only(CONTENT_CHECKS, keys.values())
    for url, page in scanned.items():
        # language choosers (body class "chooser") belong to no language and have no date
        if "chooser" not in page.classes and "date-modified" not in page.classes:
            findings.append(Finding("content", "warning", url,
                                    'The page shows no "Date modified".'))
    return findings


def _entry_key(settings: str, entry: Entry, body: Body | str) -> str:
    """All lint_entry's findings depend on: the checks' settings and the languages (settings),
    the page's address, the text's file (its fields, its body and their lines), its date and
    the body's HTML (by the token that stands for it, without reading it from the cache)."""
    source = entry.source
    return digest(settings, entry.url, entry.lang, entry.updated, source.src_path,
                  source.fields_digest, source.body_digest, source.body_line,
                  sorted(source.field_lines.items()),
                  body.token if isinstance(body, Body) else digest(body))


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
