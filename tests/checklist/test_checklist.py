"""Self-assessment: template → filled programmatically → scored (hand-checked) → stored; bad fills refused."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from audit.checklist.model import load_checklist
from audit.checklist.scoring import gaps, score
from audit.checklist.service import assessments, load_assessment, score_file
from audit.checklist.workbook import read_filled, write_template
from audit.cli import app
from audit.costs import SupportCosts, compare_costs
from audit.errors import InputError
from audit.money import MoneyParams, driver_monthly
from audit.registry.store import import_registry

CHECKLIST = load_checklist()
FILL = {"web_same_standard": "частично", "web_callback_minutes": 10, "missed_calls_called_back": "нет",
        "night_requests": "не применимо", "answer_time_target": 20, "first_contact_resolution": 85,
        "positive_share": "не применимо"}


def fill(path, answers=None, default="да", link="https://wiki.isp/proc", base=FILL):
    """Fill a template the way a person would, in the answer column; return the path."""
    answers = {**base, **(answers or {})}
    book = load_workbook(path)
    sheet = book.worksheets[1]
    for row in range(2, sheet.max_row + 1):
        item = sheet.cell(row, 1).value
        sheet.cell(row, 4).value = answers.get(item, default)
        sheet.cell(row, 7).value = link
    book.save(path)
    return path


@pytest.fixture
def template(tmp_path):
    return write_template(CHECKLIST, tmp_path / "sa.xlsx", "ru")


@pytest.fixture
def isp_ws(ws, tmp_path):
    registry = tmp_path / "isps.csv"
    registry.write_text("slug,name,website,subscribers,arpu\nlinkom,ЛинКом,linkom.ru,10000,500\n", encoding="utf-8")
    import_registry(ws, registry)
    return ws


def test_the_instrument_covers_the_field():
    ids = {item.id for item in CHECKLIST.items}
    assert len(ids) == 26 and len(CHECKLIST.sections) == 7
    assert {"web_same_standard", "ivr_operator_first_level", "greeting_brand_name", "needs_discovery", "upsell_100",
            "addons_offered", "churn_reason_asked", "retention_offer", "missed_calls_called_back",
            "tickets_closed_with_customer", "outage_notices", "remote_diagnostics", "messengers_chat",
            "personal_account", "calls_recorded", "csat_nps", "repeat_contacts", "staffing_load",
            "evening_night_cover", "knowledge_base"} <= ids
    assert sum(s.points for s in CHECKLIST.sections) == 88


def test_scores_by_hand_with_not_applicable(template):
    answers, links, _, lang = read_filled(CHECKLIST, fill(template))
    assert lang == "ru" and links["web_same_standard"] == "https://wiki.isp/proc"
    items, sections, overall = score(CHECKLIST, answers)
    web = sections.set_index("section").loc["web_requests"]
    # web: 5×0.5 + 5×0.5 (10 min is 'ok') + 4×0 = 5 earned of 14 (the 2-point night item is n/a)
    assert (web["earned"], web["available"]) == (5.0, 14.0)
    assert web["percent"] == pytest.approx(500 / 14)
    quality = sections.set_index("section").loc["quality"]
    assert (quality["earned"], quality["available"], quality["percent"]) == (7.0, 7.0, 100.0)
    # overall: 88 points, 5 n/a, 9 lost → 74 of 83
    assert overall == pytest.approx(100 * 74 / 83)


def test_gaps_ranked_by_points_then_money(template):
    answers, *_ = read_filled(CHECKLIST, fill(template))
    items, _, _ = score(CHECKLIST, answers)
    ranked = gaps(CHECKLIST, items, MoneyParams(subscribers=10000, arpu=500))
    assert ranked["item_id"].tolist()[0] == "missed_calls_called_back"
    assert set(ranked["item_id"].tolist()[1:3]) == {"web_same_standard", "web_callback_minutes"}
    first = ranked.iloc[0]
    # callback_speed at stake: 100 leads × (0.15–0.35) × 0.5 × 500 = 3,750–8,750 a month; this item holds 4/16
    assert (first["lost"], first["money_low"], first["money_high"]) == (4.0, 938, 2188)


def test_money_drivers_by_hand():
    p = MoneyParams(subscribers=10000, arpu=500)
    assert driver_monthly("callback_speed", p) == pytest.approx((3750, 8750))
    assert driver_monthly("retention", p) == pytest.approx((10000 * 0.01 * 0.1 * 500, 10000 * 0.02 * 0.25 * 500))
    assert driver_monthly("addons", p) == pytest.approx((10000 * 0.002 * 250, 10000 * 0.008 * 250))
    assert driver_monthly("upsell", p) == pytest.approx((10000 * 0.002 * 150, 10000 * 0.006 * 150))


@pytest.mark.parametrize("change, message", [
    ({"upsell_100": "может быть"}, "'может быть' is not allowed; use one of: да, частично, нет"),
    ({"upsell_100": None}, "the answer to 'upsell_100' is missing; choose one of: да, частично, нет"),
    ({"web_same_standard": "не применимо"}, "'не применимо' is not allowed; use one of: да, частично, нет"),
    ({"answer_time_target": "быстро"}, "'быстро' is not a number; type a number"),
    ({"first_contact_resolution": "много"}, "'много' is not a number; type a number or 'не применимо'"),
    ({"answer_time_target": -5}, "-5 must not be negative"),
])
def test_bad_answers_are_pointed_and_nothing_is_stored(isp_ws, template, change, message):
    path = fill(template, change)
    with pytest.raises(InputError) as err:
        score_file(isp_ws, path, "linkom", checklist=CHECKLIST)
    assert f"{path} (sheet 'Чек-лист'), row " in str(err.value) and "column 'Ответ'" in str(err.value)
    assert message in str(err.value)
    assert isp_ws.db.execute("SELECT COUNT(*) FROM checklist_assessments").fetchone()[0] == 0


def test_tampered_sheets_are_refused(isp_ws, template, tmp_path):
    path = fill(template)
    book = load_workbook(path)
    sheet = book.worksheets[1]
    sheet.cell(3, 3).value = "Перезваниваем когда-нибудь"  # a question edited
    book.save(tmp_path / "edited.xlsx")
    with pytest.raises(InputError, match="expected question 'web_callback_minutes' here"):
        score_file(isp_ws, tmp_path / "edited.xlsx", "linkom", checklist=CHECKLIST)
    book = load_workbook(path)
    book.worksheets[1].delete_rows(5)  # a row deleted
    book.save(tmp_path / "deleted.xlsx")
    with pytest.raises(InputError, match="the rows or questions were changed; fill a fresh template"):
        score_file(isp_ws, tmp_path / "deleted.xlsx", "linkom", checklist=CHECKLIST)
    book = load_workbook(path)
    del book["meta"]
    book.save(tmp_path / "nometa.xlsx")
    with pytest.raises(InputError, match="not a checklist template made by 'ispaudit checklist template'"):
        score_file(isp_ws, tmp_path / "nometa.xlsx", "linkom", checklist=CHECKLIST)
    assert isp_ws.db.execute("SELECT COUNT(*) FROM checklist_assessments").fetchone()[0] == 0


def test_template_is_protected_with_dropdowns(template):
    book = load_workbook(template)
    sheet = book["Чек-лист"]
    assert sheet.protection.sheet and book["meta"].sheet_state == "veryHidden"
    assert not sheet["D2"].protection.locked and sheet["C2"].protection.locked
    lists = [dv.formula1 for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    assert '"да,частично,нет"' in lists and '"да,частично,нет,не применимо"' in lists


def test_english_and_ukrainian_templates(tmp_path):
    for lang, yes in (("en", "yes"), ("uk", "так")):
        numbers = {"web_callback_minutes": 3, "answer_time_target": 10, "first_contact_resolution": 90,
                   "positive_share": 99}
        path = fill(write_template(CHECKLIST, tmp_path / f"{lang}.xlsx", lang), numbers, default=yes, base={})
        answers, _, _, got = read_filled(CHECKLIST, path)
        assert got == lang and score(CHECKLIST, answers)[2] == 100.0


def test_store_compare_and_export_through_the_cli(isp_ws, template, tmp_path):
    first = score_file(isp_ws, fill(template), "linkom", checklist=CHECKLIST)
    second_file = write_template(CHECKLIST, tmp_path / "second.xlsx", "ru")
    fill(second_file, {"missed_calls_called_back": "да"})
    result = CliRunner().invoke(app, ["checklist", "score", str(second_file), "--isp", "linkom", "-w",
                                      str(isp_ws.root)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "linkom: 94% overall" in result.output
    assert f"since assessment {first.id}" in result.output and "web_requests +29" in result.output
    assert [a["id"] for a in assessments(isp_ws, "linkom")] == [first.id, first.id + 1]
    assert load_assessment(isp_ws, first.id).overall == pytest.approx(100 * 74 / 83)
    out = tmp_path / "checklist.xlsx"
    exported = CliRunner().invoke(app, ["export", "checklist", "--isp", "linkom", "--out", str(out), "-w",
                                        str(isp_ws.root)], catch_exceptions=False)
    assert "wrote 52 row(s)" in exported.output
    header = [c.value for c in load_workbook(out).active[1]]
    assert header[:6] == ["assessment_id", "isp_slug", "assessed_at", "section", "item_id", "answer"]


def test_bad_instrument_files_name_the_field(fixture_copy):
    path = fixture_copy("checklists/checklist_missing_weight.yaml")
    with pytest.raises(InputError) as err:
        load_checklist(path)
    assert str(err.value) == f"{path}, column 'sections[0].items[0].points': missing\nNothing was imported."
    path = fixture_copy("checklists/checklist_bad_driver_and_scale.yaml")
    with pytest.raises(InputError) as err:
        load_checklist(path)
    text = str(err.value)
    assert "column 'sections[0].items[1].scale': 'stars' is not a scale; use ynp or number" in text
    assert "column 'sections[2].items[1].driver': 'magic' is not a money driver" in text


def test_support_costs_by_hand():
    result = compare_costs(SupportCosts())
    # 5000 × 0.25 contacts × 6 min = 125 h a month; 160 h × 70% = 112 h per agent → 2 agents + 2 on nights
    assert (result["agents"], result["staff"]) == (2, 4)
    assert result["parts"] == {"salaries": 242000.0, "payroll_tax": 72600.0, "workplaces": 12000.0,
                               "premises": 24000.0}
    assert (result["in_house"], result["outsourcing"], result["difference"]) == (350600.0, 125000.0, 225600.0)
    assert result["currency"] == "RUB"
    kz = compare_costs(SupportCosts(country="KZ", salary=350000))
    assert kz["currency"] == "KZT" and kz["parts"]["payroll_tax"] == pytest.approx(350000 * 4.4 * 0.135)


def test_own_view_vs_audit():
    from audit.checklist.versus import own_view_vs_audit

    answers = {"web_callback_minutes": 5.0, "web_same_standard": "yes", "messengers_chat": "yes",
               "personal_account": "no"}
    facts = {"web_status": "submitted", "channels": {"telegram": ["t.me/x"], "account": ["/lk/"]},
             "callback_outcome": "no_callback", "callback_min": None}
    table = own_view_vs_audit(answers, facts).set_index("item_id")
    assert table.loc["web_callback_minutes", ["measured", "agrees"]].tolist() == ["never called back", False]
    assert not table.loc["web_same_standard", "agrees"]
    assert bool(table.loc["messengers_chat", "agrees"]) and not table.loc["personal_account", "agrees"]


@pytest.mark.notebook
def test_self_assessment_notebook_runs(isp_ws, template, tmp_path):
    import papermill

    from tests.test_notebooks import NOTEBOOKS

    score_file(isp_ws, fill(template), "linkom", checklist=CHECKLIST)
    score_file(isp_ws, fill(write_template(CHECKLIST, tmp_path / "b.xlsx"), {"missed_calls_called_back": "да"}),
               "linkom", checklist=CHECKLIST)
    notebook = next(p for p in NOTEBOOKS if p.name == "self_assessment.ipynb")
    out = tmp_path / "sa.out.ipynb"
    papermill.execute_notebook(str(notebook), str(out), kernel_name="python3", progress_bar=False,
                               parameters={"workspace": str(isp_ws.root), "isp": "linkom"})
    text = out.read_text(encoding="utf-8")
    assert "image/png" in text and "94% overall" in text
    assert "Заявка с сайта" in text and "28.57" in text  # the top gap, and web requests +28.6 points since before
