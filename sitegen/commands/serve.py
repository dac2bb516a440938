"""Live preview: build, serve on a loopback port, rebuild when a file changes, and reload the open
page through livereload's protocol. When the content has a mistake, every page shows the list of
problems instead, until the file is fixed.

The preview is safe by construction: it answers only to the names it was started with (which
defeats DNS rebinding), refuses malformed and over-long addresses with a 4xx status and a plain
sentence, redirects only to paths on itself, and sends the published site's security headers."""

from __future__ import annotations

import dataclasses
import errno
import ipaddress
import logging
import mimetypes
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote_to_bytes

import jinja2
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, ioloop, netutil, web

from ..errors import BuildFailed, ContentError
from ..pipeline import BuildOptions, BuildResult, build_site
from ..publish.assets import fingerprinted
from ..render.security_policy import KEEP_FOR_A_YEAR, server_headers

WATCHED = ("content", "templates", "translations", "static", "site_config.yaml")
POLL_SECONDS = 0.02  # how often the watched files are looked at (at the least)
SETTLE_SECONDS = 0.02  # how long the files must stay as they are after a change, to build
SETTLE_ROUNDS = 25  # how many times at most
INDEX_DELAY_SECONDS = 1.0  # the search index is made again after this long without a save
ERROR_TEMPLATE = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent)), autoescape=True,
    undefined=jinja2.StrictUndefined).get_template("preview_error.html")
# The longest request target (path and query) the preview reads: the site's own addresses are far
# shorter, and 2,048 is where old browsers stopped. Past tornado's max_header_size (64 KiB for the
# request line and headers together) tornado closes the connection without reading further.
MAX_TARGET_BYTES = 2048
MAX_BODY_BYTES = 64 * 1024  # the preview takes no uploads; tornado answers 400 to larger bodies


def preview_headers(state: PreviewState | None) -> dict[str, str]:
    """The published site's headers (sitegen.security_policy), so that the preview breaks what
    production breaks; default-src 'self' also covers livereload's ws:// socket to the same host
    and port. Strict-Transport-Security is left out: the preview speaks plain HTTP."""
    hosts = state.result.config.embed_hosts if state is not None and state.result else ()
    headers = {name: value for name, value in server_headers(hosts).items()
               if name != "Strict-Transport-Security"}
    return {**headers, "Cache-Control": "no-store"}


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")  # a % not followed by two hexadecimal digits
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]*")
_CONTROL_OR_BACKSLASH = re.compile(r"[\x00-\x1f\x7f-\x9f\\]")
_REPEATED_SLASHES = re.compile(r"/{2,}")


class PreviewState:
    """What the server shows: the built site, or the problems of the last build."""

    def __init__(self) -> None:
        self.problems: list[ContentError] = []
        self.result: BuildResult | None = None
        self.lock = threading.Lock()  # held while output/ is swapped and while a file is read


def snapshot(site_dir: Path) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every watched file. (os.scandir: it runs every few
    hundredths of a second, over thousands of files on a large site.)"""
    found: dict[str, tuple[int, int]] = {}
    for name in WATCHED:
        root = os.path.join(site_dir, name)
        if os.path.isfile(root):
            _note(found, name, root)
            continue
        folders = [(root, name)]
        while folders:
            folder, shown = folders.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, f"{shown}/{entry.name}"))
                    elif entry.is_file():
                        _note(found, f"{shown}/{entry.name}", entry.path)
                except OSError:
                    continue
    return found


def _note(found: dict[str, tuple[int, int]], shown: str, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return
    found[shown] = (stat.st_mtime_ns, stat.st_size)


class Rebuilder:
    """Builds once, then again for each change. Every build is the one build (build_site), whose
    cache makes a rebuild after an edit redo only what the edit affects. When an edit changes
    what search finds, the page reloads first, with the previous search index, and the index
    is rebuilt once the writer pauses (INDEX_DELAY_SECONDS)."""

    def __init__(self, options: BuildOptions, state: PreviewState,
                 say: Callable[[str], None], quiet: bool = False) -> None:
        self.options, self.state, self.say, self.quiet = options, state, say, quiet
        self._building = threading.Lock()  # one build at a time: an edit's, or the index's
        self._index_timer: threading.Timer | None = None

    def build(self, changed: set[str] | None = None,
              reload: Callable[[], None] | None = None) -> None:
        with self._building:
            self._build(changed, reload)

    def stop(self) -> None:
        if self._index_timer is not None:
            self._index_timer.cancel()

    def _index_later(self) -> None:
        """Build the search index again once the writer pauses: saves in quick succession
        each reload at once, and the index is made once, after the last."""
        self.stop()
        self._index_timer = threading.Timer(INDEX_DELAY_SECONDS, self._index_now)
        self._index_timer.daemon = True
        self._index_timer.start()

    def _index_now(self) -> None:
        with self._building:
            try:
                build_site(self.options)  # only the search index is left to redo
            except BuildFailed:
                pass  # the files changed again meanwhile: the next build reports it

    def _build(self, changed: set[str] | None, reload: Callable[[], None] | None) -> None:
        start = time.perf_counter()
        first = self.state.result is None
        try:
            result = build_site(dataclasses.replace(self.options, stale_search_ok=not first))
        except BuildFailed as failure:
            self.state.problems = failure.errors
            count = len(failure.errors)
            closing = ("The preview shows this problem until it is fixed." if count == 1 else
                       f"The preview shows these {count} problems until they are fixed.")
            self.say("\n".join(f"error: {problem}" for problem in failure.errors) + "\n" + closing)
            if reload is not None:
                reload()
            return
        self.state.problems, self.state.result = [], result
        if not self.quiet:
            what = ", ".join(sorted(changed)) if changed else "the site"
            self.say(f"{'Built' if first else 'Updated'} {what} in "
                     f"{(time.perf_counter() - start) * 1000:.0f} ms.")
        if reload is not None:
            reload()
        if result.search_stale:
            self._index_later()


def watch(site_dir: Path, on_change: Callable[[set[str]], None], stop: threading.Event,
          before: dict[str, tuple[int, int]] | None = None) -> None:
    """Poll the watched files; call on_change with the paths that changed (after they settle)
    since the first look, before (taken now when not given). On a site so large that one look
    takes long, it waits longer between looks, so that looking takes at most a third of the
    time."""
    if before is None:
        before = snapshot(site_dir)
    pause = POLL_SECONDS
    while not stop.wait(pause):
        start = time.perf_counter()
        now = snapshot(site_dir)
        pause = max(POLL_SECONDS, 2 * (time.perf_counter() - start))
        if now == before:
            continue
        # an editor may write a file in several steps: wait until they stop (a file that
        # never stops changing is built after a while all the same)
        for _ in range(SETTLE_ROUNDS):
            time.sleep(SETTLE_SECONDS)
            settled = snapshot(site_dir)
            if settled == now:
                break
            now = settled
        changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
        before = now
        on_change(changed)


class Refused(Exception):
    """A request the preview will not serve: its status, and a sentence saying why."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def read_target(target: str) -> tuple[str, str]:
    """The decoded path and the raw query of a request target, or Refused saying what is wrong.

    Tornado has already answered 400 to spaces and raw control characters in the request line,
    and decoded it as Latin-1, so one character here is one byte on the wire."""
    if len(target) > MAX_TARGET_BYTES:
        raise Refused(414, f"This address is too long: the preview reads addresses of up to "
                           f"{MAX_TARGET_BYTES:,} characters.")
    raw_path, _, query = target.partition("?")
    if not raw_path.startswith("/") or not _PRINTABLE_ASCII.fullmatch(target):
        raise Refused(400, "This address is not valid: it must start with / and hold only "
                           "letters, digits and punctuation, other characters written as %-codes.")
    if _BAD_PERCENT.search(raw_path):
        raise Refused(400, "This address is not valid: each % must be followed by two "
                           "hexadecimal digits, as in %20.")
    try:
        path = unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "This address is not valid: its %-codes do not spell UTF-8 "
                           "text.") from None
    if _CONTROL_OR_BACKSLASH.search(path):
        raise Refused(400, "This address is not valid: it holds a backslash or a control "
                           "character (such as %00), which no page address has.")
    if ".." in path.split("/"):
        raise Refused(403, "This address points outside the site, so the preview does not "
                           "show it.")
    return path, query


def is_loopback(host: str) -> bool:
    """Whether an address to listen on is reachable from this computer only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def listens_everywhere(host: str) -> bool:
    """Whether an address to listen on means every address of this computer (0.0.0.0, ::)."""
    try:
        return not host or ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _authority(name: str, port: int) -> str:
    """host:port as a browser writes it in the Host header, IPv6 addresses in brackets."""
    name = name.lower()
    return f"[{name}]:{port}" if ":" in name and not name.startswith("[") else f"{name}:{port}"


@dataclass(frozen=True)
class HostPolicy:
    """The names the preview answers to, as Host headers: a page that another website's name
    points at this computer (DNS rebinding) carries that website's name, and is refused."""

    port: int
    hosts: tuple[str, ...]  # e.g. ("127.0.0.1:8000", "localhost:8000", "[::1]:8000")

    @classmethod
    def for_address(cls, address: str, port: int, extra_names: Iterable[str] = ()) -> HostPolicy:
        """The loopback names, the address listened on (unless it is every address) and the
        names given with --allow-host."""
        names = [*LOOPBACK_NAMES, *([] if listens_everywhere(address) else [address])]
        hosts = [_authority(name, port) for name in [*names, *extra_names]]
        if port == 80:  # browsers leave out the default port
            hosts += [host.rsplit(":", 1)[0] for host in hosts]
        return cls(port, tuple(dict.fromkeys(hosts)))

    def allows_host(self, host: str | None) -> bool:
        return host is not None and host.lower() in self.hosts

    def allows_origin(self, origin: str) -> bool:
        return origin.lower() in (f"http://{host}" for host in self.hosts)

    def refusal(self, host: str | None) -> str:
        shown = f'"{host}"' if host else "no name"
        return (f"This preview answers only at {', '.join(self.hosts)}; this request used "
                f"{shown}. Refusing other names keeps other websites from reaching it. To open "
                f"it under another name, restart it with --allow-host NAME.")


class GuardedHandler(web.RequestHandler):
    """Checks the Host and the address before any answer, sends the published site's headers,
    and explains every refusal in a sentence of plain text."""

    target_path = "/"  # the decoded path, once prepare() has checked it
    target_query = ""

    @property
    def policy(self) -> HostPolicy:
        policy: HostPolicy = self.settings["host_policy"]
        return policy

    def set_default_headers(self) -> None:
        for name, value in preview_headers(self.settings.get("preview_state")).items():
            self.set_header(name, value)

    def prepare(self) -> None:
        try:
            self.check_request()
        except Refused as refused:
            self.refuse(refused.status, str(refused))

    def check_request(self) -> None:
        host = self.request.headers.get("Host")
        if not self.policy.allows_host(host):
            raise Refused(421, self.policy.refusal(host))
        self.target_path, self.target_query = read_target(self.request.uri or "")

    def refuse(self, status: int, message: str) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(message + "\n")

    def write_error(self, status_code: int, **kwargs: object) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code} {self._reason}\n")


class ReloadSocket(GuardedHandler, LiveReloadHandler):
    """livereload's socket, for the pages of this preview only."""

    def check_request(self) -> None:
        super().check_request()
        # Checked here as well as in check_origin, which tornado skips when Sec-Fetch-Site says
        # same-origin: the preview's own pages are the only origins it talks to.
        origin = self.request.headers.get("Origin")
        if origin is not None and not self.policy.allows_origin(origin):
            raise Refused(403, f"The preview's reload socket is for its own pages only, not for "
                               f'"{origin}".')

    def check_origin(self, origin: str) -> bool:
        return self.policy.allows_origin(origin)


class ReloadScript(GuardedHandler, LiveReloadJSHandler):
    """livereload.js, for the pages of this preview only."""

    def set_default_headers(self) -> None:
        super().set_default_headers()
        # the same file as long as the preview runs: a reload need not fetch it again
        self.set_header("Cache-Control", "max-age=3600")

    def head(self) -> None:
        self.get()  # tornado sends GET's headers and Content-Length, and leaves out the body


class PreviewHandler(GuardedHandler):
    """Serves output/ (or the problems page), with the livereload script in every HTML page."""

    def initialize(self, out_dir: Path, state: PreviewState) -> None:
        self.out_dir, self.state = out_dir.resolve(), state

    def head(self) -> None:
        self.get()  # tornado sends GET's headers and Content-Length, and leaves out the body

    def get(self) -> None:
        # Repeated slashes are collapsed by a redirect: a browser reads //en as the host "en".
        path = _REPEATED_SLASHES.sub("/", self.target_path)
        if self.state.problems and (path.endswith("/") or path.endswith(".html")):
            self._send_problems()
            return
        with self.state.lock:
            try:
                target = self.out_dir.joinpath(*[part for part in path.split("/") if part])
                if target.is_dir() and not path.endswith("/"):
                    path += "/"
                if path != self.target_path:
                    self._redirect_to(path)
                    return
                if target.is_dir():
                    target = target / "index.html"
                inside = target.resolve().is_relative_to(self.out_dir)
                content = target.read_bytes() if inside and target.is_file() else None
            except (OSError, RuntimeError):  # a name too long for the disk, a symlink loop...
                content = None
            if content is None:
                self._send_not_found()
                return
        if target.suffix == ".html":
            self._send_html(content)
            return
        self.set_header("Content-Type", mimetypes.guess_type(target.name)[0]
                        or "application/octet-stream")
        if self._is_fingerprinted(path):
            # a changed file gets a new name: the browser need not ask again at each reload
            self.set_header("Cache-Control", KEEP_FOR_A_YEAR)
        self.finish(content)

    def _is_fingerprinted(self, path: str) -> bool:
        """Whether path is a static file published under a name that carries its hash."""
        return self.state.result is not None and path in fingerprinted(self.state.result.assets)

    def _send_problems(self) -> None:
        # 503, "not available for now": the page comes back once the file is fixed. A 500 would
        # mean that the preview itself failed, and it never answers that on purpose.
        self.set_status(503)
        styles = sorted(self.out_dir.glob("static/css/site*.css"))
        css = "/" + styles[0].relative_to(self.out_dir).as_posix() if styles else ""
        html = ERROR_TEMPLATE.render(problems=self.state.problems, css=css)
        self._send_html(html.encode("utf-8"))

    def _redirect_to(self, path: str) -> None:
        # Only ever a path on this server: path starts with one "/" and holds no "//", and every
        # other special character is %-encoded, so no browser can read it as another host.
        query = self.target_query
        self.redirect(quote(path, safe="/") + (f"?{query}" if query else ""))

    def _send_not_found(self) -> None:
        self.set_status(404)
        missing = self.out_dir / "404.html"
        try:
            body = missing.read_bytes()
        except OSError:
            body = b"<!DOCTYPE html><title>Not found</title><h1>Not found</h1>"
        self._send_html(body)

    def _send_html(self, html: bytes) -> None:
        script = f'<script src="/livereload.js?port={self.policy.port}"></script></head>'
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(html.replace(b"</head>", script.encode("ascii"), 1))


def serve(options: BuildOptions, host: str, port: int, say: Callable[[str], None],
          quiet: bool = False, allow_hosts: Iterable[str] = (),
          routes: Iterable[tuple[Any, ...]] = (),
          on_save: Callable[[set[str]], None] | None = None) -> int:
    """Run the preview until Ctrl-C (with quiet, print only its address and problems);
    on_save sees the files that changed before the site is built again.

    It answers to the loopback names, to host unless that means every address, and to
    allow_hosts: other names are refused (see HostPolicy)."""
    if threading.current_thread() is threading.main_thread():
        # Ctrl-C stops the preview even when it was started with the interrupt ignored (as a
        # shell without job control starts a command run in the background)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    state = PreviewState()
    options = BuildOptions(**{**options.__dict__, "swap_lock": state.lock, "remember": False})
    rebuilder = Rebuilder(options, state, say, quiet)
    # the first look comes before the first build: a file saved while the site is built, or
    # before the watcher's thread first runs, is then built again, never missed
    first_look = snapshot(options.site_dir)
    rebuilder.build()
    loop = ioloop.IOLoop.current()
    logging.getLogger("tornado.access").disabled = True  # the terminal is for the writer
    LiveReloadHandler.watcher = Watcher()  # livereload logs its fields when it reloads
    LiveReloadHandler.live_css = False
    sockets = _bind(host, port, say)
    if sockets is None:
        return 1
    port = sockets[0].getsockname()[1]  # the one chosen by the system for --port 0
    app = web.Application(
        [(r"/livereload", ReloadSocket), (r"/livereload\.js", ReloadScript), *routes],
        default_handler_class=PreviewHandler,
        default_handler_args={"out_dir": Path(options.out_dir), "state": state},
        host_policy=HostPolicy.for_address(host, port, allow_hosts), preview_state=state)
    server = httpserver.HTTPServer(app, max_body_size=MAX_BODY_BYTES)
    server.add_sockets(sockets)
    stop = threading.Event()

    def changed(paths: set[str]) -> None:
        if on_save is not None:
            on_save(paths)
        rebuilder.build(paths, reload=lambda: loop.add_callback(
            LiveReloadHandler.reload_waiters, "*"))

    watcher = threading.Thread(target=watch, args=(options.site_dir, changed, stop, first_look),
                               daemon=True)
    watcher.start()
    shown = _authority("localhost" if listens_everywhere(host) else host, port)
    say(f"Previewing on http://{shown}/ (Ctrl-C to stop). Watching " + ", ".join(WATCHED) + ".")
    stops_on_ctrl_c = _stop_on_ctrl_c(loop)
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        if stops_on_ctrl_c:
            loop.asyncio_loop.remove_signal_handler(signal.SIGINT)  # type: ignore[attr-defined]
        stop.set()
        rebuilder.stop()
        server.stop()
    say("Stopped the preview.")
    return 0


def _stop_on_ctrl_c(loop: ioloop.IOLoop) -> bool:
    """Have Ctrl-C stop the loop, rather than raise KeyboardInterrupt wherever the main thread
    is: raised in a weak reference's callback or a finaliser, where Python ignores exceptions,
    it would be lost, and the preview would not stop. False where a signal cannot be handled
    so (not the main thread, or not Unix): Ctrl-C then raises KeyboardInterrupt as before."""
    if threading.current_thread() is not threading.main_thread():
        return False
    try:
        loop.asyncio_loop.add_signal_handler(signal.SIGINT, loop.stop)  # type: ignore[attr-defined]
    except (AttributeError, NotImplementedError, RuntimeError, ValueError):
        return False
    return True


def _bind(host: str, port: int, say: Callable[[str], None]) -> list[socket.socket] | None:
    """The listening sockets (two for localhost: IPv4 and IPv6), or None after saying why not."""
    try:
        return netutil.bind_sockets(port, address=host)
    except OSError as exc:
        say(f"Cannot listen on {host}:{port} ({exc.strerror}). " + (
            "Is this an address of this computer? Leave out --host to use 127.0.0.1."
            if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL else
            f"Is another preview running? Choose another port with --port {port + 1}."))
        return None
