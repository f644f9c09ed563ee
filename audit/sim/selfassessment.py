"""A fictional ISP filling in the self-assessment template, as the demo needs it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from openpyxl import load_workbook

from audit.checklist.model import Checklist
from audit.checklist.scoring import ANSWER_LABELS


def fill_like_an_isp(checklist: Checklist, template: Path, out: Path, seed: int, lang: str = "ru") -> Path:
    """Answer every question the way a typical regional ISP would (mostly yes, some partly or no, a few
    not applicable), with an evidence link; the same seed gives the same answers."""
    rng = np.random.default_rng(seed)
    labels = ANSWER_LABELS[lang]
    by_id = {item.id: item for item in checklist.items}
    book = load_workbook(template)
    sheet = book.worksheets[1]
    for row in range(2, sheet.max_row + 1):
        item = by_id[sheet.cell(row, 1).value]
        if item.scale == "number":
            worse = item.ok * (1.6 if item.better == "lower" else 0.8)
            value = float(rng.choice([item.good, item.ok, worse]))
            sheet.cell(row, 4).value = labels["na"] if item.na and rng.random() < 0.15 else round(value, 1)
        else:
            choice = rng.choice(["yes", "partly", "no", "na"], p=[0.5, 0.25, 0.2, 0.05])
            sheet.cell(row, 4).value = labels[choice if (choice != "na" or item.na) else "partly"]
        sheet.cell(row, 7).value = "https://wiki.example/reglament"
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
