"""Hostile content, built by the real CLI and opened in real Chromium: every payload of
tests/hostile_payloads.py sits in page text, front matter, the config and the taxonomy labels.
Each page is opened twice, with its own content security policy and with the policy removed
(so that the sanitizer alone is tested): no script runs, no request leaves the site, and no
element that could run or load something is left in the page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from sitegen.quality import tools
from sitegen.quality.browser import serve
from tests import hostile_payloads as payloads
from tests.helpers import TINY, TINY_NOW, copy_site, html_files, run_cli
from tests.tools import require_gate_tools

T = payloads.TEXT
COLLECTIONS = """  events:
    section: {en: events, fr: evenements, ar: events}
    title: {en: Events, fr: Événements, ar: الفعاليات}
  news:
    section: {en: news, fr: nouvelles, ar: news}
    title: {en: News, fr: Nouvelles, ar: الأخبار}
"""

# Installed before any script of the page: a payload that runs leaves its id here.
WATCH_SCRIPT = """
window.__ran = [];
for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
  window[name] = (...args) => { window.__ran.push(name + ':' + args.join(',')); };
}
"""

# What must never be left in a page: anything that runs, loads from elsewhere or restyles.
DOM_SCRIPT = """(origin) => {
  const found = [];
  const foreign = url => { try { return new URL(url, location.href).origin !== origin; }
                           catch (e) { return true; } };
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
    }
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) {
    if (!['http:', 'https:', 'mailto:', 'tel:'].includes(a.protocol)) found.push(`link ${a.href}`);
  }
  for (const el of document.querySelectorAll('iframe, frame, object, embed, applet, base, meta[http-equiv=refresh]')) {
    found.push(`${el.tagName} ${el.outerHTML.slice(0, 80)}`);
  }
  // links that load something (canonical and alternate links name addresses, load nothing)
  const loading = /\b(stylesheet|preload|prefetch|modulepreload|icon|manifest|preconnect|dns-prefetch)\b/i;
  for (const el of document.querySelectorAll('link[href]')) {
    if (loading.test(el.rel) && foreign(el.href)) found.push(`LINK ${el.href}`);
  }
  for (const el of document.querySelectorAll('form')) {
    if (foreign(el.action)) found.push(`FORM ${el.action}`);
  }
  for (const el of document.querySelectorAll('script')) {
    const type = el.getAttribute('type');
    if (type === 'application/ld+json') continue;
    if (!el.src || foreign(el.src)) found.push(`SCRIPT ${el.src || el.textContent.slice(0, 40)}`);
  }
  for (const el of document.querySelectorAll('main [style], main style, body style')) found.push(`style in ${el.tagName}`);
  for (const el of document.querySelectorAll('main *')) {
    for (const type of ['mouseover', 'pointerover', 'focus', 'mouseenter', 'toggle', 'error', 'load']) {
      el.dispatchEvent(new Event(type));
    }
  }
  return found;
}"""


def hostile_site(root: Path) -> Path:
    """The tiny site with every payload in place, and events and news collections."""
    site = copy_site(TINY, root / "site")
    config = site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  pages:\n", COLLECTIONS + "  pages:\n")
    # Untranslated payload pages stay out of French and Arabic: their chrome is still tested.
    text = text.replace("fallback: show_default", "fallback: omit")
    text = text.replace("title: {en: Tiny Town Programs", f"title: {{en: {quote(T['t01'])}")
    text = text.replace("tagline: {en: Small programs for a small town.",
                        f"tagline: {{en: {quote(T['t02'])}")
    text = text.replace("message: {en: Office closed on Friday.", f"message: {{en: {quote(T['t03'])}")
    text = text.replace("label: {en: Front desk", f"label: {{en: {quote(T['t04'])}")
    text = text.replace('number: "905 555 0100"', f"number: {quote(T['t04'])}")
    text = text.replace("label: {en: Programs", f"label: {{en: {quote(T['t05'])}")
    text += f"organization: {{en: {quote(T['t03'])}, fr: Ville, ar: البلدة}}\n"
    config.write_text(text, encoding="utf-8")
    taxonomies = site / "content" / "taxonomies.yaml"
    taxonomies.write_text(taxonomies.read_text(encoding="utf-8").replace(
        "youth: {en: Youth", f"youth: {{en: {quote(T['t02'])}"), encoding="utf-8")
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "walk.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    for key, payload in payloads.body_payloads().items():
        write(site, f"pages/{key}.en.md", {"title": T["t01"], "summary": T["t03"]},
              f"Before {key}.\n\n{payload}\n\nAfter {key}.\n")
    write(site, "programs/hostile.en.md", {
        "title": T["t02"], "summary": T["t04"], "audiences": "[youth]",
        "contact": f"\n  phone: {quote(T['t05'])}\n  email: x@example.org",
        "image": f"\n  src: /static/images/walk.png\n  alt: {quote(T['t01'])}"},
        "Text.\n")
    write(site, "partners/hostile.en.md", {"title": T["t05"], "summary": T["t02"],
                                           "kind": "club"}, "Text.\n")
    write(site, "events/hostile.en.md", {
        "title": T["t04"], "summary": T["t05"], "registration": T["t01"],
        "start": "2026-02-01T18:00:00", "end": "2026-02-01T20:00:00",
        "location": f"\n  name: {quote(T['t02'])}\n  address: {quote(T['t03'])}"}, "Text.\n")
    write(site, "news/hostile.en.md", {"title": T["t03"], "summary": T["t01"],
                                       "date": "2026-01-10"}, "Text.\n")
    return site


def quote(text: str) -> str:
    """text as a double-quoted YAML string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(site: Path, name: str, fields: dict[str, str], body: str) -> None:
    lines = [f"{key}: {value if value.startswith(('[', chr(10))) or key in ('start', 'end', 'date') else quote(value)}"
             for key, value in fields.items()]
    path = site / "content" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + body, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("hostile")
    site = hostile_site(root)
    out = root / "out"
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW, "--no-search")
    assert result.returncode == 0, result.stderr
    return out, result.stderr


def without_policy(out: Path, copy: Path) -> Path:
    """A copy of the built site whose pages carry no content security policy."""
    shutil.copytree(out, copy)
    for page in html_files(copy):
        text = page.read_text(encoding="utf-8")
        stripped = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", text)
        assert stripped != text, page
        page.write_text(stripped, encoding="utf-8")
    return copy


def test_the_corpus_is_large_enough() -> None:
    assert payloads.payload_count() >= 40


def test_the_build_reports_what_it_removed(built: tuple[Path, str]) -> None:
    _out, stderr = built
    assert "Traceback" not in stderr
    for expected in ("contains a script", "an event handler", "a style attribute",
                     "uses javascript:", "uses data:", "uses vbscript:", "starts with //",
                     "a <base> element", "a form element", "an SVG drawing",
                     'An attribute list ({...}) may set only', "is on another website"):
        assert expected in stderr, expected
    for key in payloads.body_payloads():  # the page is there, with the text before the payload
        page = (_out / "en" / key / "index.html").read_text(encoding="utf-8")
        assert f"Before {key}." in page, key


@pytest.mark.parametrize("policy", ["with the page's policy", "with the policy removed"])
def test_no_payload_runs_or_loads_anything(built: tuple[Path, str], policy: str,
                                           tmp_path: Path) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    out, _ = built
    folder = out if policy == "with the page's policy" else without_policy(out, tmp_path / "o")
    pages = [p.relative_to(folder).as_posix() for p in html_files(folder)]
    ran: list[str] = []
    foreign: list[str] = []
    left: list[str] = []
    # no policy header: only the pages' own policy, if any, protects them
    with serve(folder, "/", policy=None) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(tools.chromium().path),
                                             args=["--no-sandbox", "--disable-gpu",
                                                   "--disable-background-networking"])
        context = browser.new_context()
        context.add_init_script(WATCH_SCRIPT)

        def route(route, request) -> None:  # noqa: ANN001 - Playwright's objects
            if request.url.startswith(origin + "/"):
                route.continue_()
            else:
                foreign.append(f"{request.url} (from {request.frame.url if request.frame else '?'})")
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda dialog: (ran.append(f"dialog {dialog.message}"), dialog.dismiss()))
        for name in pages:
            address = f"{origin}/{name}"
            page.goto(address, wait_until="load")
            left += [f"{name}: {item}" for item in page.evaluate(DOM_SCRIPT, origin)]
            page.wait_for_timeout(50)  # give a delayed payload its chance
            ran += [f"{name}: {item}" for item in page.evaluate("() => window.__ran")]
            assert page.url == address, f"{name} navigated to {page.url}"
        browser.close()
    assert len(pages) > 40
    assert ran == []
    assert foreign == []
    assert left == []
