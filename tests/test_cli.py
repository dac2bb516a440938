"""The command line as a real subprocess: success, failure, and output left untouched."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from pathlib import Path

from sitegen.pipeline import BuildOptions, build_site
from tests.helpers import TINY, TINY_NOW, copy_site, run_cli


def test_build_succeeds_and_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("--site", str(TINY), "--output", str(out), "--now", TINY_NOW)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        rf"Built 33 pages \(en 11, fr 11, ar 11\) into {re.escape(str(out))} in \d+\.\d\d s, "
        r"1 warning\.\nSearch index: en \d+ KiB, fr \d+ KiB, ar \d+ KiB\.\n", result.stdout)
    assert "warning: content/programs/walking.en.md:1: No Arabic (ar) translation" in result.stderr
    assert (out / "index.html").is_file()
    assert (out / "fr" / "programmes" / "soirees-soccer" / "index.html").is_file()
    assert len(list((out / "static" / "css").glob("site.*.css"))) == 1  # a content-hash name


def test_quiet_prints_nothing_on_success(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    (site / "content/programs/walking.ar.md").write_text(
        "---\ntitle: نادي المشي\nsummary: مشي صباحي.\n---\n\nنص.\n", encoding="utf-8")
    result = run_cli("--site", str(site), "--now", TINY_NOW, "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = run_cli("--site", str(TINY), "--output", str(out), "--now", TINY_NOW, "--strict")
    assert result.returncode == 1
    assert "error: content/programs/walking.en.md:1: No Arabic (ar) translation" in result.stderr
    assert not out.exists()


def test_failed_build_leaves_previous_output_exactly_as_it_was(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out = tmp_path / "out"
    assert run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    page = site / "content/programs/soccer.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "titel:"),
                    encoding="utf-8")
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        'error: content/programs/soccer.en.md:2: Unknown field "titel". Did you mean "title"?')
    assert result.stderr.rstrip().endswith(f"Build failed with 1 error; {out} was left unchanged.")
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_files_from_earlier_builds_do_not_linger(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    out = tmp_path / "out"
    assert run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW).returncode == 0
    assert (out / "en/programs/walking/index.html").is_file()
    for lang in ("en", "fr"):
        (site / f"content/programs/walking.{lang}.md").unlink()
    (out / "stray.txt").write_text("left by hand", encoding="utf-8")
    assert run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW).returncode == 0
    assert not (out / "en/programs/walking/index.html").exists()
    assert not (out / "ar/programs/walking/index.html").exists()
    assert not (out / "stray.txt").exists()


def test_default_output_folder_is_inside_the_site(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    result = run_cli("--now", TINY_NOW, cwd=site)
    assert result.returncode == 0, result.stderr
    assert (site / "output" / "en" / "index.html").is_file()


def test_missing_config_is_a_plain_error(tmp_path: Path) -> None:
    result = run_cli("--site", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: site_config.yaml: No site_config.yaml found in "
                                    f"{tmp_path}.\n    Run the build from the site's folder")


def test_bad_now_value_is_explained(tmp_path: Path) -> None:
    result = run_cli("--site", str(TINY), "--now", "yesterday")
    assert result.returncode == 2
    assert '"yesterday" is not a date and time; write it like 2026-03-14T09:00:00+00:00' \
        in result.stderr


def _age(folder: Path, seconds: int) -> None:
    """Date every file of folder seconds back (a file changed within the last two seconds
    always makes a build run: it could change again unseen)."""
    moment = time.time() - seconds
    for path in folder.rglob("*"):
        os.utime(path, (moment, moment))


def test_a_build_that_is_not_remembered_makes_the_next_one_run(tmp_path: Path) -> None:
    """The preview records none of its builds: its copy for the team (drafts, reports) in
    output/ is never taken for the last published build."""
    site, out = copy_site(TINY, tmp_path / "site"), tmp_path / "out"
    _age(site, 3600)
    command = ("--site", str(site), "--output", str(out), "--now", TINY_NOW)
    assert run_cli(*command).returncode == 0
    build_site(BuildOptions(site, out, now=dt.datetime.fromisoformat(TINY_NOW), review=True,
                            remember=False))
    assert (out / "_reports/translations/index.html").is_file()
    assert run_cli(*command).stdout.startswith("Built 33 pages")
    assert not (out / "_reports").exists()


def test_a_build_with_nothing_to_do_ends_at_once(tmp_path: Path) -> None:
    site, out = copy_site(TINY, tmp_path / "site"), tmp_path / "out"
    _age(site, 3600)
    command = ("--site", str(site), "--output", str(out), "--now", TINY_NOW)
    assert run_cli(*command).returncode == 0
    first = {path: path.stat().st_ino for path in out.rglob("*") if path.is_file()}
    again = run_cli(*command)
    assert again.returncode == 0, again.stderr
    assert again.stdout == f"Nothing changed since the last build: {out} is up to date (33 " \
        "pages: en 11, fr 11, ar 11; 1 warning).\n"
    assert {path: path.stat().st_ino for path in out.rglob("*") if path.is_file()} == first
    (out / "en" / "index.html").write_text("changed by hand", encoding="utf-8")
    assert run_cli(*command).stdout.startswith("Built 33 pages")  # the output is made again
    assert "changed by hand" not in (out / "en" / "index.html").read_text(encoding="utf-8")
    assert run_cli(*command).stdout.startswith("Nothing changed")
    page = site / "content" / "programs" / "soccer.en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    _age(site, 1800)
    assert run_cli(*command).stdout.startswith("Built 33 pages")
    assert "One more line." in (out / "en" / "programs" / "soccer" / "index.html").read_text(
        encoding="utf-8")
    # the build after the edit remembered the state of the files it was built from
    assert run_cli(*command).stdout.startswith("Nothing changed")
