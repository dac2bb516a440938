"""A site people can trust and act on, checked on the default site: every page that tells readers
to get in touch leads to the page that says how; no page promises contact details that are not
there; the privacy page's promises hold (no cookies, no storage, nothing from another site); the
footer leads to privacy, terms, accessibility and contact; the site says whose it is."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import ROOT
from tests.site_checks import load_pages

CONTACT = {"en": "/en/contact/", "fr": "/fr/contact/", "ar": "/ar/contact/"}
# What sends readers to get in touch, in each language's words.
GET_IN_TOUCH = {"en": r"\bcontact (us|the police|page)\b|\bget in touch\b",
                "fr": r"\bnous joindre\b|\bcommuniqu\w* avec\b|\bcommuniquez\b",
                "ar": r"اتصل بنا|تواصل معنا|تواصلوا معنا"}
# Contact details said to be somewhere they are not.
FALSE_PROMISES = {"en": r"(number|phone|contact details)[^.]*\b(footer|bottom of)",
                  "fr": r"(numéro|téléphone|coordonnées)[^.]*(pied de page|bas de)",
                  "ar": r"(رقم|أرقام|هاتف)[^.]*(تذييل|أسفل)"}


def test_every_call_to_get_in_touch_leads_to_the_contact_page(default_site: Path) -> None:
    pages = load_pages(default_site)
    checked = 0
    for url, page in pages.items():
        lang = url.split("/")[1] if url.count("/") > 1 else ""
        body = page.soup.select_one("main .entry-body")  # what a page says (not list cards)
        if lang not in CONTACT or body is None or url == CONTACT[lang]:
            continue
        text = body.get_text(" ")
        assert not re.search(FALSE_PROMISES[lang], text, re.IGNORECASE), url
        if re.search(GET_IN_TOUCH[lang], text, re.IGNORECASE):
            checked += 1
            assert body.find("a", href=CONTACT[lang]), f"{url} asks readers to get in touch " \
                "without a link to the contact page"
    assert checked >= 10  # the check did find pages that ask readers to get in touch


def test_the_contact_page_says_what_to_do_in_every_case(default_site: Path) -> None:
    pages = load_pages(default_site)
    for lang, url in CONTACT.items():
        main = pages[url].soup.find("main")
        assert main.find("a", href=f"tel:911") or "911" in main.get_text()
        assert len(main.find_all("h2")) >= 3  # emergency, not an emergency, a question
        links = [a["href"] for a in main.find_all("a", href=True)]
        assert any("emergency-or-not" in href for href in links), url


def test_the_privacy_page_promises_what_the_site_does(default_site: Path) -> None:
    scripts = "".join(path.read_text(encoding="utf-8")
                      for path in (default_site / "static" / "js").glob("*.js"))
    for api in ("document.cookie", "localStorage", "sessionStorage", "indexedDB", "sendBeacon"):
        assert api not in scripts, api
    privacy = load_pages(default_site)["/en/privacy/"].soup.find("main").get_text(" ")
    assert re.search(r"cookie", privacy, re.IGNORECASE)
    for page in load_pages(default_site).values():
        referrer = page.soup.find("meta", attrs={"name": "referrer"})
        assert referrer is not None and referrer["content"] == "no-referrer"


def test_the_footer_and_the_signature(default_site: Path) -> None:
    home = load_pages(default_site)["/fr/"].soup
    footer_links = [a["href"] for a in home.select("footer nav a")]
    assert footer_links[:2] == ["/fr/confidentialite/", "/fr/conditions-utilisation/"]
    assert "/fr/contact/" in footer_links and "/fr/accessibility/" in footer_links
    owner = home.select_one("header .site-owner")
    assert owner.get_text(strip=True) == "Service de police régional de Halton"


def test_no_contact_details_are_invented() -> None:
    """The sample site gives only the emergency number: the rest waits for the service."""
    import yaml

    config = yaml.safe_load((ROOT / "site_config.yaml").read_text(encoding="utf-8"))
    assert config["contact"] == {"emergency": "911"}
    numbers = set()
    for path in (ROOT / "content").rglob("*.md"):
        numbers.update(re.findall(r"\b\d{3}[-. ]\d{3}[-. ]\d{4}\b", path.read_text("utf-8")))
    assert numbers == set()
