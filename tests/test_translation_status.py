"""`build.py translations` as a real subprocess on copies of the tiny site: what needs action
comes first with its dates, differences and next command; --format json keeps its keys; `mark`
refuses a translation that differs from its original unless --force; changed sections are found
in git history, and their absence (a copy without history) is said in plain words."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.helpers import ROOT, TINY, copy_site, make_soccer_translations_unfaithful, run_cli
from tests.unit.support import replace_in

SOCCER_AR_DIFFERENCES = [
    "content/programs/soccer.ar.md:7: The original links to ../resources/safety.md#at-night "
    "(content/programs/soccer.en.md:13); this translation does not.",
    "content/programs/soccer.ar.md:9: This translation gives the phone number 905 555 0100, "
    "which is not in the original.",
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = copy_site(TINY, tmp_path / "site")
    make_soccer_translations_unfaithful(site)
    return site


def translations(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("translations", *args, "--site", str(site))


def test_what_needs_action_comes_first_with_its_next_command(site: Path) -> None:
    result = translations(site)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Translations of 5 English originals into French (fr), Arabic (ar):",
        "",
        "Needs action (10):",
        "  programs/walking    ar  missing",
        "      original updated 2026-01-05",
        "      Next: Copy content/programs/walking.en.md to content/programs/walking.ar.md, "
        f"translate it, then run: python build.py translations mark walking.ar --site {site}",
    ]
    soccer = lines.index("  programs/soccer     ar  not marked")
    assert lines[soccer + 1:soccer + 6] == [
        "      original updated 2026-01-10, translation updated 2026-01-12",
        "      Differs from the original in 2 places:",
        *(f"        {line}" for line in SOCCER_AR_DIFFERENCES),
        "      Next: Make content/programs/soccer.ar.md match the original at the lines listed, "
        f"then run: python build.py translations mark soccer.ar --site {site}",
    ]
    assert lines[-5:] == [
        "What the statuses mean:",
        "  missing: there is no file for that language yet; readers see the original's text.",
        "  not marked: the file is published, but nobody recorded which version of the "
        "original it translates, so later changes to the original cannot be seen.",
        "  differs from the original: it leaves out something the original has (a heading, a "
        "list item, a link, a phone number, an e-mail address, a number or a date), or adds "
        "something the original does not have.",
        "10 translations: 0 up to date, 0 outdated, 0 awaiting translation, 1 missing, "
        "9 not marked.",
    ]
    assert translations(site, "--fail-on", "differences").returncode == 1


def test_json_keeps_its_keys_and_adds_dates_differences_and_next_step(site: Path) -> None:
    result = translations(site, "--format", "json")
    assert result.returncode == 0, result.stderr
    states = {(s["key"], s["lang"]): s for s in json.loads(result.stdout)}
    soccer = states[("programs/soccer", "ar")]
    assert soccer["status"] == "unmarked"
    assert soccer["original"] == "content/programs/soccer.en.md"
    assert soccer["translation"] == "content/programs/soccer.ar.md"
    assert soccer["changed_sections"] == []
    assert (soccer["original_updated"], soccer["translation_updated"]) == ("2026-01-10",
                                                                          "2026-01-12")
    assert [f"{d['path']}:{d['line']}: {d['message']}" for d in soccer["differences"]] == \
        SOCCER_AR_DIFFERENCES
    assert [d["kind"] for d in soccer["differences"]] == ["link", "phone"]
    assert soccer["needs_action"] is True
    walking = states[("programs/walking", "ar")]
    assert (walking["status"], walking["translation_updated"], walking["differences"]) == (
        "missing", None, [])
    assert walking["meaning"] == ("there is no file for that language yet; readers see the "
                                  "original's text.")
    assert walking["next_step"].endswith(f"python build.py translations mark walking.ar "
                                         f"--site {site}")


def test_mark_refuses_a_translation_that_differs_unless_forced(site: Path) -> None:
    path = site / "content/programs/soccer.ar.md"
    before = path.read_text(encoding="utf-8")
    refused = translations(site, "mark", "soccer.ar")
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr == "\n".join([
        "error: content/programs/soccer.ar.md: Not marked: this translation differs from "
        "content/programs/soccer.en.md in 2 places.",
        *(f"    {line}" for line in SOCCER_AR_DIFFERENCES),
        "    Make it match the original, then mark it again. If a difference is right, mark it "
        f"anyway with: python build.py translations mark soccer.ar --force --site {site}",
    ]) + "\n"
    assert path.read_text(encoding="utf-8") == before

    forced = translations(site, "mark", "soccer.ar", "--force")
    assert forced.returncode == 0, forced.stderr
    assert re.fullmatch(r"Marked content/programs/soccer\.ar\.md as up to date with "
                        r"content/programs/soccer\.en\.md \([0-9a-f]{12}\)\.\n", forced.stdout)
    assert forced.stderr == "\n".join([
        "warning: content/programs/soccer.ar.md: Marked with --force, but this translation "
        "still differs from content/programs/soccer.en.md in 2 places.",
        *(f"    {line}" for line in SOCCER_AR_DIFFERENCES)]) + "\n"
    assert "translated_from: " in path.read_text(encoding="utf-8")
    status = translations(site).stdout
    assert "  programs/soccer     ar  up to date, but differs from the original\n" in status
    assert ("      Next: Make content/programs/soccer.ar.md match the original at the lines "
            "listed (it stays up to date: no need to mark it again).\n") in status


def test_a_matching_translation_is_marked_and_an_edit_makes_it_outdated(site: Path) -> None:
    marked = translations(site, "mark", "town-club.fr")
    assert marked.returncode == 0, marked.stderr
    assert marked.stderr == ""
    replace_in(site / "content/partners/town-club.en.md", "The town's sports club.",
               "The town's sports club, open to all.")
    result = translations(site, "--fail-on", "outdated")
    assert result.returncode == 1
    # a copy without git history: the command says the sections could not be found
    assert ("  partners/town-club  fr  outdated (the changed sections could not be found in the "
            "file's history)\n") in result.stdout
    assert ("      Next: Update content/partners/town-club.fr.md to match the original, then "
            f"run: python build.py translations mark town-club.fr --site {site}\n"
            ) in result.stdout
    assert "  outdated: the original changed after the translation was marked as up to date; " \
           "readers see the translation under a notice that the original was updated.\n" \
        in result.stdout


SOCCER_EN = """
## When

Friday nights.

## Where

Come to the park. Ask the [Town Club](../partners/town-club.md).
Read [staying safe](../resources/safety.md#at-night).

## When

Saturday mornings too.
"""
SOCCER_FR = """
## Quand

Le vendredi soir.

## Où

Venez au parc. Demandez au [Club de la ville](../partners/town-club.md).
Lisez [Rester en sécurité](../resources/safety.md#la-nuit).

## Quand

Le samedi matin aussi.
"""


def git(site: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(site), "-c", "user.name=Test", "-c",
                    "user.email=test@example.org", *args], check=True, capture_output=True)


def with_body(path: Path, body: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("---\n", 4) + 4] + body, encoding="utf-8")


def test_an_edit_under_the_first_of_two_same_headings_is_named(site: Path) -> None:
    with_body(site / "content/programs/soccer.en.md", SOCCER_EN)
    with_body(site / "content/programs/soccer.fr.md", SOCCER_FR)
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "start")
    marked = translations(site, "mark", "soccer.fr")
    assert marked.returncode == 0, marked.stderr
    git(site, "commit", "-qam", "mark")
    replace_in(site / "content/programs/soccer.en.md", "Friday nights.", "Thursday nights.")
    result = translations(site)
    assert '  programs/soccer     fr  outdated; changed since: "When"\n' in result.stdout
    replace_in(site / "content/programs/soccer.en.md", "Saturday mornings too.",
               "Sunday mornings too.")
    result = translations(site)
    assert ('  programs/soccer     fr  outdated; changed since: "When", "When (2nd)"\n'
            in result.stdout)


def test_the_guide_shows_the_real_refusal(tmp_path: Path) -> None:
    """docs/translate-a-page.md shows what `mark` says when the French lacks what was added to
    the English; run from the site folder, on a copy of the default site."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("content", "translations", "site_config.yaml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, site / name)
    replace_in(site / "content/programs/peace.en.md", "PEACE is for young people.",
               "PEACE is for young people aged 12 to 18.")
    guide = (ROOT / "docs/translate-a-page.md").read_text(encoding="utf-8")
    lines = guide.splitlines()
    start = next(i for i, line in enumerate(lines) if "Not marked" in line)
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == "```")
    shown = "\n".join(lines[start:end]) + "\n"
    result = run_cli("translations", "mark", "peace.fr", cwd=site)
    assert result.returncode == 1

    def lines_apart(text: str) -> str:  # the example stays true when lines above it move
        return re.sub(r"\.md:\d+", ".md:N", text)

    assert lines_apart(result.stderr) == lines_apart(textwrap.dedent(shown))


def test_mark_checked_records_the_translations_ticked_in_the_editor(site: Path) -> None:
    """The browser editor's "Translation checked" tick (translation_checked: true) becomes the
    same record as `mark`, and goes away; a ticked translation that differs keeps its tick; a
    tick in an original is taken away."""
    def tick(name: str) -> Path:
        path = site / "content" / name
        replace_in(path, "\n---\n", "\ntranslation_checked: true\n---\n")
        return path
    town_club, soccer_ar, walking = (tick("partners/town-club.fr.md"),
                                     tick("programs/soccer.ar.md"),
                                     tick("programs/walking.en.md"))
    done = translations(site, "mark", "--checked")
    assert done.returncode == 1
    marked, removed = done.stdout.splitlines()
    assert re.fullmatch(r"Marked content/partners/town-club\.fr\.md as up to date with "
                        r"content/partners/town-club\.en\.md \([0-9a-f]{12}\)\.", marked)
    assert removed == ("content/programs/walking.en.md is an original: its translation tick "
                       "was removed.")
    assert done.stderr.startswith(
        "error: content/programs/soccer.ar.md: Not marked: this translation differs from "
        "content/programs/soccer.en.md in 2 places.")
    assert done.stderr.rstrip().endswith(
        "or mark it with: python build.py translations mark programs/soccer.ar --force")
    front = town_club.read_text(encoding="utf-8").split("---")[1]
    assert "translation_checked" not in front and "translated_from: " in front
    assert "translation_checked: true" in soccer_ar.read_text(encoding="utf-8")
    assert "translation_checked" not in walking.read_text(encoding="utf-8")
    states = {f"{s['key']}.{s['lang']}": s["status"]
              for s in json.loads(translations(site, "--format", "json").stdout)}
    assert states["partners/town-club.fr"] == "up-to-date"
    assert states["programs/soccer.ar"] != "up-to-date"
    nothing = translations(site, "mark", "--checked")
    assert nothing.returncode == 1 and nothing.stdout == ""  # soccer.ar is still ticked
    replace_in(soccer_ar, "translation_checked: true\n", "")
    assert translations(site, "mark", "--checked").stdout == \
        "No translation is ticked as checked.\n"
