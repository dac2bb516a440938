"""sitegen.render.compiled_templates and the kept results of ui_strings: what a build learns of
its templates is kept in the build cache, and taken again only for the same source."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import bc_magic

from sitegen.cache import BuildCache
from sitegen.errors import Report
from sitegen.render.compiled_templates import NAMESPACE, CompiledTemplates
from sitegen.render import templating
from sitegen.render.templating import UI_STRINGS, ui_strings


class CountingEnvironment(jinja2.Environment):
    compiled = 0

    def compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        CountingEnvironment.compiled += 1
        return super().compile(*args, **kwargs)


def render(templates: dict[str, str], cache: BuildCache) -> tuple[str, int]:
    """A build's render of page.html in a new process (a new bytecode cache), and how many
    templates it compiled."""
    compiled = CompiledTemplates()
    compiled.take_stored(cache)
    env = CountingEnvironment(loader=jinja2.DictLoader(templates), bytecode_cache=compiled)
    CountingEnvironment.compiled = 0
    html = env.get_template("page.html").render(name="Soccer")
    compiled.store_new(cache)
    return html, CountingEnvironment.compiled


TEMPLATES = {"base.html": "<main>{% block main %}{% endblock %}</main>",
             "page.html": '{% extends "base.html" %}{% block main %}{{ name }}{% endblock %}'}


def test_a_later_build_takes_the_compiled_templates(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    assert render(TEMPLATES, cache) == ("<main>Soccer</main>", 2)
    assert render(TEMPLATES, cache) == ("<main>Soccer</main>", 0)


def test_a_changed_template_is_compiled_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    render(TEMPLATES, cache)
    changed = {**TEMPLATES, "base.html": "<main class=x>{% block main %}{% endblock %}</main>"}
    assert render(changed, cache) == ('<main class=x>Soccer</main>', 1)


def test_damaged_code_is_compiled_again(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    render(TEMPLATES, cache)
    keys = cache.keys(NAMESPACE)
    for damaged in (b"j2\x00damaged", bc_magic + b"\x80damaged", bc_magic):
        cache.put_blobs(NAMESPACE, {key: damaged for key in keys})
        assert render(TEMPLATES, cache) == ("<main>Soccer</main>", 2), damaged


class CountingParser(jinja2.Environment):
    parsed = 0

    def parse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        CountingParser.parsed += 1
        return super().parse(*args, **kwargs)


def test_what_templates_translate_is_kept_for_their_source(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path / ".cache")
    templates = {"page.html": "{{ _('Opening hours') }}\n{{ ngettext('%(num)s day', "
                              "'%(num)s days', 2) }}",
                 "broken.html": "{% if %}"}

    def strings() -> tuple[list[tuple[object, str, int]], list[str], int]:
        """A build's strings, in a new process, its errors, and how many templates it parsed."""
        templating._UI_STRINGS.clear()
        env = CountingParser(loader=jinja2.DictLoader(templates), extensions=["jinja2.ext.i18n"])
        CountingParser.parsed = 0
        report = Report()
        found = ui_strings(env, report, cache)
        return ([(s.msgid, s.template, s.line) for s in found],
                [e.message for e in report.errors], CountingParser.parsed)

    found, errors, parsed = strings()
    assert found == [("Opening hours", "templates/page.html", 1),
                     (("%(num)s day", "%(num)s days"), "templates/page.html", 2)]
    assert len(errors) == 1 and parsed == 2
    assert strings() == (found, errors, 1)  # the broken template, reported at every build
    [kept] = cache.keys(UI_STRINGS)
    cache.put_many(UI_STRINGS, {kept: [["not", "what", "is", "kept"]]})
    assert strings() == (found, errors, 2)
