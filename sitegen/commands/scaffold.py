"""`python build.py new program "Youth Soccer Nights"`: create one file per language for a new
item, with every field filled in or explained, ready for a writer and then a translator."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import yaml

from ..errors import ContentError, did_you_mean, quoted_list
from ..source.config import SiteConfig
from ..source.reader import CONTENT_DIR, PLACEHOLDER, TAXONOMY_FILE
from ..source.schema import Bool, Choice, Field, ListOf, Record


def slugify(title: str) -> str:
    """An ASCII slug: "Soirées soccer!" -> "soirees-soccer"."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def find_collection(config: SiteConfig, name: str) -> str:
    """The collection a word names: "programs", or its singular "program"."""
    for collection in config.collections:
        if name in (collection, collection.rstrip("s"), collection.removesuffix("es")):
            return collection
    raise ContentError(f'There is no collection "{name}".'
                       + did_you_mean(name, config.collections),
                       hint=f"Collections: {quoted_list(config.collections)}.")


def new_item(site_dir: Path, config: SiteConfig, kind: str, title: str,
             slug: str | None = None) -> list[Path]:
    """Create the files of a new item; never overwrites. Returns the files created."""
    collection = find_collection(config, kind)
    base = slug or slugify(title)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", base or ""):
        raise ContentError(f'Cannot make a web address name from "{slug or title}".',
                           hint='Give one with --slug, using a-z, 0-9 and hyphens, for example '
                                '--slug youth-soccer.')
    folder = site_dir / CONTENT_DIR / collection
    name = _unique_name(folder, base)
    folder.mkdir(parents=True, exist_ok=True)
    taxonomies = _taxonomy_ids(site_dir)
    created = []
    for lang in config.languages:
        path = folder / f"{name}.{lang.code}.md"
        text = (_original(config, collection, title, taxonomies, site_dir) if lang.default
                else _translation(title, lang.english_name, name, lang.code))
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite a file
            handle.write(text)
        created.append(path)
    return created


def _unique_name(folder: Path, base: str) -> str:
    name, number = base, 2
    while folder.is_dir() and any(folder.glob(f"{name}.*.md")):
        name, number = f"{base}-{number}", number + 1
    return name


def _taxonomy_ids(site_dir: Path) -> dict[str, list[str]]:
    path = site_dir / CONTENT_DIR / TAXONOMY_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return {name: list(terms) for name, terms in data.items() if isinstance(terms, dict)}


def _original(config: SiteConfig, collection: str, title: str,
              taxonomies: dict[str, list[str]], site_dir: Path) -> str:
    schema = config.collections[collection].record
    lines = ["---"]
    for key, spec in schema.fields.items():
        if key in ("extra",):
            continue
        lines.append(f"# {_guidance(spec, taxonomies, site_dir, config)}")
        value = _value(key, spec, title)
        ready = spec.required or isinstance(spec.spec, (ListOf, Bool, Choice))
        lines.append(f"{key}: {value}" if ready else f"# {key}: {value}")
    lines += ["---", "", f"{PLACEHOLDER} write the page here, in short paragraphs. Use ## for "
              "headings.", "", "Link to other pages by their file, for example: "
              "[Contact us](../pages/contact.md).", ""]
    return "\n".join(lines)


def _guidance(spec: Field, taxonomies: dict[str, list[str]], site_dir: Path,
              config: SiteConfig) -> str:
    text = spec.doc[0].upper() + spec.doc[1:] + "."
    if not spec.required:
        text += " Optional."
    if spec.shared:
        text += " Set here only: translations share it."
    if spec.taxonomy:
        ids = taxonomies.get(spec.taxonomy, [])
        text += f" Ids from {CONTENT_DIR}/{TAXONOMY_FILE} ({spec.taxonomy}): " + ", ".join(ids)
    if spec.refers_to:
        names = sorted({p.name.split(".")[0] for name in config.collections_of_kind(spec.refers_to)
                        for p in (site_dir / CONTENT_DIR / name).glob("*.md")})
        text += " File names: " + ", ".join(names)
    return text


def _value(key: str, spec: Field, title: str) -> str:
    if key == "title":
        return _quoted(title)
    if key == "summary":
        return _quoted(f"{PLACEHOLDER} one or two sentences about {title}.")
    if isinstance(spec.spec, ListOf):
        return "[]"
    if isinstance(spec.spec, Bool):
        return "false"
    if isinstance(spec.spec, Choice):
        return spec.default or spec.spec.options[0]
    if isinstance(spec.spec, Record):
        return "{" + ", ".join(f"{name}: {getattr(sub.spec, 'example', '')}"
                               for name, sub in spec.spec.fields.items()) + "}"
    if spec.default not in (None, [], {}):
        return str(spec.default)
    return getattr(spec.spec, "example", "") or ""


def _translation(title: str, language: str, name: str, code: str) -> str:
    return "\n".join([
        "---",
        f"# Translate the title, the summary and the text into {language}, then remove",
        "# awaiting_translation and run: python build.py translations mark "
        f"{name}.{code}",
        f"title: {_quoted(f'{PLACEHOLDER} translate: {title}')}",
        f"summary: {_quoted(f'{PLACEHOLDER} translate the summary.')}",
        "awaiting_translation: true",
        "---",
        "",
        f"{PLACEHOLDER} translate the text of the original here.",
        ""])


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
