"""A Markdown body cut into what a translator translates (sitegen.source.segments): put back
with its own texts, every body is the same bytes; each kind of block is one segment."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.source.segments import cut, link_targets
from tests.helpers import ROOT

BODY = """Intro with a [link](../pages/contact.md "Contact").

## When {#when}

- Fridays at 7 pm,
  in the gym
- Saturdays

1. First
2. Second

| Day | Time |
| --- | ---: |
| Friday | 19:00 |

> A quote
> on two lines

```
code stays
```

[ref]: https://example.org/
Last line"""


def test_each_block_is_a_segment_and_the_rest_is_kept() -> None:
    skeleton = cut(BODY)
    assert [(s.kind, s.text) for s in skeleton.segments] == [
        ("paragraph", 'Intro with a [link](../pages/contact.md "Contact").'),
        ("heading", "When"),
        ("item", "Fridays at 7 pm,\nin the gym"), ("item", "Saturdays"),
        ("item", "First"), ("item", "Second"),
        ("cell", "Day"), ("cell", "Time"), ("cell", "Friday"), ("cell", "19:00"),
        ("quote", "A quote\non two lines"),
        ("paragraph", "Last line"),
    ]
    assert skeleton.join([s.text for s in skeleton.segments]) == BODY
    assert [s.line for s in skeleton.segments][:3] == [1, 3, 5]


def test_new_texts_go_into_the_same_structure() -> None:
    skeleton = cut(BODY)
    translated = skeleton.join([s.text.upper() for s in skeleton.segments])
    assert "## WHEN {#when}\n" in translated
    assert "- FRIDAYS AT 7 PM,\n  IN THE GYM\n" in translated
    assert "| FRIDAY | 19:00 |" in translated and "| --- | ---: |" in translated
    assert "> A QUOTE\n> ON TWO LINES" in translated
    assert "```\ncode stays\n```" in translated
    assert cut(translated).shape() == skeleton.shape()


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")),
                         ids=lambda path: path.name)
def test_every_default_body_is_put_back_byte_for_byte(path: Path) -> None:
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    skeleton = cut(body)
    assert skeleton.join([s.text for s in skeleton.segments]) == body


def test_link_targets() -> None:
    assert link_targets('[a](x.md) and [b](https://e.org/ "t")') == ["x.md", "https://e.org/"]
