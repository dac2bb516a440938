"""sitegen.render.sanitize: the audit's quick path for plain HTML never hides a finding."""

from __future__ import annotations

import markdown
import pytest

from sitegen.limits import MAX_NESTING
from sitegen.render.sanitize import Policy, audit_html, full_audit, plainly_allowed
from tests.hostile_payloads import MARKDOWN, RAW_HTML

POLICY = Policy(reserved_ids=frozenset({"main-content"}))
PLAIN_BODY = """## Who can join

Young people from **12 to 17**, with a [form](../programs/peace.md) and an
![map](/static/images/map.png "Map").

| Day | Time |
|-----|------|
| Monday | 18:00 |

1. Ask a parent
2. Come *with* them

> A quote<br>
> on two lines

---
"""


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "sane_lists", "toc"])


def test_markdown_without_raw_html_takes_the_quick_path() -> None:
    html = to_html(PLAIN_BODY)
    assert "<table>" in html and "<img" in html
    assert plainly_allowed(html, POLICY)
    assert audit_html(html, POLICY) == full_audit(html, POLICY) == []


@pytest.mark.parametrize("html", [
    '<h2 id="main-content">Main content</h2>',  # an id the page layout uses
    '<a href="javascript:alert(1)">x</a>',
    '<a href="https://example.org/?a=1&amp;b=2">x</a>',  # entities: the full audit decodes them
    '<p style="color: red">x</p>',
    '<p onclick="go()">x</p>',
    "<P>capitals</P>",
    "<p>x</p><!-- a comment -->",
    "<p>a < b</p>",
    '<iframe src="https://video.example/1" title="Video"></iframe>',
    "<div>" * (MAX_NESTING + 1) + "deep" + "</div>" * (MAX_NESTING + 1),
    "<p/>",
])
def test_anything_unusual_takes_the_full_audit(html: str) -> None:
    assert not plainly_allowed(html, POLICY)


@pytest.mark.parametrize("name", sorted(RAW_HTML) + sorted(MARKDOWN))
def test_hostile_text_is_audited_as_before(name: str) -> None:
    text = RAW_HTML.get(name) or MARKDOWN[name]
    html = to_html(text)
    assert audit_html(html, POLICY) == full_audit(html, POLICY)
    if full_audit(html, POLICY):
        assert not plainly_allowed(html, POLICY)
