"""The callback flow through the CLI: requests (web and manual), logs imported, matched, reviewed, exported."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from audit.cli import app
from audit.sim.telephony import FakeTwilio, twilio_call
from audit.web import store
from audit.web.store import SiteResult

runner = CliRunner()


def invoke(*args):
    result = runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
    return result


def _setup(ws, tmp_path):
    registry = tmp_path / "isps.csv"
    registry.write_text("slug,name,website,phones,timezone,working_hours\n"
                        "linkom,ЛинКом,linkom.ru,8 (3452) 50-50-50,Asia/Yekaterinburg,Пн-Пт 9:00-18:00\n"
                        "teleset,ТелеСеть,teleset.ru,,Asia/Yekaterinburg,круглосуточно\n"
                        "kedr,Кедр,kedr.ru,8 (3812) 40-40-40,Asia/Omsk,\n", encoding="utf-8")
    assert invoke("registry", "import", registry, "-w", ws.root).exit_code == 0
    assert invoke("campaign", "create", "c", "--kind", "sector", "-w", ws.root).exit_code == 0
    campaign = ws.db.execute("SELECT id FROM campaigns WHERE name = 'c'").fetchone()[0]
    # linkom's web request, as the web audit records it
    intent = store.record_intent(ws, campaign, "linkom", 1, "submit", "http://linkom.ru/")
    store.record_result(ws, campaign, SiteResult("linkom", "submitted", "ok", "submit", 1,
                                                 submitted_at="2026-11-20T05:00:00.000Z", intent_id=intent,
                                                 promise="Перезвоним в течение 15 минут"))
    store.add_site_numbers(ws, "teleset", ["+73433102030"])
    return campaign


def test_import_match_review_export(ws, tmp_path, fixture_copy):
    _setup(ws, tmp_path)
    root = ws.root
    result = invoke("web", "manual", "--isp", "teleset", "--at", "2026-11-20 11:30:00", "--tz", "Asia/Yekaterinburg",
                    "--campaign", "c", "--note", "by phone", "-w", root)
    assert result.exit_code == 0 and "request recorded at 2026-11-20T06:30:00.000Z" in result.output
    result = invoke("web", "manual", "--isp", "kedr", "--at", "2026-11-20 12:40:00", "--tz", "Asia/Omsk",
                    "--campaign", "c", "-w", root)
    assert "2026-11-20T06:40:00.000Z" in result.output
    for name in ("asterisk_16_columns.csv", "asterisk_ring_group_21_columns.csv", "asterisk_missed_calls.csv"):
        result = invoke("callbacks", "import", fixture_copy(f"calllogs/{name}"), "--format", "asterisk",
                        "--shopper-number", "89120001122", "--tz", "Asia/Yekaterinburg", "-w", root)
        assert result.exit_code == 0, result.output
    # an unknown number calls while teleset and kedr both wait: review
    invoke("callbacks", "add", "--from", "+7 999 000-00-01", "--at", "2026-11-20 11:45:00", "--tz",
           "Asia/Yekaterinburg", "--shopper-number", "+79120001122", "-w", root)
    # linkom also texts the shopper: recorded as other contact, not as a callback
    invoke("callbacks", "add", "--from", "+7 3452 50-50-50", "--at", "2026-11-20 10:05:00", "--tz",
           "Asia/Yekaterinburg", "--shopper-number", "+79120001122", "--kind", "sms", "-w", root)
    result = invoke("callbacks", "match", "--campaign", "c", "-w", root)
    assert "3 request(s)" in result.output and "1 call(s) wait for review" in result.output
    queue = invoke("callbacks", "review", "--campaign", "c", "-w", root).output
    call = queue.split("\t")[0]
    assert "candidates: teleset, kedr" in queue and call.startswith("manual/")
    decided = invoke("callbacks", "review", "--campaign", "c", "--reject", call, "--note", "a survey", "-w", root)
    assert "0 call(s) in the review queue" in decided.output
    out = tmp_path / "callbacks.csv"
    assert invoke("export", "callbacks", "--campaign", "c", "--format", "csv", "--out", out, "-w", root).exit_code == 0
    rows = {r["isp_slug"]: r for r in csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines())}
    linkom = rows["linkom"]
    assert (linkom["outcome"], linkom["delay_s"], linkom["matched_by"]) == ("called_back", "754.0",
                                                                             "known number (registry)")
    assert linkom["first_call_at"] == "2026-11-20T05:12:34.000Z"
    assert linkom["submitted_at"] == "2026-11-20T05:00:00.000Z"
    assert linkom["working_delay_s"] == "754.0" and linkom["promise_kept"] == "True" and linkom["bucket"] == "5–15 min"
    assert linkom["other_contact"] == "sms at 2026-11-20T05:05:00Z"
    teleset = rows["teleset"]  # the ring group at 12:00:05 local, 30 min 5 s after the 11:30 manual request
    assert (teleset["outcome"], teleset["delay_s"], teleset["matched_by"]) == ("called_back", "1805.0",
                                                                               "known number (site)")
    # kedr: an unknown number (810 375…, NO ANSWER) rings at 13:30 Yekaterinburg = 08:30Z while kedr's is the only
    # pending request: attributed by timing, 1 h 50 min after its 12:40 Omsk request; a missed call counts.
    # Its hours are unknown, so Mon-Fri 9-18 is assumed (flagged).
    kedr = rows["kedr"]
    assert (kedr["outcome"], kedr["delay_s"], kedr["answered"]) == ("called_back", "6600.0", "False")
    assert kedr["matched_by"] == "timing: the only pending request"
    assert kedr["working_delay_s"] == "6600.0" and kedr["hours_assumed"] == "True"


def test_pull_from_twilio_fake(ws, tmp_path):
    _setup(ws, tmp_path)
    from datetime import UTC, datetime

    calls = [twilio_call("CA" + "1" * 32, "+73452505050", "+79120001122", datetime(2026, 11, 20, 5, 3, tzinfo=UTC))]
    with FakeTwilio(calls) as fake:
        result = invoke("callbacks", "pull", "twilio", "--shopper-number", "+79120001122", "--account", fake.sid,
                        "--secret", fake.token, "--base-url", fake.base_url, "-w", ws.root)
    assert result.exit_code == 0, result.output
    assert "1 call leg(s) to the shopper, 1 new" in result.output
    invoke("callbacks", "match", "--campaign", "c", "-w", ws.root)
    out = tmp_path / "cb.csv"
    invoke("export", "callbacks", "--campaign", "c", "--out", out, "-w", ws.root)
    row = next(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert (row["isp_slug"], row["delay_s"], row["call_source"]) == ("linkom", "180.0", "api:twilio")


def test_manual_request_errors(ws, tmp_path):
    _setup(ws, tmp_path)
    bad = invoke("web", "manual", "--isp", "ghost", "--at", "2026-11-20 10:00:00", "--tz", "Europe/Moscow",
                 "--campaign", "c", "-w", ws.root)
    assert bad.exit_code == 2 and "no ISP 'ghost'" in bad.output
    bad = invoke("web", "manual", "--isp", "kedr", "--at", "tomorrow", "--tz", "Europe/Moscow", "--campaign", "c",
                 "-w", ws.root)
    assert "--at 'tomorrow' is not a time" in bad.output
    bad = invoke("callbacks", "import", tmp_path / "none.csv", "--format", "asterisk", "--shopper-number", "1",
                 "--tz", "UTC", "-w", ws.root)
    assert bad.exit_code == 2 and "file not found" in bad.output
