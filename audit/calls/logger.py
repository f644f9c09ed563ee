"""The in-office call logger: ipywidgets that stamp dial / IVR answered / operator answered / hang-up,
take the scenario's outcomes, and save the call to the workspace. Used by ``notebooks/call_log.ipynb``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import ipywidgets as w

from audit.calls.model import YESNO, load_scenario
from audit.calls.service import log_call
from audit.errors import AuditError
from audit.workspace import Workspace

STAMPS = ("dial", "ivr", "operator", "hangup")
STAMP_LABELS = {"ru": {"dial": "Набрал", "ivr": "Ответил IVR", "operator": "Ответил оператор",
                       "hangup": "Положил трубку", "save": "Сохранить звонок"},
                "en": {"dial": "Dialled", "ivr": "IVR answered", "operator": "Operator answered", "hangup": "Hung up",
                       "save": "Save the call"}}
COMPUTED = {"call_started", "time_to_answer_s", "call_length_s"}


class CallLogger:
    """A panel of widgets for one shopper logging scripted calls.

    Args:
        ws: the workspace.
        scenario_id: the scenario.
        shopper: the shopper's name.
        tz: the shopper's clock zone.
        campaign: file calls under this campaign.
        lang: ``ru`` or ``en`` labels.
        clock: returns the current time (tests pass a fake).
    """

    def __init__(self, ws: Workspace, scenario_id: str, shopper: str, tz: str = "Europe/Moscow",
                 campaign: str | None = None, lang: str = "ru", clock: Callable[[], datetime] | None = None):
        self.ws, self.shopper, self.tz, self.campaign, self.lang = ws, shopper, tz, campaign, lang
        self.scenario = load_scenario(scenario_id)
        self.clock = clock or (lambda: datetime.now(ZoneInfo(tz)).replace(tzinfo=None))
        self.stamps: dict[str, datetime] = {}
        labels = STAMP_LABELS.get(lang, STAMP_LABELS["en"])
        isps = [(f"{name} ({slug})", slug) for slug, name in ws.db.execute("SELECT slug, name FROM isps ORDER BY name")]
        self.isp = w.Dropdown(options=isps, description="ISP")
        self.buttons = {name: w.Button(description=labels[name]) for name in STAMPS}
        for name, button in self.buttons.items():
            button.on_click(lambda _b, n=name: self.stamp(n))
        self.fields: dict[str, w.Widget] = {}
        wide = {"description_width": "initial"}
        for item in self.scenario.items:
            if item.id in COMPUTED:
                continue
            text = item.text(lang)
            if item.type == "yesno":
                options = [("—", None)] + [(label, code) for code, label in YESNO[lang].items()]
                self.fields[item.id] = w.Dropdown(options=options, description=text, style=wide)
            elif item.type == "choice":
                options = [("—", None)] + [(o.label.get(lang) or o.label["ru"], o.code) for o in item.options]
                self.fields[item.id] = w.Dropdown(options=options, description=text, style=wide)
            elif item.type == "rating":
                self.fields[item.id] = w.IntSlider(value=3, min=1, max=5, description=text, style=wide)
            else:
                self.fields[item.id] = w.IntText(value=0, description=text, style=wide)
        self.notes = w.Textarea(placeholder="notes")
        self.save_button = w.Button(description=labels["save"], button_style="success")
        self.save_button.on_click(lambda _b: self.save())
        self.message = w.HTML()
        self.widget = w.VBox([self.isp, w.HBox(list(self.buttons.values())), *self.fields.values(), self.notes,
                              self.save_button, self.message])

    def stamp(self, name: str) -> None:
        """Record the moment of a call event."""
        self.stamps[name] = self.clock()
        self.message.value = ", ".join(f"{k} {v:%H:%M:%S}" for k, v in self.stamps.items())

    def values(self) -> dict:
        """The call's values from the stamps and the fields."""
        out = {item_id: field.value for item_id, field in self.fields.items()}
        dial, operator, hangup = (self.stamps.get(k) for k in ("dial", "operator", "hangup"))
        out["call_started"] = dial
        out["time_to_answer_s"] = int((operator - dial).total_seconds()) if dial and operator else None
        out["call_length_s"] = int((hangup - operator).total_seconds()) if operator and hangup else None
        if operator is None and "operator_reached" in out and out["operator_reached"] is None:
            out["operator_reached"] = "no"
        return out

    def save(self) -> str | None:
        """Store the call; on a problem, show it and keep the entries."""
        try:
            call_id = log_call(self.ws, self.scenario.id, self.isp.value, self.shopper, self.values(), self.tz,
                               self.notes.value or None, self.campaign)
        except AuditError as exc:
            self.message.value = f"<b style='color:#c62828'>{exc}</b>"
            return None
        self.message.value = f"saved call {call_id}"
        self.stamps.clear()
        return call_id
