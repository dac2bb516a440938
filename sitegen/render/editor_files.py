"""The browser editor's files (Decap CMS, self-hosted from the project's npm packages, never a
CDN): its page, its configuration and its scripts. The preview serves them at /admin/ with
`serve --edit`; a build writes them into the site only when site_config.yaml says
`cms: {publish: true}`, for staff to edit on the web, each change a pull request.

The editor needs what no page of the site may use: it compiles code at run time
('unsafe-eval'), sets styles inline, and talks to GitHub. So /admin/ has its own policy, and the
quality gates leave it out (sitegen.quality.site_files): they hold the public's pages, not the
staff's tool."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Report
from ..source.config import SiteConfig
from .cms_config import Known, cms_yaml

EDITOR_FOLDER = "admin"
# decap-cms.js and the parts it loads when needed, from package.json's pinned version
EDITOR_DIST = Path(__file__).resolve().parents[2] / "node_modules" / "decap-cms" / "dist"
EDITOR_SCRIPT_RE = re.compile(r"^(?:[0-9]+\.)?decap-cms\.js$")
SITE_STYLESHEET = "/static/css/site.css"
GITHUB_API = "https://api.github.com"
PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<title>{title}</title>
</head>
<body>
<script src="decap-cms.js"></script>
<script src="site-preview.js"></script>
</body>
</html>
"""


def editor_policy(saves_to: str) -> str:
    """The editor's content security policy: its scripts and styles from the site (it sets
    styles inline, and compiles templates), its saves to saves_to only."""
    return ("default-src 'self'; script-src 'self' 'unsafe-eval'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            f"font-src 'self' data:; connect-src 'self' {saves_to}; "
            "base-uri 'none'; form-action 'none'; object-src 'none'")


def published_policy(config: SiteConfig) -> str:
    """The policy of the editor published with the site: it saves to GitHub's API, and signs in
    through the sign-in service of the cms settings (in a window of its own)."""
    origins = [GITHUB_API]
    if config.cms and config.cms.auth_url:
        parts = urlsplit(config.cms.auth_url)
        origins.append(f"{parts.scheme}://{parts.netloc}")
    return editor_policy(" ".join(origins))


def editor_page(config: SiteConfig, policy: str) -> str:
    lang = config.editor_language.code  # the language of its screens
    return PAGE.format(lang=lang, policy=policy, title=f"{config.title[lang]}: editor")


def preview_script(stylesheet: str) -> str:
    """The script that gives the editor's preview pane the site's own stylesheet."""
    return f"CMS.registerPreviewStyle({json.dumps(stylesheet)});\n"


def editor_scripts() -> list[Path]:
    """Decap CMS's scripts, or none when the npm packages are not installed."""
    if not EDITOR_DIST.is_dir():
        return []
    return sorted(path for path in EDITOR_DIST.iterdir() if EDITOR_SCRIPT_RE.match(path.name))


def editor_files(known: Known, stylesheet: str, report: Report) -> dict[str, bytes]:
    """Output path -> content of the editor published with the site (cms.publish)."""
    config = known.config
    scripts = editor_scripts()
    if not scripts:
        report.error("The browser editor cannot be published: its scripts are not installed.",
                     config.src_path, config.cms.line if config.cms else None,
                     "Run `npm ci --ignore-scripts` in the project folder (as the publishing "
                     "workflow does), or set cms: publish: false.")
        return {}
    files = {f"{EDITOR_FOLDER}/{path.name}": path.read_bytes() for path in scripts}
    files[f"{EDITOR_FOLDER}/index.html"] = editor_page(config, published_policy(config)).encode()
    files[f"{EDITOR_FOLDER}/config.yml"] = cms_yaml(known, local=False).encode()
    files[f"{EDITOR_FOLDER}/site-preview.js"] = preview_script(stylesheet).encode()
    return files
