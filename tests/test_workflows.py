"""The CI workflows are valid GitHub Actions files (check-jsonschema's bundled schema, offline)
and keep the promises of docs/publishing.md: least privilege, ordered deploys, checks first."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_match_the_github_schema() -> None:
    assert [w.name for w in WORKFLOWS] == ["preview.yml", "publish.yml",
                                           "record-translations.yml"]
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert tool, "check-jsonschema is pinned in requirements-dev.txt"
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows",
                             *map(str, WORKFLOWS)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def load(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github/workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_publish_runs_checks_before_deploying_with_least_privilege() -> None:
    workflow = load("publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    commands = [step.get("run", "") for step in build["steps"]]
    assert "make test" in commands
    assert any("build.py check --strict" in command for command in commands)
    uses = [step.get("uses", "") for step in build["steps"] + deploy["steps"]]
    for action in ("actions/configure-pages@v", "actions/upload-pages-artifact@v",
                   "actions/deploy-pages@v", "actions/checkout@v"):
        assert any(u.startswith(action) for u in uses), action
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_preview_uploads_the_site_and_the_translation_status() -> None:
    workflow = load("preview.yml")
    assert "pull_request" in workflow["on"]
    steps = workflow["jobs"]["check"]["steps"]
    assert any("GITHUB_STEP_SUMMARY" in step.get("run", "") and "build.py translations"
               in step.get("run", "") for step in steps)
    assert any(step.get("uses", "").startswith("actions/upload-artifact@v") for step in steps)


def test_translations_checked_in_the_editor_are_recorded_on_its_own_branches_only() -> None:
    workflow = load("record-translations.yml")
    assert workflow["permissions"] == {"contents": "write"}
    job = workflow["jobs"]["record"]
    assert "startsWith(github.head_ref, 'cms/')" in job["if"]
    assert "head.repo.full_name == github.repository" in job["if"]  # never a fork's code
    script = job["steps"][-1]["run"]
    assert "build.py translations mark --checked" in script and "git push" in script
