"""A kind of content declared in site_config.yaml alone: a `services` collection with its own
fields, a taxonomy and a reference to partners builds with no template of its own, and its
mistakes are reported at their line. No module of the generator branches on a kind's name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sitegen.source.collection_kinds import builtin_kinds
from tests.helpers import ROOT, TINY, TINY_NOW, copy_site, run_cli

SERVICES = """\
  services:
    section: {en: services, fr: services, ar: services}
    title: {en: Services, fr: Services, ar: الخدمات}
    directories:
      service_types:
        section: {en: type, fr: type, ar: type}
        title: {en: Kinds of service, fr: Types de services, ar: أنواع الخدمات}
    fields:
      eligibility:
        type: text
        help: who may use the service
        label: {en: Who can use it, fr: Qui peut l’utiliser, ar: من يمكنه الاستفادة}
      service_types:
        {type: list, of: taxonomy, taxonomy: service_types, shared: true,
         label: {en: Kind of service, fr: Type de service}}
      partners:
        {type: list, of: reference, to: partners, shared: true,
         label: {en: Offered with, fr: Offert avec, ar: بالتعاون مع}}
      phone: {type: phone, shared: true, label: {en: Phone, fr: Téléphone, ar: الهاتف}}
      opened: {type: date, shared: true}
"""

HELP_DESK = {
    "en": "---\ntitle: Help desk\nsummary: Answers to your questions.\neligibility: Anyone\n"
          "service_types: [advice]\npartners: [town-club]\nphone: 905-555-0100\n"
          "opened: 2026-01-05\n---\n\nAsk us anything.\n",
    "fr": "---\ntitle: Comptoir d’aide\nsummary: Des réponses à vos questions.\n"
          "eligibility: Tout le monde\n---\n\nPosez-nous vos questions.\n",
}


def add_services(site: Path, declaration: str = SERVICES) -> None:
    config = site / "site_config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("collections:\n", "collections:\n" + declaration, 1),
                      encoding="utf-8")
    with (site / "content/taxonomies.yaml").open("a", encoding="utf-8") as taxonomies:
        taxonomies.write("service_types:\n  advice: {en: Advice, fr: Conseils, ar: نصائح}\n")
    (site / "content/services").mkdir()
    for lang, text in HELP_DESK.items():
        (site / f"content/services/help-desk.{lang}.md").write_text(text, encoding="utf-8")


def build(site: Path, out: Path) -> tuple[int, str]:
    result = run_cli("--site", str(site), "--output", str(out), "--now", TINY_NOW, "--no-search")
    return result.returncode, result.stdout + result.stderr


def test_a_collection_declared_in_the_config_builds_without_a_template(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    add_services(site)
    code, output = build(site, tmp_path / "out")
    assert code == 0, output
    page = (tmp_path / "out/en/services/help-desk/index.html").read_text(encoding="utf-8")
    assert "<dt>Who can use it</dt>" in page and "Anyone" in page
    assert 'href="/en/partners/town-club/"' in page  # the reference, resolved
    assert 'href="/en/services/type/advice/"' in page and ">Advice</a>" in page
    assert 'href="tel:905-555-0100"' in page
    assert "2026-01-05" not in page.split("<dl", 1)[1]  # no label: not shown
    french = (tmp_path / "out/fr/services/help-desk/index.html").read_text(encoding="utf-8")
    assert "<dt>Qui peut l’utiliser</dt>" in french and "Tout le monde" in french
    assert "Conseils" in french  # shared fields come from the original
    arabic = (tmp_path / "out/ar/services/help-desk/index.html").read_text(encoding="utf-8")
    assert '<dt lang="en">Kind of service</dt>' in arabic  # no Arabic label: said in English
    term = (tmp_path / "out/en/services/type/advice/index.html").read_text(encoding="utf-8")
    assert "/en/services/help-desk/" in term
    partner = (tmp_path / "out/en/partners/town-club/index.html").read_text(encoding="utf-8")
    assert "/en/services/help-desk/" in partner  # the partner lists what names it


@pytest.mark.parametrize(("declaration", "expected"), [
    (SERVICES.replace("type: text", "type: txt"),
     ['site_config.yaml:37:', 'got "txt". Did you mean "text"?']),
    (SERVICES.replace("{type: phone,", "{type: choice,"),
     ['A choice field needs "options"']),
    (SERVICES + "    behaviours: [dated]\n",
     ['The behaviour "dated" needs a field "date" of type date']),
    (SERVICES + "    schema: program\n",
     ['"program" is not a kind of collection', 'Did you mean "programs"']),
])
def test_mistakes_in_a_declaration_are_reported_at_their_line(
        tmp_path: Path, declaration: str, expected: list[str]) -> None:
    site = copy_site(TINY, tmp_path / "site")
    add_services(site, declaration)
    code, output = build(site, tmp_path / "out")
    assert code == 1
    assert "site_config.yaml:" in output
    for text in expected:
        assert text in output, output
    assert not (tmp_path / "out").exists()


def test_a_field_the_kind_does_not_declare_is_refused(tmp_path: Path) -> None:
    site = copy_site(TINY, tmp_path / "site")
    add_services(site)
    path = site / "content/services/help-desk.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("eligibility:", "eligibilty:"),
                    encoding="utf-8")
    code, output = build(site, tmp_path / "out")
    assert code == 1
    assert "content/services/help-desk.en.md:4" in output and "eligibility" in output, output


def test_no_module_branches_on_the_name_of_a_kind() -> None:
    names = set(builtin_kinds())
    found = []
    for path in sorted((ROOT / "sitegen").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Compare):
                for operand in [node.left, *node.comparators]:
                    if isinstance(operand, ast.Constant) and operand.value in names:
                        found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, found
