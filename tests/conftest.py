"""Fixtures shared by the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ROOT, TINY, TINY_NOW, run_cli


@pytest.fixture(scope="session")
def default_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site, built once by the real CLI."""
    out = tmp_path_factory.mktemp("default") / "output"
    result = run_cli("--site", str(ROOT), "--output", str(out), "--strict")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def drafts_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default site built with its drafts (the example events), as staff review them."""
    out = tmp_path_factory.mktemp("drafts") / "output"
    result = run_cli("--site", str(ROOT), "--output", str(out), "--drafts", "--no-search")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tiny") / "output"
    result = run_cli("--site", str(TINY), "--output", str(out), "--now", TINY_NOW)
    assert result.returncode == 0, result.stderr
    return out
