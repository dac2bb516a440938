"""The generator's modules, by stage of the pipeline (read -> assemble -> render -> publish), and
the rule that keeps the stages apart: a module imports only from its own stage or an earlier
one, so that reading never depends on rendering, nor rendering on publishing."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

STAGES: dict[str, tuple[str, ...]] = {
    # what every stage uses: problems for people, limits on input, the cache, worker processes
    "base": ("errors", "limits", "cache", "parallel", "numerals", "text_ids", "url_policy",
             "security_policy", "facts"),
    # reading: the config, the kinds of collection, the content files, their dates, and how
    # each translation compares with its original
    "source": ("yaml_source", "schema", "field_types", "collections", "config", "source_files",
               "model", "reader", "gitdates", "outline", "parity", "translations",
               "translation_advice"),
    # assembling the site: items, pages, addresses, lists
    "site": ("urls", "pages", "assemble", "event_times", "listing", "own_fields"),
    # rendering pages and the other files
    "render": ("bidi", "sanitize", "markup", "bodies", "i18n", "structured_data", "feeds",
               "sitemap", "render", "fingerprints", "page_output", "reports", "search",
               "json_schema"),
    # writing the output and publishing it
    "publish": ("assets", "output", "up_to_date", "deploy", "pipeline"),
    # what people run: the command line, the preview, checks
    "commands": ("cli", "serve", "scaffold", "translation_commands", "terminal", "quality"),
}
ORDER = list(STAGES)


def stage_of(module: str) -> str:
    top = module.split(".")[0]
    return next(stage for stage, modules in STAGES.items() if top in modules)


def imports_of(path: Path, module: str) -> set[str]:
    """The sitegen modules that module (at path) imports, by their dotted names in sitegen."""
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                names = [node.module] if node.module else [a.name for a in node.names]
                found.update(".".join([*base, name]) for name in names if name)
            elif node.module and node.module.startswith("sitegen."):
                found.add(node.module.removeprefix("sitegen."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("sitegen.") for a in node.names
                         if a.name.startswith("sitegen."))
    return found


def modules() -> dict[str, Path]:
    return {path.relative_to(ROOT / "sitegen").with_suffix("").as_posix().replace("/", "."): path
            for path in sorted((ROOT / "sitegen").rglob("*.py")) if path.name != "__init__.py"}


def test_every_module_has_a_stage() -> None:
    listed = {name for names in STAGES.values() for name in names}
    unlisted = sorted({name.split(".")[0] for name in modules()} - listed)
    assert not unlisted, f"give these modules a stage in STAGES: {unlisted}"


def test_no_module_imports_from_a_later_stage() -> None:
    wrong = []
    for module, path in modules().items():
        here = ORDER.index(stage_of(module))
        for imported in imports_of(path, module):
            there = ORDER.index(stage_of(imported))
            if there > here:
                wrong.append(f"{module} ({ORDER[here]}) imports {imported} ({ORDER[there]})")
    assert not wrong, wrong


def test_the_rule_finds_a_wrong_import(tmp_path: Path) -> None:
    path = tmp_path / "reader.py"
    path.write_text("from .render import page_context\nfrom . import pipeline\n",
                    encoding="utf-8")
    imported = imports_of(path, "reader")
    assert imported == {"render", "pipeline"}
    assert [name for name in imported if ORDER.index(stage_of(name)) > ORDER.index("source")]
