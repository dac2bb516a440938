"""UI strings from gettext catalogs (read with Babel), their completeness check, and locale dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from ..cache import digest
from ..errors import ContentError, Report
from ..source.event_times import EventTimes
from ..source.config import Language, SiteConfig
from ..source.numerals import localize_digits
from ..source.source_files import check_inside, read_bytes

SOURCE_LANGUAGE = "en"  # the language msgids are written in, in templates


@dataclass(frozen=True)
class UiString:
    """A string the templates ask to translate, and where."""

    msgid: str | tuple[str, str]  # a tuple for plural forms: (singular, plural)
    template: str
    line: int


@dataclass(frozen=True)
class Catalogs:
    """The loaded translations, one per language code."""

    by_lang: dict[str, Translations]

    def gettext(self, lang: str, message: str) -> str:
        return self.by_lang[lang].gettext(message)

    def ngettext(self, lang: str, singular: str, plural: str, count: int) -> str:
        return self.by_lang[lang].ngettext(singular, plural, count)


def catalog_path(translations_dir: Path, code: str) -> Path:
    return translations_dir / f"{code}.po"


def load_catalogs(config: SiteConfig, translations_dirs: list[Path], used: list[UiString],
                  report: Report) -> Catalogs:
    """Load translations/<code>.po for each language and report every missing UI string."""
    by_lang: dict[str, Translations] = {}
    for lang in config.languages:
        path = next((catalog_path(d, lang.code) for d in translations_dirs
                     if catalog_path(d, lang.code).is_file()), None)
        needs_catalog = Locale.parse(lang.locale).language != SOURCE_LANGUAGE
        if path is None:
            if needs_catalog:
                report.error(f"There is no catalog of UI strings for {lang.label}.",
                             f"translations/{lang.code}.po",
                             hint=f"Copy translations/messages.pot to translations/{lang.code}.po "
                                  "and translate each msgstr.")
            by_lang[lang.code] = Translations()
            continue
        src_path = f"translations/{path.name}" if path.parent.name == "translations" else str(path)
        read = _read_catalog(path, src_path, lang, report)
        if read is None:
            by_lang[lang.code] = Translations()
            continue
        catalog, by_lang[lang.code] = read
        if needs_catalog:
            _report_missing(catalog, lang, used, src_path, report)
    return Catalogs(by_lang)


# (locale, digest of a catalog file) -> what it holds: the preview builds again after every
# save, and reads the same catalogs each time
_READ: dict[tuple[str, str], tuple[Catalog, Translations]] = {}


def _read_catalog(path: Path, src_path: str, lang: Language,
                  report: Report) -> tuple[Catalog, Translations] | None:
    """A catalog file's messages, and the same compiled for lookups."""
    try:
        data = read_bytes(check_inside(path, path.parent.parent, src_path), src_path)
        key = (lang.locale, digest(data))
        if key not in _READ:
            catalog = read_po(BytesIO(data), locale=lang.locale, abort_invalid=True)
            if len(_READ) >= 32:
                _READ.clear()
            _READ[key] = (catalog, _compile(catalog))
        return _READ[key]
    except ContentError as problem:
        report.add(problem)
        return None
    except (PoFileError, UnicodeDecodeError, ValueError, LookupError) as exc:
        line = getattr(exc, "lineno", None)  # Babel counts lines from 0
        detail = re.sub(r" on \d+$", "", str(exc))
        report.error(f"This catalog could not be read: {detail}", src_path,
                     line + 1 if isinstance(line, int) else 1,
                     "Check the quotes on the line named; every msgid and msgstr needs both.")
        return None


def _report_missing(catalog: Catalog, lang: Language, used: list[UiString], src_path: str,
                    report: Report) -> None:
    seen: set[str | tuple[str, str]] = set()
    for string in used:
        if string.msgid in seen:
            continue
        seen.add(string.msgid)
        key = string.msgid[0] if isinstance(string.msgid, tuple) else string.msgid
        message = catalog.get(key)
        translated = message is not None and not message.fuzzy and (
            all(message.string) if isinstance(message.string, (tuple, list))
            else bool(message.string))
        if translated and isinstance(string.msgid, tuple):
            forms = catalog.num_plurals
            translated = message is not None and isinstance(message.string, (tuple, list)) \
                and len(message.string) >= forms
        if not translated:
            shown = string.msgid[0] if isinstance(string.msgid, tuple) else string.msgid
            report.error(f'No {lang.label} translation for "{shown}" '
                         f"(used in {string.template}:{string.line}).", src_path,
                         message.lineno if message is not None else 1,
                         "Add or complete its msgstr"
                         + (f" ({catalog.num_plurals} plural forms)"
                            if isinstance(string.msgid, tuple) else "") + ".")


def _compile(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer)


def format_day(day: dt.date, lang: Language, style: str = "long") -> str:
    """A date written the way readers of lang expect (Babel, never the process locale)."""
    return _written_day(day, lang.locale, lang.numbers, style)


@functools.lru_cache(maxsize=4096)  # pages show the same few dates again and again
def _written_day(day: dt.date, locale: str, numbers: str, style: str) -> str:
    return localize_digits(format_date(day, format=style, locale=locale), numbers)


WEEK = ("mo", "tu", "we", "th", "fr", "sa", "su")  # Babel numbers the days from 0, Monday


def format_hours(days: tuple[str, ...], opens: str, closes: str,
                 lang: Language) -> tuple[str, str]:
    """(days, hours) of a line of opening hours, written the reader's way: ("Monday–Friday",
    "8:30 a.m. – 4:30 p.m."); three days or more in a row are written as a range."""
    from babel.dates import format_time, get_day_names
    from babel.lists import format_list

    names = get_day_names("wide", locale=lang.locale)
    numbers = sorted(WEEK.index(day) for day in dict.fromkeys(days))
    consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
    if consecutive and len(numbers) >= 3:
        day_text = f"{names[numbers[0]]}–{names[numbers[-1]]}"
    else:
        day_text = format_list([names[n] for n in numbers], locale=lang.locale)
    times = [format_time(dt.time(int(hm.split(":")[0]), int(hm.split(":")[1]))
                         if hm != "24:00" else dt.time(0),
                         "short", locale=lang.locale) for hm in (opens, closes)]
    return day_text, localize_digits(f"{times[0]} – {times[1]}", lang.numbers)


def language_name(code: str, in_lang: Language) -> str:
    """The name of a language tag, in the reader's language: "arabe" for ar in French,
    "chinois simplifié" for zh-Hans (CLDR's own name for the tag when it has one)."""
    return _language_name_in(code, in_lang.locale)


@functools.lru_cache(maxsize=1024)  # asked again for each page and each row of the team's report
def _language_name_in(code: str, locale: str) -> str:
    try:
        reader = Locale.parse(locale)
        own = reader.languages.get(code.replace("-", "_"))
        if own:
            return str(own)
        name = Locale.parse(code.replace("-", "_")).get_display_name(reader)
    except (UnknownLocaleError, ValueError, LookupError):
        return code
    return name or code


def og_locale(locale: str) -> str:
    """A locale as Open Graph writes it, language_TERRITORY (zh_Hans -> zh_CN, fa -> fa_IR),
    the territory being CLDR's likely one when the locale names none."""
    from babel.core import get_global

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return locale
    territory = parsed.territory
    if not territory:
        likely = get_global("likely_subtags")
        full = likely.get(str(parsed)) or likely.get(parsed.language) or ""
        territory = next((part for part in full.split("_")[1:] if len(part) in (2, 3)
                          and part.upper() == part), None)
    return f"{parsed.language}_{territory}" if territory else parsed.language


def format_when(times: EventTimes, lang: Language) -> str:
    """When an event happens, the way readers of lang write it, with its time zone's name."""
    return localize_digits(_when(times, lang), lang.numbers)


def _when(times: EventTimes, lang: Language) -> str:
    from babel.dates import format_interval, format_time, get_timezone_name

    locale = Locale.parse(lang.locale)
    if times.all_day:
        first, last = times.first_day, times.last_day
        if first == last:
            return format_date(first, "full", locale=locale)
        return format_interval(first, last, "yMMMMd", locale=locale)
    begin, finish = times.start, times.end
    pattern = locale.datetime_formats["medium"]
    if begin.date() == finish.date():
        hours = f"{format_time(begin, 'short', locale=locale)} – " \
                f"{format_time(finish, 'short', locale=locale)}"
        text = pattern.format(hours, format_date(begin.date(), "full", locale=locale))
    else:
        text = " – ".join(pattern.format(format_time(moment, "short", locale=locale),
                                         format_date(moment.date(), "full", locale=locale))
                          for moment in (begin, finish))
    return f"{text} ({get_timezone_name(begin, 'long', locale=locale)})"
