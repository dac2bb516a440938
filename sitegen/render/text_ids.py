"""Ids made from text in any script, for headings (the targets of #links): letters, marks and
digits of every script are kept, and so are the zero-width joiner and non-joiner, which Persian,
Urdu and the Indic scripts need to join or separate letters correctly."""

from __future__ import annotations

import re
import unicodedata

JOINERS = "\u200c\u200d"  # zero-width non-joiner, zero-width joiner
_SPACES = re.compile(r"[\s\-_]+")


def text_id(text: str, separator: str = "-") -> str:
    """"Où s'inscrire ?" -> "où-sinscrire"; "کتاب‌خانه ما" -> "کتاب‌خانه-ما" (ZWNJ kept).

    The same text always gives the same id; making ids unique on a page is the caller's job."""
    text = unicodedata.normalize("NFC", text).lower()
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LMN" or char in JOINERS:
            kept.append(char)
        elif category[0] == "Z" or char in "-_\t\n":
            kept.append(" ")
    return _SPACES.sub(separator, "".join(kept).strip()).strip(separator + JOINERS)
