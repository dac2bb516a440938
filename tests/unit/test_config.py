"""sitegen.source.config: loading site_config.yaml into a SiteConfig, and every problem it can have."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.source.config import (SITE, Alert, CollectionConfig, Contact, Language, MenuItem, Phone,
                            SiteConfig, load_config)
from sitegen.errors import BuildFailed, quoted_list
from tests.helpers import TINY

MINIMAL = """\
base_url: {base_url}
languages:
{languages}
title: {{{per_lang}}}
tagline: {{{per_lang}}}
contact: {{emergency: 911}}
collections:
  pages:
    title: {{{per_lang}}}
"""


def write_config(folder: Path, text: str) -> Path:
    (folder / "site_config.yaml").write_text(text, encoding="utf-8")
    return folder


def minimal(folder: Path, languages: list[str], base_url: str = "https://example.org/") -> Path:
    codes = [line.split("code: ")[1].split(",")[0] for line in languages]
    return write_config(folder, MINIMAL.format(
        base_url=base_url, languages="\n".join(f"  - {line}" for line in languages),
        per_lang=", ".join(f"{code}: T" for code in codes)))


def failure_of(folder: Path) -> list[str]:
    with pytest.raises(BuildFailed) as caught:
        load_config(folder)
    return [str(problem) for problem in caught.value.errors]


@pytest.fixture(scope="module")
def tiny() -> SiteConfig:
    return load_config(TINY)


def test_tiny_languages(tiny: SiteConfig) -> None:
    assert tiny.languages == (
        Language("en", "English", "en_CA", "ltr", True),
        Language("fr", "Français", "fr_CA", "ltr", False),
        Language("ar", "العربية", "ar", "rtl", False),
    )
    assert tiny.codes == ("en", "fr", "ar")
    assert tiny.default_language.code == "en"
    assert tiny.language("fr").name == "Français"


def test_language_labels_name_the_language_in_english(tiny: SiteConfig) -> None:
    assert [lang.label for lang in tiny.languages] == ["English (en)", "French (fr)",
                                                       "Arabic (ar)"]
    assert Language("pa", "ਪੰਜਾਬੀ", "pa_Guru_IN", "ltr", False).label == "Punjabi (pa)"


def test_tiny_site_settings(tiny: SiteConfig) -> None:
    assert tiny.base_url == "https://tiny.example.org/"
    assert tiny.base_path == "/"
    assert tiny.title["fr"] == "Programmes de Petiteville"
    assert tiny.tagline["en"] == "Small programs for a small town."
    assert tiny.timezone == "America/Toronto"  # the default
    assert tiny.fallback == "show_default"
    assert tiny.home_featured == ("programs",)
    assert tiny.src_path == "site_config.yaml"


def test_tiny_menu_and_footer_remember_their_lines(tiny: SiteConfig) -> None:
    assert tiny.menu == (
        MenuItem("programs", {"en": "Programs", "fr": "Programmes", "ar": "البرامج"}, 10),
        MenuItem("pages/contact", {"en": "Contact", "fr": "Contact", "ar": "اتصل بنا"}, 12),
    )
    assert tiny.footer == (MenuItem(
        "pages/contact", {"en": "Contact us", "fr": "Nous joindre", "ar": "اتصل بنا"}, 15),)


def test_tiny_contact_and_alert(tiny: SiteConfig) -> None:
    assert tiny.contact == Contact(
        emergency="911",
        phones=(Phone({"en": "Front desk", "fr": "Accueil", "ar": "الاستقبال"}, "905 555 0100"),),
        email=None, address=None)
    assert tiny.alert == Alert(
        {"en": "Office closed on Friday.", "fr": "Bureau fermé vendredi.",
         "ar": "المكتب مغلق يوم الجمعة."},
        dt.date(2026, 1, 1), dt.date(2026, 1, 31), "warning")


def test_tiny_collections(tiny: SiteConfig) -> None:
    assert list(tiny.collections) == ["programs", "partners", "resources", "pages"]
    programs = tiny.collections["programs"]
    assert programs == CollectionConfig(
        name="programs", schema="programs",
        section={"en": "programs", "fr": "programmes", "ar": "programs"},
        title={"en": "Programs", "fr": "Programmes", "ar": "البرامج"}, intro=None, line=28,
        open_data="service")  # from its kind
    assert programs.has_list_page
    pages = tiny.collections["pages"]
    assert (pages.schema, pages.section, pages.has_list_page, pages.line) == \
        ("pages", {}, False, 37)


def test_direction_is_guessed_from_the_locale_when_omitted(tmp_path: Path) -> None:
    config = load_config(minimal(tmp_path, [
        "{code: en, name: English, locale: en_CA, default: true}",
        "{code: ar, name: العربية, locale: ar}",
        "{code: ur, name: اردو, locale: ur_PK}",
        "{code: fr, name: Français, locale: fr_CA}",
        "{code: he, name: עברית, locale: he, direction: ltr}",  # explicit wins
    ]))
    assert {lang.code: lang.direction for lang in config.languages} == \
        {"en": "ltr", "ar": "rtl", "ur": "rtl", "fr": "ltr", "he": "ltr"}


def test_base_path_of_a_sub_path_base_url(tmp_path: Path) -> None:
    config = load_config(minimal(tmp_path, ["{code: en, name: English, locale: en_CA, "
                                            "default: true}"],
                                 base_url="https://example.org/preview/pr-12"))
    assert config.base_url == "https://example.org/preview/pr-12/"
    assert config.base_path == "/preview/pr-12/"


def test_defaults_of_optional_settings(tmp_path: Path) -> None:
    config = load_config(minimal(tmp_path, ["{code: en, name: English, locale: en_CA, "
                                            "default: true}"]))
    assert (config.menu, config.footer, config.alert, config.home_featured) == ((), (), None, ())
    assert config.contact == Contact("911", (), None, None)


def test_every_problem_is_collected_with_its_line(tmp_path: Path) -> None:
    write_config(tmp_path, """\
base_url: tiny.example.org
languages:
  - {code: en, name: English, locale: en_CA, default: true}
  - {code: fr, name: Français, locale: fr_XX}
  - {code: ar, name: العربية, locale: ar, direction: rlt}
title: {en: Tiny Town Programs, fr: Programmes de Petiteville}
tagline: {en: Small programs., fr: De petits programmes., ar: برامج صغيرة.}
fallback: show-default
contact:
  emergency: ""
alert:
  message: {en: a, fr: b, ar: c, es: d}
  start: tomorrow
  end: 2026-01-31
colections:
  programs:
    title: {en: Programs, fr: Programmes, ar: البرامج}
""")
    known = quoted_list(SITE.fields)
    assert '"base_url", ' in known and '"collections", ' in known and '"title"' in known
    assert failure_of(tmp_path) == [
        'site_config.yaml:1: "base_url" must be a full web address starting with https:// '
        '(or mailto:), without spaces or quotes; got "tiny.example.org".\n'
        "    For example: base_url: https://example.org/",
        'site_config.yaml:4: "fr_XX" is not a locale known to Babel.\n'
        "    Use a code such as en_CA, fr_CA, ar, ur_PK or pa_Guru_IN.",
        'site_config.yaml:5: "languages[3].direction" must be one of "ltr", "rtl"; got "rlt". '
        'Did you mean "rtl"?',
        'site_config.yaml:6: "title" has no text for Arabic (ar).\n'
        "    Add a line for each, for example: ar: ...",
        'site_config.yaml:8: "fallback" must be one of "omit", "show_default"; got '
        '"show-default". Did you mean "show_default"?',
        'site_config.yaml:10: "contact.emergency" is empty.\n'
        '    Write a value, for example: emergency: "911"',
        'site_config.yaml:12: "es" is not a configured language.\n'
        '    Configured languages: "ar", "en", "fr".',
        'site_config.yaml:13: "alert.start" must be a date written year-month-day; got '
        '"tomorrow".\n    For example: start: 2026-03-14',
        'site_config.yaml:15: Unknown setting "colections". Did you mean "collections"?\n'
        "    Rename it, for example: collections: ...\n"
        f"    Known settings here: {known}.",
    ]


def test_language_entries_are_checked(tmp_path: Path) -> None:
    write_config(tmp_path, """\
base_url: https://x.org
languages:
  - {code: en, name: English, locale: en_CA, default: true}
  - {code: EN, locale: xx}
title: {en: T}
tagline: {en: T}
contact: {emergency: 911}
collections:
  Programs:
    title: {en: P}
  pages:
    section: {en: Pages}
    title: {en: P}
home:
  featured: programs
""")
    assert failure_of(tmp_path) == [
        'site_config.yaml:4: "EN" is not a language tag written the standard way (BCP 47). '
        'Did you mean "en"?\n'
        "    Use a language tag such as fr, fr-CA, pt-BR, zh-Hans, zh-Hant, sr-Latn or es-419.",
        'site_config.yaml:4: "xx" is not a locale known to Babel.\n'
        "    Use a code such as en_CA, fr_CA, ar, ur_PK or pa_Guru_IN.",
        'site_config.yaml:4: Missing required setting "name" (the language\'s own name).\n'
        "    Add a line like: name: Français",
        # "EN" is read as a language code, so every per-language setting lacks it too
        'site_config.yaml:5: "title" has no text for EN (EN).\n'
        "    Add a line for each, for example: EN: ...",
        'site_config.yaml:6: "tagline" has no text for EN (EN).\n'
        "    Add a line for each, for example: EN: ...",
        'site_config.yaml:9: Collection name "Programs" must be a lowercase word.',
        'site_config.yaml:12: "collections.pages.section" has no text for EN (EN).\n'
        "    Add a line for each, for example: EN: ...",
        'site_config.yaml:12: "collections.pages.section.en" may use only lowercase letters '
        'a-z, digits and hyphens; got "Pages".\n    For example: en: programmes',
        'site_config.yaml:13: "collections.pages.title" has no text for EN (EN).\n'
        "    Add a line for each, for example: EN: ...",
        'site_config.yaml:15: "home.featured" must be a list, for example [programs, '
        "resources].\n"
        "    Write it as featured: [programs, resources] or with one '- ' line per item.",
    ]


def test_exactly_one_default_language(tmp_path: Path) -> None:
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA, default: true}",
                       "{code: fr, name: Français, locale: fr_CA, default: true}"])
    assert failure_of(tmp_path) == [
        "site_config.yaml:2: Exactly one language must have default: true; found 2.\n"
        "    Add default: true under the language the site is written in first."]
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA}"])
    assert failure_of(tmp_path)[0].startswith(
        "site_config.yaml:2: Exactly one language must have default: true; found 0.\n")


def test_language_listed_twice(tmp_path: Path) -> None:
    write_config(tmp_path, MINIMAL.format(
        base_url="https://x.org/", per_lang="en: T, fr: T",
        languages="  - {code: en, name: English, locale: en_CA, default: true}\n"
                  "  - {code: fr, name: Français, locale: fr_CA}\n"
                  "  - {code: en, name: English, locale: en_US}"))
    assert failure_of(tmp_path) == ['site_config.yaml:5: Language "en" is listed twice.']


def test_empty_collections(tmp_path: Path) -> None:
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA, default: true}"])
    text = (tmp_path / "site_config.yaml").read_text(encoding="utf-8")
    write_config(tmp_path, text.split("collections:")[0] + "collections: {}\n")
    assert failure_of(tmp_path) == [
        'site_config.yaml:7: "collections" must list at least one collection, for example '
        "programs: {title: {...}}."]


def test_missing_required_settings_of_an_empty_file(tmp_path: Path) -> None:
    write_config(tmp_path, "# nothing yet\n")
    with pytest.raises(BuildFailed) as caught:
        load_config(tmp_path)
    assert [(p.line, p.message) for p in caught.value.errors] == [
        (1, 'Missing required setting "base_url" (the address where the site is published).'),
        (1, 'Missing required setting "collections" (content collections).'),
        (1, 'Missing required setting "contact" (contact block in the footer).'),
        (1, 'Missing required setting "languages" (the site\'s languages).'),
        (1, 'Missing required setting "tagline" (one line under the title, per language).'),
        (1, 'Missing required setting "title" (site title, per language).'),
    ]


def test_not_a_group_of_settings(tmp_path: Path) -> None:
    write_config(tmp_path, "- base_url\n- languages\n")
    assert failure_of(tmp_path) == [
        "site_config.yaml:1: site_config.yaml must be a group of settings such as base_url: ..."]


def test_yaml_mistake_in_config(tmp_path: Path) -> None:
    write_config(tmp_path, "base_url: https://x.org/\ntitle: Safety: first\n")
    assert failure_of(tmp_path) == [
        "site_config.yaml:2: A value contains a colon (:) that YAML reads as a new field.\n"
        "    Put the whole value in double quotes, for example:\n"
        '    title: "Safety: what to do"']


def test_config_not_saved_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "site_config.yaml").write_bytes("title: Français\n".encode("latin-1"))
    assert failure_of(tmp_path) == [
        "site_config.yaml:1: This file is not saved as UTF-8, so some letters cannot be read.\n"
        "    In your editor, choose Save As and the UTF-8 encoding, then save again."]


def test_missing_config(tmp_path: Path) -> None:
    assert failure_of(tmp_path) == [
        f"site_config.yaml: No site_config.yaml found in {tmp_path}.\n"
        "    Run the build from the site's folder, or pass --site FOLDER."]


# Language tags (BCP 47) --------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["zh-Hans", "zh-Hant", "pt-BR", "sr-Latn", "es-419", "fr-CA",
                                  "fa", "pa-Guru"])
def test_bcp47_tags_are_accepted_as_written(tmp_path: Path, code: str) -> None:
    config = config_with_language(tmp_path, f"{{code: {code}, name: Other}}")
    assert code in config.codes
    language = config.language(code)
    assert language.locale == code.replace("-", "_")  # the locale defaults to the tag


@pytest.mark.parametrize(("code", "message"), [
    ("zh-hans", '"zh-hans" is not a language tag written the standard way (BCP 47). Did you '
                'mean "zh-Hans"?'),
    ("pt_BR", '"pt_BR" is not a language tag written the standard way (BCP 47). Did you mean '
              '"pt-BR"?'),
    ("xq-ZZ", '"xq-ZZ" is not a language, script or region that CLDR knows.'),
    ("en-Qqqq", '"en-Qqqq" is not a language, script or region that CLDR knows.'),
    ("english", '"english" is not a language tag written the standard way (BCP 47).'),
])
def test_malformed_tags_are_explained(tmp_path: Path, code: str, message: str) -> None:
    problems = failure_of_language(tmp_path, f"{{code: {code}, name: Other, locale: fr_CA}}")
    assert problems == [f"site_config.yaml:4: {message}\n    Use a language tag such as fr, "
                        "fr-CA, pt-BR, zh-Hans, zh-Hant, sr-Latn or es-419."]


def test_the_locale_may_differ_from_the_tag(tmp_path: Path) -> None:
    config = config_with_language(tmp_path, "{code: zh-Hans, name: 简体中文, locale: zh_Hans_CN}")
    assert config.language("zh-Hans").locale == "zh_Hans_CN"
    assert config.language("zh-Hans").label == "Chinese (Simplified) (zh-Hans)"


def test_digits_follow_cldr_unless_the_site_chooses(tmp_path: Path) -> None:
    config = config_with_language(tmp_path, "{code: fa, name: فارسی}")
    assert config.language("fa").numbers == "arabext"
    config = config_with_language(tmp_path, "{code: fa, name: فارسی, numbers: latn}")
    assert config.language("fa").numbers == "latn"


def config_with_language(folder: Path, entry: str) -> SiteConfig:
    minimal(folder, ["{code: en, name: English, locale: en_CA, default: true}", entry])
    return load_config(folder)


def failure_of_language(folder: Path, entry: str) -> list[str]:
    text = MINIMAL.format(base_url="https://example.org/", languages="\n".join([
        "  - {code: en, name: English, locale: en_CA, default: true}", f"  - {entry}"]),
        per_lang="en: T")
    write_config(folder, text.replace("languages:\n", "languages:\n", 1))
    return [p for p in failure_of(folder) if "has no text for" not in p]


# Contact model and root sections -------------------------------------------------------------------

def test_contact_hours_address_form_and_languages(tmp_path: Path) -> None:
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA, default: true}",
                       "{code: fr, name: Français, locale: fr_CA}"])
    config_file = tmp_path / "site_config.yaml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "contact: {emergency: 911}",
        'contact:\n  emergency: "911"\n  address: "45 Mill Road, Riverside"\n'
        '  form: https://example.org/write/\n  languages: [en, fr, zh-Hans]\n'
        '  hours:\n    - {days: [mo, tu, we, th, fr], opens: "08:30", closes: "16:30"}\n'),
        encoding="utf-8")
    contact = load_config(tmp_path).contact
    assert contact.address == {"en": "45 Mill Road, Riverside", "fr": "45 Mill Road, Riverside"}
    assert contact.form == "https://example.org/write/"
    assert contact.languages == ("en", "fr", "zh-Hans")
    assert [(h.days, h.opens, h.closes) for h in contact.hours] == [
        (("mo", "tu", "we", "th", "fr"), "08:30", "16:30")]


def test_opening_hours_mistakes(tmp_path: Path) -> None:
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA, default: true}"])
    config_file = tmp_path / "site_config.yaml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "contact: {emergency: 911}",
        'contact:\n  emergency: "911"\n  hours:\n    - {days: [mon], opens: "8h30", closes: "16:30"}\n'),
        encoding="utf-8")
    assert failure_of(tmp_path) == [
        'site_config.yaml:9: "contact.hours[1].days[1]" must be one of "fr", "mo", "sa", "su", '
        '"th", "tu", "we"; got "mon". Did you mean "mo"?',
        'site_config.yaml:9: "contact.hours[1].opens" must be a time written like "08:30" '
        '(24-hour clock); got "8h30".\n    For example: opens: "08:30"']


def test_an_empty_section_puts_a_collection_at_the_root(tmp_path: Path) -> None:
    minimal(tmp_path, ["{code: en, name: English, locale: en_CA, default: true}"])
    config_file = tmp_path / "site_config.yaml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "  pages:\n", '  pages:\n    section: ""\n'), encoding="utf-8")
    pages = load_config(tmp_path).collections["pages"]
    assert pages.section == {} and not pages.has_list_page


EN_FR_ZH = ["{code: en, name: English, locale: en_CA, default: true}",
            "{code: fr, name: Français, locale: fr_CA}",
            "{code: zh-Hans, name: 简体中文}"]


def test_the_editor_s_language_is_the_default_unless_cms_names_one(tmp_path: Path) -> None:
    minimal(tmp_path, EN_FR_ZH)
    assert load_config(tmp_path).editor_language.code == "en"
    with (tmp_path / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write("cms:\n  language: zh-Hans\n")
    config = load_config(tmp_path)
    assert config.cms is not None and config.cms.language == "zh-Hans"
    assert config.editor_language == config.language("zh-Hans")


@pytest.mark.parametrize("written, suggested", [
    ("es", ""), ("FR", ' Did you mean "fr"?'), ("fr-CA", ' Did you mean "fr"?'),
    ("French", ' Did you mean "fr"?'), ("zh", ' Did you mean "zh-Hans"?'),
    ("eng", ' Did you mean "en"?')])
def test_the_editor_s_language_must_be_one_of_the_site_s(tmp_path: Path, written: str,
                                                         suggested: str) -> None:
    minimal(tmp_path, EN_FR_ZH)
    with (tmp_path / "site_config.yaml").open("a", encoding="utf-8") as config:
        config.write(f"cms:\n  branch: main\n  language: {written}\n")
    assert failure_of(tmp_path) == [
        f'site_config.yaml:14: "{written}" is not a configured language.{suggested}\n'
        '    Configured languages: "en", "fr", "zh-Hans".']
