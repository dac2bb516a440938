"""sitegen.render.text_ids: heading ids in every script."""

from __future__ import annotations

import pytest

from sitegen.render.text_ids import text_id


@pytest.mark.parametrize(("text", "expected"), [
    ("Where to sign up?", "where-to-sign-up"),
    ("La nuit à l'école", "la-nuit-à-lécole"),
    ("کتاب\u200cخانه ما", "کتاب\u200cخانه-ما"),  # the zero-width non-joiner is kept
    ("क्ष\u200dत्र", "क्ष\u200dत्र"),  # so is the zero-width joiner
    ("हिन्दी भाषा", "हिन्दी-भाषा"),  # vowel signs (combining marks) are kept
    ("كيفَ يعمل", "كيفَ-يعمل"),  # Arabic vowel marks too
    ("会话小组：每周二", "会话小组每周二"),
    ("A -- B", "a-b"),
    ("\u200cleading", "leading"),
])
def test_text_id(text: str, expected: str) -> None:
    assert text_id(text) == expected


def test_ids_are_the_same_for_canonically_equal_text() -> None:
    assert text_id("e\u0301cole") == text_id("école")
