"""Load and validate site_config.yaml into a typed, frozen SiteConfig.

Each setting is declared once, as a field of the dataclass that holds it (sitegen.source.settings):
its check, default and documentation there give the validator, the "did you mean", the JSON Schema
(build.py schema) and the settings reference (docs/settings-reference.md). Collections are the
exception: a collection's settings are completed from its kind (sitegen.source.collection_kinds),
so COLLECTION is checked as a group and turned into a CollectionConfig by _to_collections."""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from ..errors import BuildFailed, ContentError, Report, did_you_mean, quoted_list
from .collection_kinds import (BEHAVIOURS, OPEN_DATA_ROLES, behaviour_problems, builtin_kinds,
                               record_of, translation_record_of)
from .field_types import check_fields
from .language_tags import (check_code, check_locale, check_site_code, default_locale, english_name,
                            writing_script)
from .numerals import DIGITS, default_numbering
from .schema import (INVALID, Bool, Checker, Choice, Custom, Date, Email, Field, Integer, ListOf,
                     PerLanguage, Record, Slug, Text, Url, check_document)
from .settings import LineFinder, from_checked, located, record_for, setting
from .source_files import check_inside, read_text
from .yaml_source import KeyPath, Located, parse_yaml

CONFIG_FILE = "site_config.yaml"
REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
FALLBACK_POLICIES = ("show_default", "omit")
DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
TIME_RE = re.compile(r"^([01]\d|2[0-4]):[0-5]\d$")


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str = setting(Custom(func=check_code, example="zh-Hans"),
                        "the language tag (BCP 47): the URL prefix, file suffix and lang "
                        "attribute, e.g. fr or zh-Hans", required=True)
    name: str = setting(Text(example="Français"), "the language's own name", required=True)
    locale: str = setting(Custom(func=check_locale, example="fr_CA"),
                          "the locale for dates and plurals (default: the code, e.g. zh_Hans)")
    direction: str = setting(Choice(options=("ltr", "rtl")), "ltr or rtl; guessed from the locale")
    default: bool = setting(Bool(), "true for the one default language", default=False)
    numbers: str = setting(Choice(options=tuple(DIGITS)),
                           "the digits of dates and counts, e.g. latn (0-9) or arabext (۰-۹); "
                           "default: the locale's usual digits", worked_out="latn")

    @property
    def english_name(self) -> str:
        return english_name(self.locale, self.code)

    @property
    def label(self) -> str:
        """How messages to the site's editors name it: "Arabic (ar)"."""
        return f"{self.english_name} ({self.code})"

    @property
    def script(self) -> str:
        """The script it is written in (ISO 15924, as CLDR gives it): Latn, Arab, Hans..."""
        return writing_script(self.locale)


LANGUAGE = record_for(Language)


def _check_languages(value: Any, path: KeyPath, checker: Checker) -> Any:
    languages = ListOf(item=LANGUAGE, example="[{code: en, ...}]", allow_empty=False)
    checked = languages.check(value, path, checker)
    if checked is INVALID:
        return INVALID
    defaults = [lang["code"] for lang in checked if lang["default"]]
    if len(defaults) != 1:
        return checker.fail(path, f"Exactly one language must have default: true; found "
                                  f"{len(defaults)}.",
                            "Add default: true under the language the site is written in first.")
    seen: set[str] = set()
    for index, lang in enumerate(checked):
        if lang["code"] in seen:
            return checker.fail(path + (index,), f'Language "{lang["code"]}" is listed twice.')
        seen.add(lang["code"])
        if not lang["locale"]:
            try:
                Locale.parse(default_locale(lang["code"]))
            except (UnknownLocaleError, ValueError):
                return checker.fail(path + (index,), f'Babel has no locale for "{lang["code"]}".',
                                    "Add a locale: line naming one, for example: locale: fr_CA")
    return checked


def _to_languages(value: list[dict[str, Any]], at: LineFinder, path: KeyPath
                  ) -> tuple[Language, ...]:
    """The languages, with what site_config.yaml leaves out worked out from the locale."""
    languages = []
    for lang in value:
        locale = lang["locale"] or default_locale(lang["code"])
        languages.append(Language(
            code=lang["code"], name=lang["name"], locale=locale,
            direction=lang["direction"] or Locale.parse(locale).text_direction[:3],
            default=lang["default"], numbers=lang["numbers"] or default_numbering(locale)))
    return tuple(languages)


@dataclass(frozen=True)
class MenuItem:
    """A link of the menu or of the footer."""

    target: str = setting(Text(example="programs"), 'what it links to: "home", a collection, or '
                          "an item such as pages/about", required=True)
    label: dict[str, str] = setting(PerLanguage(), "the link text, per language", required=True)
    line: int = located()


@dataclass(frozen=True)
class Alert:
    """A banner on every page between two dates."""

    message: dict[str, str] = setting(PerLanguage(), "the banner text, per language",
                                      required=True)
    start: Any = setting(Date(), "first day the banner shows", required=True)  # datetime.date
    end: Any = setting(Date(), "last day the banner shows", required=True)
    level: str = setting(Choice(options=("info", "warning")), "info or warning", default="info")


@dataclass(frozen=True)
class Phone:
    label: dict[str, str] = setting(PerLanguage(), "what the number is for, per language",
                                    required=True)
    number: str = setting(Text(example='"905-555-0100"'), "the number as people dial it",
                          required=True)


@dataclass(frozen=True)
class OpeningHours:
    """One line of opening hours: the days (mo to su) and the hours, 24-hour "HH:MM"."""

    days: tuple[str, ...] = setting(ListOf(item=Choice(options=DAYS),
                                           example="[mo, tu, we, th, fr]", allow_empty=False),
                                    "the days, from mo (Monday) to su (Sunday)", required=True)
    opens: str = setting(Text(example='"08:30"', pattern=TIME_RE,
                              rule_text='must be a time written like "08:30" (24-hour clock)'),
                         "when it opens", required=True)
    closes: str = setting(Text(example='"16:30"', pattern=TIME_RE,
                               rule_text='must be a time written like "16:30" (24-hour clock)'),
                          "when it closes", required=True)


def _check_address(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A postal address: one for every language, or one per language."""
    if isinstance(value, str):
        text = Text(example="45 Mill Road, Riverside", one_line=False).check(value, path, checker)
        return INVALID if text is INVALID else {code: text for code in checker.languages}
    return PerLanguage(item=Text(one_line=False)).check(value, path, checker)


@dataclass(frozen=True)
class Contact:
    emergency: str = setting(Text(example='"911"'), "the emergency number", required=True)
    phones: tuple[Phone, ...] = setting(
        ListOf(item=record_for(Phone), example="[{label: {...}, number: ...}]"), "other numbers",
        default=[])
    email: str | None = setting(Email(), "a general e-mail address")
    # per language; one shared address is given for each
    address: dict[str, str] | None = setting(
        Custom(func=_check_address, example='"45 Mill Road, Riverside"'),
        "a postal address, one for all languages or one per language")
    hours: tuple[OpeningHours, ...] = setting(
        ListOf(item=record_for(OpeningHours),
               example='[{days: [mo, tu, we, th, fr], opens: "08:30", closes: "16:30"}]'),
        "opening hours", default=[])
    # a web form where people write to the organization
    form: str | None = setting(Url(), "the address of a web form where people can write in")
    # language tags the organization serves people in
    languages: tuple[str, ...] = setting(
        ListOf(item=Custom(func=check_code, example="fr"), example="[en, fr, ar]"),
        "the languages people can be served in", default=[])


@dataclass(frozen=True)
class Signature:
    """What marks the site as the organization's own, beside its name in every page's header."""

    logo: str | None = setting(Text(example="/static/images/logo.svg",
                                    pattern=re.compile(r"^/static/[^\s\"'<>\\?#]+$"),
                                    rule_text="must be the address of a picture under static/, "
                                              "starting with /static/"),
                               "the organization's logo")
    logo_alt: dict[str, str] = setting(PerLanguage(),
                                       "what the logo says, per language (its text)", default={})
    url: str | None = setting(Url(), "the organization's own website")
    line: int = located()


@dataclass(frozen=True)
class EditorSettings:
    """The browser editor on the web: published at /admin/ with the site, saving into a GitHub
    repository through pull requests (docs/editing.md)."""

    publish: bool = setting(Bool(), "true puts the browser editor at /admin/ of the published "
                            "site", default=False)
    repo: str | None = setting(Text(example="my-agency/website", pattern=REPO_RE,
                                    rule_text="must be a GitHub repository's name as owner/name"),
                               "the GitHub repository the editor saves into")
    branch: str = setting(Text(example="main"), "the branch the site is published from",
                          default="main")
    auth_url: str | None = setting(Url(), "the address of the service that signs staff in to "
                                   "GitHub")
    # the editor's language: SiteConfig.editor_language works out the default one
    language: str | None = setting(Custom(func=check_site_code, example="fr"),
                                   "the language of the editor's screens and labels (one of the "
                                   "site's languages); the default language when not given")
    line: int = located()


@dataclass(frozen=True)
class SearchConfig:
    """A page of its own in each language, such as the search page: its address and title."""

    section: dict[str, str] = setting(PerLanguage(item=Slug("recherche")),
                                      "the page's address, per language", required=True)
    title: dict[str, str] = setting(PerLanguage(), "the page's title, per language",
                                    required=True)


@dataclass(frozen=True)
class SearchPageConfig(SearchConfig):
    """The search page, and how each language's search index is split into parts."""

    # Pagefind's time and memory grow with the pages it indexes at once (about 2 ms a page): an
    # edit makes one part again, and the reader's browser loads a few more small files per part.
    part_pages: int = setting(Integer(minimum=1), "about how many pages each part of a "
                              "language's search index holds (docs/search.md)", default=200)


@dataclass(frozen=True)
class License:
    """The licence under which others may reuse the site's open data."""

    name: dict[str, str] = setting(PerLanguage(), "the licence's name, per language",
                                   required=True)
    url: str = setting(Url(), "the address of the licence's text", required=True)


@dataclass(frozen=True)
class Home:
    featured: tuple[str, ...] = setting(
        ListOf(item=Text(example="programs"), example="[programs, resources]"),
        "collections whose featured items the home page shows", default=[])
    featured_line: int = located("featured")


@dataclass(frozen=True)
class Feedback:
    """Where the links under every page lead."""

    # the item key of the page where readers report a problem
    report_problem: str | None = setting(Text(example="pages/contact"),
                                         'page for "Report a problem on this page"')
    # the item key of the page to request another format
    alternate_formats: str | None = setting(Text(example="pages/alternate-formats"),
                                            'page for "Request this information in another '
                                            'format"')


PHRASES = PerLanguage(item=ListOf(item=Text(example="click here"), example='["click here"]'),
                      required_in_all=False)


@dataclass(frozen=True)
class Checks:
    """Targets of the quality gates (python build.py check)."""

    summary_max_length: int = setting(Integer(minimum=20), "longest summary, in characters",
                                      default=200)
    reading_grade: int = setting(Integer(minimum=1), "highest reading grade level", default=8)
    page_weight_kib: int = setting(Integer(minimum=1), "largest page with its CSS and JavaScript",
                                   default=100)
    # the search page also loads the search engine
    search_page_weight_kib: int = setting(Integer(minimum=1), "largest search page, with the "
                                          "search engine it loads", default=200)
    # lang -> phrases that say nothing of the target
    vague_link_text: dict[str, tuple[str, ...]] = setting(
        PHRASES, "link texts to avoid, per language", default={})
    # lang -> alt texts that describe nothing
    vague_alt_text: dict[str, tuple[str, ...]] = setting(
        PHRASES, "image descriptions to avoid, per language", default={})


@dataclass(frozen=True)
class Directory:
    """Pages that list a collection's items by the terms of one taxonomy."""

    taxonomy: str
    section: dict[str, str]
    title: dict[str, str]


@dataclass(frozen=True)
class CollectionConfig:
    name: str
    schema: str  # the kind its items are: a kind shipped with the generator, or its own name
    section: dict[str, str]  # URL section per language; empty when items sit at the language root
    title: dict[str, str]
    intro: dict[str, str] | None
    line: int
    per_page: int | None = None
    directories: dict[str, Directory] = field(default_factory=dict)
    # its fields beyond the common ones (the kind's, then its own) and its behaviours
    # (sitegen.collections); declared is what site_config.yaml says of them, which stands
    # for them where the config is compared or digested
    fields: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)
    behaviours: frozenset[str] = frozenset()
    declared: str = field(default="", compare=False)
    open_data: str = ""  # what its items are in open data (collection_kinds.OPEN_DATA_ROLES)

    @property
    def has_list_page(self) -> bool:
        return bool(self.section)

    def has(self, behaviour: str) -> bool:
        return behaviour in self.behaviours

    @functools.cached_property
    def record(self) -> Record:
        """What an original's front matter may hold (built once: every file is checked)."""
        return record_of(self.fields)

    @functools.cached_property
    def translation_record(self) -> Record:
        """What a translation's front matter may hold."""
        return translation_record_of(self.fields)


DIRECTORY = Record(noun="setting", fields={
    "section": Field(PerLanguage(item=Slug("for")), "URL section per language", required=True),
    "title": Field(PerLanguage(), "the directory's name, per language", required=True),
})

COLLECTION = Record(noun="setting", fields={
    "schema": Field(Custom(func=lambda v, p, c: _check_kind(v, p, c), example="programs"),
                    "the kind of items it holds: " + ", ".join(builtin_kinds())
                    + " (default: the kind of its own name, if there is one)"),
    "fields": Field(Custom(func=check_fields, example="{eligibility: {type: text}}"),
                    "its own fields, beyond those of its kind (see docs/collections.md)"),
    "behaviours": Field(ListOf(item=Choice(options=tuple(BEHAVIOURS)), example="[dated]"),
                        "named behaviours: " + ", ".join(BEHAVIOURS), default=[]),
    "open_data": Field(Choice(options=(*OPEN_DATA_ROLES, "none")),
                       "what its items are in open data: " + ", ".join(OPEN_DATA_ROLES)
                       + ", or none (default: its kind's)"),
    "per_page": Field(Integer(minimum=1), "items per list page (default: all on one page)"),
    "directories": Field(Custom(func=lambda v, p, c: _check_directories(v, p, c)),
                         "pages listing the items of each taxonomy term, e.g. audiences"),
    "section": Field(Custom(func=lambda v, p, c: _check_section(v, p, c),
                            example="{en: programs, fr: programmes}"),
                     'URL section per language; "" (or leave it out) puts items at the '
                     "language root"),
    "title": Field(PerLanguage(), "the collection's name, per language", required=True),
    "intro": Field(PerLanguage(item=Text(one_line=False)), "text above the list, per language"),
})


# What people look for in site_config.yaml but is kept in a file of its own.
ELSEWHERE = {
    "taxonomies": "content/taxonomies.yaml (the labels of audiences, categories and other "
                  "lists, per language)",
    "translations": "translations/CODE.po, one catalog of interface words per language",
    "strings": "translations/CODE.po, one catalog of interface words per language",
    "templates": "the templates/ folder",
}


def _to_base_url(value: str, at: LineFinder, path: KeyPath) -> str:
    return value.rstrip("/") + "/"


def _to_group(cls: type[Any]) -> Any:
    """A group's typed value, with every default when the group is left out."""
    return lambda value, at, path: from_checked(cls, value, at, path)


def _made_by_to_config(value: Any, at: LineFinder, path: KeyPath) -> Any:
    return {}  # the collections need the file's own text: _to_config makes them


@dataclass(frozen=True)
class SiteConfig:
    """Everything site_config.yaml says, checked."""

    base_url: str = setting(Url(), "the address where the site is published", required=True,
                            convert=_to_base_url)
    languages: tuple[Language, ...] = setting(
        Custom(func=lambda v, p, c: _check_languages(v, p, c)), "the site's languages",
        required=True, convert=_to_languages)
    title: dict[str, str] = setting(PerLanguage(), "site title, per language", required=True)
    tagline: dict[str, str] = setting(PerLanguage(), "one line under the title, per language",
                                      required=True)
    timezone: str = setting(Text(example="America/Toronto"), "time zone for dates",
                            default="America/Toronto")
    fallback: str = setting(Choice(options=FALLBACK_POLICIES),
                            "what to do when a translation is missing", default="show_default")
    menu: tuple[MenuItem, ...] = setting(
        ListOf(item=record_for(MenuItem), example="[{target: programs, label: {...}}]"),
        "primary navigation", default=[])
    footer: tuple[MenuItem, ...] = setting(
        ListOf(item=record_for(MenuItem),
               example="[{target: pages/accessibility, label: {...}}]"),
        "links in the footer", default=[])
    contact: Contact = setting(record_for(Contact), "contact block in the footer", required=True)
    alert: Alert | None = setting(record_for(Alert), "optional site-wide alert banner")
    collections: dict[str, CollectionConfig] = setting(
        Custom(func=lambda v, p, c: _check_collections(v, p, c)), "content collections",
        required=True, convert=_made_by_to_config)
    home: Home = setting(record_for(Home), "home page settings", default={"featured": []},
                         convert=_to_group(Home))
    checks: Checks = setting(record_for(Checks), "targets of the quality checks",
                             convert=_to_group(Checks))
    organization: dict[str, str] | None = setting(PerLanguage(),
                                                  "the organization's name, per language")
    search: SearchPageConfig | None = setting(record_for(SearchPageConfig), "the search page "
                                              "(leave out for a site without search)")
    # the open data page and files (sitegen.render.open_data), their licence, and the region
    # the organization serves
    open_data: SearchConfig | None = setting(
        record_for(SearchConfig), "the open data page, and the files it presents "
        "(docs/open-data.md; leave out for a site without them)")
    license: License | None = setting(record_for(License),
                                      "the licence under which others may reuse the open data")
    area_served: dict[str, str] | None = setting(
        PerLanguage(), "the region the organization serves, per language (in open data and for "
        "search engines)")
    feedback: Feedback = setting(record_for(Feedback), "where the links under every page lead",
                                 convert=_to_group(Feedback))
    signature: Signature | None = setting(
        record_for(Signature), "the organization's logo and website, shown with the site's name "
        "on every page")
    cms: EditorSettings | None = setting(record_for(EditorSettings),
                                         "the browser editor on the web (docs/editing.md)")
    # sites page text may show in a frame
    embed_hosts: frozenset[str] = setting(
        ListOf(item=Text(example="www.youtube-nocookie.com", pattern=HOST_RE,
                         rule_text="must be a host name in lowercase, without https:// or a "
                                   "path"), example="[www.youtube-nocookie.com]"),
        "sites whose videos or maps page text may show in a frame (each learns who reads that "
        "page)", default=[], convert=lambda value, at, path: frozenset(value or ()))
    src_path: str = CONFIG_FILE

    # Asked for hundreds of thousands of times in a build: each worked out once (a replaced
    # config, dataclasses.replace, works them out again).
    @functools.cached_property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @functools.cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return self._by_code[code]

    @functools.cached_property
    def _by_code(self) -> dict[str, Language]:
        return {lang.code: lang for lang in self.languages}

    @property
    def editor_language(self) -> Language:
        """The language of the browser editor's screens and labels: cms.language, else the
        default language."""
        chosen = self.cms.language if self.cms else None
        return self.language(chosen) if chosen else self.default_language

    def collections_of_kind(self, kind: str) -> list[str]:
        """The collections whose items are of this kind: where a reference to it may lead."""
        return list(self._collections_by_kind.get(kind, ()))

    @functools.cached_property
    def _collections_by_kind(self) -> dict[str, list[str]]:
        kinds: dict[str, list[str]] = {}
        for collection in self.collections.values():
            kinds.setdefault(collection.schema, []).append(collection.name)
        return kinds

    @functools.cached_property
    def base_path(self) -> str:
        """The path part of base_url, e.g. "/" or "/preview/pr-12/"."""
        after_host = self.base_url.split("://", 1)[-1]
        return "/" + after_host.partition("/")[2]

    @property
    def home_featured(self) -> tuple[str, ...]:
        return self.home.featured

    @property
    def home_featured_line(self) -> int:
        return self.home.featured_line

    @property
    def report_problem(self) -> str | None:
        """The item key of the page where readers report a problem."""
        return self.feedback.report_problem

    @property
    def alternate_formats(self) -> str | None:
        """The item key of the page where readers ask for another format."""
        return self.feedback.alternate_formats


SITE = record_for(SiteConfig, elsewhere=ELSEWHERE)


def _check_section(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A collection's URL section per language; an empty one puts its items at the root of each
    language (/en/about/ for pages)."""
    if value == "":
        return {}
    return PerLanguage(item=Slug("programmes")).check(value, path, checker)


def _check_directories(value: Any, path: KeyPath, checker: Checker) -> Any:
    if not isinstance(value, dict):
        return checker.fail(path, '"directories" must name taxonomies, for example '
                                  "audiences: {section: {...}, title: {...}}.")
    result = {name: DIRECTORY.check(spec, path + (name,), checker) for name, spec in value.items()}
    return INVALID if any(v is INVALID for v in result.values()) else result


def _check_kind(value: Any, path: KeyPath, checker: Checker) -> Any:
    kinds = builtin_kinds()
    if value not in kinds:
        return checker.fail(path, f'"{value}" is not a kind of collection.'
                            + did_you_mean(str(value), kinds),
                            f"The kinds are {quoted_list(kinds)}; or leave schema out and "
                            "declare the collection's own fields.")
    return value


def _collection_fields(name: str, spec: dict[str, Any]) -> tuple[dict[str, Field], frozenset[str]]:
    """A collection's fields (its kind's, then its own) and its behaviours."""
    kind = builtin_kinds().get(spec["schema"] or name)
    fields = {**(kind.fields if kind else {}), **(spec["fields"] or {})}
    return fields, (kind.behaviours if kind else frozenset()) | frozenset(spec["behaviours"])


def _check_collections(value: Any, path: KeyPath, checker: Checker) -> Any:
    if not isinstance(value, dict) or not value:
        return checker.fail(path, '"collections" must list at least one collection, '
                                  "for example programs: {title: {...}}.")
    result = {}
    for name, spec in value.items():
        if not isinstance(name, str) or not re.match(r"^[a-z][a-z0-9_-]*$", name):
            checker.fail(path + (name,), f'Collection name "{name}" must be a lowercase word.')
            continue
        checked = COLLECTION.check(spec, path + (name,), checker)
        if checked is not INVALID:
            fields, behaviours = _collection_fields(name, checked)
            for problem in behaviour_problems(fields, behaviours):
                checker.fail(path + (name, "behaviours"), problem,
                             "Declare that field under fields:, or remove the behaviour.")
                checked = INVALID
        result[name] = checked
    return INVALID if any(v is INVALID for v in result.values()) else result


def load_config(site_dir: Path) -> SiteConfig:
    """Read site_dir/site_config.yaml; raise BuildFailed listing every problem."""
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        raise BuildFailed([ContentError(f"No {CONFIG_FILE} found in {site_dir}.", CONFIG_FILE,
                                        hint="Run the build from the site's folder, or pass "
                                             "--site FOLDER.")])
    try:
        text = read_text(check_inside(path, site_dir, CONFIG_FILE), CONFIG_FILE)
    except ContentError as problem:
        raise BuildFailed([problem]) from None
    return _config_of(text)


@functools.lru_cache(maxsize=4)
def _config_of(text: str) -> SiteConfig:
    """The settings that text (site_config.yaml) holds; raise BuildFailed listing every problem.
    Made once for a text in a process (the settings are never changed once made): the preview
    builds again after every save, and most saves leave the settings as they were."""
    report = Report()
    try:
        source = parse_yaml(text, CONFIG_FILE)
    except ContentError as problem:
        raise BuildFailed([problem]) from None
    languages = _languages_first(source, report)
    data = check_document(source, SITE, report, [lang["code"] for lang in languages],
                          {lang["code"]: english_name(lang["locale"], lang["code"])
                           for lang in languages})
    signature = (data or {}).get("signature") or {}
    if signature.get("logo") and not signature.get("logo_alt"):
        report.error('The logo needs its text: "signature.logo_alt" is missing.', CONFIG_FILE,
                     source.line_of(("signature", "logo")),
                     "Write what the logo says, per language, for people who cannot see it, "
                     "for example:\nlogo_alt: {en: Riverside Public Library, fr: ...}")
    cms = (data or {}).get("cms") or {}
    if cms.get("publish") and not cms.get("repo"):
        report.error('The editor cannot be published without its repository: "cms.repo" is '
                     "missing.", CONFIG_FILE, source.line_of(("cms", "publish")),
                     "Name the GitHub repository it saves into, for example:\n"
                     "repo: my-agency/website")
    report.stop_if_failed()
    assert data is not None
    return _to_config(data, source)


def _languages_first(source: Located, report: Report) -> list[dict[str, Any]]:
    """The codes and locales of the languages, read leniently: every per-language field is
    checked against them, even when a language entry itself has a mistake (reported later)."""
    if not isinstance(source.data, dict):
        report.error("site_config.yaml must be a group of settings such as base_url: ...",
                     CONFIG_FILE, 1)
        report.stop_if_failed()
    entries = source.data.get("languages")
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("code"), str):
            found.append({"code": entry["code"],
                          "locale": str(entry.get("locale") or default_locale(entry["code"]))})
    return found


def _to_config(data: dict[str, Any], source: Located) -> SiteConfig:
    config = from_checked(SiteConfig, data, source.line_of)
    return dataclasses.replace(config, collections=_to_collections(data["collections"], source))


def _to_collections(data: dict[str, Any], source: Located) -> dict[str, CollectionConfig]:
    """Each collection's settings, completed from its kind; declared is what the file says of
    its fields and behaviours, which stands for them where the config is digested."""
    return {
        name: CollectionConfig(
            name=name, schema=spec["schema"] or name, section=spec["section"] or {},
            title=spec["title"], intro=spec["intro"],
            line=source.line_of(("collections", name)), per_page=spec["per_page"],
            directories={tax: Directory(tax, d["section"], d["title"])
                         for tax, d in (spec["directories"] or {}).items()},
            fields=_collection_fields(name, spec)[0],
            behaviours=_collection_fields(name, spec)[1],
            declared=repr((source.data["collections"][name].get("fields"),
                           spec["behaviours"])),
            open_data=_open_data_role(name, spec))
        for name, spec in data.items()}


def _open_data_role(name: str, spec: dict[str, Any]) -> str:
    """What a collection's items are in open data: its own setting, else its kind's."""
    if spec["open_data"]:
        return "" if spec["open_data"] == "none" else str(spec["open_data"])
    kind = builtin_kinds().get(spec["schema"] or name)
    return kind.open_data if kind else ""
