"""Scripted calls: sheets round-trip exactly; malformed sheets are refused; scores, shares and kappa match
hand computation; logged calls are cross-checked with the shopper's phone log."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.calls.calibration import disagreements, kappas, shopper_flags
from audit.calls.model import load_scenario, scenario_ids
from audit.calls.scoring import score_call, shares
from audit.calls.service import calls_frame, check_integrity, import_sheet, log_call, plan_sheet
from audit.cli import app
from audit.errors import InputError
from audit.registry.store import import_registry

LINE = {"call_started": datetime(2026, 11, 20, 10, 15), "time_to_answer_s": 20, "ivr_depth": 1,
        "operator_first_level": "да", "queue_wait_s": 5, "operator_reached": "да", "greeting_brand": "да",
        "greeting_name": "нет", "call_length_s": 240, "politeness": 5, "competence": 3}


@pytest.fixture
def calls_ws(ws, tmp_path):
    registry = tmp_path / "isps.csv"
    registry.write_text("slug,name,website,phones\nlinkom,ЛинКом,linkom.ru,8 (3452) 50-50-50\n"
                        "kedr,Кедр,kedr.ru,8 (3812) 40-40-40\n", encoding="utf-8")
    import_registry(ws, registry)
    return ws


def fill(path, rows: dict[int, dict]):
    """Fill rows (2-based sheet rows) of a shopper sheet by column header, as a shopper would."""
    book = load_workbook(path)
    sheet = book.worksheets[1]
    header = [c.value for c in sheet[1]]
    scenario = load_scenario(book["meta"]["B1"].value)
    label_of = {item.id: item.text("ru") for item in scenario.items}
    for row, values in rows.items():
        for key, value in values.items():
            fixed = {"shopper": "Тайный покупатель", "isp": "Провайдер (slug)"}
            column = header.index(fixed.get(key) or label_of[key]) + 1
            sheet.cell(row, column).value = value
    book.save(path)
    return path


def test_library_has_the_five_scenarios_with_line_measures():
    assert scenario_ids() == ["addons", "churn", "support", "tariff", "upsell"]
    for scenario_id in scenario_ids():
        scenario = load_scenario(scenario_id)
        ids = [item.id for item in scenario.items]
        assert ids[:3] == ["call_started", "time_to_answer_s", "ivr_depth"] and "politeness" in ids
    churn = load_scenario("churn").item("churn_answer")
    assert [o.code for o in churn.options] == ["stop_paying", "office_or_scan", "retention_attempt", "other"]


def test_sheet_round_trip_gives_back_exactly_what_was_filled(calls_ws, tmp_path):
    path = plan_sheet(calls_ws, "churn", tmp_path / "churn.xlsx", ["linkom", "kedr"])
    churn = {"churn_answer": "приходите в офис / пришлите скан", "reason_asked": "да", "offer_made": "нет"}
    fill(path, {2: {"shopper": "Анна", **LINE, **churn}})
    assert import_sheet(calls_ws, path) == {"added": 1, "changed": 0, "same": 0}
    row = calls_frame(calls_ws).iloc[0]
    assert (row["isp_slug"], row["shopper"], row["churn_answer"], row["reason_asked"], row["offer_made"]) == (
        "linkom", "Анна", "office_or_scan", "yes", "no")
    assert (row["time_to_answer_s"], row["politeness"], row["competence"], row["greeting_name"]) == (20, 5, 3, "no")
    assert row["call_started"].isoformat() == "2026-11-20T07:15:00+00:00"  # 10:15 Moscow
    assert import_sheet(calls_ws, path) == {"added": 0, "changed": 0, "same": 1}
    fill(path, {2: {"offer_made": "да"}})
    assert import_sheet(calls_ws, path) == {"added": 0, "changed": 1, "same": 0}
    assert calls_frame(calls_ws).iloc[0]["offer_made"] == "yes"


@pytest.mark.parametrize("change, column, message", [
    ({"churn_answer": "сказал что-то"}, "Что ответил", "'сказал что-то' is not allowed; use one of: «просто не "
     "платите», приходите в офис / пришлите скан, пытался удержать, другое"),
    ({"reason_asked": None}, "Спросил причину", "required; use one of: да, нет"),
    ({"call_started": "20.11 утром"}, "Начало звонка", "'20.11 утром' is text, not a time"),
    ({"politeness": 7}, "Вежливость (1–5)", "'7' is not allowed; enter a whole number from 1 to 5"),
    ({"isp": "ghost"}, "Провайдер (slug)", "'ghost' is not in the registry"),
])
def test_malformed_sheets_are_refused_and_nothing_stored(calls_ws, tmp_path, change, column, message):
    path = plan_sheet(calls_ws, "churn", tmp_path / "churn.xlsx", ["linkom"])
    values = {"shopper": "Анна", **LINE, "churn_answer": "пытался удержать", "reason_asked": "да",
              "offer_made": "да", **change}
    fill(path, {2: values})
    with pytest.raises(InputError) as err:
        import_sheet(calls_ws, path)
    assert f"{path} (sheet 'Звонки'), row 2, column '{column}': {message}" in str(err.value)
    assert calls_ws.db.execute("SELECT COUNT(*) FROM scripted_calls").fetchone()[0] == 0


def test_scores_by_hand_with_na_and_auto_fail():
    churn = load_scenario("churn")
    values = {"time_to_answer_s": 20, "ivr_depth": 1, "operator_first_level": "yes", "operator_reached": "yes",
              "greeting_brand": "yes", "greeting_name": "no", "politeness": 5, "competence": 3,
              "churn_answer": "office_or_scan", "reason_asked": "yes", "offer_made": "no"}
    # 2×1 + 1×1 + 1×1 + 1×0 + 1×1 + 1×0.5 + 4×0.3 + 2×1 + 2×0 = 8.7 of 15
    assert score_call(churn, values)["score"] == pytest.approx(100 * 8.7 / 15)
    no_ivr = {**values, "ivr_depth": 0}  # operator_first_level is n/a: 7.7 of 14
    assert score_call(churn, no_ivr)["score"] == pytest.approx(100 * 7.7 / 14)
    failed = score_call(churn, {**values, "churn_answer": "stop_paying"})
    assert (failed["score"], failed["auto_fail"], failed["items"]["offer_made"]) == (0.0, "churn_answer", None)


def test_seed_study_shares():
    calls = pd.DataFrame({"churn_answer": ["stop_paying"] * 81 + ["office_or_scan"] * 36 + ["retention_attempt"] * 11})
    table = shares(calls, "churn_answer", ["stop_paying", "office_or_scan", "retention_attempt", "other"])
    assert [round(100 * s, 1) for s in table["share"][:3]] == [63.3, 28.1, 8.6]
    assert table.iloc[0]["low"] < 0.633 < table.iloc[0]["high"]


def test_kappa_by_hand_and_flagged_shopper():
    # Two shoppers on 10 calls: agree 8 times (4 yes, 4 no) → po 0.8, pe 0.5, Cohen's kappa 0.6
    a = ["yes"] * 4 + ["no"] * 4 + ["yes", "no"]
    b = ["yes"] * 4 + ["no"] * 4 + ["no", "yes"]
    rows = [{"call_id": f"c{i}", "shopper": s, "reason_asked": v} for i in range(10)
            for s, v in (("A", a[i]), ("B", b[i]))]
    table = kappas(pd.DataFrame(rows), ["reason_asked"])
    assert table.iloc[0]["method"] == "cohen" and table.iloc[0]["kappa"] == pytest.approx(0.6)
    # Three shoppers on 4 calls; C always differs. Fleiss: every call splits 2:1 so P̄ = 1/3; yes and no are
    # 6 of 12 ratings each so Pe = 1/2; κ = (1/3 − 1/2) / (1 − 1/2) = −1/3
    rows = [{"call_id": f"c{i}", "shopper": s, "reason_asked": v} for i, (x, y, z) in enumerate(
        [("yes", "yes", "no"), ("no", "no", "yes"), ("yes", "yes", "no"), ("no", "no", "yes")])
        for s, v in (("A", x), ("B", y), ("C", z))]
    frame = pd.DataFrame(rows)
    fleiss = kappas(frame, ["reason_asked"]).iloc[0]
    assert fleiss["method"] == "fleiss" and fleiss["kappa"] == pytest.approx(-1 / 3)
    assert len(disagreements(frame, ["reason_asked"])) == 4
    flags = shopper_flags(frame, ["reason_asked"])
    assert flags.iloc[0]["shopper"] == "C" and flags.iloc[0]["flagged"] and not flags.iloc[1]["flagged"]


def test_logged_call_without_outgoing_call_is_flagged(calls_ws, tmp_path):
    values = {"call_started": datetime(2026, 11, 20, 10, 15), "time_to_answer_s": 12, "ivr_depth": 0,
              "operator_reached": "yes", "greeting_brand": "yes", "greeting_name": "yes", "call_length_s": 100,
              "politeness": 4, "competence": 4, "needs_discovery": "yes", "recommendation": "one_tariff",
              "speed_estimate": "given"}
    confirmed = log_call(calls_ws, "tariff", "linkom", "Анна", values, "Europe/Moscow")
    missing = log_call(calls_ws, "tariff", "kedr", "Анна", values, "Europe/Moscow")
    phone_log = tmp_path / "calls.xml"  # Анна's phone: an outgoing call to ЛинКом at 07:16Z only
    phone_log.write_text('<calls count="1"><call number="+73452505050" duration="100" date="1795158960000" '
                         'type="2" /></calls>', encoding="utf-8")
    CliRunner().invoke(app, ["callbacks", "import", str(phone_log), "--format", "android", "--shopper-number",
                             "+79120001122", "-w", str(calls_ws.root)], catch_exceptions=False)
    checked = check_integrity(calls_ws, {"Анна": "+7 912 000-11-22"}).set_index("call_id")["phone_log"]
    assert (checked[confirmed], checked[missing]) == ("confirmed", "missing")


def test_cli_sheet_import_scores_export(calls_ws, tmp_path):
    run = lambda *a: CliRunner().invoke(app, [*map(str, a), "-w", str(calls_ws.root)], catch_exceptions=False)  # noqa: E731
    sheet = tmp_path / "tariff.xlsx"
    assert run("calls", "sheet", "--scenario", "tariff", "--isp", "linkom", "--out", sheet).exit_code == 0
    fill(sheet, {2: {"shopper": "Анна", **LINE, "needs_discovery": "да", "recommendation": "перечислил диапазон",
                     "speed_estimate": "после вопроса"}})
    assert "1 new call(s)" in run("calls", "import", sheet).output
    scores = run("calls", "scores", "--scenario", "tariff").output
    assert "linkom\t" in scores and "recommendation: range_listed 100.0%" in scores
    out = tmp_path / "calls.csv"
    assert run("export", "calls", "--out", out).exit_code == 0
    header = out.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[:5] == ["isp_slug", "scenario", "shopper", "call_id", "call_started"]
    assert {"needs_discovery", "recommendation", "speed_estimate", "score"} <= set(header)


def test_call_logger_widgets_stamp_and_save(calls_ws):
    from datetime import timedelta

    from audit.calls.logger import CallLogger

    moments = iter([datetime(2026, 11, 20, 10, 0, 0) + timedelta(seconds=s) for s in (0, 8, 31, 271)])
    logger = CallLogger(calls_ws, "churn", "Анна", clock=lambda: next(moments))
    logger.isp.value = "kedr"
    for name in ("dial", "ivr", "operator", "hangup"):
        logger.buttons[name].click()
    logger.save_button.click()
    assert "required before saving" in logger.message.value  # outcomes not chosen yet: nothing stored
    for item_id, value in (("operator_first_level", "yes"), ("operator_reached", "yes"), ("greeting_brand", "yes"),
                           ("greeting_name", "yes"), ("churn_answer", "retention_attempt"), ("reason_asked", "yes"),
                           ("offer_made", "yes")):
        logger.fields[item_id].value = value
    logger.fields["ivr_depth"].value = 1
    logger.save_button.click()
    assert logger.message.value.startswith("saved call")
    row = calls_frame(calls_ws).iloc[0]
    assert (row["isp_slug"], row["time_to_answer_s"], row["call_length_s"]) == ("kedr", 31, 240)
    assert row["call_started"].isoformat() == "2026-11-20T07:00:00+00:00"


@pytest.mark.notebook
def test_call_log_notebook_runs(calls_ws, tmp_path):
    import papermill

    from tests.test_notebooks import NOTEBOOKS

    notebook = next(p for p in NOTEBOOKS if p.name == "call_log.ipynb")
    out = tmp_path / "log.out.ipynb"
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False,
                               parameters={"workspace": str(calls_ws.root), "scenario": "churn"})
    assert "application/vnd.jupyter.widget-view+json" in out.read_text(encoding="utf-8")
