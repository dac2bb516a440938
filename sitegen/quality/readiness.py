"""The readiness gate: what a real site needs that only the agency can give, such as a way to
reach it other than the emergency number. The generator never invents these details; it says
what is missing, as notices that do not fail a check, so that a draft site can still be built
and reviewed."""

from __future__ import annotations

from ..source.config import SiteConfig
from .findings import Finding


def check_readiness(config: SiteConfig) -> list[Finding]:
    """A notice for each detail readers need that site_config.yaml does not give yet."""
    contact = config.contact
    found = []

    def missing(message: str) -> None:
        found.append(Finding("readiness", "notice", config.src_path, message))

    if not (contact.phones or contact.email or contact.form):
        missing("Readers can reach the organization only through the emergency number: add a "
                "non-emergency number (contact: phones:), an e-mail address or a web form "
                "(contact: email: or form:) once they are confirmed.")
    if not contact.address:
        missing("No postal address is given (contact: address:).")
    if not contact.hours:
        missing("No opening hours are given (contact: hours:).")
    if not (config.signature and config.signature.url):
        missing("The organization's own website is not given (signature: url:), so pages "
                "cannot link to it.")
    return found
