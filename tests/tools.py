"""Tests that need Chromium, Java or the npm tools: skipped locally with a message that says how
to install the missing tool, but failed in CI (CI=true), where a skip would hide a broken gate."""

from __future__ import annotations

import os

import pytest

from sitegen.quality import tools


def require_gate_tools() -> None:
    for tool in (tools.chromium(), tools.java(), tools.axe_core(), tools.vnu_jar()):
        if tool.path is None:
            message = f"{tool.name} is missing. {tool.install_hint}"
            if os.environ.get("CI"):
                pytest.fail(f"{message} CI must install it (.ci/run).")
            pytest.skip(message)
