"""sitegen.source.numerals and the dates, hours and counts written with them."""

from __future__ import annotations

import datetime as dt

from sitegen.source.config import Language
from sitegen.render.i18n import format_day, format_hours
from sitegen.source.numerals import default_numbering, localize_digits


def test_cldr_default_numbering() -> None:
    assert default_numbering("fa") == "arabext"
    assert default_numbering("ar_EG") == "arab"
    assert default_numbering("ar") == "latn"
    assert default_numbering("en_CA") == "latn"
    assert default_numbering("ne") == "deva"


def test_localize_digits() -> None:
    assert localize_digits("2026-03-14", "arabext") == "۲۰۲۶-۰۳-۱۴"
    assert localize_digits("14", "arab") == "١٤"
    assert localize_digits("14", "latn") == "14"
    assert localize_digits("10", "hanidec") == "一〇"


def test_dates_in_persian_digits() -> None:
    persian = Language("fa", "فارسی", "fa", "rtl", False, "arabext")
    text = format_day(dt.date(2026, 3, 14), persian)
    assert "۲۰۲۶" in text and "2026" not in text
    latin = Language("fa", "فارسی", "fa", "rtl", False, "latn")
    assert "2026" in format_day(dt.date(2026, 3, 14), latin)


def test_opening_hours_the_reader_way() -> None:
    english = Language("en", "English", "en_CA", "ltr", True)
    assert format_hours(("mo", "tu", "we", "th", "fr"), "08:30", "16:30", english) == (
        "Monday–Friday", "8:30\u202fa.m. – 4:30\u202fp.m.")  # Babel: narrow no-break spaces
    assert format_hours(("sa", "mo"), "10:00", "14:00", english) == (
        "Monday and Saturday", "10:00\u202fa.m. – 2:00\u202fp.m.")
    french = Language("fr", "Français", "fr_CA", "ltr", False)
    assert format_hours(("mo", "tu", "we"), "08:30", "16:30", french) == (
        "lundi–mercredi", "08 h 30 – 16 h 30")
    persian = Language("fa", "فارسی", "fa", "rtl", False, "arabext")
    assert "۸:۳۰" in format_hours(("sa",), "08:30", "16:30", persian)[1]
