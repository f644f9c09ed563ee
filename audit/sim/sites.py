"""Giving each fictional ISP of the synthetic sector a local website that follows a real pattern."""

from __future__ import annotations

from dataclasses import replace

from audit.sim.sector import FictionalIsp
from audit.sim.siteserver import Site, corpus

# How often each pattern appears in the demo sector: mostly working forms of the kinds real sites use,
# with the failures the field reports (no form, captcha, broken scripts, dead sites) at plausible rates.
DEMO_MIX = (
    ["inline_cf7", "bitrix_popup", "tilda_popup", "bootstrap_modal", "shadow_widget", "b24_iframe", "spa_late",
     "connect_page", "classic_noscript", "dialog_element", "cookie_banner", "timed_popup", "two_step",
     "validation_strict", "honeypot", "alert_success", "amocrm_iframe", "hostile_popups"] * 2
    + ["no_form", "no_form", "login_newsletter_only", "captcha", "script_error", "server_error", "refused",
       "not_found", "redirect_loop", "ukrainian", "kazakh"]
)


def sector_sites(isps: list[FictionalIsp]) -> tuple[list[Site], dict[str, str]]:
    """One site per ISP (patterns from :data:`DEMO_MIX` in turn) plus the CRM helper hosts.

    Returns:
        The sites to serve, and slug → pattern name.
    """
    loaded = {s.name: s for s in corpus()}
    sites, patterns = [], {}
    for index, isp in enumerate(isps):
        pattern = DEMO_MIX[index % len(DEMO_MIX)]
        sites.append(replace(loaded[pattern], name=isp.slug, received=[]))
        patterns[isp.slug] = pattern
    return sites + [s for s in loaded.values() if not s.is_isp], patterns
