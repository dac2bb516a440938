"""Left-to-right runs in right-to-left pages, measured where people see them: an Arabic page of
the tiny site, with a street address, a phone number, an e-mail address, a web address, a date,
a time and a postal code in its text, a table cell, a summary and the site's contact details,
is opened in Chromium, and each run's first character must be drawn to the left of its last."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.quality import tools
from sitegen.quality.browser import serve
from tests.helpers import TINY, TINY_NOW, copy_site, run_cli
from tests.tools import require_gate_tools

RUNS = ["45 Mill Road", "905-555-0100", "info@example.org", "https://example.org/help",
        "2026-03-14", "18:30", "K1A 0B1", "200 Water Street"]

BODY = """
العنوان 45 Mill Road، والهاتف 905-555-0100، والبريد info@example.org، والموقع https://example.org/help، يوم 2026-03-14 الساعة 18:30، الرمز البريدي K1A 0B1.

| المكان | العنوان |
| --- | --- |
| المكتب | 200 Water Street |
"""

ORDER_SCRIPT = """(runs) => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const run of runs) {
      for (let at = node.data.indexOf(run); at >= 0; at = node.data.indexOf(run, at + 1)) {
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + 1);
        const first = range.getBoundingClientRect();
        range.setStart(node, at + run.length - 1); range.setEnd(node, at + run.length);
        const last = range.getBoundingClientRect();
        const box = ['main', 'footer', 'header'].find(tag => node.parentElement.closest(tag));
        found.push({run, where: box || '?',
                    inOrder: first.left < last.left});
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def arabic_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(TINY, tmp_path_factory.mktemp("bidi") / "site")
    page = site / "content/pages/contact.ar.md"
    page.write_text(page.read_text(encoding="utf-8") + BODY, encoding="utf-8")
    summary = site / "content/resources/safety.ar.md"
    text = summary.read_text(encoding="utf-8")
    start = text.index("summary:")
    end = text.index("\n", start)
    summary.write_text(text[:start] + "summary: المكتب في 200 Water Street قرب المحطة."
                       + text[end:], encoding="utf-8")
    config = site / "site_config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'contact:\n  emergency: "911"\n',
        'contact:\n  emergency: "911"\n  email: info@example.org\n'
        '  address: {en: "45 Mill Road, Tiny Town", fr: "45 Mill Road, Petiteville", '
        'ar: "45 Mill Road، البلدة الصغيرة"}\n'), encoding="utf-8")
    out = site.parent / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW,
                     "--no-search")
    assert result.returncode == 0, result.stderr
    return out


def measure(out: Path, url: str, content: str | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    with serve(out, "/") as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium().path),
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(origin + url)
        if content is not None:
            page.set_content(content)
        found = page.evaluate(ORDER_SCRIPT, RUNS)
        browser.close()
    return found


def test_every_run_reads_left_to_right_in_an_arabic_page(arabic_page: Path) -> None:
    require_gate_tools()
    found = measure(arabic_page, "/ar/contact/")
    seen = {(item["run"], item["where"]) for item in found}
    for run in RUNS[:-1]:
        assert (run, "main") in seen, run  # in the page's text
    assert ("200 Water Street", "main") in seen  # in a table cell
    assert ("45 Mill Road", "footer") in seen and ("info@example.org", "footer") in seen
    assert [item for item in found if not item["inOrder"]] == []
    listing = measure(arabic_page, "/ar/help/")  # a front-matter summary in a list
    assert any(item["run"] == "200 Water Street" for item in listing)
    assert [item for item in listing if not item["inOrder"]] == []


def test_the_measure_sees_a_run_out_of_order(arabic_page: Path) -> None:
    """The same text without isolation, to show that the measure can fail."""
    require_gate_tools()
    found = measure(arabic_page, "/ar/contact/", content=(
        '<html lang="ar" dir="rtl"><body><main><p>العنوان 45 Mill Road، والبريد '
        "info@example.org، والهاتف 905-555-0100.</p></main></body></html>"))
    disorder = {item["run"] for item in found if not item["inOrder"]}
    assert {"45 Mill Road", "905-555-0100"} <= disorder
