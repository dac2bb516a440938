"""The live preview as a real subprocess on a free loopback port: pages, rebuild on save, the
error page and recovery, a reload in real Chromium, and a clean Ctrl-C. Then its safety, over raw
sockets (http.client refuses to send most bad requests): malformed and over-long addresses, HEAD,
path-only redirects, foreign Host and Origin headers (DNS rebinding), the published site's
headers, and never a 500 or a traceback."""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.render.security_policy import server_policy
from sitegen.commands import serve as serve_module
from sitegen.commands.serve import HostPolicy, snapshot, watch
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site, run_cli
from tests.tools import require_gate_tools

TIMEOUT = 10.0
# The published site's policy, plus the connection livereload needs (the same host and port).
PREVIEW_POLICY = server_policy()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8")
    finally:
        connection.close()


@dataclass
class Answer:
    status: int  # 0 when the server closed the connection without answering
    headers: dict[str, str]  # names in lower case
    body: bytes


def send_raw(port: int, request: bytes) -> Answer:
    """Send bytes as they are, and read the answer: up to its Content-Length (none for HEAD), the
    end of a websocket handshake, or the closing of the connection."""
    data = b""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        try:
            sock.sendall(request)
            while not _complete(data, request.startswith(b"HEAD ")):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        except (ConnectionResetError, BrokenPipeError):
            pass  # the server may close a connection before reading all of a huge request
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    if not lines[0]:
        return Answer(0, {}, b"")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return Answer(int(lines[0].split()[1]), {k.lower(): v for k, v in headers.items()}, body)


def _complete(data: bytes, head_request: bool) -> bool:
    head, found, body = data.partition(b"\r\n\r\n")
    if not found:
        return False
    if b" 101 " in head.split(b"\r\n")[0]:
        return True
    length = re.search(rb"(?im)^content-length: *(\d+)", head)
    return length is not None and (head_request or len(body) >= int(length[1]))


def request(port: int, target: bytes, method: bytes = b"GET", host: bytes | None = None,
            extra: bytes = b"") -> Answer:
    host = host if host is not None else f"127.0.0.1:{port}".encode()
    return send_raw(port, method + b" " + target + b" HTTP/1.1\r\nHost: " + host
                    + b"\r\nConnection: close\r\n" + extra + b"\r\n")


def handshake(port: int, host: str, origin: str | None, extra: str = "") -> int:
    """The status of a websocket handshake with livereload's socket (101 when accepted)."""
    lines = ["GET /livereload HTTP/1.1", f"Host: {host}", "Upgrade: websocket",
             "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
             "Sec-WebSocket-Version: 13", *([f"Origin: {origin}"] if origin else []),
             *([extra] if extra else [])]
    return send_raw(port, ("\r\n".join(lines) + "\r\n\r\n").encode()).status


def wait_for(condition: Callable[[], bool], what: str) -> float:
    start = time.monotonic()
    while time.monotonic() - start < TIMEOUT:
        try:
            if condition():
                return time.monotonic() - start
        except OSError:
            pass
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


class Preview:
    def __init__(self, site: Path, port: int, *extra: str,
                 preexec_fn: Callable[[], object] | None = None) -> None:
        self.site, self.port = site, port
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--site", str(site), "--port",
             str(port), "--now", TINY_NOW, *extra], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, preexec_fn=preexec_fn)
        wait_for(lambda: fetch(port, "/en/")[0] == 200, "the preview to start")

    def page(self, path: str) -> tuple[int, str]:
        return fetch(self.port, path)

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.site / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def stop(self) -> tuple[int, str]:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=TIMEOUT)
        return self.process.returncode, output


@pytest.fixture()
def preview(tmp_path: Path) -> Iterator[Preview]:
    running = Preview(copy_site(TINY, tmp_path / "site"), free_port())
    yield running
    running.stop()


def test_serves_pages_with_the_reload_script(preview: Preview) -> None:
    status, html = preview.page("/en/programs/soccer/")
    assert status == 200
    assert '<h1 data-pagefind-meta="title">Soccer nights</h1>' in html
    assert f'<script src="/livereload.js?port={preview.port}"></script></head>' in html
    assert preview.page("/livereload.js")[0] == 200
    assert (preview.site / "output/en/programs/soccer/index.html").is_file()


def test_a_saved_edit_shows_up_quickly(preview: Preview) -> None:
    preview.edit("content/programs/soccer.en.md", "Come to the park.", "Come to the big park.")
    seconds = wait_for(lambda: "Come to the big park." in preview.page("/en/programs/soccer/")[1],
                       "the edit to show")
    assert seconds < 2.0
    preview.edit("content/programs/soccer.en.md", "title: Soccer nights", "title: Soccer evenings")
    wait_for(lambda: "Soccer evenings" in preview.page("/en/programs/")[1], "the list to change")


def test_a_mistake_shows_the_error_page_until_it_is_fixed(preview: Preview) -> None:
    preview.edit("content/programs/soccer.en.md", "title: Soccer nights", "titel: Soccer nights")
    wait_for(lambda: preview.page("/en/programs/soccer/")[0] == 503, "the error page")
    status, html = preview.page("/fr/")
    assert status == 503  # not 500: the preview works, the content has a mistake
    head = request(preview.port, b"/fr/", b"HEAD")
    assert (head.status, head.body) == (503, b"")
    assert int(head.headers["content-length"]) == len(html.encode("utf-8"))
    assert "<h1>The site could not be rebuilt</h1>" in html
    assert "<strong>content/programs/soccer.en.md:2</strong>" in html
    assert "Unknown field &#34;titel&#34;. Did you mean &#34;title&#34;?" in html
    assert "/livereload.js?port=" in html
    [css] = (preview.site / "output/static/css").glob("site.*.css")
    assert preview.page(f"/static/css/{css.name}")[0] == 200
    assert f'href="/static/css/{css.name}"' in html
    preview.edit("content/programs/soccer.en.md", "titel: Soccer nights", "title: Soccer nights")
    wait_for(lambda: preview.page("/en/programs/soccer/")[0] == 200, "recovery")
    code, output = preview.stop()
    assert code == 0
    assert "error: content/programs/soccer.en.md:2: Unknown field \"titel\"." in output
    assert re.search(r"^Updated content/programs/soccer\.en\.md in \d+ ms\.$", output, re.M)
    assert output.rstrip().endswith("Stopped the preview.")


def test_the_open_page_reloads_itself_in_chromium(preview: Preview) -> None:
    require_gate_tools()
    from playwright.sync_api import sync_playwright

    from sitegen.quality.browser import CHROMIUM_ARGS
    from sitegen.quality.tools import chromium

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium().path),
                                             args=CHROMIUM_ARGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text)
                if message.type == "error" else None)
        page.goto(f"http://127.0.0.1:{preview.port}/en/programs/soccer/")
        page.wait_for_function("() => window.LiveReload !== undefined")
        time.sleep(0.3)  # let livereload.js finish its handshake
        preview.edit("content/programs/soccer.en.md", "Come to the park.", "Meet at the park.")
        page.wait_for_selector("text=Meet at the park.", timeout=TIMEOUT * 1000)
        browser.close()
    # The reload came through the websocket under the site's Content-Security-Policy.
    assert not [text for text in errors if "Content Security Policy" in text], errors


def test_quiet_preview_prints_only_its_address_and_problems(tmp_path: Path) -> None:
    preview = Preview(copy_site(TINY, tmp_path / "site"), free_port(), "--quiet")
    try:
        preview.edit("content/programs/soccer.en.md", "Come to the park.", "Come to the zoo.")
        wait_for(lambda: "Come to the zoo." in preview.page("/en/programs/soccer/")[1], "edit")
    finally:
        code, output = preview.stop()
    assert code == 0
    assert output.splitlines()[0].startswith(f"Previewing on http://127.0.0.1:{preview.port}/")
    assert "Built" not in output and "Updated" not in output


def test_ctrl_c_stops_a_preview_started_with_the_interrupt_ignored(tmp_path: Path) -> None:
    """A shell without job control starts a command run in the background with Ctrl-C
    ignored; the preview stops on it all the same."""
    preview = Preview(copy_site(TINY, tmp_path / "site"), free_port(),
                      preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
    try:
        code, output = preview.stop()
    finally:
        preview.process.kill()
    assert code == 0
    assert output.rstrip().endswith("Stopped the preview.")


def assert_no_fault(preview: Preview) -> None:
    """Stop the preview: it must have logged no traceback and no uncaught exception."""
    code, output = preview.stop()
    assert code == 0, output
    assert "Traceback" not in output and "Uncaught exception" not in output, output


def test_malformed_addresses_are_refused_with_400(preview: Preview) -> None:
    for target in (b"/en/\x00", b"/en/%00", b"/en/%00.html", b"/%zz", b"/en/%4", b"/en/%",
                   b"/%C0%AF", b"/en/%ff", b"/%ED%A0%80", b"/en\\programs", b"/en%5Cprograms",
                   b"/en/%01", b"/en/%7F", b"/en/%C2%85", b"/\x7f", b"/caf\xc3\xa9/", b"*",
                   b"en/", b"http://127.0.0.1/en/"):
        answer = request(preview.port, target)
        assert answer.status == 400, target
    answer = request(preview.port, b"/en/%00")
    assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    assert answer.body == b"This address is not valid: it holds a backslash or a control " \
                          b"character (such as %00), which no page address has.\n"
    assert request(preview.port, b"/%zz").body == b"This address is not valid: each % must be " \
                                                  b"followed by two hexadecimal digits, as in %20.\n"
    assert request(preview.port, b"/en/caf%C3%A9/").status == 404  # valid UTF-8, no such page
    assert_no_fault(preview)


def test_paths_outside_the_site_are_refused(preview: Preview) -> None:
    for path in ("/../site_config.yaml", "/en/../../content/programs/soccer.en.md",
                 "/%2e%2e/site_config.yaml", "/en/%2E%2E/%2e%2e/site_config.yaml"):
        assert preview.page(path)[0] == 403, path
    assert preview.page("/no/such/page/")[0] == 404
    assert preview.page("/" + "a" * 300)[0] == 404  # longer than a file name may be


def test_over_long_addresses_are_refused_with_414(preview: Preview) -> None:
    assert request(preview.port, b"/" + b"a" * 2047).status == 404  # 2,048 bytes: read
    answer = request(preview.port, b"/" + b"a" * 2048)
    assert answer.status == 414
    assert answer.body == b"This address is too long: the preview reads addresses of up to " \
                          b"2,048 characters.\n"
    assert request(preview.port, b"/en/?q=" + b"a" * 2048).status == 414  # the query counts
    # Past 64 KiB of request line tornado closes the connection without an answer (or, in another
    # version, answers 4xx): never a 500, and the preview keeps running.
    huge = request(preview.port, b"/" + b"a" * 100_000)
    assert huge.status == 0 or 400 <= huge.status < 500, huge.status
    assert preview.page("/en/")[0] == 200
    assert_no_fault(preview)


def test_head_sends_the_headers_of_get_without_a_body(preview: Preview) -> None:
    [css] = (preview.site / "output/static/css").glob("site.*.css")
    for target, status in (("/en/programs/soccer/", 200), (f"/static/css/{css.name}", 200),
                           ("/no/such/page/", 404), ("/livereload.js", 200), ("/en", 302)):
        get = request(preview.port, target.encode())
        head = request(preview.port, target.encode(), b"HEAD")
        assert (get.status, head.status, head.body) == (status, status, b""), target
        del get.headers["date"], head.headers["date"]
        assert head.headers == get.headers, target
        assert int(head.headers["content-length"]) == len(get.body), target


def test_redirects_are_paths_on_this_server(preview: Preview) -> None:
    for target, location in (("/en", "/en/"), ("//en", "/en/"), ("//en/", "/en/"),
                             ("///en/programs//soccer", "/en/programs/soccer/"),
                             ("//evil.example/", "/evil.example/"),
                             ("/%2F%2Fevil.example", "/evil.example"),
                             ("/%2F/evil.example/%2F", "/evil.example/"),
                             ("/en?q=%2F%2Fx", "/en/?q=%2F%2Fx"),
                             ("/en/programs%2Fsoccer", "/en/programs/soccer/")):
        answer = request(preview.port, target.encode())
        assert (answer.status, answer.headers["location"]) == (302, location), target
    for target in (b"//\\evil.example/", b"/%5C%5Cevil.example", b"/%5C/evil.example"):
        assert request(preview.port, target).status == 400, target
    assert_no_fault(preview)


def test_other_host_names_are_refused(preview: Preview) -> None:
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}"):
        assert request(port, b"/en/", host=host.encode()).status == 200, host
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", "127.0.0.1",
                 f"localhost.:{port}", f"127.0.0.1.evil.example:{port}"):
        for target in (b"/en/", b"/livereload.js", b"/no/such/page/", b"//en"):
            answer = request(port, target, host=host.encode())
            assert answer.status == 421, (host, target)
            assert answer.headers["content-type"] == "text/plain; charset=utf-8"
    answer = request(port, b"/en/", host=f"evil.example:{port}".encode())
    assert answer.body.decode() == (
        f"This preview answers only at 127.0.0.1:{port}, localhost:{port}, [::1]:{port}; this "
        f'request used "evil.example:{port}". Refusing other names keeps other websites from '
        "reaching it. To open it under another name, restart it with --allow-host NAME.\n")
    http10 = send_raw(port, b"GET /en/ HTTP/1.0\r\n\r\n")  # HTTP/1.0 may leave out the Host
    assert http10.status == 421
    two_hosts = request(port, b"/en/", extra=b"Host: evil.example\r\n")
    assert two_hosts.status == 400  # tornado refuses them before the preview sees the request


def test_uploads_are_refused(preview: Preview) -> None:
    small = request(preview.port, b"/en/", b"POST", extra=b"Content-Length: 3\r\n\r\nabc")
    assert small.status == 405
    large = request(preview.port, b"/en/", b"POST", extra=b"Content-Length: 1000000\r\n")
    assert large.status == 400  # more than MAX_BODY_BYTES: tornado does not read it
    assert_no_fault(preview)


def test_the_reload_socket_answers_only_the_preview_s_own_pages(preview: Preview) -> None:
    port = preview.port
    own = f"127.0.0.1:{port}"
    assert handshake(port, own, f"http://{own}") == 101
    assert handshake(port, f"localhost:{port}", f"http://localhost:{port}") == 101
    assert handshake(port, own, None) == 101  # not a browser: no page to protect
    assert handshake(port, own, "http://evil.example") == 403
    assert handshake(port, own, f"http://evil.example:{port}") == 403
    assert handshake(port, own, "null") == 403  # a file opened from the disk
    assert handshake(port, own, f"https://{own}") == 403
    assert handshake(port, own, "http://evil.example", "Sec-Fetch-Site: same-origin") == 403
    assert handshake(port, f"evil.example:{port}", f"http://evil.example:{port}") == 421
    assert handshake(port, f"evil.example:{port}", f"http://{own}") == 421
    assert_no_fault(preview)


def test_allow_host_adds_a_name(tmp_path: Path) -> None:
    preview = Preview(copy_site(TINY, tmp_path / "site"), free_port(), "--allow-host",
                      "preview.test")
    try:
        name = f"preview.test:{preview.port}"
        assert request(preview.port, b"/en/", host=name.encode()).status == 200
        assert handshake(preview.port, name, f"http://{name}") == 101
        assert request(preview.port, b"/en/", host=b"other.test").status == 421
    finally:
        assert_no_fault(preview)
    refused = run_cli("serve", "--allow-host", "http://preview.test/")
    assert refused.returncode == 2
    assert ('"http://preview.test/" is not a host name; write it like mylaptop.local or '
            "192.168.1.20, without http:// or a port") in refused.stderr


def test_host_policy_names() -> None:
    assert HostPolicy.for_address("127.0.0.1", 8000).hosts == (
        "127.0.0.1:8000", "localhost:8000", "[::1]:8000")
    assert HostPolicy.for_address("0.0.0.0", 8000, ["Laptop.local", "fe80::1"]).hosts == (
        "127.0.0.1:8000", "localhost:8000", "[::1]:8000", "laptop.local:8000", "[fe80::1]:8000")
    assert HostPolicy.for_address("192.168.1.5", 8000).hosts[-1] == "192.168.1.5:8000"
    assert HostPolicy.for_address("::", 8000).hosts == (  # every address: no name of its own
        "127.0.0.1:8000", "localhost:8000", "[::1]:8000")
    at_80 = HostPolicy.for_address("127.0.0.1", 80)
    assert at_80.allows_host("localhost") and at_80.allows_origin("http://localhost")
    assert not at_80.allows_origin("http://localhost.evil.example")


def test_pages_carry_the_published_site_s_headers(preview: Preview) -> None:
    [css] = (preview.site / "output/static/css").glob("site.*.css")
    for target, host in ((b"/en/", None), (f"/static/css/{css.name}".encode(), None),
                         (b"/no/such/page/", None), (b"/livereload.js", None), (b"/%00", None),
                         (b"/en/", b"evil.example")):
        headers = request(preview.port, target, host=host).headers
        assert headers["content-security-policy"] == PREVIEW_POLICY, target
        assert headers["x-content-type-options"] == "nosniff", target
        assert headers["referrer-policy"] == "no-referrer", target


def test_only_files_named_by_their_hash_are_kept_by_the_browser(preview: Preview) -> None:
    """A page is asked for again at every reload; a fingerprinted file is not, since a changed
    one gets a new name. A static file under its own name may change under that name."""
    [css] = (preview.site / "output/static/css").glob("site.*.css")
    plain = preview.site / "static/notes.txt"
    plain.parent.mkdir(exist_ok=True)
    plain.write_text("notes", encoding="utf-8")
    wait_for(lambda: fetch(preview.port, "/static/notes.txt")[0] == 200, "the new static file")

    def caching(target: str) -> str:
        return request(preview.port, target.encode()).headers["cache-control"]

    assert caching(f"/static/css/{css.name}") == "public, max-age=31536000, immutable"
    assert caching("/livereload.js") == "max-age=3600"
    for target in ("/en/", "/en/programs/soccer/", "/static/notes.txt", "/no/such/page/"):
        assert caching(target) == "no-store", target


def test_no_address_makes_the_preview_fail(preview: Preview) -> None:
    """Hundreds of random, odd addresses: each is served, redirected or refused, never a 500."""
    rng = random.Random(8)
    pieces = ["/", "//", "en", "..", ".", "%2e", "%2E%2e", "%2f", "%2F%2F", "%5c", "%00", "%",
              "%4", "%zz", "%C3%A9", "%C3", "%ff", "%E2%80%AE", "\\", "?", "?q=%00", "#", ";",
              "index.html", "static", "404.html", "livereload", "~", "'", '"', "<", ">"]
    statuses = set()
    for _ in range(300):
        target = "/" + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.2:
            target += "".join(chr(rng.randint(0x21, 0x7E)) for _ in range(rng.randint(1, 20)))
        method = rng.choice([b"GET", b"GET", b"HEAD"])
        answer = request(preview.port, target.encode("latin-1"), method)
        assert answer.status in (200, 302, 400, 403, 404, 414), (target, answer.status)
        statuses.add(answer.status)
    assert {200, 302, 400, 403, 404} <= statuses
    assert_no_fault(preview)


def test_listening_for_other_computers_prints_a_warning(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    # 192.0.2.1 is reserved for documentation: no computer has it, so the preview cannot start.
    result = run_cli("serve", "--site", str(site), "--host", "192.0.2.1", "--port",
                     str(free_port()), "--now", TINY_NOW, "--quiet")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Warning: listening on 192.0.2.1 makes the preview reachable by other computers on the "
        "network. It is meant for checking your own changes, not for publishing: use "
        "`build.py deploy` for that.")
    assert "Cannot listen on 192.0.2.1:" in result.stdout
    assert "Is this an address of this computer?" in result.stdout


def test_the_search_index_catches_up_once_the_writer_pauses(preview: Preview) -> None:
    def english_index() -> str:
        status, entry = preview.page("/pagefind/pagefind-entry.json")
        assert status == 200
        return str(json.loads(entry)["languages"]["en"]["hash"])

    before = english_index()
    preview.edit("content/programs/soccer.en.md", "Come to the park.", "Come to the pitch.")
    wait_for(lambda: "pitch" in preview.page("/en/programs/soccer/")[1], "the edit")
    # the page first reloads with the previous index, which is made again soon after
    wait_for(lambda: english_index() != before, "the English search index")


def test_a_file_written_in_steps_is_built_once_after_the_last(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The watcher waits until the files stop changing, then names every file that changed."""
    monkeypatch.setattr(serve_module, "SETTLE_SECONDS", 0.3)  # longer than between steps
    site = tmp_path / "site"
    (site / "content/programs").mkdir(parents=True)
    page = site / "content/programs/soccer.en.md"
    page.write_text("old", encoding="utf-8")
    seen: list[tuple[set[str], str]] = []
    stop = threading.Event()

    def changed(paths: set[str]) -> None:
        seen.append((paths, page.read_text(encoding="utf-8")))
        stop.set()

    watcher = threading.Thread(target=watch, args=(site, changed, stop, snapshot(site)),
                               daemon=True)
    watcher.start()
    for step in ("new, step 1", "new, step 1 and 2", "new, all of it"):  # over 0.4 s
        page.write_text(step, encoding="utf-8")
        time.sleep(0.2)
    (site / "site_config.yaml").write_text("title: x", encoding="utf-8")
    watcher.join(timeout=10)
    assert seen == [({"content/programs/soccer.en.md", "site_config.yaml"}, "new, all of it")]


def test_a_file_saved_before_the_watcher_first_runs_is_not_missed(tmp_path: Path) -> None:
    """The preview takes its first look before its first build: what is saved after that look,
    during the build or before the watcher's thread runs, is built again."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    page = site / "content/page.en.md"
    page.write_text("title: Soccer nights", encoding="utf-8")
    first_look = snapshot(site)
    page.write_text("titel: Soccer nights", encoding="utf-8")  # the same size
    os.utime(page, ns=(first_look["content/page.en.md"][0] + 1_000_000,) * 2)
    seen: list[set[str]] = []
    stop = threading.Event()

    def changed(paths: set[str]) -> None:
        seen.append(paths)
        stop.set()

    watcher = threading.Thread(target=watch, args=(site, changed, stop, first_look), daemon=True)
    watcher.start()
    watcher.join(timeout=10)
    assert seen == [{"content/page.en.md"}]


def test_the_watcher_sees_what_it_watches_and_nothing_else(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for relative in ("content/a/b.en.md", "templates/base.html", "translations/fr.po",
                     "static/css/site.css", "site_config.yaml", "output/index.html",
                     "notes.txt"):
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_text(relative, encoding="utf-8")
    (site / "content/link").symlink_to(site / "output")  # a linked folder is not walked
    assert sorted(snapshot(site)) == ["content/a/b.en.md", "site_config.yaml",
                                      "static/css/site.css", "templates/base.html",
                                      "translations/fr.po"]
