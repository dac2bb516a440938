"""Templates compiled once per process (sitegen.render.templating.COMPILED): a build in the
same process, such as the preview's next one, uses a changed template's new source."""

from __future__ import annotations

from pathlib import Path

from sitegen.render.templating import make_environment
from sitegen.source.config import load_config
from tests.helpers import TINY


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    config = load_config(TINY)
    (tmp_path / "note.html").write_text("<p>{{ word }} one</p>", encoding="utf-8")
    first = make_environment([tmp_path], config).get_template("note.html")
    assert first.render(word="say") == "<p>say one</p>"
    (tmp_path / "note.html").write_text("<p>{{ word }} two</p>", encoding="utf-8")
    second = make_environment([tmp_path], config).get_template("note.html")
    assert second.render(word="say") == "<p>say two</p>"
    (tmp_path / "note.html").write_text("<p>{{ word }} one</p>", encoding="utf-8")
    assert make_environment([tmp_path], config).get_template("note.html").render(
        word="say") == "<p>say one</p>"
