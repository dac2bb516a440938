"""The quality gates, run by the real CLI (`build.py check`) in real Chromium and the real Nu Html
Checker: each planted fault is reported by the right gate at the right place, and a clean site
passes every gate."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from sitegen.cache import BuildCache
from sitegen.pipeline import BuildOptions, build_site
from sitegen.quality import browser, tools, validator
from sitegen.quality.findings import Finding, GateNote
from sitegen.quality.html_scan import scan_file
from sitegen.quality.site_files import built_site
from sitegen.quality.weight import check_weight
from sitegen.source import parity
from tests.helpers import FIXTURES, TINY, TINY_NOW, copy_site, run_cli
from tests.tools import require_gate_tools

SECTION = re.compile(r"^== (?P<title>[^:]+(?::[^:]+)?): (?P<status>.*)$")


def sections(report: str) -> dict[str, list[str]]:
    """Gate title -> its lines, from the printed report."""
    found: dict[str, list[str]] = {}
    current = None
    for line in report.splitlines():
        if line.startswith("== "):
            current = line[3:].rsplit(": ", 1)[0]
            found[current] = []
        elif current and line.startswith("  "):
            found[current].append(line.strip())
    return found


def gate(report: str, start: str) -> list[str]:
    return next(lines for title, lines in sections(report).items() if title.startswith(start))


@pytest.fixture(scope="module")
def faulty_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_gate_tools()
    site = copy_site(TINY, tmp_path_factory.mktemp("faulty") / "site")
    shutil.copytree(FIXTURES / "faulty", site, dirs_exist_ok=True)
    config = site / "site_config.yaml"  # plant a wrong direction for Arabic
    config.write_text(config.read_text(encoding="utf-8").replace(
        "locale: ar, direction: rtl", "locale: ar, direction: ltr")
        + "embed_hosts: [www.youtube-nocookie.com]\n", encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def faulty_report(faulty_site: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("check", "--site", str(faulty_site), "--now", TINY_NOW, "--quiet")


def test_faulty_site_fails(faulty_report: subprocess.CompletedProcess[str]) -> None:
    assert faulty_report.returncode == 1
    assert re.search(r"^Checked 41 pages: \d+ errors, \d+ warnings\.$", faulty_report.stdout,
                     re.MULTILINE)


def test_broken_link_and_bad_fragment(faulty_report: subprocess.CompletedProcess[str]) -> None:
    links = gate(faulty_report.stdout, "Links")
    assert 'error: /en/faults/ (content/pages/faults.en.md:18): The link "/en/nowhere/" leads ' \
           "to a page or file that does not exist." in links
    assert 'error: /en/faults/ (content/pages/faults.en.md:18): The link ' \
           '"/en/programs/soccer/#no-such-part" leads to "#no-such-part", which is not an id ' \
           "on /en/programs/soccer/." in links
    assert 'error: /fr/faults/ (content/pages/faults.en.md:18): The link ' \
           '"/fr/programmes/soirees-soccer/#no-such-part" leads to "#no-such-part", which is ' \
           "not an id on /fr/programmes/soirees-soccer/." in links
    assert not [line for line in links if "/faults/" not in line]


def test_missing_alt_low_contrast_focus_and_reflow(
        faulty_report: subprocess.CompletedProcess[str]) -> None:
    found = gate(faulty_report.stdout, "Accessibility")
    assert "error: /en/faults/ (content/pages/faults.en.md:8): image-alt: Images must have " \
           "alternative text (1 element(s): p:nth-child(2) > img)" in found
    assert "error: /en/faults/ (content/pages/faults.en.md:14): color-contrast: Elements must " \
           "meet minimum color contrast ratio thresholds (1 element(s): .faint)" in found
    assert 'error: /en/faults/ (content/pages/faults.en.md:20): No visible focus indicator on ' \
           '<a class="no-focus" href="/en/partners/town-club/">Town Club</a>' in found
    assert any(line.startswith("error: /en/faults/ (content/pages/faults.en.md): At 320 CSS px "
                               "wide the page scrolls sideways") for line in found)


def test_wrong_direction_is_caught_on_every_arabic_page(
        faulty_report: subprocess.CompletedProcess[str]) -> None:
    found = gate(faulty_report.stdout, "Accessibility")
    wrong = [line for line in found if "laid out ltr; expected rtl" in line]
    assert "error: /ar/programs/soccer/ (content/programs/soccer.ar.md): The page is in ar but " \
           'laid out ltr; expected rtl (dir="ltr").' in wrong
    assert len(wrong) == 13  # every Arabic page


def test_invalid_html_and_wrong_language(faulty_report: subprocess.CompletedProcess[str]) -> None:
    found = gate(faulty_report.stdout, "Valid HTML")
    assert any(line.startswith("error: /en/faults/ (content/pages/faults.en.md:24): Duplicate "
                               "ID “twice”.") for line in found), found
    assert any(line.startswith("error: /en/mixup/ (content/pages/mixup.en.md): This document "
                               "appears to be written in French but the “html” start tag has "
                               "“lang=\"en\"”.") for line in found)


def test_third_party_request(faulty_report: subprocess.CompletedProcess[str]) -> None:
    found = gate(faulty_report.stdout, "No request")
    # A frame from a host the site allows (embed_hosts) is still a request to another site:
    # reported as the trade-off it is, without failing the check.
    for lang in ("ar", "en", "fr"):
        assert f"notice: /{lang}/faults/ (content/pages/faults.en.md:22): The page asks another " \
               "site for https://www.youtube-nocookie.com/embed/abc, which embed_hosts in " \
               "site_config.yaml allows: that site learns who reads this page." in found, found
    # A template that loads a script from elsewhere: the page's own policy stops the browser
    # before it even asks, and the gate reports the attempt.
    for lang in ("ar", "en", "fr"):
        assert any(line.startswith(f"error: /{lang}/faults/ (content/pages/faults.en.md): The "
                                   "page breaks the content security policy (default-src "
                                   "'self'): Loading the script 'https://cdn.example.com/"
                                   "tracker.js' violates") for line in found), found
    # (the template serves every free page: contact and mixup carry the script too)
    assert not [line for line in found if "/faults/" not in line and "tracker.js" not in line]


def test_pages_checked_in_two_browsers_give_what_one_browser_gives(
        faulty_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build = build_site(BuildOptions(faulty_site, out, search=False,
                                    now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)))
    files = built_site(build.site, out.resolve())
    directions = {"en": "ltr", "fr": "ltr", "ar": "rtl"}
    browsers: list[int] = []
    real_browse = browser._browse
    monkeypatch.setattr(browser, "_browse", lambda work, *args: browsers.append(id(work))
                        or real_browse(work, *args))
    counted: list[tuple[int, int]] = []
    results = [browser.check_in_browser(files, directions, 3, tools.chromium(), tools.axe_core(),
                                        on_page=lambda *done: counted.append(done), jobs=jobs)
               for jobs in (1, 2)]
    assert len(browsers) == 3  # one, then two
    assert results[1] == results[0]
    kinds = {(finding.gate, finding.severity) for finding in results[0][0]}
    assert {("accessibility", "error"), ("privacy", "error"), ("privacy", "notice")} <= kinds
    pages = len(files.html_pages())
    assert counted == [(done, pages) for done in range(1, pages + 1)] * 2


def test_the_browser_gate_checks_again_only_the_pages_that_changed(
        faulty_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose bytes, content file and every file it asked for are as the last check
    found them keeps that check's results; any change to one of them, and it is checked
    again."""
    out = tmp_path / "out"
    build = build_site(BuildOptions(faulty_site, out, search=False,
                                    now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)))
    files = built_site(build.site, out.resolve())
    checked: list[str] = []
    real_check = browser._check_page
    monkeypatch.setattr(browser, "_check_page", lambda page, address, url, *args:
                        checked.append(url) or real_check(page, address, url, *args))
    cache = BuildCache(tmp_path / "cache")

    def check() -> tuple[list[Finding], list[GateNote]]:
        checked.clear()
        return browser.check_in_browser(files, {"en": "ltr", "fr": "ltr", "ar": "rtl"}, 3,
                                        tools.chromium(), tools.axe_core(), cache=cache)

    first, first_notes = check()
    pages = len(files.html_pages())
    assert len(checked) == pages
    again, notes = check()
    assert checked == [] and again == first
    assert notes[0] == first_notes[0]  # the same versions of the tools
    assert notes[1].text == f"{pages} of {pages} pages had not changed since the last check, " \
        "nor had the files they use: their results are that check's."
    with (out / "en/index.html").open("a", encoding="utf-8") as page:
        page.write("<!-- one more line -->\n")
    assert check()[0] == first and checked == ["/en/"]
    image = next(path for path in (out / "static").rglob("*") if "pixel" in path.name)
    image.write_bytes(image.read_bytes() + b"\0")  # the image only the faulty page shows
    assert check()[0] == first  # (in its three languages: not translated, it shows the English)
    assert sorted(checked) == ["/ar/faults/", "/en/faults/", "/fr/faults/"]
    assert check()[0] == first and checked == []


def test_the_html_checker_is_given_only_the_pages_that_changed(
        faulty_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build = build_site(BuildOptions(faulty_site, out, search=False,
                                    now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)))
    files = built_site(build.site, out.resolve())
    cache = BuildCache(tmp_path / "cache")

    def check() -> tuple[list[str], list[Finding]]:
        started = validator.start_html_check(files, tools.java(), tools.vnu_jar(), cache)
        assert isinstance(started, validator.HtmlCheck)
        return started.checked, validator.finish_html_check(files, started)[0]

    given, first = check()
    assert len(given) == len(files.html_pages())
    assert {finding.url for finding in first} >= {"/en/mixup/", "/en/faults/"}
    assert check() == ([], first)
    with (out / "en/mixup/index.html").open("a", encoding="utf-8") as page:
        page.write("<!-- one more line -->\n")
    given, again = check()
    assert given == ["/en/mixup/"] and sorted(again, key=Finding.sort_key) == \
        sorted(first, key=Finding.sort_key)


def test_a_second_check_reports_what_the_first_found(
        faulty_site: Path, faulty_report: subprocess.CompletedProcess[str]) -> None:
    """Its pages unchanged, it takes the browser gate's results from the build's cache."""
    again = run_cli("check", "--site", str(faulty_site), "--now", TINY_NOW, "--quiet")
    assert again.returncode == faulty_report.returncode == 1
    said = "had not changed since the last check"
    assert [line for line in again.stdout.splitlines() if said not in line] == \
        faulty_report.stdout.splitlines()
    assert said in gate(again.stdout, "Accessibility")[1]
    assert said in gate(again.stdout, "Valid HTML")[0]  # the checker was given no page


def test_ctrl_c_during_the_browser_gate_stops_every_browser(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_gate_tools()
    out = tmp_path / "out"
    build = build_site(BuildOptions(TINY, out, search=False,
                                    now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)))
    files = built_site(build.site, out.resolve())
    checked: list[str] = []

    def slow_check(page: object, address: str, url: str, *args: object) -> None:
        checked.append(url)
        time.sleep(0.5)

    monkeypatch.setattr(browser, "_check_page", slow_check)
    monkeypatch.setattr(browser, "_check_without_js", lambda *args: None)
    pressed = threading.Timer(2.5, signal.pthread_kill,  # as Ctrl-C does
                              (threading.main_thread().ident, signal.SIGINT))
    pressed.start()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        browser.check_in_browser(files, {"en": "ltr", "fr": "ltr", "ar": "rtl"}, 3,
                                 tools.chromium(), tools.axe_core(), jobs=2)
    assert time.monotonic() - started < 6  # not the 9 s of every page
    assert 0 < len(checked) < len(files.html_pages()) / 2


def test_check_keeps_the_outlines_of_the_translations_it_compared(
        faulty_site: Path, faulty_report: subprocess.CompletedProcess[str]) -> None:
    """For the next check, which takes them from the cache instead of reading every text."""
    assert "== Translations match their originals" in faulty_report.stdout  # the gate ran
    kept = BuildCache(faulty_site / ".cache").keys(parity.OUTLINES)
    assert len(kept) >= 2  # at least one translation and its original


def test_content_lint_for_communications_staff(
        faulty_report: subprocess.CompletedProcess[str]) -> None:
    found = gate(faulty_report.stdout, "Content")
    expected = [
        "warning: /en/faults/ (content/pages/faults.en.md:3): The summary is 194 characters "
        "long; keep it under 160 so that lists stay easy to scan.",
        'warning: /en/faults/ (content/pages/faults.en.md:8): The image "/static/images/'
        'pixel.png" has no alt text: describe what it shows, or write alt="" if it is '
        "decoration.",
        'warning: /en/faults/ (content/pages/faults.en.md:10): The image "/static/images/'
        'pixel.png" has the alt text "image", which does not say what it shows.',
        'warning: /en/faults/ (content/pages/faults.en.md:12): The heading "Too deep" skips '
        "from level 2 to level 4; use ### instead.",
        'warning: /en/faults/ (content/pages/faults.en.md:16): The link text "click here" does '
        "not say where the link goes; name the page or action instead.",
    ]
    for line in expected:
        assert line in found


def test_clean_site_passes_every_gate(tmp_path: Path) -> None:
    require_gate_tools()
    # a site of its own: the fixture's build cache may hold what an earlier check found
    site = copy_site(TINY, tmp_path / "site")
    result = run_cli("check", "--site", str(site), "--output", str(tmp_path / "out"),
                     "--now", TINY_NOW, "--quiet")
    assert result.returncode == 0, result.stdout
    for title, lines in sections(result.stdout).items():
        assert not [line for line in lines if line.startswith("error")], (title, lines)
    assert result.stdout.rstrip().endswith("Checked 35 pages: 0 errors, 0 warnings.")


def test_page_weight_budget_names_the_heavy_page(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  summary_max_length: 160", "  summary_max_length: 160\n  page_weight_kib: 30"),
        encoding="utf-8")
    page = site / "content/pages/contact.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA long line of words. " * 1500,
                    encoding="utf-8")
    out = tmp_path / "out"
    build = build_site(BuildOptions(site, out, now=dt.datetime(2026, 1, 15, tzinfo=dt.timezone.utc)))
    built = built_site(build.site, out.resolve())
    scanned = {url: scan_file(path) for url, path in built.html_pages().items()}
    findings, notes = check_weight(built, scanned, 30, 250)
    assert [f.url for f in findings] == ["/en/contact/"]
    expected = sum(path.stat().st_size for path in [
        out / "en/contact/index.html", *(out / "static/css").glob("*.css")])
    assert findings[0].message == (f"The page weighs {expected / 1024:.1f} KiB with its CSS and "
                                   "JavaScript; the budget is 30 KiB.")
    assert notes[0].text.startswith("Heaviest pages: /ar/search/ ")  # with its search engine
