"""The benchmark corpus is one that all three tools build, with a page for every item in every
language. Not part of `make test` (which collects tests/ only); run it by hand:

    .venv/bin/python -m pytest bench/test_make_corpus.py

Nothing here is timed. Pelican and Hugo are used only when bench/run has installed them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus_writers import item_folders
from bench.make_corpus import build_corpus
from bench.peers import PEERS_DIR, STAMP, locate_peers
from bench.tools import ROOT, count_pages


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    return out, build_corpus(3, out)


def test_same_corpus_is_made_twice(corpus, tmp_path):
    out, _ = corpus
    build_corpus(3, tmp_path / "again")
    for path in sorted(out.rglob("*.md")):
        assert (tmp_path / "again" / path.relative_to(out)).read_bytes() == path.read_bytes()


def test_ours_builds_every_item_in_every_language(corpus, tmp_path):
    out, made = corpus
    subprocess.run([sys.executable, str(ROOT / "build.py"), "--site", str(out / "ours"),
                    "--output", str(tmp_path / "site"), "--no-search", "--strict", "--quiet"],
                   check=True, cwd=tmp_path)
    names = item_folders(made)
    assert count_pages(tmp_path / "site", names)[1] == 3 * len(names)


@pytest.mark.skipif(not STAMP.exists(), reason=f"bench/run installs the peers in {PEERS_DIR}")
def test_pelican_and_hugo_build_every_item_in_every_language(corpus, tmp_path):
    out, made = corpus
    peers = locate_peers()
    subprocess.run([str(peers.pelican), "content", "-s", "pelicanconf.py", "-o",
                    str(tmp_path / "pelican"), "--fatal", "warnings", "-q"],
                   check=True, cwd=out / "pelican")
    subprocess.run([str(peers.hugo), "--source", str(out / "hugo"), "--destination",
                    str(tmp_path / "hugo"), "--quiet", "--panicOnWarning"],
                   check=True, cwd=tmp_path,
                   env={**os.environ, "HUGO_CACHEDIR": str(tmp_path / "cache")})
    names = item_folders(made)
    for built in ("pelican", "hugo"):
        assert count_pages(tmp_path / built, names)[1] == 3 * len(names), built


def test_links_are_written_in_each_tools_syntax(corpus):
    out, made = corpus
    program = made.items["programs"][0].name
    ours = (out / "ours" / "content" / "programs" / f"{program}.fr.md").read_text("utf-8")
    pelican = (out / "pelican" / "content" / "programs" / f"{program}.fr.md").read_text("utf-8")
    hugo = (out / "hugo" / "content" / "programs" / f"{program}.fr.md").read_text("utf-8")
    assert "](../programs/" in ours and "@@" not in ours
    assert "]({filename}/programs/" in pelican and ".fr.md)" in pelican
    assert '{{< relref "/programs/' in hugo
    assert "Translation: true" in pelican and "Lang: fr" in pelican
    assert Path(out / "hugo" / "hugo.toml").read_text("utf-8").count("[languages.") == 3
