"""Inputs that try to stop, slow down or escape the build, through the real CLI: links that lead
outside the site, files too large, references and nesting that explode, bytes that are not text.
Each must end in a plain message (file, line, sentence), exit 1, no traceback and no hang; the
build never writes outside its output folder; and an internal fault says how to report it."""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

import pytest

from sitegen.commands import cli
from sitegen.limits import MAX_FILE_BYTES
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site, run_cli


def build(site: Path, *extra: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_cli("--site", str(site), "--output", str(site / "out"), "--now", TINY_NOW,
                   "--no-search", *extra, cwd=cwd)


def fails_plainly(result: subprocess.CompletedProcess[str], *expected: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for text in expected:
        assert text in result.stderr, result.stderr


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return copy_site(TINY, tmp_path / "site")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the site that a link must never publish."""
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-PASSWORD\n", encoding="utf-8")
    return path


# Links that lead outside the site -----------------------------------------------------------

def test_a_static_link_to_a_file_outside_is_an_error(site: Path, secret: Path) -> None:
    (site / "static").mkdir()
    (site / "static" / "passwd.txt").symlink_to(secret)
    result = build(site)
    fails_plainly(result, f"error: static/passwd.txt: This is a link to {secret}, outside the "
                          "site folder; links that lead outside the site are not followed.")
    assert not (site / "out").exists()


def test_links_inside_the_site_are_followed(site: Path) -> None:
    (site / "static" / "images").mkdir(parents=True)
    (site / "shared.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (site / "static" / "images" / "logo.png").symlink_to(site / "shared.png")
    result = build(site)
    assert result.returncode == 0, result.stderr
    assert (site / "out" / "static" / "images" / "logo.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("where", ["content/programs/secret.en.md", "content/taxonomies.yaml",
                                   "templates/pages.html", "translations/fr.po",
                                   "site_config.yaml"])
def test_a_link_outside_is_refused_wherever_it_is(site: Path, secret: Path, where: str) -> None:
    link = site / where
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(secret)
    result = build(site)
    fails_plainly(result, f"{where}: This is a link to {secret}, outside the site folder")
    assert "SECRET-PASSWORD" not in result.stderr + result.stdout


def test_a_folder_linked_from_outside_is_refused(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "passwd").write_text("SECRET-PASSWORD\n", encoding="utf-8")
    (site / "static").mkdir()
    (site / "static" / "docs").symlink_to(outside, target_is_directory=True)
    fails_plainly(build(site), "static/docs: This is a link to", "outside the site folder")


def test_a_loop_of_links_is_reported(site: Path) -> None:
    (site / "static").mkdir()
    (site / "static" / "a").symlink_to(site / "static" / "b")
    (site / "static" / "b").symlink_to(site / "static" / "a")
    fails_plainly(build(site), "static/a: This link leads to", "which does not exist.")


# Size, references and nesting ------------------------------------------------------------------

def test_a_file_over_the_size_limit(site: Path) -> None:
    path = site / "content" / "pages" / "contact.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "Word " * (MAX_FILE_BYTES // 5 + 10), encoding="utf-8")
    fails_plainly(build(site), "content/pages/contact.en.md: This file is 1.0 MB; files of this "
                               "kind may be at most 1.0 MB.")


def test_a_yaml_reference_bomb_stops_at_once(site: Path) -> None:
    bomb = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        bomb.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    path = site / "content" / "programs" / "soccer.en.md"
    path.write_text("---\ntitle: Bomb\nsummary: Bomb.\nextra:\n" +
                    "\n".join("  " + line for line in bomb) + "\n---\nText.\n", encoding="utf-8")
    fails_plainly(build(site), "content/programs/soccer.en.md:5: A value starts with * or &, "
                               "which YAML reads as a reference to another value")


@pytest.mark.parametrize("depth", [300, 100_000])
def test_deeply_nested_yaml(site: Path, depth: int) -> None:
    path = site / "content" / "programs" / "soccer.en.md"
    path.write_text("---\ntitle: Deep\nsummary: Deep.\nextra: " + "[" * depth + "]" * depth
                    + "\n---\nText.\n", encoding="utf-8")
    fails_plainly(build(site), "content/programs/soccer.en.md:4: The values here are nested "
                               "more than 20 levels deep.")


def test_deeply_nested_markdown_lists_and_quotes(site: Path) -> None:
    path = site / "content" / "pages" / "contact.en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n" + "".join("  " * i + "- x\n" for i in range(400)),
                    encoding="utf-8")
    fails_plainly(build(site), "The text here is nested more than 50 levels deep")
    path.write_text(text + "\n" + ">" * 5000 + " deep\n", encoding="utf-8")
    fails_plainly(build(site), "The text here is nested more than 50 levels deep")


def test_deeply_nested_emphasis(site: Path) -> None:
    path = site / "content" / "pages" / "contact.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "*a _b " * 2000 + "x"
                    + "_ c*" * 2000 + "\n", encoding="utf-8")
    fails_plainly(build(site), "content/pages/contact.en.md:")


def test_deeply_nested_raw_html(site: Path) -> None:
    path = site / "content" / "pages" / "contact.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<div>" + "<div>" * 60_000
                    + "</div>" * 60_000 + "</div>\n", encoding="utf-8")
    fails_plainly(build(site), "The HTML here is nested more than 50 elements deep.")


def test_text_that_would_take_too_long_is_stopped(site: Path) -> None:
    path = site / "content" / "pages" / "contact.en.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "[" * 200_000 + "x"
                    + "]" * 200_000 + "\n", encoding="utf-8")
    fails_plainly(build(site), "This page's text took more than 10 seconds to convert.")


# Bytes that are not what they should be --------------------------------------------------------

GARBAGE_TARGETS = ["site_config.yaml", "content/taxonomies.yaml",
                   "content/programs/soccer.en.md", "templates/base.html",
                   "translations/fr.po", "templates/partials/footer.html"]


@pytest.mark.parametrize("seed", range(12))
def test_damaged_files_never_show_a_traceback(site: Path, seed: int) -> None:
    """Random damage (bytes flipped, lines cut or repeated, stray YAML and Jinja marks) to the
    files a build reads: a plain message or a good build, never a traceback."""
    chance = random.Random(seed)
    target = site / GARBAGE_TARGETS[seed % len(GARBAGE_TARGETS)]
    source = target if target.exists() else ROOT / target.relative_to(site)
    data = bytearray(source.read_bytes())
    for _ in range(chance.randint(1, 8)):
        spot = chance.randrange(len(data))
        action = chance.choice(["flip", "cut", "repeat", "mark"])
        if action == "flip":
            data[spot] = chance.randrange(256)
        elif action == "cut":
            del data[spot:spot + chance.randint(1, 40)]
        elif action == "repeat":
            data[spot:spot] = data[spot:spot + chance.randint(1, 200)] * chance.randint(2, 20)
        else:
            data[spot:spot] = chance.choice([b"{{", b"{%", b"}}", b"&a ", b"*a", b": [", b"\t",
                                             b"\x00", b"\xff\xfe", b'"', b"\n---\n", b"msgid"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    result = build(site)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout, result.stderr


def test_an_internal_fault_says_how_to_report_it(monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    def broken(options: object) -> None:
        raise ValueError("something inside went wrong")

    monkeypatch.setattr("sitegen.pipeline.build_site", broken)
    monkeypatch.delenv(cli.DEBUG_VARIABLE, raising=False)
    code = cli.main(["--site", str(TINY), "--output", "/nonexistent/never-written",
                     "--no-cache"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL_ERROR
    assert "Traceback" not in err
    # where it happened: the generator's own innermost line
    assert err.startswith("Internal error: the generator stopped on a problem of its own "
                          "(ValueError at cli.py:")
    assert "something inside went wrong" in err
    assert "This is a fault in the generator, not in your files." in err
    assert "docs/security.md" in err and "SITEGEN_DEBUG=1" in err
    monkeypatch.setenv(cli.DEBUG_VARIABLE, "1")
    with pytest.raises(ValueError):
        cli.main(["--site", str(TINY), "--output", "/nonexistent/never-written", "--no-cache"])


# Where the build writes ----------------------------------------------------------------------

def test_a_build_with_search_writes_nothing_outside_its_output(site: Path,
                                                               tmp_path: Path) -> None:
    workdir = tmp_path / "empty"
    workdir.mkdir()
    def site_files() -> list[str]:  # the build's own cache folder (.cache/) aside
        return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                      if ".cache" not in p.relative_to(site).parts)

    before = site_files()
    result = run_cli("--site", str(site), "--output", str(tmp_path / "out"), "--now", TINY_NOW,
                     cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "pagefind" / "pagefind.js").is_file()
    assert list(workdir.iterdir()) == []
    assert site_files() == before
    assert (site / ".cache" / "build.sqlite").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "out", "site"]
    assert not (ROOT / "pagefind").exists()


@pytest.mark.parametrize("where", [".", "..", "content", "static/out"])
def test_the_output_never_replaces_the_site_or_its_sources(site: Path, where: str) -> None:
    (site / "static").mkdir(exist_ok=True)
    files = sorted(p.relative_to(site.parent).as_posix() for p in site.parent.rglob("*"))
    result = run_cli("--site", str(site), "--output", str(site / where), "--now", TINY_NOW,
                     "--no-search")
    fails_plainly(result, "The output folder", "the build replaces its output folder "
                                               "entirely")
    assert sorted(p.relative_to(site.parent).as_posix() for p in site.parent.rglob("*")) == files


def test_an_unrelated_folder_is_not_replaced(site: Path, tmp_path: Path) -> None:
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("Dear...", encoding="utf-8")
    result = run_cli("--site", str(site), "--output", str(documents), "--now", TINY_NOW,
                     "--no-search")
    fails_plainly(result, f"The output folder {documents} already holds files that are not a "
                          "built site")
    assert (documents / "letter.txt").read_text(encoding="utf-8") == "Dear..."
