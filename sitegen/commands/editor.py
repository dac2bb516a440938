"""The browser editor in the preview (`build.py serve --edit`): Decap CMS at /admin/, served
from the project's own npm packages (never a CDN), its configuration made from the site's
collections (sitegen.render.cms_config), and decap-server, which writes the files the editor
saves into this site folder, where the preview sees them and rebuilds. What it saves with the
"Translation checked" tick is recorded at once (record_checked).

The built site holds /admin/ only when site_config.yaml publishes the editor
(sitegen.render.editor_files).

Decap CMS rather than Sveltia CMS (lighter: 33 npm packages against 730): Sveltia ignores
`local_backend` and edits local files only through the browser's File System Access API (a
folder picked by hand, in Chromium-based browsers), while Decap saves through decap-server in
any browser, which also lets the tests drive the editor end to end."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tornado import web

from ..errors import BuildFailed, Report
from ..quality.tools import TOOLS_DIR
from ..render.cms_config import cms_config, read_known
from ..render.editor_files import (EDITOR_DIST, EDITOR_SCRIPT_RE, SITE_STYLESHEET, editor_page,
                                   editor_policy, preview_script)
from ..source.collection_kinds import CHECKED_FIELD
from ..source.config import load_config
from ..source.reader import read_sources
from .serve import GuardedHandler
from .translation_commands import mark_checked

LOCAL_SERVER = TOOLS_DIR / "node_modules" / "decap-server" / "dist" / "index.js"
CHECKED_LINE = re.compile(rf"^{CHECKED_FIELD}: *true *$", re.MULTILINE)


class EditorUnavailable(Exception):
    """What is missing for the editor, in a sentence for people."""


class Editor:
    """decap-server for one site folder, and what the preview serves at /admin/."""

    def __init__(self, site_dir: Path, port: int) -> None:
        self.site_dir = site_dir.resolve()
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def saves_to(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v1"

    def start(self) -> None:
        node = shutil.which("node")
        if node is None or not LOCAL_SERVER.is_file() or \
                not (EDITOR_DIST / "decap-cms.js").is_file():
            raise EditorUnavailable(
                "The browser editor needs Node.js and the project's npm packages: run "
                "`npm ci --ignore-scripts` in the project folder, then try again.")
        environment = {**os.environ, "PORT": str(self.port), "BIND_HOST": "127.0.0.1",
                       "GIT_REPO_DIRECTORY": str(self.site_dir), "MODE": "fs",
                       "LOG_LEVEL": "warn"}
        self.process = subprocess.Popen([node, str(LOCAL_SERVER)], env=environment,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                problem = (self.process.stderr.read() if self.process.stderr else b"").decode()
                raise EditorUnavailable(f"The editor's file server stopped: {problem.strip()} "
                                        f"(is port {self.port} taken? Use --edit-port).")
            if self._answers():
                return
            time.sleep(0.1)
        self.stop()
        raise EditorUnavailable(f"The editor's file server did not start on port {self.port}.")

    def _answers(self) -> bool:
        request = urllib.request.Request(self.api_url, data=b'{"action":"info","params":{}}',
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=1) as response:  # noqa: S310 - loopback
                return bool(response.status == 200)
        except (urllib.error.URLError, OSError):
            return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def page(self) -> str:
        return editor_page(load_config(self.site_dir), editor_policy(self.saves_to))

    def config_yaml(self) -> str:
        import yaml

        settings = cms_config(read_known(self.site_dir, load_config(self.site_dir)))
        settings["publish_mode"] = "simple"  # the local file server saves at once
        settings["local_backend"] = {"url": self.api_url}
        return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=100)

    def record_checked(self, changed: set[str]) -> None:
        """Record the translations just saved with the editor's "Translation checked" tick as
        up to date with their original (as `translations mark --checked` does): the
        translator needs no command. One that differs from its original keeps its tick, and
        the problem is printed."""
        ticked = [path for path in changed if path.endswith(".md")
                  and CHECKED_LINE.search(_read(self.site_dir / path))]
        if not ticked:
            return
        try:
            config = load_config(self.site_dir)
        except BuildFailed:
            return  # the build that follows reports it
        report = Report()
        sources, _unreadable = read_sources(self.site_dir, config, report)
        lines = mark_checked(self.site_dir, sources, config, report)
        print("\n".join(lines + [f"error: {problem}" for problem in report.errors]),
              flush=True)

    def content_security_policy(self) -> str:
        """The editor's own policy, saving to the local file server."""
        return editor_policy(self.saves_to) + "; frame-ancestors 'none'"


class EditorHandler(GuardedHandler):
    """/admin/: the editor's page, its configuration and its scripts, under its own policy."""

    def initialize(self, editor: Editor) -> None:
        self.editor = editor
        # after the published site's headers (set_default_headers, which runs first)
        self.set_header("Content-Security-Policy", editor.content_security_policy())

    def get(self, name: str) -> None:
        if name in ("", "index.html"):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.finish(self.editor.page())
        elif name == "site-preview.js":
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.finish(preview_script(published_stylesheet(self.settings.get("preview_state"))))
        elif name == "config.yml":
            self.set_header("Content-Type", "text/yaml; charset=utf-8")
            self.finish(self.editor.config_yaml())
        elif EDITOR_SCRIPT_RE.match(name) and (EDITOR_DIST / name).is_file():
            self.set_header("Content-Type", "text/javascript; charset=utf-8")
            self.finish((EDITOR_DIST / name).read_bytes())
        else:
            self.set_status(404)
            self.finish("Not found\n")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def published_stylesheet(state: Any) -> str:
    """The name the site's stylesheet is published under, from the preview's last build."""
    assets = state.result.assets if state is not None and state.result is not None else {}
    return str(assets.get(SITE_STYLESHEET, SITE_STYLESHEET))


def editor_routes(editor: Editor) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]:
    return [(r"/admin", web.RedirectHandler, {"url": "/admin/"}),
            (r"/admin/(.*)", EditorHandler, {"editor": editor})]
