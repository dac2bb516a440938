"""Render pages with Jinja2: the environment (autoescape, StrictUndefined, i18n) and each page's
context. Template mistakes become ContentErrors at the template's file and line."""

from __future__ import annotations

import datetime as dt
import re
import traceback
from dataclasses import replace
from urllib.parse import quote
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context
from jinja2.loaders import split_template_path
from jinja2.tests import test_sequence
from jinja2.ext import extract_from_ast
from markupsafe import Markup, escape

from ..cache import BuildCache, digest
from ..errors import ContentError, Report
from ..site import urls
from ..site.listing import list_entries, taxonomy_field, term_entries
from ..site.own_fields import shown_fields
from ..site.pages import open_data_url, search_url
from ..site.services import newest_date
from ..source.config import MenuItem, OpeningHours, SiteConfig
from ..source.field_types import in_language
from ..source.front_matter import FrontMatter
from ..source.model import Entry, Page, Site
from ..source.numerals import localize_digits
from ..source.source_files import list_files, read_text
from .bidi import isolate_text
from .compiled_templates import CompiledTemplates
from .feeds import feed_url
from .i18n import (Catalogs, UiString, format_day, format_hours, format_when, language_name,
                   og_locale)
from .open_data import FILES, OPEN_DATA_DIR, file_path
from .search import is_searchable
from .security_policy import REFERRER_POLICY, page_policy
from .structured_data import structured_data

GETTEXT_FUNCTIONS = ("_", "gettext", "ngettext")


class TemplateLoader(jinja2.BaseLoader):
    """Templates from folders searched in order, read like every other file of the site: inside
    the site folder, bounded, UTF-8. Problems are kept in problems for ui_strings to report."""

    def __init__(self, template_dirs: list[Path]) -> None:
        self.template_dirs = template_dirs
        self.problems = Report()
        self._files: dict[str, Path] = {}  # template name -> real file, the first folder's
        for folder in reversed(template_dirs):  # earlier folders override later ones
            for found in list_files(folder, folder.parent, self.problems):
                self._files[found.path.relative_to(folder).as_posix()] = found.real

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        real = self._files.get("/".join(split_template_path(template)))
        if real is None:
            raise jinja2.TemplateNotFound(template)
        try:
            source = read_text(real, f"templates/{template}")
        except ContentError as problem:
            raise TemplateUnreadable(problem) from None
        return source, str(real), lambda: True

    def list_templates(self) -> list[str]:
        return sorted(self._files)


class TemplateUnreadable(jinja2.TemplateError):
    """A template file that is too large, not UTF-8 or holds control characters."""

    def __init__(self, problem: ContentError) -> None:
        super().__init__(problem.message)
        self.problem = problem


COMPILED = CompiledTemplates()
# template name and source -> the strings it translates, for the life of the process
_UI_STRINGS: dict[tuple[str, str], list[tuple[int, str, Any]]] = {}


class FieldUndefined(jinja2.StrictUndefined):
    """Jinja's strict undefined value, which names the fields there are when a template reads
    one that its page's collection does not declare."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        fields, name = self._undefined_obj, self._undefined_name
        if isinstance(fields, FrontMatter) and isinstance(name, str):
            return fields.missing(name)
        message: str = super()._undefined_message
        return message


OUTDATED = "outdated"  # the attribute of an entry that says its translation is outdated


class Environment(jinja2.Environment):
    """Jinja2's environment, noting whether templates have read whether an entry's translation
    is outdated, other than own_entry's (or looked inside an object, where they could), since
    read_outdated was last set to False. A page that has not is the same whether the
    translations it shows are outdated or not: an edit of an original, which makes its
    translations outdated, need not render it again (sitegen.render.page_output)."""

    read_outdated = False
    own_entry: Any = None  # the entry of the page being rendered

    def getattr(self, obj: Any, attribute: str) -> Any:
        if attribute == OUTDATED and obj is not self.own_entry or attribute[:1] == "_":
            self.read_outdated = True
        try:  # Jinja's own first step, here: every attribute a template reads comes this way
            return getattr(obj, attribute)
        except AttributeError:
            return jinja2.Environment.getattr(self, obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and (argument == OUTDATED and obj is not self.own_entry
                                          or argument[:1] == "_"):
            self.read_outdated = True
        return jinja2.Environment.getitem(self, obj, argument)


def make_environment(template_dirs: list[Path], config: SiteConfig) -> Environment:
    """The Jinja2 environment of one build; gettext picks the catalog of each page's language."""
    env = Environment(
        loader=TemplateLoader(template_dirs), bytecode_cache=COMPILED,
        autoescape=True, undefined=FieldUndefined, trim_blocks=True,
        lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.globals.update(href=lambda url: urls.href(config, url),
                       absolute=lambda url: urls.absolute(config, url))
    env.filters.update(date=_format_date, language_name=_language_name, label=_label,
                       when=_format_when, isolate=_isolate, opening_hours=_opening_hours,
                       language_list=_language_list, og_locale=og_locale,
                       in_language=in_language, data_attributes=_data_attributes)
    return env


def install_catalogs(env: jinja2.Environment, catalogs: Catalogs) -> None:
    """gettext and ngettext for the templates, in each page's language; whole numbers given to
    them are written in the language's digits."""
    @pass_context
    def gettext(context: Any, message: str, **variables: Any) -> str:
        return _interpolate(context, catalogs.gettext(context["lang"], message), variables)

    @pass_context
    def ngettext(context: Any, singular: str, plural: str, num: int, **variables: Any) -> str:
        text = catalogs.ngettext(context["lang"], singular, plural, num)
        return _interpolate(context, text, {"num": num, **variables})

    def gettext_in(lang: str, message: str) -> str:
        """A UI string in another language than the page's (the root 404 speaks them all)."""
        return catalogs.gettext(lang, message)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals.update(_=gettext, gettext=gettext, ngettext=ngettext, gettext_in=gettext_in)


def _interpolate(context: Any, text: str, variables: dict[str, Any]) -> str:
    if not variables:
        return Markup(text) if context.eval_ctx.autoescape else text
    numbers = context["language"].numbers
    values = {name: localize_digits(str(value), numbers)
              if isinstance(value, int) and not isinstance(value, bool) else value
              for name, value in variables.items()}
    text = INTEGER_PLACEHOLDER.sub(r"%(\1)s", text)  # the digits are now text
    return (Markup(text) if context.eval_ctx.autoescape else text) % values


INTEGER_PLACEHOLDER = re.compile(r"%\((\w+)\)d")


@pass_context
def _format_date(context: Any, day: dt.date) -> Markup:
    language = context["language"]
    text = format_day(day, language)
    return Markup('<time datetime="{}">{}</time>').format(day.isoformat(), text)


@pass_context
def _format_when(context: Any, entry: Entry) -> str:
    return format_when(entry.schedule, context["language"])


@pass_context
def _isolate(context: Any, text: Any, title: bool = False) -> Markup:
    """Text from content or config, with its left-to-right runs isolated on right-to-left
    pages (sitegen.bidi)."""
    if text is None:
        return Markup("")
    if context["language"].direction != "rtl":
        return Markup.escape(text)
    return isolate_text(str(text), title)


@pass_context
def _opening_hours(context: Any, hours: tuple[OpeningHours, ...]) -> list[tuple[str, str]]:
    return [format_hours(line.days, line.opens, line.closes, context["language"])
            for line in hours]


def _data_attributes(fields: Any) -> Markup:
    """' data-NAME="a b"' for each field that lists texts (audiences, partners, languages):
    what a list's filter (static/js/filter.js) matches its cards by. Written here rather than
    in the template: a list of a thousand programs asks it of each field of each program."""
    attributes = []
    for key, value in fields.items():
        if isinstance(value, str) or not test_sequence(value) or not value:
            continue
        try:
            first = value[0]
        except (AttributeError, TypeError, LookupError):
            continue
        if isinstance(first, str):
            # as Jinja's join filter would, then the page's escaping
            joined = Markup(" ").join(value) if any(hasattr(each, "__html__") for each in value) \
                else escape(" ".join(map(str, value)))
            attributes.append(f' data-{escape(key)}="{joined}"')
    return Markup("".join(attributes))


@pass_context
def _language_list(context: Any, codes: Iterable[str]) -> str:
    """"anglais, français et arabe": language names in the reader's language and list style."""
    from babel.lists import format_list

    language = context["language"]
    return format_list([language_name(code, language) for code in codes],
                       locale=language.locale)


@pass_context
def _language_name(context: Any, code: str) -> str:
    return language_name(code, context["language"])


@pass_context
def _label(context: Any, term: str, taxonomy: str) -> str:
    return str(context["site"].taxonomies[taxonomy].labels[term][context["lang"]])


def ui_strings(env: jinja2.Environment, report: Report,
               cache: BuildCache | None = None) -> list[UiString]:
    """Every string the templates translate, with its template and line; parse errors reported.
    What a template translates is found once for its source, and kept in cache."""
    found = []
    loader = env.loader
    if isinstance(loader, TemplateLoader):
        report.errors.extend(loader.problems.errors)
    sources: dict[str, tuple[str, str | None]] = {}
    for name in env.list_templates(extensions=["html", "xml", "txt"]):
        try:
            source, filename, _ = env.loader.get_source(env, name)  # type: ignore[union-attr]
        except TemplateUnreadable as exc:
            report.add(exc.problem)
            continue
        sources[name] = (source, filename)
    keys = {name: digest(name, source) for name, (source, _) in sources.items()
            if (name, source) not in _UI_STRINGS}
    stored = cache.get_many(UI_STRINGS, keys.values()) if cache is not None and keys else {}
    fresh = {}
    for name, (source, filename) in sources.items():
        messages = _UI_STRINGS.get((name, source))
        if messages is None:
            messages = _stored_messages(stored.get(keys[name]))
            if messages is None:
                try:
                    tree = env.parse(source, name, filename)
                except jinja2.TemplateSyntaxError as exc:
                    report.error(f"Template error: {exc.message}", f"templates/{name}",
                                 exc.lineno)
                    continue
                messages = fresh[keys[name]] = list(
                    extract_from_ast(tree, GETTEXT_FUNCTIONS, babel_style=True))
            _UI_STRINGS[(name, source)] = messages
        for line, func, message in messages:
            if func == "ngettext" and isinstance(message, tuple) and len(message) >= 2 \
                    and isinstance(message[0], str) and isinstance(message[1], str):
                found.append(UiString((message[0], message[1]), f"templates/{name}", line))
            elif isinstance(message, str):
                found.append(UiString(message, f"templates/{name}", line))
            elif isinstance(message, tuple) and message and isinstance(message[0], str):
                found.append(UiString(message[0], f"templates/{name}", line))
    if cache is not None and fresh:
        cache.put_many(UI_STRINGS, fresh)
    return found


UI_STRINGS = "ui-strings"  # the cache's namespace: what each template's source translates


def _stored_messages(value: Any) -> list[tuple[int, str, Any]] | None:
    """The messages kept in the cache (JSON: a tuple comes back as a list), or None when there
    are none or they are not what ui_strings keeps."""
    if not isinstance(value, list):
        return None
    messages = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 3 and isinstance(item[0], int)
                and isinstance(item[1], str)):
            return None
        line, func, message = item
        messages.append((line, func, tuple(message) if isinstance(message, list) else message))
    return messages


TEMPLATE_ID_RE = re.compile(r"""\sid=["']([A-Za-z][\w.:-]*)["']""")


def template_ids(env: jinja2.Environment) -> frozenset[str]:
    """The ids the templates give their own elements (main-content...): page text must not
    use them, or a page would hold two elements with one id."""
    found: set[str] = set()
    for name in env.list_templates(extensions=["html"]):
        try:
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
        except jinja2.TemplateError:
            continue  # reported by ui_strings
        found.update(TEMPLATE_ID_RE.findall(source))
    return frozenset(found)


@dataclass(frozen=True)
class MenuLink:
    label: str
    url: str
    current: bool


def report_once(problem: ContentError, seen: set[tuple[str, int, str]], report: Report) -> None:
    """Add a template mistake to the report, unless another page already met it: one mistake
    in a shared template would otherwise repeat on every page."""
    key = (problem.path or "", problem.line or 0, problem.message.split(" (first seen on ")[0])
    if key not in seen:
        seen.add(key)
        report.add(problem)


def render_page(env: jinja2.Environment, site: Site, page: Page,
                bodies: dict[tuple[str, str], str], now: dt.datetime,
                view: Any = None, context: dict[str, Any] | None = None) -> str:
    """One page's HTML; a mistake in a template is raised as a ContentError at its line. view,
    when given, is what templates see as `site` (sitegen.fingerprints.SiteView); context, the
    page's page_context when it was already made."""
    try:
        context = dict(context or page_context(site, page, bodies, now))
        if view is not None:
            context["site"] = view
        return _template_for(env, page).render(context)
    except (jinja2.TemplateError, LookupError, TypeError, AttributeError) as exc:
        raise _template_problem(exc, page) from None


def _template_for(env: jinja2.Environment, page: Page) -> jinja2.Template:
    if page.kind == "item":
        return env.select_template([f"{page.template}.html", "item.html"])
    if page.kind == "list":
        return env.select_template([page.template, "list.html"])
    return env.get_template(page.template)


def _template_problem(exc: Exception, page: Page) -> ContentError:
    if isinstance(exc, TemplateUnreadable):
        return exc.problem
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ContentError(f"Template error: {exc.message}", f"templates/{exc.name}", exc.lineno)
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if f.filename.endswith((".html", ".xml")) and "templates" in f.filename]
    if frames:
        frame = frames[-1]
        name = frame.filename.split("templates/", 1)[-1]
        return ContentError(f"Template error: {exc} (first seen on {page.url})",
                            f"templates/{name}", frame.lineno)
    if isinstance(exc, jinja2.TemplateNotFound):
        return ContentError(f"Template not found: {exc.name}", "templates", None)
    raise exc  # not a template mistake: a bug, keep its traceback


def page_context(site: Site, page: Page, bodies: dict[tuple[str, str], str],
                 now: dt.datetime) -> dict[str, Any]:
    """Everything a template may use for one page."""
    config = site.config
    lang = config.language(page.lang)
    entry = page.entry
    context: dict[str, Any] = {
        "site": site, "config": config, "page": page, "lang": lang.code, "language": lang,
        "languages": config.languages, "entry": entry, "now": now,
        "menu": _menu(site, site.config.menu, page),
        "footer_links": _menu(site, site.config.footer, page),
        "open_data_link": _open_data_link(config, page),
        "x_default": _x_default(site, page), "alert": _active_alert(config, now.date()),
        "canonical": urls.absolute(config, _canonical_url(site, page)),
        "breadcrumbs": _breadcrumbs(site, page),
        "date_modified": _date_modified(site, page),
        "feeds": _feeds(site, page.lang),
        "feedback": _feedback(site, page),
        "term_url": lambda taxonomy, term: _term_url(site, page, taxonomy, term),
        "structured_data": structured_data(site, page, now),
        "search_url": search_url(config, page.lang) if config.search else None,
        "search_url_in": lambda code: search_url(config, code),
        "content_security_policy": Markup(page_policy(
            runs_search=bool(config.search) and page.url == search_url(config, page.lang),
            frame_hosts=getattr(bodies.get((entry.key, page.lang)), "frame_hosts", ())
            if entry else ())),
        "referrer_policy": REFERRER_POLICY,
        # only pages in the reader's own language feed the search index of that language
        "searchable": is_searchable(page),
    }
    if entry is not None:
        context.update(
            body=bodies[(entry.key, page.lang)], text_language=config.language(entry.text_lang),
            related=[site.entry(key, page.lang) for key in site.referenced_by.get(entry.key, ())
                     if page.lang in site.items[key].entries],
            own_fields=shown_fields(site, entry, page.lang))
    if page.collection:
        context["collection"] = config.collections[page.collection]
    builder = PAGE_KINDS.get(page.kind)
    if builder is not None:
        context.update(builder(site, page, now))
    return context


def _list_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    collection = site.config.collections[page.collection or ""]
    return {"entries": list_entries(site, page, now), "pagination": _pagination(page),
            "directory_fields": {taxonomy: taxonomy_field(site, collection.name, taxonomy)
                                 for taxonomy in collection.directories}}


def _term_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    return {"entries": term_entries(site, page)}


def _directory_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    taxonomy = site.taxonomies[page.taxonomy or ""]
    return {"terms": [(taxonomy.labels[term][page.lang], f"{page.url}{term}/",
                       len(term_entries(site, replace(page, term=term))))
                      for term in taxonomy.order]}


def _home_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    config = site.config
    return {"featured": [(config.collections[name],
                          [e for e in site.in_collection(name, page.lang)
                           if e.fields.value("featured")])
                         for name in config.home_featured]}


# Kinds of page whose context shows what the entries of every language say (the open data
# page: the newest date of all), not only their own language's (page_output's quick check)
SHOWS_EVERY_LANGUAGE = frozenset({"open-data"})


def _open_data_context(site: Site, page: Page, now: dt.datetime) -> dict[str, Any]:
    """The open data page: its files in each language (the default language's first, as in
    the folder), and their date."""
    config = site.config
    codes = sorted(config.codes, key=lambda code: code != config.default_language.code)
    return {"open_data": {
        "default_language": config.default_language.code,
        "languages": [(code, config.language(code).name,
                       [(name, "/" + file_path(config, code, name)) for name in FILES])
                      for code in codes],
        "index": f"/{OPEN_DATA_DIR}/index.json", "updated": newest_date(site)}}


def _open_data_link(config: SiteConfig, page: Page) -> MenuLink | None:
    """The open data page's link in the footer of every page in a language."""
    if config.open_data is None or page.kind in ("chooser", "404-root"):
        return None
    url = open_data_url(config, page.lang)
    return MenuLink(config.open_data.title[page.lang], url, url == page.url)


# What each kind of page adds to the context every page has (page_context); the other kinds
# (item, search, chooser, 404...) need nothing more.
PAGE_KINDS: dict[str, Callable[[Site, Page, dt.datetime], dict[str, Any]]] = {
    "list": _list_context, "term": _term_context, "directory": _directory_context,
    "home": _home_context, "open-data": _open_data_context,
}


def _canonical_url(site: Site, page: Page) -> str:
    """A page's own address; an untranslated page's is its original's, the text it shows."""
    entry = page.entry
    if entry is not None and entry.is_fallback:
        return site.url_of_key.get((entry.key, entry.text_lang), page.url)
    return page.url


def _x_default(site: Site, page: Page) -> str:
    """The chooser for language-neutral pages; the original's URL for everything else."""
    if page.kind in ("chooser", "home"):
        return urls.CHOOSER_URL
    return page.alternates.get(site.config.default_language.code, page.url)


def render_report(env: jinja2.Environment, site: Site, page: Page, now: dt.datetime,
                  extra: dict[str, Any], report: Report) -> str | None:
    """Render a team page (such as the translation status) in the site's chrome."""
    try:
        return env.get_template(page.template).render(
            {**page_context(site, page, {}, now), **extra})
    except (jinja2.TemplateError, LookupError, TypeError, AttributeError) as exc:
        report.add(_template_problem(exc, page))
        return None


def _pagination(page: Page) -> dict[str, str | None]:
    first = page.url if page.page_number == 1 else page.url.rsplit("page/", 1)[0]

    def number(n: int) -> str | None:
        if not 1 <= n <= page.total_pages:
            return None
        return first if n == 1 else f"{first}page/{n}/"

    return {"previous": number(page.page_number - 1), "next": number(page.page_number + 1)}


def _feeds(site: Site, lang: str) -> list[tuple[str, str]]:
    """(title, url) of the Atom feed of each news collection, in lang."""
    return [(site.config.collections[name].title[lang], feed_url(site.config, name, lang))
            for name, c in site.config.collections.items()
            if c.has("dated") and c.has_list_page]


def _feedback(site: Site, page: Page) -> list[tuple[str, str]]:
    """(kind, url) of the links under each page, each naming the page it was followed from."""
    links = []
    for kind, key in (("problem", site.config.report_problem),
                      ("format", site.config.alternate_formats)):
        if key and page.kind not in ("chooser", "404-root"):
            url = _target_url(site, key, page.lang)
            links.append((kind, f"{url}?page={quote(page.url)}"))
    return links


def _term_url(site: Site, page: Page, taxonomy: str, term: str) -> str | None:
    collection = site.config.collections.get(page.collection or "")
    if collection is None or taxonomy not in collection.directories:
        return None
    return urls.directory_url(site.config, collection.name, taxonomy, page.lang) + f"{term}/"


def _menu(site: Site, items: tuple[MenuItem, ...], page: Page) -> list[MenuLink]:
    links = []
    for item in items:
        url = _target_url(site, item.target, page.lang)
        links.append(MenuLink(item.label[page.lang], url, url == page.url))
    return links


def _target_url(site: Site, target: str, lang: str) -> str:
    if target == "home":
        return urls.home_url(lang)
    if target in site.config.collections:
        return urls.list_url(site.config, target, lang)
    return site.url_of_key.get((target, lang)) or \
        site.url_of_key[(target, site.config.default_language.code)]


def _active_alert(config: SiteConfig, today: dt.date) -> dict[str, Any] | None:
    alert = config.alert
    if alert is None or not alert.start <= today <= alert.end:
        return None
    return {"message": alert.message, "level": alert.level}


def _breadcrumbs(site: Site, page: Page) -> list[tuple[str, str]]:
    """(label, url) pairs from the home page down to the page's parent."""
    if page.kind in ("chooser", "home"):
        return []
    config = site.config
    crumbs = [(config.title[page.lang], urls.home_url(page.lang))]
    collection = config.collections.get(page.collection or "")
    if page.kind == "item" and collection is not None and collection.has_list_page:
        crumbs.append((collection.title[page.lang],
                       urls.list_url(config, collection.name, page.lang)))
    return crumbs


def _date_modified(site: Site, page: Page) -> dt.date | None:
    if page.entry is not None:
        return page.entry.updated
    if page.kind == "chooser":
        return None
    # an empty list (no events planned) changed when the site last did
    return site.last_updated(page.lang, page.collection)
