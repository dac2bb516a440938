"""sitegen.quality.readiness: what only the organization can give, said, never invented."""

from __future__ import annotations

from sitegen.source.config import load_config
from sitegen.quality.readiness import check_readiness
from tests.helpers import FIXTURES, ROOT, TINY


def messages(site) -> list[str]:
    return [finding.message for finding in check_readiness(load_config(site))]


def test_the_default_site_says_what_the_service_must_still_give() -> None:
    found = check_readiness(load_config(ROOT))
    assert {f.severity for f in found} == {"notice"}  # never fails a check
    assert found[0].message.startswith("Readers can reach the organization only through the "
                                       "emergency number")


def test_a_site_with_its_contact_details_is_ready() -> None:
    assert not any("emergency number" in m for m in messages(TINY))  # it has a phone number
    world = messages(FIXTURES / "world")
    assert not any("address" in m or "opening hours" in m for m in world)
