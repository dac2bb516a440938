"""sitegen.render.bidi: which runs of text must read left to right inside right-to-left text."""

from __future__ import annotations

import xml.etree.ElementTree as etree

import pytest

from sitegen.render.bidi import isolate_text, isolate_tree, ltr_runs


def runs(text: str, title: bool = False) -> list[str]:
    return [text[start:end] for start, end in ltr_runs(text, title)]


@pytest.mark.parametrize(("text", "expected"), [
    ("العنوان 45 Mill Road، هالتون", ["45 Mill Road"]),
    ("شارع 200 Water Street, Oakville قرب المحطة", ["200 Water Street, Oakville"]),
    ("وحدة 12-B Main St. هنا", ["12-B Main St."]),
    ("اكتب إلى info@example.org اليوم", ["info@example.org"]),
    ("زوروا https://example.org/help/now. شكرا", ["https://example.org/help/now"]),
    ("الساعة 18:30 أو 9:00 a.m. صباحا", ["18:30", "9:00 a.m."]),
    ("اتصل على 905-555-0100 أو +1 (905) 555-0100", ["905-555-0100", "+1 (905) 555-0100"]),
    ("يوم 2026-03-14 وو2026-03-15", ["2026-03-14", "2026-03-15"]),
    ("الرمز K1A 0B1 هنا", ["K1A 0B1"]),
    ("رقم 12 و 911 و 3 4.", []),  # a short number reads the same either way
])
def test_runs(text: str, expected: list[str]) -> None:
    assert runs(text) == expected


def test_a_latin_run_that_starts_a_right_to_left_title() -> None:
    assert runs("PEACE: برنامج القيادة", title=True) == ["PEACE"]
    assert runs("PEACE: برنامج القيادة") == []
    assert runs("Walking club", title=True) == []  # all left to right: nothing to isolate


def test_isolate_text_escapes_everything_else() -> None:
    assert str(isolate_text("<b>45 Mill Road</b> & co")) == \
        '&lt;b&gt;<bdi dir="ltr">45 Mill Road</bdi>&lt;/b&gt; &amp; co'


def test_isolate_tree_skips_code() -> None:
    root = etree.fromstring("<div><p>الرقم 905-555-0100</p><code>905-555-0100</code></div>")
    isolate_tree(root)
    assert etree.tostring(root, encoding="unicode") == (
        '<div><p>الرقم <bdi dir="ltr">905-555-0100</bdi></p><code>905-555-0100</code></div>')
