"""Where the external tools of the gates are, and how to install each one when it is missing."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

TOOLS_DIR = Path(__file__).resolve().parents[2]  # package.json and node_modules/ live here
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


@dataclass(frozen=True)
class Tool:
    name: str
    path: Path | None
    install_hint: str

    @property
    def missing_message(self) -> str:
        return f"{self.name} is not installed, so this gate did not run. {self.install_hint}"


def chromium() -> Tool:
    found = os.environ.get("CHROMIUM_PATH") or next(
        (shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    return Tool("Chromium", Path(found) if found else None,
                "Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH).")


def java() -> Tool:
    found = shutil.which("java")
    return Tool("Java", Path(found) if found else None,
                "Install it with `sudo apt-get install default-jre-headless`.")


def _node_package(name: str, relative: str) -> Tool:
    path = TOOLS_DIR / "node_modules" / name / relative
    return Tool(name, path if path.is_file() else None,
                "Install it with `npm ci` in the project folder (versions are pinned in "
                "package-lock.json).")


def axe_core() -> Tool:
    return _node_package("axe-core", "axe.min.js")


def vnu_jar() -> Tool:
    return _node_package("vnu-jar", "build/dist/vnu.jar")


def package_version(name: str) -> str:
    import json

    manifest = TOOLS_DIR / "node_modules" / name / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return "?"
