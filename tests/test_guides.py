"""The guides in docs/ followed step by step on a copy of the default site: their examples are
the real files and the real messages."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po

from tests.helpers import FIXTURES, ROOT, run_cli

DOCS = ROOT / "docs"
NOW = "2026-11-26T12:00:00+00:00"


def code_blocks(guide: str, language: str = "") -> list[str]:
    text = (DOCS / guide).read_text(encoding="utf-8")
    return [block for lang, block in re.findall(r"```(\w*)\n(.*?)```", text, re.DOTALL)
            if not language or lang == language]


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    """A copy of the default site's content and settings (templates, catalogs and styles come
    from the project), in a git repository like the real one."""
    target = tmp_path / "site"
    target.mkdir()
    for name in ("content", "translations", "site_config.yaml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target / name)
    git = ["git", "-C", str(target), "-c", "user.name=Guide", "-c", "user.email=guide@example.org"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "start"], check=True)
    return target


def build(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("--site", str(site), "--now", NOW, *args)


def test_add_a_program_by_hand(site: Path) -> None:
    example = code_blocks("add-a-program.md", "markdown")[0]
    (site / "content/programs/youth-soccer.en.md").write_text(example, encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    out = site / "output"
    assert ">Youth soccer nights</h1>" in (out / "en/programs/youth-soccer/index.html").read_text()
    french = (out / "fr/programmes/youth-soccer/index.html").read_text()
    assert "Cette page n’est pas encore traduite en français" in french or \
        "Cette page n'est pas encore traduite en français" in french
    partner = (out / "en/partners/caribbean-association/index.html").read_text()
    assert 'href="/en/programs/youth-soccer/"' in partner
    assert "warning: content/programs/youth-soccer.en.md:1: No French (fr) translation" \
        in result.stderr


def test_add_a_program_the_quick_way(site: Path) -> None:
    command = code_blocks("add-a-program.md", "sh")[0].split()
    assert command[:4] == [".venv/bin/python", "build.py", "new", "program"]
    result = run_cli("new", "program", "Youth Soccer Nights", "--site", str(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "Created:\n"
        "  content/programs/youth-soccer-nights.en.md\n"
        "  content/programs/youth-soccer-nights.fr.md\n"
        "  content/programs/youth-soccer-nights.ar.md\n"
        "Fill in the lines marked TODO: in the first file, then send the others for "
        "translation.\n")
    again = run_cli("new", "program", "Youth Soccer Nights", "--site", str(site))
    assert "content/programs/youth-soccer-nights-2.en.md" in again.stdout  # never overwrites
    built = build(site)
    assert built.returncode == 0, built.stderr
    assert 'warning: content/programs/youth-soccer-nights.en.md:5: "summary" still has ' \
           "placeholder text (TODO:)." in built.stderr
    assert "warning: content/programs/youth-soccer-nights.en.md:1: The French (fr) translation " \
           "is awaiting translation: the English (en) text is shown instead." in built.stderr
    strict = build(site, "--strict")
    assert strict.returncode == 1


def test_translate_a_page_and_mark_it(site: Path) -> None:
    status = run_cli("translations", "--site", str(site))
    assert status.returncode == 0
    total = 2 * len(list((site / "content").glob("*/*.en.md")))
    assert status.stdout.splitlines()[-1] == (
        f"{total} translations: {total} up to date, 0 outdated, 0 awaiting translation, "
        "0 missing, 0 not marked.")
    english = site / "content/programs/peace.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "PEACE is for young people.", "PEACE is for young people aged 12 to 18."),
        encoding="utf-8")
    status = run_cli("translations", "--site", str(site), "--fail-on", "outdated")
    assert status.returncode == 1
    assert re.search(r'^  programs/peace +fr  outdated; changed since: "Who it is for"$',
                     status.stdout, re.MULTILINE)
    built = build(site)
    page = (site / "output/fr/programmes/peace/index.html").read_text(encoding="utf-8")
    assert "La version en anglais de cette page a été mise à jour après cette traduction." in page
    french = site / "content/programs/peace.fr.md"  # the translator updates the French
    french.write_text(french.read_text(encoding="utf-8").replace(
        "PEACE s'adresse aux jeunes.", "PEACE s'adresse aux jeunes de 12 à 18 ans."),
        encoding="utf-8")
    marked = run_cli("translations", "mark", "peace.fr", "--site", str(site))
    assert marked.returncode == 0, marked.stderr
    assert re.fullmatch(r"Marked content/programs/peace\.fr\.md as up to date with "
                        r"content/programs/peace\.en\.md \([0-9a-f]{12}\)\.\n", marked.stdout)
    status = run_cli("translations", "--site", str(site), "--format", "json")
    states = {(s["key"], s["lang"]): s["status"] for s in yaml.safe_load(status.stdout)}
    assert states[("programs/peace", "fr")] == "up-to-date"
    assert states[("programs/peace", "ar")] == "outdated"
    assert built.returncode == 0


def test_read_and_fix_an_error(site: Path) -> None:
    expected = code_blocks("fix-an-error.md")[0]
    french = site / "content/programs/peace.fr.md"
    french.write_text(french.read_text(encoding="utf-8").replace("title:", "titel:", 1),
                      encoding="utf-8")
    english = site / "content/programs/peace.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "audiences: [youth,", "audiences: [yuoth,"), encoding="utf-8")
    result = run_cli("--site", ".", "--now", NOW, cwd=site)
    assert result.returncode == 1
    assert result.stderr == expected


def test_add_a_language(site: Path) -> None:
    declaration = code_blocks("add-a-language.md", "yaml")[0]
    config_path = site / "site_config.yaml"
    text = config_path.read_text(encoding="utf-8")
    config_path.write_text(text.replace("\ntitle:", declaration + "\ntitle:", 1),
                           encoding="utf-8")
    first = build(site)
    assert first.returncode == 1
    assert re.search(r'error: site_config\.yaml:\d+: "title" has no text for Urdu \(ur\)\.',
                     first.stderr)
    # Step 3: an Urdu text for every setting and label (the English text stands in here).
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    add_urdu(config)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    taxonomies_path = site / "content/taxonomies.yaml"
    taxonomies = yaml.safe_load(taxonomies_path.read_text(encoding="utf-8"))
    add_urdu(taxonomies)
    taxonomies_path.write_text(yaml.safe_dump(taxonomies, allow_unicode=True), encoding="utf-8")
    # Step 4: copy the list of UI strings, set the header; the build names what is untranslated.
    assert code_blocks("add-a-language.md", "sh")[0].strip() == \
        "cp translations/messages.pot translations/ur.po"
    catalog = site / "translations/ur.po"
    shutil.copyfile(ROOT / "translations/messages.pot", catalog)
    untranslated = build(site)
    assert untranslated.returncode == 1
    assert 'No Urdu (ur) translation for "Skip to main content"' in untranslated.stderr
    shutil.copyfile(FIXTURES / "other/translations/ur.po", catalog)  # the translator's work
    done = build(site)
    assert done.returncode == 0, done.stderr
    home = (site / "output/ur/index.html").read_text(encoding="utf-8")
    assert '<html lang="ur" dir="rtl" data-script="Arab">' in home
    assert "مرکزی مواد پر جائیں" in home
    assert "warning: content/programs/peace.en.md:1: No Urdu (ur) translation" in done.stderr


def add_urdu(data: object) -> None:
    """Give every per-language mapping (one with an "en" key) an "ur" entry."""
    if isinstance(data, dict):
        if "en" in data and "fr" in data and "ur" not in data:
            data["ur"] = copy.deepcopy(data["en"])  # a shared object would be written as a YAML alias
        for value in data.values():
            add_urdu(value)
    elif isinstance(data, list):
        for value in data:
            add_urdu(value)


def test_add_an_event(site: Path) -> None:
    example = code_blocks("add-an-event.md", "markdown")[0]
    created = run_cli("new", "event", "Crime prevention seminar", "--site", str(site))
    assert created.returncode == 0, created.stderr
    path = site / "content/events/crime-prevention-seminar.en.md"
    path.write_text(example, encoding="utf-8")
    result = build(site)
    assert result.returncode == 0, result.stderr
    def text(path: str) -> str:  # Babel writes narrow no-break spaces, as typography wants
        return (site / "output" / path).read_text(encoding="utf-8").replace(
            "\u202f", " ").replace("\u00a0", " ")

    page = text("en/events/crime-prevention-seminar/index.html")
    assert "Thursday, January 21, 2027, 6:30 p.m. – 8:00 p.m. (Eastern Standard Time)" in page
    french = text("fr/evenements/crime-prevention-seminar/index.html")
    assert "jeudi 21 janvier 2027, 18 h 30 – 20 h 00" in french
    listing = (site / "output/en/events/index.html").read_text()
    assert 'href="/en/events/crime-prevention-seminar/"' in listing
    assert (site / "output/en/events/crime-prevention-seminar/event.ics").is_file()


def test_translate_with_po_files(site: Path) -> None:
    export, imported = [block.split() for block in code_blocks("translating.md", "sh")[1:3]]
    assert export[:4] == [".venv/bin/python", "build.py", "translations", "export"]
    english = site / "content/programs/peace.en.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "PEACE is for young people.", "PEACE is for young people aged 12 to 18."),
        encoding="utf-8")
    folder = site / "to-translate"
    result = run_cli(*export[2:], "--site", str(site), "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert [p.relative_to(folder).as_posix() for p in folder.rglob("*.po")] == \
        ["fr/programs/peace.po"]
    with (folder / "fr/programs/peace.po").open("rb") as handle:
        catalog = read_po(handle)
    assert all(m.fuzzy for m in catalog if m.id and m.string)  # the translator checks them all
    for message in catalog:  # the translator's work
        if message.id:
            message.string = str(message.string).replace(
                "PEACE s'adresse aux jeunes.", "PEACE s'adresse aux jeunes de 12 à 18 ans.")
            message.flags.discard("fuzzy")
    with (folder / "fr/programs/peace.po").open("wb") as handle:
        write_po(handle, catalog, width=0)
    assert imported[:4] == [".venv/bin/python", "build.py", "translations", "import"]
    result = run_cli("translations", "import", "--site", str(site),
                     str(site / imported[4]))
    assert result.returncode == 0, result.stdout + result.stderr
    status = run_cli("translations", "--site", str(site), "--format", "json")
    states = {(s["key"], s["lang"]): s["status"] for s in yaml.safe_load(status.stdout)}
    assert states[("programs/peace", "fr")] == "up-to-date"
    assert "de 12 à 18 ans" in (site / "content/programs/peace.fr.md").read_text("utf-8")
    assert build(site).returncode == 0
