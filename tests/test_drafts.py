"""Drafts and expiry: the default site's example events are drafts (draft: true). They stay out
of the published site, its lists, feeds, calendars, sitemap and search; a build with --drafts
(and the preview) shows them under a Draft banner, never indexed; a page past its expires: date
is left out; a published page cannot point to a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.helpers import TINY, TINY_NOW, copy_site, run_cli

EXAMPLES = ("crime-prevention-seminar-example", "diversity-forum-example",
            "peace-open-house-example", "security-audit-info-session-example")


def test_drafts_are_not_published(default_site: Path) -> None:
    for lang in ("en", "fr", "ar"):
        section = {"en": "events", "fr": "evenements", "ar": "events"}[lang]
        for name in EXAMPLES:
            assert not (default_site / lang / section / name).exists()
        listing = BeautifulSoup((default_site / lang / section / "index.html").read_text(
            encoding="utf-8"), "html.parser")
        assert listing.select(".cards li") == []
        assert listing.find("main").find_all("p")[-1].get_text()  # says nothing is planned
        calendar = (default_site / lang / section / "calendar.ics").read_text(encoding="utf-8")
        assert "VEVENT" not in calendar
    everything = "".join(path.read_text(encoding="utf-8", errors="replace")
                         for path in default_site.rglob("*")
                         if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".txt"))
    for name in EXAMPLES:
        assert name not in everything
    assert "Example event" not in everything
    index = b"".join(path.read_bytes() for path in (default_site / "pagefind").rglob("*")
                     if path.is_file())
    assert b"crime-prevention-seminar" not in index


def test_a_build_with_drafts_marks_them(drafts_site: Path) -> None:
    page = BeautifulSoup((drafts_site / "en/events/diversity-forum-example/index.html")
                         .read_text(encoding="utf-8"), "html.parser")
    assert page.select_one(".draft-banner").get_text() == \
        "Draft: this page is not published. Only the preview shows it."
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert "diversity-forum-example" not in (drafts_site / "sitemap.xml").read_text(
        encoding="utf-8")


def test_check_and_deploy_have_no_drafts_option() -> None:
    for command in (["check"], ["deploy", "--to", "/nonexistent/never"]):
        result = run_cli(*command, "--drafts", "--site", str(TINY))
        assert result.returncode == 2
        assert "unrecognized arguments: --drafts" in result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(TINY, tmp_path / "site")


def build(site: Path) -> tuple[int, str, Path]:
    out = site.parent / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW,
                     "--no-search")
    return result.returncode, result.stderr, out


def add_line(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", f"---\n{line}\n", 1),
                    encoding="utf-8")


def test_an_expired_page_is_left_out(site: Path) -> None:
    add_line(site / "content/resources/safety.en.md", "expires: 2026-01-14")
    code, stderr, out = build(site)
    assert code == 0, stderr
    assert not (out / "en/help/safety").exists()
    add_line(site / "content/resources/safety.en.md", "expires: 2026-01-15")  # not past yet
    path = site / "content/resources/safety.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("expires: 2026-01-14\n", ""),
                    encoding="utf-8")
    code, stderr, out = build(site)
    assert code == 0 and (out / "en/help/safety/index.html").is_file()


def test_a_published_page_cannot_point_to_a_draft(site: Path) -> None:
    add_line(site / "content/partners/town-club.en.md", "draft: true")
    code, stderr, out = build(site)
    assert code == 1
    assert ('content/programs/soccer.en.md:6: "town-club" in partners is a draft or has '
            "expired, so it is not published.") in stderr
    assert "Traceback" not in stderr


def test_a_link_to_a_draft_is_removed_with_a_warning(site: Path) -> None:
    add_line(site / "content/resources/safety.en.md", "draft: true")
    code, stderr, out = build(site)
    assert code == 0, stderr
    assert ('content/programs/soccer.en.md:13: The link "../resources/safety.md#at-night" leads '
            "to a draft or an expired page, which is not published; the link was removed."
            ) in stderr
    page = (out / "en/programs/soccer/index.html").read_text(encoding="utf-8")
    assert "staying safe" in page and "/help/safety/" not in page
