"""Raw material for the benchmark corpus: the default site's own Markdown (programs, resources,
partners, news and free pages in English, French and Arabic), read once and cut into sections that
exist in all three languages, with links to content files turned into placeholders
(`](@@programs/peace)`) that each tool's writer turns into its own link syntax."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LANGS = ("en", "fr", "ar")
SECTION_SOURCES = ("programs", "resources", "partners", "news")  # where body sections come from
FILE_LINK = re.compile(r"\]\(\.\./(?P<coll>[a-z]+)/(?P<name>[a-z0-9-]+)\.md(?:#[^)\s]*)?\)")
PLACEHOLDER = re.compile(r"\]\(@@(?P<coll>[a-z]+)/(?P<name>[a-z0-9-]+)\)")


@dataclass(frozen=True)
class Section:
    """One `## heading` and the text under it, in every language; words counts the English."""

    text: dict[str, str]
    words: int


@dataclass(frozen=True)
class Original:
    """One item of the default site: its English front matter, and title, summary and body (with
    placeholder links) per language."""

    collection: str
    name: str
    fields: dict[str, object]
    titles: dict[str, str]
    summaries: dict[str, str]
    bodies: dict[str, str]


@dataclass(frozen=True)
class Material:
    originals: dict[str, list[Original]]  # collection -> items, sorted by name
    sections: list[Section]


def split_file(path: Path) -> tuple[dict[str, object], str]:
    """Front matter and body of a Markdown file of this project's format."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front) or {}, body.strip("\n")


def with_placeholders(body: str) -> str:
    return FILE_LINK.sub(lambda m: f"](@@{m['coll']}/{m['name']})", body)


def split_sections(body: str) -> list[str]:
    """The `## ` sections of a body; the text before the first heading is left out."""
    sections: list[list[str]] = []
    for line in body.split("\n"):
        if line.startswith("## "):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
    return ["\n".join(lines).strip("\n") for lines in sections]


def read_material(content: Path = CONTENT) -> Material:
    originals: dict[str, list[Original]] = {}
    sections: list[Section] = []
    for folder in sorted(p for p in content.iterdir() if p.is_dir()):
        for english in sorted(folder.glob("*.en.md")):
            name = english.name.removesuffix(".en.md")
            files = {lang: english.with_name(f"{name}.{lang}.md") for lang in LANGS}
            if not all(path.exists() for path in files.values()):
                continue
            read = {lang: split_file(path) for lang, path in files.items()}
            fields = read["en"][0]
            if fields.get("draft") and folder.name != "events":
                continue
            bodies = {lang: with_placeholders(body) for lang, (_, body) in read.items()}
            originals.setdefault(folder.name, []).append(Original(
                folder.name, name, fields,
                {lang: str(front["title"]) for lang, (front, _) in read.items()},
                {lang: str(front.get("summary", "")) for lang, (front, _) in read.items()},
                bodies))
            if folder.name in SECTION_SOURCES:
                sections += _aligned_sections(bodies)
    return Material(originals, sections)


def _aligned_sections(bodies: dict[str, str]) -> list[Section]:
    """The sections of one item, when every language has as many, with the same links."""
    split = {lang: split_sections(body) for lang, body in bodies.items()}
    if len({len(parts) for parts in split.values()}) != 1:
        return []
    found = []
    for index in range(len(split["en"])):
        text = {lang: parts[index] for lang, parts in split.items()}
        links = {tuple(sorted(m.group(0) for m in PLACEHOLDER.finditer(part)))
                 for part in text.values()}
        if len(links) == 1:
            found.append(Section(text, len(text["en"].split())))
    return found
