"""Browser-test fixtures: the site corpus served on loopback addresses, a workspace that knows it."""

from __future__ import annotations

import pytest

from audit.campaigns import create_campaign
from audit.registry.store import import_registry
from audit.shopper import Shopper
from audit.sim.siteserver import SiteFarm, corpus
from audit.web.site import Timing

SHOPPER = Shopper("Анна Петрова", "+79120001122", "anna.petrova@example.com", "ул. Ленина, д. 10",
                  "Прошу перезвонить", "9120001122", "7", "8")
FAST = Timing(navigation=5.0, action=3.0, settle=4.5, observe=6.0)


def slug_of(site_name: str) -> str:
    """The registry slug of a corpus site."""
    return site_name.replace("_", "-")


@pytest.fixture
def farm():
    """Every corpus site, served fresh (nothing received yet)."""
    with SiteFarm(corpus()) as running:
        yield running


@pytest.fixture
def corpus_ws(ws, farm, tmp_path):
    """A workspace whose registry lists every corpus ISP site, and a campaign 'web'."""
    lines = ["slug,name,website"] + [f"{slug_of(s.name)},{s.name},{s.url}" for s in farm.sites.values() if s.is_isp]
    registry = tmp_path / "corpus.csv"
    registry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_registry(ws, registry)
    create_campaign(ws, "web", "sector")
    return ws
