"""Live preview: build, serve on a loopback port, rebuild when a file changes, and reload the open
page through livereload's protocol. When the content has a mistake, every page shows the list of
problems instead, until the file is fixed."""

from __future__ import annotations

import logging
import mimetypes
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import jinja2
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import ioloop, web

from .errors import BuildFailed, ContentError
from .incremental import rebuild_changed
from .pipeline import BuildOptions, BuildResult, build_site

WATCHED = ("content", "templates", "translations", "static", "site_config.yaml")
POLL_SECONDS = 0.05
ERROR_TEMPLATE = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(Path(__file__).parent)), autoescape=True,
    undefined=jinja2.StrictUndefined).get_template("preview_error.html")


class PreviewState:
    """What the server shows: the built site, or the problems of the last build."""

    def __init__(self) -> None:
        self.problems: list[ContentError] = []
        self.result: BuildResult | None = None
        self.lock = threading.Lock()  # held while output/ is swapped and while a file is read


def snapshot(site_dir: Path) -> dict[str, tuple[int, int]]:
    """path -> (modification time, size) of every watched file."""
    found = {}
    for name in WATCHED:
        root = site_dir / name
        paths = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for path in paths:
            try:
                stat = path.stat()
            except FileNotFoundError:
                continue
            found[path.relative_to(site_dir).as_posix()] = (stat.st_mtime_ns, stat.st_size)
    return found


class Rebuilder:
    """Builds once, then again for each change: incrementally when it can."""

    def __init__(self, options: BuildOptions, state: PreviewState,
                 say: Callable[[str], None], quiet: bool = False) -> None:
        self.options, self.state, self.say, self.quiet = options, state, say, quiet

    def build(self, changed: set[str] | None = None) -> None:
        start = time.perf_counter()
        previous = self.state.result
        try:
            result = None
            if changed and previous is not None and not self.state.problems:
                result = rebuild_changed(previous, self.options, changed)
            kind = "Updated" if result is not None else "Built"
            if result is None:
                result = build_site(self.options)
        except BuildFailed as failure:
            self.state.problems = failure.errors
            count = len(failure.errors)
            closing = ("The preview shows this problem until it is fixed." if count == 1 else
                       f"The preview shows these {count} problems until they are fixed.")
            self.say("\n".join(f"error: {problem}" for problem in failure.errors) + "\n" + closing)
            return
        self.state.problems, self.state.result = [], result
        if not self.quiet:
            what = ", ".join(sorted(changed)) if changed else "the site"
            self.say(f"{kind} {what} in {(time.perf_counter() - start) * 1000:.0f} ms.")


def watch(site_dir: Path, on_change: Callable[[set[str]], None], stop: threading.Event) -> None:
    """Poll the watched files; call on_change with the paths that changed (after they settle)."""
    before = snapshot(site_dir)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(site_dir)
        if now == before:
            continue
        time.sleep(POLL_SECONDS)  # an editor may write a file in several steps
        now = snapshot(site_dir)
        changed = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
        before = now
        on_change(changed)


class PreviewHandler(web.RequestHandler):
    """Serves output/ (or the problems page), with the livereload script in every HTML page."""

    def initialize(self, out_dir: Path, state: PreviewState) -> None:
        self.out_dir, self.state = out_dir.resolve(), state

    def get(self) -> None:
        raw = self.request.path
        parts = unquote(raw).split("/")
        if ".." in parts or "\\" in raw:
            self.send_error(403)
            return
        wants_page = raw.endswith("/") or raw.endswith(".html")
        if self.state.problems and wants_page:
            self.set_status(500)
            styles = sorted(self.out_dir.glob("static/css/site*.css"))
            css = "/" + styles[0].relative_to(self.out_dir).as_posix() if styles else ""
            self._send_html(ERROR_TEMPLATE.render(problems=self.state.problems, css=css))
            return
        with self.state.lock:
            target = self.out_dir.joinpath(*[part for part in parts if part])
            if target.is_dir():
                if not raw.endswith("/"):
                    self.redirect(raw + "/")
                    return
                target = target / "index.html"
            if not target.resolve().is_relative_to(self.out_dir) or not target.is_file():
                self.set_status(404)
                missing = self.out_dir / "404.html"
                body = missing.read_bytes() if missing.is_file() else b"<!DOCTYPE html><title>" \
                    b"Not found</title><h1>Not found</h1>"
                self._send_html(body.decode("utf-8"))
                return
            content = target.read_bytes()
        if target.suffix == ".html":
            self._send_html(content.decode("utf-8"))
        else:
            self.set_header("Content-Type", mimetypes.guess_type(target.name)[0]
                            or "application/octet-stream")
            self.set_header("Cache-Control", "no-store")
            self.finish(content)

    def _send_html(self, html: str) -> None:
        script = '<script src="/livereload.js?port={}"></script>'.format(
            self.request.host.rsplit(":", 1)[-1])
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(html.replace("</head>", script + "</head>", 1))


def serve(options: BuildOptions, host: str, port: int, say: Callable[[str], None],
          quiet: bool = False) -> int:
    """Run the preview until Ctrl-C (with quiet, print only its address and problems)."""
    state = PreviewState()
    options = BuildOptions(**{**options.__dict__, "swap_lock": state.lock})
    rebuilder = Rebuilder(options, state, say, quiet)
    rebuilder.build()
    loop = ioloop.IOLoop.current()
    logging.getLogger("tornado.access").disabled = True  # the terminal is for the writer
    LiveReloadHandler.watcher = Watcher()  # livereload logs its fields when it reloads
    LiveReloadHandler.live_css = False
    app = web.Application([
        (r"/livereload", LiveReloadHandler),
        (r"/livereload\.js", LiveReloadJSHandler),
        (r"/.*", PreviewHandler, {"out_dir": Path(options.out_dir), "state": state}),
    ])
    try:
        server = app.listen(port, address=host)
    except OSError as exc:
        say(f"Cannot listen on {host}:{port} ({exc.strerror}). Is another preview running? "
            f"Choose another port with --port {port + 1}.")
        return 1
    stop = threading.Event()

    def changed(paths: set[str]) -> None:
        rebuilder.build(paths)
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    watcher = threading.Thread(target=watch, args=(options.site_dir, changed, stop), daemon=True)
    watcher.start()
    say(f"Previewing on http://{host}:{port}/ (Ctrl-C to stop). Watching "
        + ", ".join(WATCHED) + ".")
    try:
        loop.start()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stop()
    say("Stopped the preview.")
    return 0
