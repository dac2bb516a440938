"""Digits the reader's way: the decimal numbering systems of CLDR, and the digits of each.

Babel formats dates and numbers with the locale's symbols but always with Latin digits; a
Persian reader expects ۱۴۰۵, an Arabic reader in Egypt ١٤٠٥. Each language of a site uses its
locale's CLDR default numbering system unless site_config.yaml chooses another (`numbers: latn`
is common for Arabic in Canada). Machine-readable values (datetime attributes, JSON-LD,
calendars, feeds) always keep Latin digits."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

# The zero of each decimal numbering system (its other digits follow it in Unicode), or all ten
# digits where they are not consecutive.
DIGITS: dict[str, str] = {
    "latn": "0123456789",
    "arab": "".join(chr(0x0660 + i) for i in range(10)),
    "arabext": "".join(chr(0x06F0 + i) for i in range(10)),
    "beng": "".join(chr(0x09E6 + i) for i in range(10)),
    "deva": "".join(chr(0x0966 + i) for i in range(10)),
    "guru": "".join(chr(0x0A66 + i) for i in range(10)),
    "gujr": "".join(chr(0x0AE6 + i) for i in range(10)),
    "orya": "".join(chr(0x0B66 + i) for i in range(10)),
    "tamldec": "".join(chr(0x0BE6 + i) for i in range(10)),
    "telu": "".join(chr(0x0C66 + i) for i in range(10)),
    "knda": "".join(chr(0x0CE6 + i) for i in range(10)),
    "mlym": "".join(chr(0x0D66 + i) for i in range(10)),
    "thai": "".join(chr(0x0E50 + i) for i in range(10)),
    "laoo": "".join(chr(0x0ED0 + i) for i in range(10)),
    "tibt": "".join(chr(0x0F20 + i) for i in range(10)),
    "mymr": "".join(chr(0x1040 + i) for i in range(10)),
    "khmr": "".join(chr(0x17E0 + i) for i in range(10)),
    "mong": "".join(chr(0x1810 + i) for i in range(10)),
    "hanidec": "〇一二三四五六七八九",
    "fullwide": "".join(chr(0xFF10 + i) for i in range(10)),
}


def default_numbering(locale: str) -> str:
    """CLDR's default numbering system of a locale, if it is one this module can write."""
    try:
        system = Locale.parse(locale).default_numbering_system
    except (UnknownLocaleError, ValueError, AttributeError):
        return "latn"
    return system if system in DIGITS else "latn"


def localize_digits(text: str, system: str) -> str:
    """text with its Latin digits written in the numbering system."""
    if system == "latn" or system not in DIGITS:
        return text
    return text.translate(str.maketrans("0123456789", DIGITS[system]))
