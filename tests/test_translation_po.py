"""Translations through PO files: every item of the default site goes out as a catalog and
comes back, "translated", with its structure, links and anchors intact; the site still builds
and every imported translation is marked as translating the current original. Mistakes in a
returned catalog are reported at their line, and write nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from sitegen.source.segments import cut, link_targets
from tests.helpers import ROOT, copy_site, run_cli

WORD_RE = re.compile(r"\]\([^)]*\)|\{#[^}]*\}|`[^`]*`|\S*@\S*|\S*://\S*|[^\W\d_]+")


def shout(text: str) -> str:
    """A stand-in translation: words in capitals; links, anchors, code, addresses kept."""
    return WORD_RE.sub(lambda m: m.group(0) if m.group(0)[0] in "]{`" or "@" in m.group(0)
                       or "://" in m.group(0) else m.group(0).upper(), text)


def translate_catalogs(folder: Path) -> int:
    """Fill every message of every catalog under folder with shout(msgid); returns how many."""
    count = 0
    for path in sorted(folder.rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id:
                message.string = shout(str(message.id))
                message.flags.discard("fuzzy")
                count += 1
        with path.open("wb") as handle:
            write_po(handle, catalog, width=0)
        assert text  # the file was there
    return count


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    site = copy_site(ROOT, tmp_path_factory.mktemp("po") / "site")
    exported = site.parent / "catalogs"
    result = run_cli("translations", "export", "--site", str(site), "--lang", "fr",
                     "--out", str(exported))
    assert result.returncode == 0, result.stderr
    assert translate_catalogs(exported) > 100
    result = run_cli("translations", "import", "--site", str(site), str(exported))
    assert result.returncode == 0, result.stdout + result.stderr
    return site, exported


def test_every_item_goes_out_and_comes_back(round_trip: tuple[Path, Path]) -> None:
    site, exported = round_trip
    originals = sorted((site / "content").rglob("*.en.md"))
    assert len(list(exported.rglob("*.po"))) == len(originals)
    for original in originals:
        french = original.with_name(original.name.replace(".en.md", ".fr.md"))
        source = original.read_text(encoding="utf-8").split("---\n", 2)[2]
        translated = french.read_text(encoding="utf-8").split("---\n", 2)[2]
        before, after = cut(source), cut(translated)
        assert after.shape() == before.shape(), french
        assert link_targets(translated) == link_targets(source), french
        assert re.findall(r"\{#[^}]*\}", translated) == re.findall(r"\{#[^}]*\}", source)
        for segment in after.segments:
            assert segment.text == shout(segment.text), (french, segment)


def test_the_site_builds_and_every_translation_is_up_to_date(
        round_trip: tuple[Path, Path], tmp_path: Path) -> None:
    site, _ = round_trip
    build = run_cli("--site", str(site), "--output", str(tmp_path / "out"), "--no-search")
    assert build.returncode == 0, build.stdout + build.stderr
    status = run_cli("translations", "--site", str(site), "--fail-on", "outdated")
    assert status.returncode == 0, status.stdout
    page = (tmp_path / "out/fr/programmes/peace/index.html").read_text(encoding="utf-8")
    assert "WHAT PEACE IS" in page  # the English original's heading, "translated"


def test_a_catalog_with_mistakes_is_refused_at_its_lines(tmp_path: Path) -> None:
    site = copy_site(ROOT, tmp_path / "site")
    exported = tmp_path / "catalogs"
    assert run_cli("translations", "export", "--site", str(site), "--lang", "ar",
                   "--out", str(exported)).returncode == 0
    catalog = exported / "ar/programs/peace.po"
    translate_catalogs(catalog.parent)
    lines = catalog.read_text(encoding="utf-8").split("\n")
    wrong = next(number for number, line in enumerate(lines)
                 if line.startswith("msgstr") and "youth-in-action.md" in line)
    lines[wrong] = lines[wrong].replace("youth-in-action.md", "elsewhere.md")
    text = "\n".join(lines)
    catalog.write_text(text, encoding="utf-8")
    before = (site / "content/programs/peace.ar.md").read_bytes()
    result = run_cli("translations", "import", "--site", str(site), str(catalog))
    assert result.returncode == 1
    line = next(number for number, content in enumerate(text.split("\n"), 1)
                if "elsewhere.md" in content)
    assert "peace.po:" in result.stderr and "does not keep its links" in result.stderr
    assert any(f":{n}:" in result.stderr for n in range(line - 8, line + 1)), result.stderr
    assert (site / "content/programs/peace.ar.md").read_bytes() == before


def test_export_only_what_needs_work(tmp_path: Path) -> None:
    site = copy_site(ROOT, tmp_path / "site")
    (site / "content/programs/peace.fr.md").unlink()
    result = run_cli("translations", "export", "--site", str(site), "--lang", "fr",
                     "--only", "missing", "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert [p.relative_to(tmp_path / "out").as_posix()
            for p in (tmp_path / "out").rglob("*.po")] == ["fr/programs/peace.po"]
    with (tmp_path / "out/fr/programs/peace.po").open("rb") as handle:
        catalog = read_po(handle)
    assert all(not message.string for message in catalog if message.id)
