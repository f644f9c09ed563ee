"""Infographics in one house style: readable on screen and in print, Russian labels by default."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402 - the backend must be chosen first

PALETTE = {"good": "#2e7d32", "warn": "#f9a825", "bad": "#c62828", "neutral": "#607d8b", "accent": "#1565c0"}
STATUS_COLOURS = {"submitted": PALETTE["good"], "ready": PALETTE["accent"], "needs_review": PALETTE["warn"],
                  "captcha": PALETTE["neutral"], "no_form": PALETTE["bad"], "submit_failed": PALETTE["bad"],
                  "unreachable": "#8d6e63"}
STATUS_LABELS = {
    "ru": {"submitted": "заявка отправлена", "ready": "форма найдена (без отправки)", "needs_review": "нужна проверка",
           "captcha": "капча", "no_form": "нет формы заявки", "submit_failed": "форма не сработала",
           "unreachable": "сайт недоступен"},
    "en": {"submitted": "request sent", "ready": "form found (dry run)", "needs_review": "needs review",
           "captcha": "captcha", "no_form": "no request form", "submit_failed": "form failed",
           "unreachable": "site unreachable"},
}


def house_style() -> None:
    """Apply the house style to matplotlib (fonts, grid, spines)."""
    plt.rcParams.update({"font.family": "DejaVu Sans", "font.size": 11, "axes.spines.top": False,
                         "axes.spines.right": False, "axes.grid": True, "grid.alpha": 0.25,
                         "axes.titleweight": "bold", "figure.dpi": 110, "savefig.bbox": "tight"})


def status_bars(counts: dict[str, int], lang: str = "ru", title: str | None = None):
    """A horizontal bar per web-audit status with counts and shares.

    Args:
        counts: status → number of ISPs.
        lang: ``ru`` or ``en``.
        title: the chart's title (default: a sentence in ``lang``).

    Returns:
        The matplotlib Figure.
    """
    house_style()
    order = [s for s in STATUS_COLOURS if counts.get(s)]
    total = sum(counts.values()) or 1
    fig, ax = plt.subplots(figsize=(8, 0.5 + 0.45 * max(1, len(order))))
    labels = [STATUS_LABELS[lang].get(s, s) for s in order]
    values = [counts[s] for s in order]
    ax.barh(labels[::-1], values[::-1], color=[STATUS_COLOURS[s] for s in order][::-1])
    for y, value in enumerate(values[::-1]):
        ax.text(value, y, f"  {value} ({value / total:.0%})", va="center")
    ax.set_xlim(0, max(values + [1]) * 1.3)
    ax.grid(axis="y", visible=False)
    ax.set_title(title or ("Веб-заявки: что получилось" if lang == "ru" else "Web requests: outcomes"), loc="left")
    return fig
