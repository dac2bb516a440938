"""sitegen.source.gitdates: the last commit date of each content file, or its modification time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.source.gitdates import commit_dates, last_changed

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True,
                   timeout=60)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose site folder is site/, with two commits at fixed dates."""
    site = tmp_path / "site"
    write(site / "content/programs/soccer.en.md", "one")
    write(site / "content/programs/soccer.fr.md", "un")
    write(site / "site_config.yaml", "base_url: x")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first", date="2025-03-01T10:00:00+00:00")
    write(site / "content/programs/soccer.en.md", "two")
    git(tmp_path, "commit", "-q", "-am", "second", date="2025-06-15T23:30:00-04:00")
    return site


def test_commit_dates_are_the_newest_commit_of_each_file(repo: Path) -> None:
    assert commit_dates(repo) == {
        "content/programs/soccer.en.md": dt.date(2025, 6, 15),  # the committer's own day
        "content/programs/soccer.fr.md": dt.date(2025, 3, 1),
    }


def test_last_changed_falls_back_to_the_modification_time(repo: Path) -> None:
    new = repo / "content/programs/walking.en.md"
    write(new, "not committed yet")
    moment = dt.datetime(2024, 2, 29, 23, 59, tzinfo=dt.timezone.utc).timestamp()
    os.utime(new, (moment, moment))
    dates = last_changed(repo, ["content/programs/soccer.en.md",
                                "content/programs/walking.en.md"])
    assert dates["content/programs/soccer.en.md"] == dt.date(2025, 6, 15)
    assert dates["content/programs/walking.en.md"] == dt.date(2024, 2, 29)  # in UTC


def test_without_git_every_date_is_the_modification_time(repo: Path) -> None:
    path = repo / "content/programs/soccer.fr.md"
    moment = dt.datetime(2026, 1, 2, 12, 0, tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (moment, moment))
    assert last_changed(repo, ["content/programs/soccer.fr.md"], use_git=False) == \
        {"content/programs/soccer.fr.md": dt.date(2026, 1, 2)}


def test_a_modification_time_already_read_is_not_read_again(repo: Path) -> None:
    """The build gives the files' states it took (up_to_date.FileStates): a file's state is
    then not taken again (this one is gone since), and one nanosecond before midnight is still
    that day."""
    path = repo / "content/programs/gone.en.md"
    write(path, "soon gone")
    moment = int(dt.datetime(2026, 1, 3, tzinfo=dt.timezone.utc).timestamp()) * 1_000_000_000
    os.utime(path, ns=(moment - 1, moment - 1))
    states = {os.path.join(repo, "content/programs/gone.en.md"): os.stat(path)}
    path.unlink()
    assert last_changed(repo, ["content/programs/gone.en.md"], use_git=False, states=states) == \
        {"content/programs/gone.en.md": dt.date(2026, 1, 2)}


def test_folder_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # never look above tmp_path
    site = tmp_path / "plain"
    write(site / "content/pages/a.en.md", "a")
    moment = dt.datetime(2023, 7, 1, 8, 0, tzinfo=dt.timezone.utc).timestamp()
    os.utime(site / "content/pages/a.en.md", (moment, moment))
    assert commit_dates(site) == {}
    assert last_changed(site, ["content/pages/a.en.md"]) == \
        {"content/pages/a.en.md": dt.date(2023, 7, 1)}


def test_a_new_commit_is_seen_at_the_next_build(repo: Path) -> None:
    """The history is read once per commit checked out (the preview builds after each save)."""
    first = commit_dates(repo)
    first["content/programs/soccer.fr.md"] = dt.date(1999, 1, 1)  # the caller's own copy
    assert commit_dates(repo)["content/programs/soccer.fr.md"] == dt.date(2025, 3, 1)
    write(repo / "content/programs/soccer.fr.md", "deux")
    git(repo.parent, "commit", "-q", "-am", "third", date="2025-09-01T12:00:00+00:00")
    assert commit_dates(repo)["content/programs/soccer.fr.md"] == dt.date(2025, 9, 1)
