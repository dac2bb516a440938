"""Language tags and locales: how site_config.yaml names a language (BCP 47, as browsers and
search engines expect), which Babel locale gives its dates and plurals, and what messages to the
site's editors call it."""

from __future__ import annotations

import re
from typing import Any

from babel import Locale, UnknownLocaleError

from ..errors import closest_match, quoted_list
from .schema import INVALID, Checker, Text
from .yaml_source import KeyPath

# A BCP 47 language tag as search engines and browsers expect it: language in lowercase, script
# in title case, region in capitals or three digits (zh-Hans, pt-BR, sr-Latn, es-419, fr-CA).
LANG_TAG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|\d{3}))?"
                         r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*$")


def check_locale(value: Any, path: KeyPath, checker: Checker) -> Any:
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


def check_code(value: Any, path: KeyPath, checker: Checker) -> Any:
    """A BCP 47 tag whose language, script and region CLDR knows, written the standard way."""
    value = Text(example="zh-Hans").check(value, path, checker)
    if value is INVALID:
        return value
    hint = "Use a language tag such as fr, fr-CA, pt-BR, zh-Hans, zh-Hant, sr-Latn or es-419."
    canonical = canonical_tag(value)
    if not LANG_TAG_RE.match(value):
        suggestion = f' Did you mean "{canonical}"?' if LANG_TAG_RE.match(canonical) and \
            known_tag(canonical) else ""
        return checker.fail(path, f'"{value}" is not a language tag written the standard way '
                                  f"(BCP 47).{suggestion}", hint)
    if not known_tag(value):
        return checker.fail(path, f'"{value}" is not a language, script or region that CLDR '
                                  "knows.", hint)
    return value


def check_site_code(value: Any, path: KeyPath, checker: Checker) -> Any:
    """The code of one of the site's own languages (as a per-language setting names them), with
    a "did you mean" for a code written another way (FR, fr-CA) or a language's English name."""
    value = Text(example="fr").check(value, path, checker)
    if value is INVALID or value in checker.languages:
        return value
    names = {name.casefold(): code for code, name in checker.language_names.items()}
    canonical = canonical_tag(value)
    # the site's one code for the same language (fr for fr-CA), else a code a slip away
    same = [code for code in checker.languages if code.split("-")[0] == canonical.split("-")[0]]
    match = names.get(value.casefold()) or (same[0] if len(same) == 1 else None) \
        or closest_match(canonical, checker.languages)
    return checker.fail(path, f'"{value}" is not a configured language.'
                        + (f' Did you mean "{match}"?' if match else ""),
                        f"Configured languages: {quoted_list(checker.languages)}.")


def known_tag(tag: str) -> bool:
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
    return next((part for part in _likely_parts(locale, "script") if len(part) == 4), "")


def likely_territory(locale: str) -> str:
    """The region of a locale, or of its likely full form (nb -> nb_Latn_NO -> NO)."""
    return next((part for part in _likely_parts(locale, "territory")
                 if len(part) == 2 or part.isdigit()), "")


def _likely_parts(locale: str, attribute: str) -> list[str]:
    """The locale's own script or territory (attribute) if it names one, else the subtags
    of its likely full form after the language (CLDR likely subtags)."""
    from babel.core import get_global

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return []
    if getattr(parsed, attribute):
        return [str(getattr(parsed, attribute))]
    likely = get_global("likely_subtags")
    full = likely.get(str(parsed)) or likely.get(parsed.language) or ""
    return list(full.split("_")[1:])


def default_locale(code: str) -> str:
    """The Babel locale a language tag names when site_config.yaml gives none: zh-Hans ->
    zh_Hans."""
    return code.replace("-", "_")


def english_name(locale: str, code: str = "") -> str:
    """"French" for fr_CA; "Chinese (Simplified)" for zh-Hans: how messages to the site's editors
    name a language. The script is named when the code names one; the region is in the code."""
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return code or locale
    names_script = any(len(part) == 4 and part.isalpha() for part in code.split("-")[1:])
    return Locale(parsed.language, script=parsed.script if names_script else None).english_name \
        or code or locale
