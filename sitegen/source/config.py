"""Load and validate site_config.yaml into a typed, frozen SiteConfig."""

from __future__ import annotations

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
from .numerals import DIGITS, default_numbering
from .schema import (INVALID, Bool, Checker, Choice, Custom, Date, Email, Field, Integer, ListOf,
                     PerLanguage, Record, Slug, Text, Url, check_document)
from .source_files import check_inside, read_text
from .yaml_source import KeyPath, Located, parse_yaml

CONFIG_FILE = "site_config.yaml"
REPO_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")
HOST_RE = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# A BCP 47 language tag as search engines and browsers expect it: language in lowercase, script
# in title case, region in capitals or three digits (zh-Hans, pt-BR, sr-Latn, es-419, fr-CA).
LANG_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?"
                         r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*$")
FALLBACK_POLICIES = ("show_default", "omit")


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str  # URL prefix and hreflang, e.g. "fr"
    name: str  # its own name in its own script, e.g. "Français"
    locale: str  # Babel locale for dates and plurals, e.g. "fr_CA"
    direction: str  # "ltr" or "rtl"
    default: bool
    numbers: str = "latn"  # the numbering system of dates and counts (CLDR name)

    @property
    def english_name(self) -> str:
        return _english_name(self.locale, self.code)

    @property
    def label(self) -> str:
        """How messages to the site's editors name it: "Arabic (ar)"."""
        return f"{self.english_name} ({self.code})"

    @property
    def script(self) -> str:
        """The script it is written in (ISO 15924, as CLDR gives it): Latn, Arab, Hans..."""
        return writing_script(self.locale)


@dataclass(frozen=True)
class MenuItem:
    target: str  # "home", a collection name or an item key such as "pages/about"
    label: dict[str, str]
    line: int


@dataclass(frozen=True)
class Alert:
    message: dict[str, str]
    start: Any  # datetime.date
    end: Any
    level: str


@dataclass(frozen=True)
class Phone:
    label: dict[str, str]
    number: str


@dataclass(frozen=True)
class OpeningHours:
    """One line of opening hours: the days (mo to su) and the hours, 24-hour "HH:MM"."""

    days: tuple[str, ...]
    opens: str
    closes: str


@dataclass(frozen=True)
class Contact:
    emergency: str
    phones: tuple[Phone, ...]
    email: str | None
    address: dict[str, str] | None  # per language; one shared address is given for each
    hours: tuple[OpeningHours, ...] = ()
    form: str | None = None  # a web form where people write to the organization
    languages: tuple[str, ...] = ()  # language tags the organization serves people in


@dataclass(frozen=True)
class Signature:
    """What marks the site as the organization's own, beside its name in every page's header."""

    logo: str | None  # a picture under static/, e.g. /static/images/logo.svg
    logo_alt: dict[str, str]  # what the logo says, per language
    url: str | None  # the organization's own website
    line: int = 1


@dataclass(frozen=True)
class EditorSettings:
    """The browser editor on the web: published at /admin/ with the site, saving into a GitHub
    repository through pull requests (docs/editing.md)."""

    publish: bool
    repo: str | None  # owner/name on GitHub
    branch: str
    auth_url: str | None  # the sign-in service for GitHub (Decap CMS's base_url)
    line: int = 1


@dataclass(frozen=True)
class SearchConfig:
    """A page of its own in each language, such as the search page: its address and title."""

    section: dict[str, str]
    title: dict[str, str]


@dataclass(frozen=True)
class License:
    """The licence under which others may reuse the site's open data."""

    name: dict[str, str]  # per language
    url: str


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


@dataclass(frozen=True)
class Checks:
    """Targets of the quality gates (python build.py check)."""

    summary_max_length: int
    reading_grade: int
    page_weight_kib: int
    search_page_weight_kib: int  # the search page also loads the search engine
    vague_link_text: dict[str, tuple[str, ...]]  # lang -> phrases that say nothing of the target
    vague_alt_text: dict[str, tuple[str, ...]]  # lang -> alt texts that describe nothing


@dataclass(frozen=True)
class SiteConfig:
    """Everything site_config.yaml says, checked."""

    base_url: str
    languages: tuple[Language, ...]
    title: dict[str, str]
    tagline: dict[str, str]
    timezone: str
    fallback: str
    menu: tuple[MenuItem, ...]
    footer: tuple[MenuItem, ...]
    contact: Contact
    alert: Alert | None
    collections: dict[str, CollectionConfig]
    home_featured: tuple[str, ...]
    checks: Checks
    organization: dict[str, str] | None
    search: SearchConfig | None
    report_problem: str | None  # item key of the page where readers report a problem
    alternate_formats: str | None  # item key of the page to request another format
    home_featured_line: int = 1
    embed_hosts: frozenset[str] = frozenset()  # sites page text may show in a frame
    signature: Signature | None = None
    cms: EditorSettings | None = None
    # the open data page and files (sitegen.render.open_data), their licence, and the region
    # the organization serves
    open_data: SearchConfig | None = None
    license: License | None = None
    area_served: dict[str, str] | None = None
    src_path: str = CONFIG_FILE

    @property
    def default_language(self) -> Language:
        return next(lang for lang in self.languages if lang.default)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    def collections_of_kind(self, kind: str) -> list[str]:
        """The collections whose items are of this kind: where a reference to it may lead."""
        return [c.name for c in self.collections.values() if c.schema == kind]

    @property
    def base_path(self) -> str:
        """The path part of base_url, e.g. "/" or "/preview/pr-12/"."""
        after_host = self.base_url.split("://", 1)[-1]
        return "/" + after_host.partition("/")[2]


def _check_locale(value: Any, path: KeyPath, checker: Checker) -> Any:
    value = Text(example="fr_CA").check(value, path, checker)
    if value is INVALID:
        return value
    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError):
        return checker.fail(path, f'"{value}" is not a locale known to Babel.',
                            "Use a code such as en_CA, fr_CA, ar, ur_PK or pa_Guru_IN.")
    return value


def canonical_tag(text: str) -> str:
    """A language tag with the standard letter case: zh_hans -> zh-Hans, PT-br -> pt-BR."""
    parts = [part for part in re.split(r"[-_]", text.strip()) if part]
    result = parts[:1] and [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            result.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            result.append(part.upper())
        else:
            result.append(part.lower())
    return "-".join(result)


def _check_code(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A BCP 47 tag whose language, script and region CLDR knows, written the standard way."""
    value = Text(example="zh-Hans").check(value, path, checker)
    if value is INVALID:
        return value
    hint = "Use a language tag such as fr, fr-CA, pt-BR, zh-Hans, zh-Hant, sr-Latn or es-419."
    canonical = canonical_tag(value)
    if not LANG_TAG_RE.match(value):
        suggestion = f' Did you mean "{canonical}"?' if LANG_TAG_RE.match(canonical) and \
            _known_tag(canonical) else ""
        return checker.fail(path, f'"{value}" is not a language tag written the standard way '
                                  f"(BCP 47).{suggestion}", hint)
    if not _known_tag(value):
        return checker.fail(path, f'"{value}" is not a language, script or region that CLDR '
                                  "knows.", hint)
    return value


def _known_tag(tag: str) -> bool:
    parts = tag.split("-")
    english = Locale("en")
    try:
        Locale.parse(parts[0])
    except (UnknownLocaleError, ValueError):
        return False
    for part in parts[1:]:
        if len(part) == 4 and part not in english.scripts:
            return False
        if len(part) in (2, 3) and part.upper() == part and part not in english.territories:
            return False
    return True


def writing_script(locale: str) -> str:
    """The script of a locale, or of its likely full form (ar -> ar_Arab_EG -> Arab)."""
    from babel.core import get_global

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return ""
    if parsed.script:
        return parsed.script
    likely = get_global("likely_subtags")
    full = likely.get(str(parsed)) or likely.get(parsed.language) or ""
    return next((part for part in full.split("_")[1:] if len(part) == 4), "")


def default_locale(code: str) -> str:
    """The Babel locale a language tag names when site_config.yaml gives none: zh-Hans ->
    zh_Hans."""
    return code.replace("-", "_")


LANGUAGE = Record(noun="setting", fields={
    "code": Field(Custom(func=_check_code, example="zh-Hans"),
                  "the language tag (BCP 47): the URL prefix, file suffix and lang attribute, "
                  "e.g. fr or zh-Hans", required=True),
    "name": Field(Text(example="Français"), "the language's own name", required=True),
    "locale": Field(Custom(func=_check_locale, example="fr_CA"),
                    "the locale for dates and plurals (default: the code, e.g. zh_Hans)"),
    "direction": Field(Choice(options=("ltr", "rtl")), "ltr or rtl; guessed from the locale"),
    "default": Field(Bool(), "true for the one default language", default=False),
    "numbers": Field(Choice(options=tuple(DIGITS)),
                     "the digits of dates and counts, e.g. latn (0-9) or arabext (۰-۹); "
                     "default: the locale's usual digits"),
})


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


PHONE = Record(noun="setting", fields={
    "label": Field(PerLanguage(), "what the number is for, per language", required=True),
    "number": Field(Text(example='"905-555-0100"'), "the number as people dial it",
                    required=True),
})

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
TIME_RE = re.compile(r"^([01]\d|2[0-4]):[0-5]\d$")

HOURS = Record(noun="setting", fields={
    "days": Field(ListOf(item=Choice(options=DAYS), example="[mo, tu, we, th, fr]",
                         allow_empty=False), "the days, from mo (Monday) to su (Sunday)",
                  required=True),
    "opens": Field(Text(example='"08:30"', pattern=TIME_RE,
                        rule_text='must be a time written like "08:30" (24-hour clock)'),
                   "when it opens", required=True),
    "closes": Field(Text(example='"16:30"', pattern=TIME_RE,
                         rule_text='must be a time written like "16:30" (24-hour clock)'),
                    "when it closes", required=True),
})


def _check_address(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A postal address: one for every language, or one per language."""
    if isinstance(value, str):
        text = Text(example="45 Mill Road, Riverside", one_line=False).check(value, path, checker)
        return INVALID if text is INVALID else {code: text for code in checker.languages}
    return PerLanguage(item=Text(one_line=False)).check(value, path, checker)


CONTACT = Record(noun="setting", fields={
    "emergency": Field(Text(example='"911"'), "the emergency number", required=True),
    "phones": Field(ListOf(item=PHONE, example="[{label: {...}, number: ...}]"),
                    "other numbers", default=[]),
    "email": Field(Email(), "a general e-mail address"),
    "address": Field(Custom(func=_check_address, example='"45 Mill Road, Riverside"'),
                     "a postal address, one for all languages or one per language"),
    "hours": Field(ListOf(item=HOURS, example="[{days: [mo, tu, we, th, fr], opens: \"08:30\", "
                                            "closes: \"16:30\"}]"),
                   "opening hours", default=[]),
    "form": Field(Url(), "the address of a web form where people can write in"),
    "languages": Field(ListOf(item=Custom(func=lambda v, p, c: _check_code(v, p, c),
                                          example="fr"), example="[en, fr, ar]"),
                       "the languages people can be served in", default=[]),
})

ALERT = Record(noun="setting", fields={
    "message": Field(PerLanguage(), "the banner text, per language", required=True),
    "start": Field(Date(), "first day the banner shows", required=True),
    "end": Field(Date(), "last day the banner shows", required=True),
    "level": Field(Choice(options=("info", "warning")), "info or warning", default="info"),
})

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

MENU_ITEM = Record(noun="setting", fields={
    "target": Field(Text(example="programs"),
                    'what it links to: "home", a collection, or an item such as pages/about',
                    required=True),
    "label": Field(PerLanguage(), "the link text, per language", required=True),
})

HOME = Record(noun="setting", fields={
    "featured": Field(ListOf(item=Text(example="programs"), example="[programs, resources]"),
                      "collections whose featured items the home page shows", default=[]),
})

PHRASES = PerLanguage(item=ListOf(item=Text(example="click here"), example='["click here"]'),
                      required_in_all=False)
CHECKS = Record(noun="setting", fields={
    "summary_max_length": Field(Integer(minimum=20), "longest summary, in characters",
                                default=200),
    "reading_grade": Field(Integer(minimum=1), "highest reading grade level", default=8),
    "page_weight_kib": Field(Integer(minimum=1), "largest page with its CSS and JavaScript",
                             default=100),
    "search_page_weight_kib": Field(Integer(minimum=1),
                                    "largest search page, with the search engine it loads",
                                    default=200),
    "vague_link_text": Field(PHRASES, "link texts to avoid, per language", default={}),
    "vague_alt_text": Field(PHRASES, "image descriptions to avoid, per language", default={}),
})

# What people look for in site_config.yaml but is kept in a file of its own.
ELSEWHERE = {
    "taxonomies": "content/taxonomies.yaml (the labels of audiences, categories and other "
                  "lists, per language)",
    "translations": "translations/CODE.po, one catalog of interface words per language",
    "strings": "translations/CODE.po, one catalog of interface words per language",
    "templates": "the templates/ folder",
}

def _own_page(what: str, slug: str) -> Record:
    """The settings of a page of its own in each language: its address and its title."""
    return Record(noun="setting", fields={
        "section": Field(PerLanguage(item=Slug(slug)), f"the {what} page's address",
                         required=True),
        "title": Field(PerLanguage(), f"the {what} page's title", required=True),
    })


SITE = Record(noun="setting", elsewhere=ELSEWHERE, fields={
    "base_url": Field(Url(), "the address where the site is published", required=True),
    "languages": Field(Custom(func=_check_languages), "the site's languages", required=True),
    "title": Field(PerLanguage(), "site title, per language", required=True),
    "tagline": Field(PerLanguage(), "one line under the title, per language", required=True),
    "timezone": Field(Text(example="America/Toronto"), "time zone for dates",
                      default="America/Toronto"),
    "fallback": Field(Choice(options=FALLBACK_POLICIES),
                      "what to do when a translation is missing", default="show_default"),
    "menu": Field(ListOf(item=MENU_ITEM, example="[{target: programs, label: {...}}]"),
                  "primary navigation", default=[]),
    "footer": Field(ListOf(item=MENU_ITEM, example="[{target: pages/accessibility, label: {...}}]"),
                    "links in the footer", default=[]),
    "contact": Field(CONTACT, "contact block in the footer", required=True),
    "alert": Field(ALERT, "optional site-wide alert banner"),
    "collections": Field(Custom(func=lambda v, p, c: _check_collections(v, p, c)),
                         "content collections", required=True),
    "home": Field(HOME, "home page settings", default={"featured": []}),
    "checks": Field(CHECKS, "targets of the quality checks"),
    "organization": Field(PerLanguage(), "the organization's name, per language"),
    "search": Field(_own_page("search", "recherche"),
                    "the search page (leave out for a site without search)"),
    "open_data": Field(_own_page("open data", "donnees-ouvertes"),
                       "the open data page, and the files it presents (docs/open-data.md; leave "
                       "out for a site without them)"),
    "license": Field(Record(noun="setting", fields={
        "name": Field(PerLanguage(), "the licence's name, per language", required=True),
        "url": Field(Url(), "the address of the licence's text", required=True),
    }), "the licence under which others may reuse the open data"),
    "area_served": Field(PerLanguage(), "the region the organization serves, per language "
                                        "(in open data and for search engines)"),
    "feedback": Field(Record(noun="setting", fields={
        "report_problem": Field(Text(example="pages/contact"),
                                'page for "Report a problem on this page"'),
        "alternate_formats": Field(Text(example="pages/alternate-formats"),
                                   'page for "Request this information in another format"'),
    }), "where the links under every page lead"),
    "signature": Field(Record(noun="setting", fields={
        "logo": Field(Text(example="/static/images/logo.svg",
                           pattern=re.compile(r"^/static/[^\s\"'<>\\?#]+$"),
                           rule_text="must be the address of a picture under static/, starting "
                                     "with /static/"), "the organization's logo"),
        "logo_alt": Field(PerLanguage(), "what the logo says, per language (its text)"),
        "url": Field(Url(), "the organization's own website"),
    }), "the organization's logo and website, shown with the site's name on every page"),
    "cms": Field(Record(noun="setting", fields={
        "publish": Field(Bool(), "true puts the browser editor at /admin/ of the published site",
                         default=False),
        "repo": Field(Text(example="my-agency/website", pattern=REPO_RE,
                           rule_text="must be a GitHub repository's name as owner/name"),
                      "the GitHub repository the editor saves into"),
        "branch": Field(Text(example="main"), "the branch the site is published from",
                        default="main"),
        "auth_url": Field(Url(), "the address of the service that signs staff in to GitHub"),
    }), "the browser editor on the web (docs/editing.md)"),
    "embed_hosts": Field(ListOf(item=Text(example="www.youtube-nocookie.com", pattern=HOST_RE,
                                          rule_text="must be a host name in lowercase, without "
                                                    "https:// or a path"),
                                example="[www.youtube-nocookie.com]"),
                         "sites whose videos or maps page text may show in a frame (each "
                         "learns who reads that page)", default=[]),
})


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
    report = Report()
    try:
        text = read_text(check_inside(path, site_dir, CONFIG_FILE), CONFIG_FILE)
        source = parse_yaml(text, CONFIG_FILE)
    except ContentError as problem:
        raise BuildFailed([problem]) from None
    languages = _languages_first(source, report)
    data = check_document(source, SITE, report, [lang["code"] for lang in languages],
                          {lang["code"]: _english_name(lang["locale"], lang["code"])
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
    languages = tuple(
        Language(code=lang["code"], name=lang["name"], locale=locale,
                 direction=lang["direction"] or Locale.parse(locale).text_direction[:3],
                 default=lang["default"], numbers=lang["numbers"] or default_numbering(locale))
        for lang in data["languages"]
        for locale in [lang["locale"] or default_locale(lang["code"])])
    contact = data["contact"]
    alert = data["alert"]
    home = data["home"] or {"featured": []}
    return SiteConfig(
        base_url=data["base_url"].rstrip("/") + "/",
        languages=languages,
        title=data["title"],
        tagline=data["tagline"],
        timezone=data["timezone"],
        fallback=data["fallback"],
        menu=_menu_items(data, "menu", source),
        footer=_menu_items(data, "footer", source),
        contact=Contact(
            emergency=contact["emergency"],
            phones=tuple(Phone(p["label"], p["number"]) for p in contact["phones"] or []),
            email=contact["email"], address=contact["address"],
            hours=tuple(OpeningHours(tuple(h["days"]), h["opens"], h["closes"])
                        for h in contact["hours"] or []),
            form=contact["form"], languages=tuple(contact["languages"] or ())),
        alert=Alert(alert["message"], alert["start"], alert["end"], alert["level"])
        if alert else None,
        collections={
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
            for name, spec in data["collections"].items()},
        home_featured=tuple(home["featured"] or ()),
        checks=_to_checks(data["checks"]),
        organization=data["organization"],
        search=_own_page_config(data["search"]),
        open_data=_own_page_config(data["open_data"]),
        license=License(data["license"]["name"], data["license"]["url"])
        if data["license"] else None,
        area_served=data["area_served"],
        report_problem=(data["feedback"] or {}).get("report_problem"),
        alternate_formats=(data["feedback"] or {}).get("alternate_formats"),
        home_featured_line=source.line_of(("home", "featured")),
        embed_hosts=frozenset(data["embed_hosts"] or ()),
        signature=Signature(data["signature"]["logo"], data["signature"]["logo_alt"] or {},
                            data["signature"]["url"], source.line_of(("signature",)))
        if data["signature"] else None,
        cms=EditorSettings(bool(data["cms"]["publish"]), data["cms"]["repo"],
                           data["cms"]["branch"] or "main", data["cms"]["auth_url"],
                           source.line_of(("cms",)))
        if data["cms"] else None,
    )


def _own_page_config(data: dict[str, Any] | None) -> SearchConfig | None:
    return SearchConfig(data["section"], data["title"]) if data else None


def _open_data_role(name: str, spec: dict[str, Any]) -> str:
    """What a collection's items are in open data: its own setting, else its kind's."""
    if spec["open_data"]:
        return "" if spec["open_data"] == "none" else str(spec["open_data"])
    kind = builtin_kinds().get(spec["schema"] or name)
    return kind.open_data if kind else ""


def _menu_items(data: dict[str, Any], key: str, source: Located) -> tuple[MenuItem, ...]:
    return tuple(MenuItem(item["target"], item["label"], source.line_of((key, index)))
                 for index, item in enumerate(data[key] or []))


def _english_name(locale: str, code: str = "") -> str:
    """"French" for fr_CA; "Chinese (Simplified)" for zh-Hans: how messages to the site's editors
    name a language. The script is named when the code names one; the region is in the code."""
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return code or locale
    names_script = any(len(part) == 4 and part.isalpha() for part in code.split("-")[1:])
    return Locale(parsed.language, script=parsed.script if names_script else None).english_name \
        or code or locale


def _to_checks(data: dict[str, Any] | None) -> Checks:
    values = {key: spec.default for key, spec in CHECKS.fields.items()}
    values.update({key: value for key, value in (data or {}).items() if value is not None})
    return Checks(
        summary_max_length=values["summary_max_length"], reading_grade=values["reading_grade"],
        page_weight_kib=values["page_weight_kib"],
        search_page_weight_kib=values["search_page_weight_kib"],
        vague_link_text={lang: tuple(p) for lang, p in values["vague_link_text"].items()},
        vague_alt_text={lang: tuple(p) for lang, p in values["vague_alt_text"].items()})
