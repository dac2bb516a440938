"""Every test runs: a module that defines two tests under one name silently keeps only the
last, so no test module may do that."""

from __future__ import annotations

import ast
from collections import Counter

from tests.helpers import ROOT


def _defined_twice(source: str) -> list[str]:
    """The names of the functions defined more than once in one scope (a module or a class)."""
    tree = ast.parse(source)
    scopes = [tree, *(node for node in ast.walk(tree) if isinstance(node, ast.ClassDef))]
    twice = []
    for scope in scopes:
        names = Counter(node.name for node in scope.body
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)))
        twice += [name for name, count in names.items() if count > 1]
    return twice


def test_the_check_finds_a_test_defined_twice() -> None:
    source = "def test_a(): pass\ndef test_b(): pass\nclass T:\n    def test_c(self): pass\n" \
             "    def test_c(self): pass\ndef test_a(): pass\n"
    assert sorted(_defined_twice(source)) == ["test_a", "test_c"]


def test_no_test_is_hidden_by_another_of_the_same_name() -> None:
    hidden = {str(path.relative_to(ROOT)): names for path in sorted((ROOT / "tests").rglob("*.py"))
              if (names := _defined_twice(path.read_text(encoding="utf-8")))}
    assert hidden == {}
