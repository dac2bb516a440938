"""Write a bench.corpus_model.Corpus three times: in this project's format (ours/), in Pelican's
layout (pelican/) and in Hugo's (hugo/). The Markdown bodies are the same in all three; only the
front matter and the syntax of links to other pages differ."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from bench.corpus_material import LANGS, PLACEHOLDER, ROOT
from bench.corpus_model import Corpus
from bench.peer_layouts import HUGO_LAYOUTS, PELICAN_CONF, PELICAN_THEME, hugo_config
from sitegen.source.translation_status import content_hash

LinkSyntax = Callable[[str, str, str], str]  # (collection, name, lang) -> link target


def yaml_value(value: object) -> str:
    """A YAML flow value: JSON strings are valid YAML double-quoted strings."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def front_matter(fields: dict[str, object]) -> str:
    return "---\n" + "".join(f"{key}: {yaml_value(value)}\n" for key, value in fields.items()) \
        + "---\n\n"


def linked(body: str, lang: str, syntax: LinkSyntax) -> str:
    return PLACEHOLDER.sub(lambda m: f"]({syntax(m['coll'], m['name'], lang)})", body)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- ours -----------------------------------------------------------------------------------

def write_ours(corpus: Corpus, target: Path) -> None:
    """The default site's settings, catalogs and taxonomies, with the corpus as content/."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "site_config.yaml", target / "site_config.yaml")
    shutil.copytree(ROOT / "translations", target / "translations")
    write(target / "content" / "taxonomies.yaml",
          (ROOT / "content" / "taxonomies.yaml").read_text(encoding="utf-8"))
    for item in corpus.all_items():
        bodies = {lang: linked(item.bodies[lang], lang, _ours_link) for lang in LANGS}
        english = {"title": item.titles["en"], "summary": item.summaries["en"]}
        marked = content_hash(english, bodies["en"])
        for lang in LANGS:
            fields: dict[str, object] = {"title": item.titles[lang],
                                         "summary": item.summaries[lang]}
            if lang == "en":
                fields.update(item.shared)
            fields["updated"] = item.date
            if lang != "en":
                fields["translated_from"] = marked
            write(target / "content" / item.collection / f"{item.name}.{lang}.md",
                  front_matter(fields) + bodies[lang])


def _ours_link(collection: str, name: str, lang: str) -> str:
    return f"../{collection}/{name}.md"


# --- Pelican --------------------------------------------------------------------------------

def write_pelican(corpus: Corpus, target: Path) -> None:
    """pelicanconf.py, a minimal theme, and content/<collection>/<name>.<lang>.md with Pelican's
    metadata lines; translations are linked by their shared slug and `Translation: true`."""
    write(target / "pelicanconf.py", PELICAN_CONF)
    for name, text in PELICAN_THEME.items():
        write(target / "theme" / "templates" / name, text)
    for item in corpus.all_items():
        for lang in LANGS:
            lines = [f"Title: {item.titles[lang]}", f"Date: {item.date.isoformat()}",
                     f"Slug: {item.name}", f"Lang: {lang}"]
            if lang != "en":
                lines.append("Translation: true")
            terms = [*item.shared.get("audiences", []), *item.shared.get("categories", [])]
            if terms:
                lines.append("Tags: " + ", ".join(terms))
            lines.append(f"Summary: {item.summaries[lang]}")
            body = linked(item.bodies[lang], lang, _pelican_link)
            write(target / "content" / item.collection / f"{item.name}.{lang}.md",
                  "\n".join(lines) + "\n\n" + body)


def _pelican_link(collection: str, name: str, lang: str) -> str:
    return f"{{filename}}/{collection}/{name}.{lang}.md"


# --- Hugo -----------------------------------------------------------------------------------

def write_hugo(corpus: Corpus, target: Path) -> None:
    """hugo.toml with three languages, minimal layouts, and content/<collection>/<name>.<lang>.md
    (Hugo pairs translations by file name). Every language repeats the shared fields: Hugo has
    no inheritance of front matter between translations."""
    write(target / "hugo.toml", hugo_config())
    for name, text in HUGO_LAYOUTS.items():
        write(target / "layouts" / name, text)
    for item in corpus.all_items():
        for lang in LANGS:
            fields: dict[str, object] = {"title": item.titles[lang],
                                         "summary": item.summaries[lang], "date": item.date}
            fields.update((key, value) for key, value in item.shared.items() if key != "date")
            body = linked(item.bodies[lang], lang, _hugo_link)
            write(target / "content" / item.collection / f"{item.name}.{lang}.md",
                  front_matter(fields) + body)


def _hugo_link(collection: str, name: str, lang: str) -> str:
    return f'{{{{< relref "/{collection}/{name}" >}}}}'


def item_folders(corpus: Corpus) -> set[str]:
    """The output folder name of every item, in every tool: its file name."""
    return {item.name for item in corpus.all_items() if item.collection != "pages"}


def write_all(corpus: Corpus, out: Path) -> None:
    write_ours(corpus, out / "ours")
    write_pelican(corpus, out / "pelican")
    write_hugo(corpus, out / "hugo")
    write(out / "corpus.json", json.dumps({
        "programs": corpus.programs, "seed": corpus.seed,
        "items": {collection: [item.name for item in items]
                  for collection, items in corpus.items.items()}}, indent=1) + "\n")
