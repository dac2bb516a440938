"""Templates compiled once per process (sitegen.render.templating.COMPILED): a build in the
same process, such as the preview's next one, uses a changed template's new source. The
environment notes whether templates read whether a translation is outdated."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pytest
from markupsafe import Markup

from sitegen.pipeline import BuildOptions, build_site
from sitegen.render.templating import Environment, make_environment
from sitegen.source.config import load_config
from sitegen.source.front_matter import FrontMatter
from tests.helpers import TINY, copy_site


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


@pytest.mark.parametrize(("source", "reads"), [
    ("{{ entry.title }} {{ entry.fields.summary }} {{ entry['url'] }}", False),
    ("{{ entry }} {{ entry|string }} {{ [entry]|join }}", False),
    ("{% if entry.outdated %}old{% endif %}", True),
    ("{{ entry['outdated'] }}", True),
    ("{{ entry|attr('outdated') }}", True),
    ("{{ [entry]|selectattr('outdated')|list }}", True),
    ("{{ [entry]|map(attribute='outdated')|list }}", True),
    ("{{ [entry]|sort(attribute='outdated')|list }}", True),
    ("{{ entry.__dict__ }}", True),
    ("{{ entry.__class__ }}", True),
])
def test_the_environment_notes_whether_templates_read_that_a_translation_is_outdated(
        tmp_path: Path, source: str, reads: bool) -> None:
    """Every way a template can learn it counts, looking inside an object included; writing an
    entry out shows what it is, not whether it is outdated."""
    site = copy_site(TINY, tmp_path / "site")
    built = build_site(BuildOptions(site, tmp_path / "out", search=False, cache=False)).site
    entry = next(entry for item in built.items.values() for entry in item.entries.values())
    env = Environment()
    for outdated in (False, True):
        env.read_outdated = False
        shown = env.from_string(source).render(
            entry=dataclasses.replace(entry, outdated=outdated))
        assert env.read_outdated is reads, source
        if not reads:
            assert shown == env.from_string(source).render(entry=entry)


def test_reading_whether_the_page_s_own_entry_is_outdated_is_not_noted(tmp_path: Path) -> None:
    """The page's own entry is part of its fingerprint whole (sitegen.render.page_output)."""
    site = copy_site(TINY, tmp_path / "site")
    built = build_site(BuildOptions(site, tmp_path / "out", search=False, cache=False)).site
    own, other = [entry for item in built.items.values() for entry in item.entries.values()][:2]
    env = Environment()
    env.own_entry = own
    for source, reads in (("{{ own.outdated }} {{ own['outdated'] }}", False),
                          ("{{ other.outdated }}", True), ("{{ other['outdated'] }}", True),
                          ("{{ own.__dict__ }}", True)):
        env.read_outdated = False
        env.from_string(source).render(own=own, other=other)
        assert env.read_outdated is reads, source


def test_the_data_attributes_filter_writes_what_the_template_loop_wrote(tmp_path: Path) -> None:
    """data_attributes stands for a loop the list template had (each field that lists texts):
    the same bytes, for every kind of value a field can hold."""
    loop = ('{% for key, value in fields.items() if value is sequence and value is not string '
            'and value and value[0] is string %} data-{{ key }}="{{ value|join(\' \') }}"'
            '{% endfor %}')
    env = make_environment([tmp_path], load_config(TINY))
    written = env.from_string(loop)
    filtered = env.from_string("{{ fields|data_attributes }}")
    nested = FrontMatter({"title": "T"}, load_config(TINY).collections["programs"].record)
    for fields in (
            {"audiences": ("youth", "seniors"), "title": "Soccer", "partners": ()},
            {"quoted": ('say "hi" & <go>', "l'eau"), "numbers": (1, 2), "mixed": ("a", 2)},
            {"marked": (Markup("<b>safe</b>"), "<i>"), "none": None, "flag": True},
            {"extra": MappingProxyType({0: "zero", "k": "v"}), "other": MappingProxyType({"a": 1}),
             "empty": MappingProxyType({}), "record": nested, "texts": ["x", "y"]}):
        assert filtered.render(fields=fields) == written.render(fields=fields), fields
    assert 'data-quoted="say &#34;hi&#34; &amp; &lt;go&gt; l&#39;eau"' in filtered.render(
        fields={"quoted": ('say "hi" & <go>', "l'eau")})
