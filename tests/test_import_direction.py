"""The generator's packages follow the pipeline (source -> site -> render -> publish), and a
module imports only from its own stage or an earlier one, so that reading never depends on
rendering, nor rendering on publishing. The package root holds what every stage uses (errors,
limits, the cache, worker processes, text kept compressed) and pipeline.py, which runs the stages in order."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

ORDER = ["base", "source", "site", "render", "publish", "pipeline", "quality", "commands"]
BASE = ("errors", "limits", "cache", "parallel", "packed")


def stage_of(module: str) -> str:
    """The stage of a module, by its dotted name inside sitegen (render.feeds, errors...)."""
    top = module.split(".")[0]
    if top in ORDER:
        return top
    assert top in (*BASE, "pipeline"), f"{module} is in no stage: move it into one"
    return "pipeline" if top == "pipeline" else "base"


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


def test_every_module_is_in_a_stage() -> None:
    for module in modules():
        stage_of(module)


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
    path.write_text("from ..render.templating import page_context\nfrom .. import pipeline\n",
                    encoding="utf-8")
    imported = imports_of(path, "source.reader")
    assert imported == {"render.templating", "pipeline"}
    assert all(ORDER.index(stage_of(name)) > ORDER.index("source") for name in imported)
