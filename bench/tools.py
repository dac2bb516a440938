"""The three tools of the comparison as the benchmark drives them: the command that builds each
site folder of the corpus, what a cold build deletes first, and the same edits made in each
tool's own files (a sentence appended to a body, a title changed, the base template changed)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.peers import Peers

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_BASE = ROOT / "templates" / "base.html"
TITLE_LINE = re.compile(r"^(title|Title): .*$", re.MULTILINE)


@dataclass(frozen=True)
class Tool:
    name: str  # shown in the table
    site: Path  # the tool's folder of the corpus
    out: Path
    command: tuple[str, ...]
    cwd: Path
    caches: tuple[Path, ...] = ()  # deleted, with out, before a cold build
    template: Path | None = None  # the base template the "template edited" scenario changes
    yaml_titles: bool = True  # front matter in YAML (ours, Hugo) or Pelican's `Title: ...`
    env: dict[str, str] = field(default_factory=dict)
    comment: str = "<!-- benchmark edit {run} -->"

    def clean(self) -> None:
        for path in (self.out, *self.caches):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def content_file(self, collection: str, name: str, lang: str = "en") -> Path:
        return self.site / "content" / collection / f"{name}.{lang}.md"

    def append_sentence(self, collection: str, name: str, run: int) -> None:
        path = self.content_file(collection, name)
        text = path.read_text(encoding="utf-8").rstrip("\n")
        path.write_text(f"{text}\n\nThis sentence was added by edit {run} of the benchmark.\n",
                        encoding="utf-8")

    def set_title(self, collection: str, name: str, title: str) -> None:
        path = self.content_file(collection, name)
        value = json.dumps(title, ensure_ascii=False) if self.yaml_titles else title
        text = TITLE_LINE.sub(lambda m: f"{m.group(1)}: {value}", path.read_text(
            encoding="utf-8"), count=1)
        path.write_text(text, encoding="utf-8")

    def pristine_template(self) -> str:
        """The base template before any edit: ours starts from the generator's own."""
        assert self.template is not None
        source = self.template if self.template.exists() else GENERATOR_BASE
        return source.read_text(encoding="utf-8")

    def edit_template(self, pristine: str, run: int) -> None:
        """The pristine base template with one HTML comment more, right after <head>."""
        assert self.template is not None
        comment = self.comment.format(run=run)
        self.template.parent.mkdir(parents=True, exist_ok=True)
        self.template.write_text(pristine.replace("<head>", f"<head>\n{comment}", 1),
                                 encoding="utf-8")


def make_tools(corpus: Path, work: Path, peers: Peers) -> dict[str, Tool]:
    """ours (with the search index, the default), ours without it, Pelican and Hugo."""
    ours_site = corpus / "ours"
    ours_command = (sys.executable, str(ROOT / "build.py"), "--site", str(ours_site), "--output",
                    str(work / "out-ours"))
    # run where nothing else runs: Pagefind has written into ./pagefind/ of the working directory
    ours = Tool("ours", ours_site, work / "out-ours", ours_command, work,
                caches=(ours_site / ".cache",), template=ours_site / "templates" / "base.html")
    return {
        "ours": ours,
        "ours-no-search": Tool("ours --no-search", ours.site, ours.out,
                               (*ours_command, "--no-search"), work, caches=ours.caches),
        "pelican": Tool("Pelican", corpus / "pelican", work / "out-pelican",
                        (str(peers.pelican), "content", "-s", "pelicanconf.py", "-o",
                         str(work / "out-pelican")),
                        corpus / "pelican", caches=(corpus / "pelican" / "cache",),
                        template=corpus / "pelican" / "theme" / "templates" / "base.html",
                        yaml_titles=False),
        "hugo": Tool("Hugo", corpus / "hugo", work / "out-hugo",
                     (str(peers.hugo), "--source", str(corpus / "hugo"), "--destination",
                      str(work / "out-hugo")),
                     corpus / "hugo", caches=(work / "hugo-cache",),
                     template=corpus / "hugo" / "layouts" / "baseof.html",
                     env={"HUGO_CACHEDIR": str(work / "hugo-cache")},
                     # Go templates drop the comments they hold; this one reaches every page
                     comment='{{{{ "<!-- benchmark edit {run} -->" | safeHTML }}}}'),
    }


def count_pages(out: Path, item_names: set[str]) -> tuple[int, int]:
    """(HTML files, pages of the corpus's items) in a built site: an item's page is the
    index.html of a folder named after it, whatever the tool and language."""
    html = items = 0
    for path in out.rglob("*.html"):
        html += 1
        if path.name == "index.html" and path.parent.name in item_names:
            items += 1
    return html, items
