"""Publishing: a build for another address (a sub-path) passes the gates, static files get
content-hash names, and deploy publishes the site as a new version of a web server's folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.pipeline import BuildOptions, build_site
from sitegen.quality.html_scan import scan_file
from sitegen.quality.links import check_links
from sitegen.quality.site_files import built_site
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site, run_cli
from tests.site_checks import broken_links
from tests.tools import require_gate_tools

SUB = "https://example.org/preview/pr-12/"


def test_default_site_under_a_sub_path_has_no_broken_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--site", str(ROOT), "--output", str(out), "--base-url", SUB, "--quiet")
    assert result.returncode == 0, result.stderr
    build = build_site(BuildOptions(ROOT, tmp_path / "again", base_url=SUB, search=False))
    site = built_site(build.site, out.resolve())
    scanned = {url: scan_file(path) for url, path in site.html_pages().items()}
    assert check_links(site, scanned) == []  # pages, sitemap and feeds
    assert broken_links(out, base_path="/preview/pr-12/") == []
    home = (out / "en/index.html").read_text(encoding="utf-8")
    assert re.search(r'href="/preview/pr-12/static/css/site\.[0-9a-f]{10}\.css"', home)
    assert f'<link rel="canonical" href="{SUB}en/">' in home
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SUB}en/programs/peace/</loc>" in sitemap
    assert f"Sitemap: {SUB}sitemap.xml" in (out / "robots.txt").read_text()
    feed = (out / "en/news/feed.xml").read_text(encoding="utf-8")
    assert f'href="{SUB}en/news/site-launch/"' in feed


def test_sub_path_build_passes_every_gate(tmp_path: Path) -> None:
    require_gate_tools()
    # a site of its own: the fixture's build cache may hold what an earlier check found
    site = copy_site(TINY, tmp_path / "site")
    result = run_cli("check", "--site", str(site), "--output", str(tmp_path / "out"),
                     "--now", TINY_NOW, "--base-url", SUB, "--quiet")
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("Checked 35 pages: 0 errors, 0 warnings.")


def test_search_works_under_a_sub_path(tmp_path: Path) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS, serve
    from sitegen.quality.tools import chromium

    out = tmp_path / "out"
    assert run_cli("--site", str(TINY), "--output", str(out), "--now", TINY_NOW, "--base-url",
                   SUB, "--quiet").returncode == 0
    with serve(out, "/preview/pr-12/") as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{origin}/preview/pr-12/en/search/?q=morning")
        page.wait_for_selector("#search-results a")
        assert page.get_attribute("#search-results a", "href") == \
            "/preview/pr-12/en/programs/walking/"
        browser.close()


def test_changed_styles_get_a_new_name(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    first = build_site(BuildOptions(site, tmp_path / "one", search=False))
    (site / "static/css").mkdir(parents=True)
    bundled = (ROOT / "static/css/site.css").read_text(encoding="utf-8")
    (site / "static/css/site.css").write_text(bundled + "\n.extra { color: #000; }\n",
                                              encoding="utf-8")
    build_site(BuildOptions(site, tmp_path / "two", search=False))
    [one] = (tmp_path / "one/static/css").glob("site.*.css")
    [two] = (tmp_path / "two/static/css").glob("site.*.css")
    assert one.name != two.name
    assert f"/static/css/{two.name}" in (tmp_path / "two/en/index.html").read_text()
    assert first.site is not None


def test_deploy_mirrors_the_site_and_removes_what_is_gone(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    (site / "content/programs/walking.en.md").write_text(
        (site / "content/programs/walking.en.md").read_text(encoding="utf-8"), encoding="utf-8")
    (site / "content/programs/walking.ar.md").write_text(
        "---\ntitle: نادي المشي\nsummary: مشي صباحي.\n---\n\nنص.\n", encoding="utf-8")
    www = tmp_path / "www"
    (www / "old").mkdir(parents=True)
    (www / "old/index.html").write_text("stale", encoding="utf-8")
    result = run_cli("deploy", "--site", str(site), "--to", str(www), "--now", TINY_NOW,
                     "--no-search", "--quiet")
    assert result.returncode == 0, result.stderr
    # www was a plain folder: it is kept as the earliest version, and www becomes a link.
    assert re.fullmatch(r".+ was a plain folder: it is kept as version \d{8}T\d{6}Z-original "
                        r"in .+, and .+ is now a link to the version in use\.\n"
                        r"Deployed version \S+ to .+: \d+ files copied, 1 removed, "
                        r"0 unchanged\.\n"
                        r".+ now points to .+\.\n", result.stdout)
    assert www.is_symlink()
    assert not (www / "old").exists()
    built = {p.relative_to(site / "output").as_posix() for p in (site / "output").rglob("*")
             if p.is_file()}
    deployed = {p.relative_to(www).as_posix() for p in www.rglob("*") if p.is_file()}
    assert built == deployed
    again = run_cli("deploy", "--site", str(site), "--to", str(www), "--now", TINY_NOW,
                    "--no-search", "--quiet")
    assert re.fullmatch(r"Deployed version \S+ to .+: 0 files copied, 0 removed, \d+ "
                        r"unchanged\.\n.+ now points to .+\.\n", again.stdout)


def test_deploy_refuses_a_site_with_warnings(tmp_path: Path) -> None:
    www = tmp_path / "www"
    result = run_cli("deploy", "--site", str(TINY), "--output", str(tmp_path / "out"), "--to",
                     str(www), "--now", TINY_NOW, "--no-search")
    assert result.returncode == 1
    assert "error: content/programs/walking.en.md:1: No Arabic (ar) translation" in result.stderr
    assert not www.exists()


@pytest.mark.parametrize("flag", ["--base-url"])
def test_base_url_is_documented(flag: str) -> None:
    assert flag in run_cli("--help").stdout or flag in run_cli("build", "--help").stdout
