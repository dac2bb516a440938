"""The facts a reader relies on in a line of text, written the same way in every language once
normalized: links (a link to a content file names its item), phone numbers, e-mail addresses,
and numbers, dates and times.

Digits of any script count (Arabic-Indic ١٢, Persian ۱۲), numbers may use any separator (1,000,
1 000, 1.000, 1٬000; 2.5, 2,5, ٢٫٥), times are on the 24-hour clock (6:30 p.m. is 18 and 30,
like 18 h 30), and a month name next to a number counts as its number ("March 2" and "2 mars"
and 2026-03-02 all have 3 and 2).
"""

from __future__ import annotations

import functools
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                       "\u2066\u2067\u2068\u2069"))
LINK_RE = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^\s<>()]*(?:\([^\s()]*\))?"
                     r"[^\s<>()]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
AUTOLINK_RE = re.compile(r"<((?:https?|mailto|tel):[^\s<>]+)>", re.IGNORECASE)
BARE_URL_RE = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"»)]", re.IGNORECASE)
NOISE_RE = re.compile(r"`[^`]*`|<!--.*?-->|<[^>]*>|&#?\w+;|\{[:#.][^}]*\}")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
EXTENSION = r"ext\.?|x|poste|extension|تحويلة|داخلي"
EXTENSION_RE = re.compile(EXTENSION, re.IGNORECASE)
PHONE_RE = re.compile(  # North American numbers, with an optional extension
    r"(?<![\d+])(?:\+?1[ .\-\u00a0]?)?(?:\(\d{3}\)|\d{3})[ .\-\u00a0]?\d{3}"
    r"[ .\-\u00a0]?\d{4}"
    rf"(?:[ ,]*(?:{EXTENSION})[ .:]*\d{{1,6}})?(?!\d)", re.IGNORECASE)
HALF_DAY = r"a\.?\s?m\b\.?|p\.?\s?m\b\.?|صباحًا|صباحا|مساءً|مساءا|مساء|ظهرًا|ظهرا"
CLOCK_RE = re.compile(rf"(?<!\d)(\d{{1,2}})(?:[:.](\d{{2}}))?\s*({HALF_DAY})", re.IGNORECASE)
AFTERNOON = ("p", "مساء", "ظهر")
NUMBER_RE = re.compile(r"\d+(?:[,.\u066b\u066c\u00a0\u202f ']\d+)*")
THOUSANDS = set(",.\u066c\u00a0\u202f '")
DECIMALS = set(",.\u066b")
DAY_BEFORE_RE = re.compile(r"\d(?:er|e|st|nd|rd|th)?[ \u00a0]+$")  # 15 octobre, 1er mars
NUMBER_AFTER_RE = re.compile(r"\.?[ \u00a0]*\d")  # March 2, janv. 2026
# What every fact needs: a digit of any script (numbers, dates, times, phones), @ (e-mail), [
# (a link), < (an autolink) or a bare address
MAY_HOLD_FACTS_RE = re.compile(r"[\d@\[<]|https?://", re.IGNORECASE)
OTHER_DIGIT_RE = re.compile(r"(?![0-9])\d")  # a decimal digit of another script than ASCII


@dataclass(frozen=True)
class Fact:
    """Something a reader relies on: kind is "link", "phone", "email" or "number"; value is
    what is compared (the same in every language), shown how this text writes it."""

    kind: str
    value: str
    shown: str
    line: int


def facts_of(text: str, line: int, src_path: str, langs: tuple[str, ...],
             locale: str) -> list[Fact]:
    """The links, phone numbers, e-mail addresses and numbers of one line of text of the file
    src_path, written in locale."""
    if not MAY_HOLD_FACTS_RE.search(text):
        return []  # most lines of a text: a translation report reads every line of every file
    text = ascii_digits(text.translate(BIDI_CONTROLS))
    found: list[Fact] = []

    def link(match: re.Match[str]) -> str:
        if not match.group(1):  # an image's file is not compared; its description is text
            found.extend(target_facts(match.group(3), line, src_path, langs))
        return f" {match.group(2)} "

    def address(match: re.Match[str]) -> str:
        found.extend(target_facts(match.group(match.lastindex or 0), line, src_path, langs))
        return " "

    text = LINK_RE.sub(link, AUTOLINK_RE.sub(address, text))
    text = BARE_URL_RE.sub(address, NOISE_RE.sub(" ", text))
    found.extend(Fact("email", m.group(0).lower(), m.group(0), line)
                 for m in EMAIL_RE.finditer(text))
    text = EMAIL_RE.sub(" ", text)
    found.extend(Fact("phone", phone_value(m.group(0)), m.group(0).strip(), line)
                 for m in PHONE_RE.finditer(text))
    return found + _numbers(PHONE_RE.sub(" ", text), line, locale)


def target_facts(target: str, line: int, src_path: str, langs: tuple[str, ...]) -> list[Fact]:
    """A link's address as a fact: a link to a content file names its item (programs/peace),
    so that it is the same in every language; mailto: and tel: are an e-mail and a phone."""
    target = ascii_digits(target.strip())
    lowered = target.lower()
    if lowered.startswith("mailto:"):
        address = target[len("mailto:"):].split("?", 1)[0]
        return [Fact("email", address.lower(), address, line)]
    if lowered.startswith("tel:"):
        return [Fact("phone", phone_value(target[4:]), target[4:], line)]
    parts = urlsplit(target)
    if not parts.scheme and not parts.netloc and parts.path.endswith(".md"):
        return [Fact("link", content_item(parts.path, src_path, langs), target, line)]
    if not parts.scheme and not parts.netloc and not parts.path:
        return [Fact("link", "#", target, line)]  # a section of the same page
    return [Fact("link", target.removesuffix("/"), target, line)]  # with or without a last /


def content_item(path: str, src_path: str, langs: tuple[str, ...]) -> str:
    """The item a link to a content file names, as the site resolves it: "programs/peace", or
    "programs/peace.fr" for a link to one language's file."""
    here = posixpath.dirname(src_path)
    full = posixpath.normpath("content" + path if path.startswith("/")
                              else posixpath.join(here, path))
    stem = full.removeprefix("content/")[:-3]
    name, dot, lang = stem.rpartition(".")
    return f"{name}.{lang}" if dot and lang in langs else stem


def phone_value(text: str) -> str:
    """905-555-0100, (905) 555-0100 and +1 905 555 0100 are the same number; an extension
    (ext. 12, poste 12) is kept."""
    parts = EXTENSION_RE.split(ascii_digits(text), maxsplit=1)
    digits = "".join(c for c in parts[0] if c.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    extension = "".join(c for c in parts[-1] if c.isdigit()) if len(parts) > 1 else ""
    return digits + (f" ext. {extension}" if extension else "")


def _numbers(text: str, line: int, locale: str) -> list[Fact]:
    found = []

    def clock(match: re.Match[str]) -> str:
        hour = int(match.group(1)) % 12
        if match.group(3).lower().replace(".", "").startswith(AFTERNOON):
            hour += 12
        found.append(Fact("number", str(hour), match.group(0), line))
        if match.group(2):
            found.append(Fact("number", str(int(match.group(2))), match.group(0), line))
        return " "

    text = CLOCK_RE.sub(clock, text)
    found.extend(Fact("number", str(month), shown, line)
                 for month, shown in _months_near_numbers(text, locale))
    for match in NUMBER_RE.finditer(text):
        written = match.group(0).strip()
        found.extend(Fact("number", value, written, line) for value in number_values(written))
    return found


def number_values(written: str) -> list[str]:
    """The numbers a run of digits and separators writes, read from the left: "1,000", "1 000"
    and "1.000" are 1000, "2.5" and "2,5" are 2.5, "1 000,50" is 1000.5, "03" is 3, and
    "2016 2 000" is 2016 and 2000."""
    groups = re.split(r"\D", written)
    separators = re.findall(r"\D", written)
    numbers, current, grouped_by, decimal = [], groups[0], "", False
    for separator, group in zip(separators, groups[1:]):
        if (not decimal and separator in THOUSANDS and len(group) == 3
                and (grouped_by == separator or not grouped_by and len(current) <= 3)):
            current, grouped_by = current + group, separator
        elif not decimal and separator in DECIMALS and separator != grouped_by:
            current, decimal = f"{current}.{group}", True
        else:
            numbers.append(current)
            current, grouped_by, decimal = group, "", False
    return [_canonical(number) for number in [*numbers, current]]


def _canonical(number: str) -> str:
    whole, dot, fraction = number.partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if dot and fraction else whole


def _months_near_numbers(text: str, locale: str) -> list[tuple[int, str]]:
    """(month, name as written) of each month name written next to a number, as in a date
    ("March 2", "2 mars 2026")."""
    pattern = _month_pattern(locale)
    if pattern is None:
        return []
    names = _month_names(locale)
    return [(names[match.group(1).casefold()], match.group(1))
            for match in pattern.finditer(text)
            if DAY_BEFORE_RE.search(text, 0, match.start())
            or NUMBER_AFTER_RE.match(text, match.end())]


@functools.cache
def _month_names(locale: str) -> dict[str, int]:
    try:
        months = Locale.parse(locale).months
    except (UnknownLocaleError, ValueError):
        return {}
    return {name.casefold(): number for context in ("format", "stand-alone")
            for width in ("wide", "abbreviated")
            for number, name in months[context][width].items()}


@functools.cache
def _month_pattern(locale: str) -> re.Pattern[str] | None:
    names = sorted(_month_names(locale), key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in names) + r")(?!\w)",
                      re.IGNORECASE)


def ascii_digits(text: str) -> str:
    """Every decimal digit (Arabic-Indic ٣, Persian ۳...) as its ASCII digit."""
    if text.isascii():
        return text
    return OTHER_DIGIT_RE.sub(lambda match: str(unicodedata.decimal(match.group(0))), text)
