"""What the public comes for: events with calendars, news feeds, the directory by audience and
category, the sitemap, 404 pages and the links under every page, on the default site and on
events dated relative to the build."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
import yaml

from tests.helpers import ROOT, TINY, copy_site, run_cli
from tests.site_checks import load_pages

CONFIG = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))
BASE = CONFIG["base_url"]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_each_event_has_a_calendar_file_in_each_language(drafts_site: Path) -> None:
    # The default site's events are examples, kept as drafts: built here with --drafts.
    for lang, title in (("en", "Example event: crime prevention seminar"),
                        ("fr", None), ("ar", None)):
        section = CONFIG["collections"]["events"]["section"][lang]
        path = drafts_site / lang / section / "crime-prevention-seminar-example" / "event.ics"
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        [event] = calendar.walk("VEVENT")
        page = load_pages(drafts_site)[f"/{lang}/{section}/crime-prevention-seminar-example/"]
        assert str(event["SUMMARY"]) == page.soup.h1.get_text()
        if title:
            assert str(event["SUMMARY"]) == title
        start = event.decoded("DTSTART")
        assert start == dt.datetime(2027, 1, 21, 18, 30, tzinfo=ZoneInfo("America/Toronto"))
        assert event.decoded("DTEND") - start == dt.timedelta(minutes=90)
        assert str(event["URL"]) == f"{BASE}{lang}/{section}/crime-prevention-seminar-example/"
        assert str(event["UID"]) == "events-crime-prevention-seminar-example@community.example.org"
        assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/Toronto"


def test_all_day_event_ends_the_next_day_in_icalendar(drafts_site: Path) -> None:
    path = drafts_site / "en/events/diversity-forum-example/event.ics"
    [event] = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == dt.date(2027, 3, 4)
    assert event.decoded("DTEND") == dt.date(2027, 3, 5)


def test_news_feed_per_language(default_site: Path) -> None:
    for lang in ("en", "fr", "ar"):
        section = CONFIG["collections"]["news"]["section"][lang]
        feed = feedparser.parse((default_site / lang / section / "feed.xml").read_bytes())
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.feed.language == lang
        links = [entry.link for entry in feed.entries]
        assert links[0] == f"{BASE}{lang}/{section}/training-overview/"  # newest first
        assert len(links) == 3
        home = load_pages(default_site)[f"/{lang}/"].soup
        head_link = home.find("link", type="application/atom+xml")
        assert head_link["href"] == f"/{lang}/{section}/feed.xml"
        page = load_pages(default_site)[f"/{lang}/{section}/training-overview/"].soup
        assert feed.entries[0].title == page.h1.get_text()
        assert feed.entries[0].published.startswith("2026-11-26T00:00:00")


def test_sitemap_lists_indexable_pages_with_reciprocal_alternates(default_site: Path) -> None:
    root = ET.parse(default_site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    clusters = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        clusters[loc] = {link.get("hreflang"): link.get("href")
                         for link in url.findall("x:link", NS)}
    pages = load_pages(default_site)
    indexable = {BASE + u.lstrip("/") for u, p in pages.items()
                 if not p.soup.find("meta", attrs={"name": "robots"})}
    assert set(clusters) == indexable
    assert BASE + "en/programs/peace/" in clusters
    assert not [loc for loc in clusters if "_reports" in loc or "404" in loc]
    for loc, cluster in clusters.items():
        for lang, href in cluster.items():
            if lang != "x-default":
                assert clusters[href] == cluster, (loc, lang)
    robots = (default_site / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots
    assert robots.startswith("User-agent: *\nDisallow:\n")  # nothing published is hidden
    from urllib.robotparser import RobotFileParser
    parser = RobotFileParser()
    parser.parse(robots.splitlines())
    assert parser.can_fetch("*", f"{BASE}en/programs/peace/")


def test_directory_pages_list_programs_by_audience(default_site: Path) -> None:
    pages = load_pages(default_site)
    youth = pages["/fr/programmes/pour/youth/"].soup
    assert youth.h1.get_text() == "Programmes\u00a0: Jeunes"
    titles = sorted(a["href"] for a in youth.select(".cards a"))
    assert titles == ["/fr/programmes/peace/", "/fr/programmes/youth-in-action/"]
    peace = pages["/ar/programs/peace/"].soup
    assert peace.find("a", href="/ar/programs/for/youth/").get_text() == "الشباب"
    index = pages["/en/programs/for/"].soup
    assert [a.get_text() for a in index.select(".term-list a")][0] == "Youth"
    listing = pages["/en/programs/"].soup
    assert listing.find("a", href="/en/programs/type/")


def test_report_a_problem_and_another_format_name_the_page(default_site: Path) -> None:
    page = load_pages(default_site)["/fr/programmes/peace/"].soup
    links = {a.get_text(): a["href"] for a in page.select(".feedback a")}
    assert links == {
        "Signaler un problème sur cette page": "/fr/contact/?page=/fr/programmes/peace/",
        "Demander cette information dans un autre format":
            "/fr/alternate-formats/?page=/fr/programmes/peace/"}


def test_structured_data_and_open_graph(default_site: Path, drafts_site: Path) -> None:
    import json
    pages = load_pages(default_site)
    home = pages["/fr/"].soup
    [organization] = [json.loads(s.string) for s in home.find_all("script",
                                                                   type="application/ld+json")]
    assert organization["@type"] == "Organization"
    assert organization["name"] == "Service de police régional de Halton"
    assert home.find("meta", property="og:locale")["content"] == "fr_CA"
    assert {m["content"] for m in home.find_all("meta", property="og:locale:alternate")} == \
        {"en_CA", "ar_EG"}  # Open Graph wants a territory: CLDR's likely one for "ar"
    event = load_pages(drafts_site)["/en/events/crime-prevention-seminar-example/"].soup
    blocks = {b["@type"]: b for b in (json.loads(s.string) for s in event.find_all(
        "script", type="application/ld+json"))}
    assert blocks["Event"]["startDate"] == "2027-01-21T18:30:00-05:00"
    assert blocks["Event"]["eventAttendanceMode"] == \
        "https://schema.org/OnlineEventAttendanceMode"
    assert [i["name"] for i in blocks["BreadcrumbList"]["itemListElement"]] == [
        "Halton Police Community Programs", "Events", "Example event: crime prevention seminar"]


def test_404_pages(default_site: Path) -> None:
    pages = load_pages(default_site)
    root = pages["/404.html"].soup  # every language says it, in its own block
    blocks = root.select("main section")
    assert [(b["lang"], b["dir"]) for b in blocks] == [("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")]
    assert [b.find(["h1", "h2"]).get_text() for b in blocks] == [
        "Page not found", "Page introuvable", "الصفحة غير موجودة"]
    assert [[a["href"] for a in b.find_all("a")] for b in blocks] == [
        ["/en/", "/en/search/"], ["/fr/", "/fr/recherche/"], ["/ar/", "/ar/search/"]]
    french = pages["/fr/404.html"].soup
    assert french.h1.get_text() == "Page introuvable"
    assert french.find("a", href="/fr/")
    assert french.find("a", href="/fr/programmes/")


@pytest.fixture()
def timed_site(tmp_path: Path) -> Path:
    """The tiny site with an events collection and two events dated around a fixed moment."""
    site = copy_site(TINY, tmp_path / "site")
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("  pages:\n", (
        "  events:\n    section: {en: events, fr: evenements, ar: events}\n"
        "    title: {en: Events, fr: Événements, ar: الفعاليات}\n  pages:\n"), 1),
        encoding="utf-8")
    folder = site / "content/events"
    folder.mkdir()
    for slug, start, end in (("evening", "2026-05-01T18:00:00", "2026-05-01T20:00:00"),
                             ("later", "2026-06-01T18:00:00", "2026-06-01T20:00:00")):
        (folder / f"{slug}.en.md").write_text(
            f"---\ntitle: Event {slug}\nsummary: Test.\nstart: {start}\nend: {end}\n"
            "location: {name: Hall}\n---\n\nText.\n", encoding="utf-8")
    return site


def upcoming_and_past(site: Path, now: str) -> tuple[list[str], list[str], int]:
    out = site / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", now, "--quiet")
    assert result.returncode == 0, result.stderr
    pages = load_pages(out)
    upcoming = [a.get_text() for a in pages["/en/events/"].soup.select(".cards h2 a")]
    past = [a.get_text() for a in pages["/en/events/past/"].soup.select(".cards h2 a")]
    calendar = icalendar.Calendar.from_ical((out / "en/events/calendar.ics").read_bytes())
    return upcoming, past, len(calendar.walk("VEVENT"))


def test_an_event_moves_to_past_at_its_end(timed_site: Path) -> None:
    # 20:00 in Toronto on 1 May 2026 is 00:00 UTC on 2 May.
    assert upcoming_and_past(timed_site, "2026-05-01T23:59:59+00:00") == (
        ["Event evening", "Event later"], [], 2)
    assert upcoming_and_past(timed_site, "2026-05-02T00:00:00+00:00") == (
        ["Event later"], ["Event evening"], 1)
