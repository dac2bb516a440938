"""A second site, for another agency in other languages and scripts: a library in English,
French, Simplified Chinese (zh-Hans), Brazilian Portuguese (pt-BR) and Persian (fa, right to
left). Language tags keep their letter case everywhere, each language gets its own search index,
Persian pages use Persian digits and keep the zero-width non-joiner in heading ids, and the site
passes every quality gate."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import FIXTURES, TINY_NOW, copy_site, run_cli
from tests.tools import require_gate_tools

WORLD = FIXTURES / "world"
CODES = ("en", "fr", "zh-Hans", "pt-BR", "fa")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("world") / "out"
    result = run_cli("--site", str(WORLD), "--output", str(out), "--now", TINY_NOW)
    assert result.returncode == 0, result.stderr
    return out, result


def soup(out: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((out / path).read_text(encoding="utf-8"), "html.parser")


def test_language_tags_keep_their_case_everywhere(built: tuple[Path, object]) -> None:
    out, result = built
    assert "Built 115 pages (en 23, fr 23, zh-Hans 23, pt-BR 23, fa 23)" in result.stdout
    home = soup(out, "zh-Hans/index.html")
    assert home.html["lang"] == "zh-Hans"
    assert [link["hreflang"] for link in home.find_all("link", rel="alternate", hreflang=True)] \
        == [*CODES, "x-default"]
    assert soup(out, "pt-BR/index.html").html["lang"] == "pt-BR"
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert 'hreflang="zh-Hans" href="https://library.example.org/zh-Hans/"' in sitemap
    assert 'hreflang="pt-BR"' in sitemap
    assert soup(out, "fa/index.html").html["dir"] == "rtl"


def test_each_language_has_its_own_search_index(built: tuple[Path, object]) -> None:
    out, result = built
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(entry["languages"]) == sorted(code.lower() for code in CODES)
    sizes = re.search(r"Search index: (.*)\.", result.stdout).group(1)
    assert all(f"{code} 0 KiB" not in sizes for code in CODES), sizes


def test_persian_digits_and_joiners(built: tuple[Path, object]) -> None:
    out, _ = built
    page = soup(out, "fa/programs/conversation-circles/index.html")
    dates = [time.get_text() for time in page.find_all("time")]
    assert dates and all(not re.search(r"[0-9]", text) and re.search("[۰-۹]", text)
                         for text in dates), dates
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", time["datetime"]) for time in page.find_all("time"))
    ids = [heading["id"] for heading in page.select("main h2[id]")]
    assert "چطور-می\u200cتوانید-شرکت-کنید" in ids
    french = soup(out, "fr/programmes/cercles-de-conversation/index.html")
    assert all(re.search(r"[0-9]", time.get_text()) for time in french.find_all("time"))


def test_a_fallback_page_in_brazilian_portuguese(built: tuple[Path, object]) -> None:
    out, result = built
    assert "No Portuguese (pt-BR) translation" in result.stderr
    page = next(out.glob("pt-BR/*/digital-skills/index.html"))
    html = soup(out, page.relative_to(out).as_posix())
    assert html.find("article")["lang"] == "en"
    assert "(em inglês)" in html.title.string


def test_the_world_site_passes_every_gate(tmp_path: Path) -> None:
    require_gate_tools()
    # a site of its own: the fixture's build cache may hold what an earlier check found
    site = copy_site(WORLD, tmp_path / "site")
    result = run_cli("check", "--site", str(site), "--output", str(tmp_path / "out"),
                     "--now", TINY_NOW, "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("Checked 117 pages: 0 errors, 0 warnings."), \
        result.stdout
