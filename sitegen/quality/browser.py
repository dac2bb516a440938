"""The gates that need a real browser: axe-core in Chromium (WCAG 2.2 AA rules), reflow at
320 CSS px, visible focus, a working skip link, right-to-left layout, no request to another
site, and pages that work with JavaScript turned off.

Chromium is the machine's own (Debian's package), driven by Playwright; axe-core comes from
node_modules (pinned in package-lock.json) and is injected into each page.

What a page was found to have is kept in the build's cache, with the files it asked for: the
next check takes it from there, without a browser, while the page, each of those files, its
content file, the tools and the settings of the checks are the same (KeptResults). A large site
takes about half a second a page in the browser; after an edit, only the pages that changed
are checked again."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from ..cache import CHECK_RESULTS, BuildCache, digest
from ..render.security_policy import server_policy
from .findings import Finding, GateNote
from .kept_results import FileDigests, KeptResults, file_identity, inside, unchanged_note
from .site_files import BuiltSite
from .tools import Tool, package_version
from .validator import text_in

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Page, Request, Route

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
REFLOW_WIDTH = 320
# The server's policy, as a host that follows docs/security.md sends it; each page's own <meta>
# policy narrows it further, and the browser enforces both.
CONTENT_SECURITY_POLICY = server_policy()
MAX_FOCUS_REPORTS = 3

FOCUS_SCRIPT = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [tabindex]';
  const missing = [];
  for (const el of document.querySelectorAll(selector)) {
    if (el.tabIndex < 0 || el.disabled) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    if (!outline && style.boxShadow === 'none') missing.push(el.outerHTML.slice(0, 120));
  }
  return missing;
}"""

SKIP_LINK_SCRIPT = """() => {
  const el = document.activeElement;
  if (!el || el.tagName !== 'A') return null;
  const box = el.getBoundingClientRect();
  return {href: el.getAttribute('href'), visible: box.width > 0 && box.height > 0 &&
          box.top >= 0 && box.bottom <= innerHeight, text: el.textContent.trim()};
}"""

AFTER_SKIP_SCRIPT = """(id) => {
  const target = document.getElementById(id);
  return !!target && (document.activeElement === target || target.contains(document.activeElement));
}"""

DIRECTION_SCRIPT = """() => {
  const problems = [];
  for (const list of document.querySelectorAll('header nav ul, header nav ol')) {
    const items = [...list.children].filter(li => li.getBoundingClientRect().width > 0);
    if (items.length < 2) continue;
    const style = getComputedStyle(list);
    const box = list.getBoundingClientRect();
    const first = items[0].getBoundingClientRect();
    const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
    const edge = rtl ? box.right - parseFloat(style.paddingRight) - first.right
                     : first.left - box.left - parseFloat(style.paddingLeft);
    if (Math.abs(edge) > 2) problems.push(list.parentElement.getAttribute('aria-label') || 'nav');
  }
  return {dir: document.dir || document.documentElement.getAttribute('dir'),
          direction: getComputedStyle(document.documentElement).direction, problems};
}"""

NO_JS_SCRIPT = """(pageLang) => {
  const visible = el => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
  const main = document.querySelector('main');
  return {
    main: main ? main.innerText.trim().length : 0,
    navLinks: [...document.querySelectorAll('nav a')].filter(visible).length,
    otherLanguages: [...new Set([...document.querySelectorAll('a[lang]')].filter(visible)
      .map(a => a.getAttribute('lang')).filter(l => l !== pageLang))].length,
  };
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at the site's base path, without logging each request."""

    base_path = "/"
    policy: str | None = CONTENT_SECURITY_POLICY
    extra_files: dict[str, str] = {}  # URL path -> file, e.g. axe-core for the checks

    def end_headers(self) -> None:
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if path in self.extra_files:
            return self.extra_files[path]
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path):]
        return super().translate_path(path)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib's name
        pass


AXE_URL = "/__checks__/axe.min.js"


@contextmanager
def serve(out_dir: Path, base_path: str, extra_files: dict[str, str] | None = None,
          policy: str | None = CONTENT_SECURITY_POLICY) -> Iterator[str]:
    """Serve out_dir on a free loopback port, under the strict content security policy (or no
    policy header at all, for policy None); yields the origin, e.g. http://127.0.0.1:41234."""
    handler = type("Handler", (_QuietHandler,), {"base_path": base_path, "policy": policy,
                                                 "extra_files": extra_files or {}})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(out_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def check_in_browser(site: BuiltSite, directions: dict[str, str], languages: int,
                     chromium: Tool, axe: Tool,
                     on_page: Callable[[int, int], None] | None = None, jobs: int = 1,
                     cache: BuildCache | None = None, digests: FileDigests | None = None,
                     ) -> tuple[list[Finding], list[GateNote]]:
    """Run every browser gate on every page; directions maps a language code to ltr/rtl.
    Up to jobs browsers check pages at once (each takes the next page when it is free);
    on_page(done, total) is told of each page checked. The findings are in the pages' order,
    whichever browser checked each. With a cache, a page whose results an earlier check kept
    is not checked again (KeptResults; digests, of the files, as the check has read them)."""
    for tool, gate in ((chromium, "accessibility"), (axe, "accessibility")):
        if tool.path is None:
            notes = [GateNote(g, tool.missing_message, "warning")
                     for g in ("accessibility", "privacy", "no-js")]
            return [], notes
    pages = site.html_pages()
    urls = list(pages)
    keys = KeptResults(BROWSER_CHECKS, site, pages,
                       _settings(site, directions, languages, chromium, axe), digests)
    kept = keys.kept(cache) if cache is not None else {}
    found: list[list[Finding]] = [kept.get(url, ([], ""))[0] for url in urls]
    versions = [version for _, version in kept.values()][:1]
    work = _Pages([index for index, url in enumerate(urls) if url not in kept], urls, on_page)
    browsers = max(1, min(jobs, len(work.indexes) // PAGES_PER_BROWSER)) if work.indexes else 0
    requested: list[set[str]] = [set() for _ in urls]  # the site's files each page asked for
    if browsers:
        # axe-core is served from the same origin, so that the policy lets the checks run too
        with serve(site.out_dir, site.base_path, {AXE_URL: str(axe.path)},
                   server_policy(site.embed_hosts)) as origin, \
                ThreadPoolExecutor(browsers) as pool:
            running = [pool.submit(_browse, work, origin, site, directions, languages,
                                   chromium, found, versions, requested)
                       for _ in range(browsers)]
            try:
                for each in running:
                    each.result()  # a browser's failure, raised here
            except BaseException:  # Ctrl-C too: each browser ends with the page it is checking
                work.failed = True
                raise
    version = versions[0] if versions else "?"
    if cache is not None:
        keys.keep(cache, {urls[index]: (found[index], requested[index], version)
                          for index in work.indexes})
    notes = [GateNote("accessibility", f"axe-core {package_version('axe-core')} in Chromium "
                      f"{version}, rules {', '.join(AXE_TAGS)}.")]
    if kept:
        notes.append(unchanged_note("accessibility", len(kept), len(urls)))
    return [finding for page in found for finding in page], notes


BROWSER_CHECKS = CHECK_RESULTS + "browser"  # the cache's namespace of each page's results


def _settings(site: BuiltSite, directions: dict[str, str], languages: int, chromium: Tool,
              axe: Tool) -> str:
    """What every page's results depend on besides the page: the browser and axe-core (each
    by its file), the languages' directions and the site's settings the checks use. (The
    checks' own code is the generator's: a new version of it starts with an empty cache.)"""
    return digest(file_identity(chromium.path), file_identity(axe.path),
                  package_version("axe-core"),
                  sorted(directions.items()), languages, site.base_path,
                  sorted(site.embed_hosts), server_policy(site.embed_hosts), AXE_TAGS,
                  CHROMIUM_ARGS)


PAGES_PER_BROWSER = 15  # below this, starting another browser costs more than it saves


class _Pages:
    """The pages to check (by their index in urls), handed to the browsers one at a time
    (take), and each one checked counted (done); once a browser fails, or the check is
    stopped, no browser takes a page."""

    def __init__(self, indexes: list[int], urls: list[str],
                 on_page: Callable[[int, int], None] | None) -> None:
        self.indexes, self.urls, self._on_page = indexes, urls, on_page
        self._next = self._done = 0
        self._lock = threading.Lock()
        self.failed = False

    def take(self) -> int | None:
        with self._lock:
            if self.failed or self._next >= len(self.indexes):
                return None
            self._next += 1
            return self.indexes[self._next - 1]

    def done(self) -> None:
        with self._lock:
            self._done += 1
            if self._on_page is not None:
                self._on_page(self._done, len(self.indexes))


def _browse(work: _Pages, origin: str, site: BuiltSite, directions: dict[str, str],
            languages: int, chromium: Tool, found: list[list[Finding]], versions: list[str],
            requested: list[set[str]]) -> None:
    """One browser checking the pages work hands it, each page's findings into found and the
    site's files it asked for into requested. Each thread has a Playwright of its own: its API
    is not to be shared between threads."""
    from playwright.sync_api import sync_playwright  # heavy import, only when the gate runs

    # the page being checked
    current: dict[str, Any] = {"url": "", "findings": [], "requested": set()}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium.path),
                                                 args=CHROMIUM_ARGS)
            versions.append(browser.version)
            with_js = browser.new_context(viewport={"width": 1280, "height": 900})
            without_js = browser.new_context(java_script_enabled=False)
            for context in (with_js, without_js):
                context.route("**/*", functools.partial(_only_own_origin, origin, site, current))
            page, plain = with_js.new_page(), without_js.new_page()
            page.on("console", functools.partial(_csp_violation, current, site))
            while (index := work.take()) is not None:
                url = current["url"] = work.urls[index]
                current["findings"], current["requested"] = found[index], requested[index]
                address = origin + site.base_path + url.lstrip("/")
                _check_page(page, address, url, site, directions, origin + AXE_URL, found[index])
                _check_without_js(plain, address, url, languages, found[index])
                work.done()
            browser.close()
    except BaseException:
        work.failed = True
        raise


def _only_own_origin(origin: str, site: BuiltSite, current: dict[str, Any], route: Route,
                     request: Request) -> None:
    findings: list[Finding] = current["findings"]
    if request.url.startswith(origin + "/"):
        path = urlsplit(request.url).path
        # the file the server answers with (_QuietHandler.translate_path)
        relative = unquote(path.removeprefix(site.base_path) if path.startswith(site.base_path)
                           else path.lstrip("/"))
        if path != AXE_URL and inside(relative):
            current["requested"].add(relative + "index.html" if relative.endswith("/") or
                                     not relative else relative)
        route.continue_()
        return
    try:  # the page that asked, also for a request made by a frame inside it
        page_url = request.frame.page.url.removeprefix(origin)
    except Exception:  # noqa: BLE001 - a service worker's request has no frame
        page_url = "?"
    page_url = "/" + page_url[len(site.base_path):] if page_url.startswith(site.base_path) \
        else page_url
    src_path, line = site.source_of(page_url, request.url)
    if urlsplit(request.url).hostname in site.embed_hosts:
        # allowed in site_config.yaml: reported, as the trade-off it is, without failing
        findings.append(Finding("privacy", "notice", page_url,
                                f"The page asks another site for {request.url}, which "
                                "embed_hosts in site_config.yaml allows: that site learns who "
                                "reads this page.", src_path, line))
    else:
        findings.append(Finding("privacy", "error", page_url,
                                f"The page asks another site for {request.url}.", src_path,
                                line))
    route.abort()


def _csp_violation(current: dict[str, Any], site: BuiltSite, message: ConsoleMessage) -> None:
    findings: list[Finding] = current["findings"]
    if "Content Security Policy" in message.text:
        address = re.search(r"'(https?://[^']+)'", message.text)
        src_path, line = site.source_of(current["url"], address.group(1) if address else "")
        findings.append(Finding("privacy", "error", current["url"],
                                "The page breaks the content security policy "
                                f"({CONTENT_SECURITY_POLICY.split(';')[0]}): {message.text}",
                                src_path, line))


def _check_page(page: Page, address: str, url: str, site: BuiltSite, directions: dict[str, str],
                axe_url: str, findings: list[Finding]) -> None:
    def report(message: str, needle: str = "") -> None:
        src_path, line = site.source_of(url, needle)
        findings.append(Finding("accessibility", "error", url, message, src_path, line))

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(address, wait_until="load")
    page.add_script_tag(url=axe_url)
    # only the violations are read: the other results are not gathered (a fifth of the time)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", AXE_TAGS)
    for violation in result["violations"]:
        nodes = violation["nodes"]
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"], list)
                            else str(n["target"]) for n in nodes[:3])
        report(f"{violation['id']}: {violation['help']} ({len(nodes)} element(s): {targets})",
               text_in(nodes[0].get("html", "")) if nodes else "")
    _check_skip_link(page, report)
    missing = page.evaluate(FOCUS_SCRIPT)
    for html in missing[:MAX_FOCUS_REPORTS]:
        report(f"No visible focus indicator on {html}", text_in(html))
    lang = page.evaluate("() => document.documentElement.lang")
    expected = directions.get(lang)
    layout = page.evaluate(DIRECTION_SCRIPT)
    if expected and layout["direction"] != expected:
        report(f'The page is in {lang} but laid out {layout["direction"]}; expected {expected} '
               f'(dir="{layout["dir"]}").')
    for nav in layout["problems"]:
        side = "right" if layout["direction"] == "rtl" else "left"
        report(f'The navigation "{nav}" does not start at the {side} edge.')
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > REFLOW_WIDTH + 1:
        report(f"At {REFLOW_WIDTH} CSS px wide the page scrolls sideways: its content is "
               f"{width} px wide (WCAG 1.4.10 Reflow).")


def _check_skip_link(page: Page, report: Callable[[str], None]) -> None:
    has_nav_before_main = page.evaluate(
        "() => { const m = document.querySelector('main'); return !!m && "
        "[...document.querySelectorAll('nav')].some(n => n.compareDocumentPosition(m) & 4); }")
    page.keyboard.press("Tab")
    link = page.evaluate(SKIP_LINK_SCRIPT)
    if link is None or not (link["href"] or "").startswith("#") or len(link["href"]) < 2:
        if has_nav_before_main:
            report("The first Tab does not reach a skip link to the main content.")
        return
    if not link["visible"]:
        report(f'The skip link "{link["text"]}" stays hidden when it has focus.')
    page.keyboard.press("Enter")
    if not page.evaluate(AFTER_SKIP_SCRIPT, link["href"][1:]):
        report(f'The skip link "{link["text"]}" does not move focus to {link["href"]}.')


def _check_without_js(page: Page, address: str, url: str, languages: int,
                      findings: list[Finding]) -> None:
    page.goto(address, wait_until="load")
    lang = page.get_attribute("html", "lang") or ""
    state = page.evaluate(NO_JS_SCRIPT, lang)
    problems = []
    if state["main"] == 0:
        problems.append("shows no main content")
    if url != "/" and state["navLinks"] == 0:
        problems.append("shows no navigation")
    if languages > 1 and state["otherLanguages"] < languages - 1:
        problems.append(f"offers {state['otherLanguages']} of the {languages - 1} other "
                        "languages")
    for problem in problems:
        findings.append(Finding("no-js", "error", url,
                                f"With JavaScript turned off, the page {problem}."))
