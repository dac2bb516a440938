"""sitegen.render.i18n: gettext catalogs read with Babel, missing strings, plurals and locale dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.support import NullTranslations

from sitegen.source.config import Language, SiteConfig, load_config
from sitegen.errors import Report
from sitegen.render.i18n import Catalogs, UiString, format_day, language_name, load_catalogs
from tests.helpers import TINY
from tests.unit.support import messages

HEADER = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"Plural-Forms: {plural}\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"""
AR_PLURAL = ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
             ": n%100>=11 && n%100<=99 ? 4 : 5);")
FR_PLURAL = "nplurals=2; plural=(n > 1);"

AR_PO = HEADER.format(lang="ar", plural=AR_PLURAL) + """
msgid "Skip to main content"
msgstr "انتقل إلى المحتوى الرئيسي"

msgid "%(num)s program"
msgid_plural "%(num)s programs"
msgstr[0] "لا برامج"
msgstr[1] "برنامج واحد"
msgstr[2] "برنامجان"
msgstr[3] "%(num)s برامج"
msgstr[4] "%(num)s برنامجًا"
msgstr[5] "%(num)s برنامج"
"""

FR_PO = HEADER.format(lang="fr", plural=FR_PLURAL) + """
msgid "Skip to main content"
msgstr "Aller au contenu principal"

msgid "%(num)s program"
msgid_plural "%(num)s programs"
msgstr[0] "%(num)s programme"
msgstr[1] "%(num)s programmes"
"""

SKIP = UiString("Skip to main content", "templates/base.html", 24)
PROGRAMS = UiString(("%(num)s program", "%(num)s programs"), "templates/list.html", 7)


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return load_config(TINY)


def write_catalogs(folder: Path, **catalogs: str) -> Path:
    translations = folder / "translations"
    translations.mkdir()
    for code, text in catalogs.items():
        (translations / f"{code}.po").write_text(text, encoding="utf-8")
    return translations


def load(config: SiteConfig, translations: Path, used: list[UiString]) -> tuple[Catalogs, Report]:
    report = Report()
    return load_catalogs(config, [translations], used, report), report


def test_complete_catalogs_translate(tmp_path: Path, config: SiteConfig) -> None:
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=FR_PO)
    catalogs, report = load(config, translations, [SKIP, PROGRAMS])
    assert report.errors == []
    assert catalogs.gettext("fr", "Skip to main content") == "Aller au contenu principal"
    assert catalogs.gettext("ar", "Skip to main content") == "انتقل إلى المحتوى الرئيسي"
    assert catalogs.ngettext("fr", "%(num)s program", "%(num)s programs", 1) == \
        "%(num)s programme"
    assert catalogs.ngettext("fr", "%(num)s program", "%(num)s programs", 2) == \
        "%(num)s programmes"


def test_source_language_needs_no_catalog(tmp_path: Path, config: SiteConfig) -> None:
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=FR_PO)  # no en.po
    catalogs, report = load(config, translations, [SKIP, PROGRAMS])
    assert report.errors == []
    assert catalogs.gettext("en", "Skip to main content") == "Skip to main content"
    assert catalogs.ngettext("en", "%(num)s program", "%(num)s programs", 1) == \
        "%(num)s program"
    assert catalogs.ngettext("en", "%(num)s program", "%(num)s programs", 0) == \
        "%(num)s programs"


@pytest.mark.parametrize(("count", "expected"), [
    (0, "لا برامج"),
    (1, "برنامج واحد"),
    (2, "برنامجان"),
    (3, "%(num)s برامج"),
    (11, "%(num)s برنامجًا"),
    (100, "%(num)s برنامج"),
    (103, "%(num)s برامج"),
])
def test_arabic_picks_the_right_of_six_plural_forms(tmp_path: Path, config: SiteConfig,
                                                    count: int, expected: str) -> None:
    catalogs, report = load(config, write_catalogs(tmp_path, ar=AR_PO, fr=FR_PO), [PROGRAMS])
    assert report.errors == []
    assert catalogs.ngettext("ar", "%(num)s program", "%(num)s programs", count) == expected


def test_missing_ui_string_is_reported_with_template_and_line(tmp_path: Path,
                                                              config: SiteConfig) -> None:
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=FR_PO)
    used = [SKIP, UiString("Main menu", "templates/base.html", 37),
            UiString("Main menu", "templates/home.html", 3)]  # reported once, at its first use
    _, report = load(config, translations, used)
    assert messages(report.errors) == [
        'translations/ar.po:1: No Arabic (ar) translation for "Main menu" (used in '
        "templates/base.html:37).\n    Add or complete its msgstr.",
        'translations/fr.po:1: No French (fr) translation for "Main menu" (used in '
        "templates/base.html:37).\n    Add or complete its msgstr.",
    ]


def test_empty_and_fuzzy_translations_are_missing_at_their_line(tmp_path: Path,
                                                                config: SiteConfig) -> None:
    fr = FR_PO + '\nmsgid "Main menu"\nmsgstr ""\n\n#, fuzzy\nmsgid "Search"\nmsgstr "Cherche"\n'
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=fr)
    used = [UiString("Main menu", "templates/base.html", 37),
            UiString("Search", "templates/base.html", 40)]
    _, report = load(config, translations, used)
    lines = fr.split("\n")
    main_menu, search = lines.index('msgid "Main menu"') + 1, lines.index('msgid "Search"') + 1
    assert (main_menu, search) == (15, 19)
    assert [str(e) for e in report.errors if e.path == "translations/fr.po"] == [
        'translations/fr.po:15: No French (fr) translation for "Main menu" (used in '
        "templates/base.html:37).\n    Add or complete its msgstr.",
        'translations/fr.po:19: No French (fr) translation for "Search" (used in '
        "templates/base.html:40).\n    Add or complete its msgstr.",
    ]


def test_incomplete_plural_forms_are_reported(tmp_path: Path, config: SiteConfig) -> None:
    ar = AR_PO.split('msgid "%(num)s program"')[0] + (
        'msgid "%(num)s program"\nmsgid_plural "%(num)s programs"\n'
        'msgstr[0] "لا برامج"\nmsgstr[1] "برنامج واحد"\n')
    translations = write_catalogs(tmp_path, ar=ar, fr=FR_PO)
    _, report = load(config, translations, [SKIP, PROGRAMS])
    assert messages(report.errors) == [
        'translations/ar.po:10: No Arabic (ar) translation for "%(num)s program" (used in '
        "templates/list.html:7).\n    Add or complete its msgstr (6 plural forms)."]


def test_missing_catalog(tmp_path: Path, config: SiteConfig) -> None:
    translations = write_catalogs(tmp_path, fr=FR_PO)
    catalogs, report = load(config, translations, [SKIP])
    assert messages(report.errors) == [
        "translations/ar.po: There is no catalog of UI strings for Arabic (ar).\n"
        "    Copy translations/messages.pot to translations/ar.po and translate each msgstr."]
    assert catalogs.gettext("ar", "Skip to main content") == "Skip to main content"


def test_site_catalog_overrides_are_searched_in_order(tmp_path: Path, config: SiteConfig) -> None:
    bundled = write_catalogs(tmp_path, ar=AR_PO, fr=FR_PO)
    own = tmp_path / "own" / "translations"
    own.mkdir(parents=True)
    (own / "fr.po").write_text(FR_PO.replace("Aller au contenu principal", "Aller au contenu"),
                               encoding="utf-8")
    report = Report()
    catalogs = load_catalogs(config, [own, bundled], [SKIP], report)
    assert report.errors == []
    assert catalogs.gettext("fr", "Skip to main content") == "Aller au contenu"
    assert catalogs.gettext("ar", "Skip to main content") == "انتقل إلى المحتوى الرئيسي"


def test_unreadable_catalog(tmp_path: Path, config: SiteConfig) -> None:
    broken = FR_PO + '\nmsgid "Main menu"\nMenu principal\nmsgstr "Menu"\n'
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=broken)
    catalogs, report = load(config, translations, [SKIP])
    [problem] = report.errors
    assert problem.path == "translations/fr.po"
    assert problem.message.startswith("This catalog could not be read: ")
    assert problem.hint == \
        "Check the quotes on the line named; every msgid and msgstr needs both."
    assert isinstance(catalogs.by_lang["fr"], NullTranslations)


def test_unreadable_catalog_names_the_bad_line(tmp_path: Path, config: SiteConfig) -> None:
    broken = FR_PO + '\nmsgid "Main menu"\nMenu principal\nmsgstr "Menu"\n'
    bad_line = broken.split("\n").index("Menu principal") + 1  # line 16 of the file
    translations = write_catalogs(tmp_path, ar=AR_PO, fr=broken)
    _, report = load(config, translations, [SKIP])
    [problem] = report.errors
    assert problem.line == bad_line


# Dates and language names ----------------------------------------------------------------------

DAY = dt.date(2026, 3, 14)


def test_format_day_follows_each_locale(config: SiteConfig) -> None:
    assert format_day(DAY, config.language("en")) == "March 14, 2026"
    assert format_day(DAY, config.language("fr")) == "14 mars 2026"
    assert format_day(DAY, config.language("ar")) == "14 مارس 2026"
    assert format_day(DAY, config.language("en"), "short") == "2026-03-14"  # en_CA, not en_US


def test_format_day_is_independent_of_the_language_code() -> None:
    us = Language("en", "English", "en_US", "ltr", True)
    assert format_day(DAY, us, "short") == "3/14/26"


def test_language_name_in_the_reader_language(config: SiteConfig) -> None:
    assert language_name("ar", config.language("fr")) == "arabe"
    assert language_name("ur", config.language("en")) == "Urdu"
    assert language_name("fr", config.language("ar")) == "الفرنسية"
    assert language_name("pt-BR", config.language("fr")) == "portugais brésilien"  # CLDR
    assert language_name("zh-Hans", config.language("fr")) == "chinois simplifié"


def test_language_name_of_a_malformed_code_is_the_code(config: SiteConfig) -> None:
    assert language_name("x1", config.language("en")) == "x1"


def test_language_name_of_an_unknown_code_is_the_code(config: SiteConfig) -> None:
    assert language_name("xx", config.language("en")) == "xx"
