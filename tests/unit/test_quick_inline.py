"""sitegen.render.quick_inline: Python-Markdown's inline step, quicker on plain text, with the
very output of the step it replaces."""

from __future__ import annotations

import markdown
import pytest
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import InlineProcessor

from sitegen.render import quick_inline
from sitegen.render.markup import MarkdownRenderer
from tests.hostile_payloads import MARKDOWN, RAW_HTML

# every inline pattern, each alone and beside others, and text that needs none
SAMPLES = [
    "Plain words, nothing more.",
    "Des mots simples, rien de plus : « d’accord ».",
    "كلمات بسيطة فقط، 2026-03-14 و 905-555-0100.",
    "A `code span`, ``two `ticks` inside``, and \\`not code\\`.",
    "An escaped \\*star\\*, \\_line\\_, \\[bracket\\] and \\\\ backslash.",
    "A [link](/en/programs/) and a [link with title](https://example.org/ \"Title\").",
    "A [reference][ref] and a [short reference].\n\n[ref]: /en/\n[short reference]: /fr/",
    "An ![image](/static/a.png) and an ![image reference][pic].\n\n[pic]: /static/b.png",
    "An autolink <https://example.org/path?q=1> and a mail <info@example.org>.",
    "A line that breaks  \nhere, and another that does not \nhere.",
    "Entities: &amp; &copy; &#169; &#xA9; and a lone & sign.",
    "**Strong**, *emphasis*, __strong__, _emphasis_, ***both***, snake_case_word, 2*3*4.",
    "Inline <span lang=\"fr\">HTML</span>, <!-- a comment -->, <br> and a < b > c.",
    "* item with *emphasis*\n* plain item\n\n1. first [link](/)\n2. second",
    "| Name | Link |\n|---|---|\n| Plain | [here](/) |\n| *em* | `code` |",
    "> A quote with **strong** text\n> and a plain line.",
    "# Heading with *emphasis*\n\nText under it.\n\n## Plain heading",
    "Nested **bold with [a link](/) and `code` inside** then plain.",
    # each pattern's character, alone in its text
    "Only `code` here.", "Only an escaped \\# here.", "Only [a link](/) here.",
    "Only ![a picture](/a.png) here.", "Only <https://example.org/> here.",
    "Only <info@example.org> here.", "Only <b>HTML</b> here.", "Only a break  \nhere.",
    "Only &copy; here.", "Only **stars** here.", "Only __underscores__ and _one_ here.",
]


def converter(quick: bool) -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists", "attr_list"])
    if quick:
        quick_inline.install(md)
    return md


@pytest.mark.parametrize("text", SAMPLES + list(RAW_HTML.values()) + list(MARKDOWN.values()))
def test_the_output_is_python_markdown_s_own(text: str) -> None:
    assert converter(True).convert(text) == converter(False).convert(text)


def test_each_piece_of_text_meets_only_the_patterns_it_can_match(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text meets no pattern at all; text with a "*" only emphasis, text with a "[" and
    a "*" only the links' and emphasis, and only while it still holds a "["."""
    tried: list[str] = []
    original = getattr(InlineProcessor, quick_inline._APPLY)

    def recorded(self: InlineProcessor, pattern: object, *rest: object) -> object:
        tried.append(type(pattern).__name__)
        return original(self, pattern, *rest)

    monkeypatch.setattr(InlineProcessor, quick_inline._APPLY, recorded)
    md = converter(True)
    assert md.convert("Plain words.\n\nMore plain words.") == \
        "<p>Plain words.</p>\n<p>More plain words.</p>"
    assert tried == []
    assert md.convert("Some *emphasis*.") == "<p>Some <em>emphasis</em>.</p>"
    assert tried == ["DelimiterProcessor"]
    tried.clear()
    assert md.convert("A [link](/) and *more*.") == \
        '<p>A <a href="/">link</a> and <em>more</em>.</p>'
    # once the link has matched, its "[" is gone: the patterns after it do not meet it
    assert set(tried) == {"ReferenceInlineProcessor", "LinkInlineProcessor",
                          "DelimiterProcessor"}
    tried.clear()
    assert converter(False).convert("A [link](/) and *more*.") == \
        '<p>A <a href="/">link</a> and <em>more</em>.</p>'
    assert "BacktickInlineProcessor" in tried  # Python-Markdown's own step tries them all


def test_a_pattern_it_does_not_know_sends_all_text_through_every_pattern() -> None:
    """An extension's pattern needs characters this step cannot know ("~~" here): with it
    registered, no text is left out of the patterns."""
    for quick in (True, False):
        md = converter(quick)
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()~~(.+?)~~", "del"), "del", 75)
        assert md.convert("Some ~~gone~~ words.") == "<p>Some <del>gone</del> words.</p>"


def test_the_site_s_converter_has_it_where_python_markdown_has_its_own() -> None:
    ours = MarkdownRenderer()._md.treeprocessors
    assert isinstance(ours["inline"], quick_inline.QuickInlineProcessor)
    assert ours.get_index_for_name("inline") == \
        converter(False).treeprocessors.get_index_for_name("inline")
    assert [type(step) for step in converter(True).treeprocessors] == \
        [quick_inline.QuickInlineProcessor if type(step) is InlineProcessor else type(step)
         for step in converter(False).treeprocessors]
