"""The web audit over the whole fixture corpus, judged by what each local ISP site really received."""

from __future__ import annotations

import asyncio
import json

import pytest

from audit.web.run import run_web_audit
from tests.browser.conftest import FAST, SHOPPER, slug_of

N, P, MASKED = "Анна Петрова", "+79120001122", "+7 (912) 000-11-22"
E, A = "anna.petrova@example.com", "ул. Ленина, д. 10"

# site → (status, where the request lands: (site, path) or None, the exact fields it must carry)
EXPECTED = {
    "alert_success": ("submitted", "/mail.php", {"name": N, "tel": P}),
    "amocrm_iframe": ("submitted", ("_amocrm", "/forms/submit"), {"fields[name_1]": N, "fields[889_1][521]": P}),
    "b24_iframe": ("submitted", ("_b24crm", "/crm/form/fill.json"),
                   {"LEAD_NAME": N, "LEAD_PHONE": P, "CONSENT": "Y", "FORM_ID": "7"}),
    "bitrix_popup": ("submitted", "/callback/", {"sessid": "a1b2c3d4", "WEB_FORM_ID": "1", "form_text_7": N,
                                                 "form_text_8": P, "web_form_submit": "Отправить"}),
    "bootstrap_modal": ("submitted", "/ajax/callback.php", {"fio": N, "phone": MASKED}),
    "captcha": ("captcha", None, None),
    "classic_noscript": ("submitted", "/zayavka", {"name": N, "phone": P, "comment": ""}),
    "connect_page": ("submitted", "/connect/send", {"name": N, "phone": P, "address": A}),
    "cookie_banner": ("submitted", "/send.php", {"name": N, "phone": P}),
    "dialog_element": ("submitted", "/api/leads", {"name": N, "phone": P, "consent": "yes"}),
    "hang": ("unreachable", None, None),
    "honeypot": ("submitted", "/ajax/form.php", {"name": N, "phone": P, "website": "", "email_confirm": ""}),
    "hostile_popups": ("submitted", "/api/lead", {"name": N, "phone": P}),
    "huge_page": ("submitted", "/lead.php", {"name": N, "phone": P}),
    "inline_cf7": ("submitted", "/wp-json/contact-form-7/v1/contact-forms/5/feedback",
                   {"your-name": N, "tel-781": P, "acceptance-1": "1"}),
    "kazakh": ("submitted", "/otinim", {"aty": N, "telefon": P}),
    "login_newsletter_only": ("no_form", None, None),
    "no_form": ("no_form", None, None),
    "not_found": ("unreachable", None, None),
    "redirect_loop": ("unreachable", None, None),
    "refused": ("unreachable", None, None),
    "script_error": ("submit_failed", None, None),
    "server_error": ("submit_failed", "/lead/send", {"name": N, "phone": P}),
    "shadow_widget": ("submitted", "/widget/api/callback", {"phone": P, "source": "widget"}),
    "spa_late": ("submitted", "/api/v1/requests", {"name": N, "phone": P}),
    "tilda_popup": ("submitted", "/tilda/form/submit", {"Name": N, "Phone": MASKED}),
    "timed_popup": ("submitted", "/callback-api", {"phone": P}),
    "two_step": ("submitted", "/api/connect", {"address": A, "name": N, "phone": P}),
    "ukrainian": ("submitted", "/zvorotnyi-dzvinok", {"imya": N, "telefon": P}),
    "validation_strict": ("submitted", "/order", {"fio": N, "phone": P, "email": E, "tariff": "home100",
                                                  "comment": "", "agree": "on"}),
}
USABLE = {name for name, (status, _, _) in EXPECTED.items() if status in ("submitted", "submit_failed")}


def _run(ws, submit, **kw):
    return asyncio.run(run_web_audit(ws, "web", SHOPPER, slugs=[slug_of(n) for n in EXPECTED], submit=submit,
                                     concurrency=4, budget_s=45, timing=FAST, progress=False, **kw))


def _everything_received(farm):
    return {name: farm.received(name) for name in farm.sites}


def test_corpus_covers_the_reference_patterns(farm):
    assert set(EXPECTED) == {s.name for s in farm.sites.values() if s.is_isp}
    assert len(EXPECTED) >= 20


@pytest.mark.browser
@pytest.mark.slow
def test_dry_run_finds_and_fills_but_sends_nothing(corpus_ws, farm):
    summary = _run(corpus_ws, submit=False)
    statuses = {r.slug: r.status for r in summary.results}
    for name, (status, _, _) in EXPECTED.items():
        want = "ready" if name in USABLE else status
        assert statuses[slug_of(name)] == want, (name, [r.reason for r in summary.results if r.slug == slug_of(name)])
    assert all(not got for got in _everything_received(farm).values()), _everything_received(farm)
    assert corpus_ws.db.execute("SELECT COUNT(*) FROM submit_intents").fetchone()[0] == 0


@pytest.mark.browser
@pytest.mark.slow
def test_submit_sends_one_exact_request_per_usable_site_and_rerun_sends_nothing(corpus_ws, farm):
    summary = _run(corpus_ws, submit=True)
    results = {r.slug: r for r in summary.results}
    for name, (status, where, fields) in EXPECTED.items():
        result = results[slug_of(name)]
        assert result.status == status, (name, result.reason)
        site, path = (where if isinstance(where, tuple) else (name, where)) if where else (name, None)
        received = farm.received(site)
        if path is None:
            assert received == [], (name, received)
            continue
        assert [(r.method, r.path, r.fields) for r in received] == [("POST", path, fields)], name
        assert result.submitted_at and result.submitted_at.endswith("Z") and len(result.submitted_at) == 24
        assert result.submitted_at <= received[0].at
    for name in ("login_newsletter_only", "inline_cf7", "connect_page"):  # search and newsletter forms untouched
        assert all(r.path not in ("/search/", "/subscribe", "/lk/login") for r in farm.received(name))

    before = {name: len(got) for name, got in _everything_received(farm).items()}
    again = _run(corpus_ws, submit=True)
    assert {name: len(got) for name, got in _everything_received(farm).items()} == before
    sent = {slug_of(n) for n, (s, w, _) in EXPECTED.items() if s in ("submitted", "submit_failed")}
    assert set(again.skipped) == sent
    assert not {r.slug for r in again.results} & sent


@pytest.mark.browser
def test_evidence_channels_promise_and_site_numbers(corpus_ws, farm):
    slugs = ["inline-cf7", "no-form"]
    summary = asyncio.run(run_web_audit(corpus_ws, "web", SHOPPER, slugs=slugs, submit=True, trace=True,
                                        timing=FAST, progress=False))
    results = {r.slug: r for r in summary.results}
    cf7 = results["inline-cf7"]
    assert cf7.promise == "Перезвоним в течение 15 минут с 8:00 до 19:30"
    evidence = corpus_ws.root / "evidence" / "web" / "inline-cf7" / "wave1"
    for name in ("before.png", "after.png", "before_masked.png", "after_masked.png", "form.html", "request.json",
                 "response.json", "trace.zip"):
        assert (evidence / name).stat().st_size > 0, name
    request = json.loads((evidence / "request.json").read_text(encoding="utf-8"))
    assert request["method"] == "POST" and request["fields"]["tel-781"] == P
    assert "wpcf7" in (evidence / "form.html").read_text(encoding="utf-8")
    channels = results["no-form"].channels
    assert channels["phones"] == ["+73452505051", "+78001002030"]
    assert channels["telegram"] == ["https://t.me/orion_support"]
    assert channels["whatsapp"] == ["https://wa.me/79120009988"]
    assert channels["viber"] and channels["email"] == ["info@orion.example"]
    assert channels["chat"] == ["JivoSite"] and channels["account"] == ["/lk/"]
    numbers = {r[0] for r in corpus_ws.db.execute(
        "SELECT e164 FROM isp_numbers n JOIN isps i ON i.id = n.isp_id WHERE i.slug = 'no-form' AND source = 'site'")}
    assert numbers == {"+73452505051", "+78001002030"}


@pytest.mark.browser
def test_resubmit_is_a_deliberate_second_wave(corpus_ws, farm):
    kw = dict(timing=FAST, progress=False)
    asyncio.run(run_web_audit(corpus_ws, "web", SHOPPER, slugs=["cookie-banner"], submit=True, **kw))
    second = asyncio.run(run_web_audit(corpus_ws, "web", SHOPPER, slugs=["cookie-banner"], submit=True,
                                       resubmit=["cookie-banner"], **kw))
    assert [(r.slug, r.wave, r.status) for r in second.results] == [("cookie-banner", 2, "submitted")]
    assert len(farm.received("cookie_banner")) == 2
    third = asyncio.run(run_web_audit(corpus_ws, "web", SHOPPER, slugs=["cookie-banner"], submit=True, **kw))
    assert third.skipped == ["cookie-banner"] and len(farm.received("cookie_banner")) == 2


def test_campaign_without_isps_says_what_to_do(ws):
    from audit.campaigns import create_campaign
    from audit.errors import AuditError

    create_campaign(ws, "empty", "sector")
    with pytest.raises(AuditError, match="campaign 'empty' has no ISPs"):
        asyncio.run(run_web_audit(ws, "empty", SHOPPER, progress=False))
