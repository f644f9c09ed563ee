"""Infographics in one house style: readable on screen and in print, Russian labels by default.

Charts are matplotlib ``Figure`` objects made without pyplot: no global figure state, no backend chosen
on import; ``fig.savefig(path)`` writes a PNG and Jupyter displays them inline."""

from __future__ import annotations

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

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
    matplotlib.rcParams.update({"font.family": "DejaVu Sans", "font.size": 11, "axes.spines.top": False,
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
    fig = Figure(figsize=(8, 0.5 + 0.45 * max(1, len(order))))
    ax = fig.subplots()
    labels = [STATUS_LABELS[lang].get(s, s) for s in order]
    values = [counts[s] for s in order]
    ax.barh(labels[::-1], values[::-1], color=[STATUS_COLOURS[s] for s in order][::-1])
    for y, value in enumerate(values[::-1]):
        ax.text(value, y, f"  {value} ({value / total:.0%})", va="center")
    ax.set_xlim(0, max(values + [1]) * 1.3)
    ax.grid(axis="y", visible=False)
    ax.set_title(title or ("Веб-заявки: что получилось" if lang == "ru" else "Web requests: outcomes"), loc="left")
    return fig


def callback_buckets(counts, lang: str = "ru", title: str | None = None):
    """Bars of requests per callback-delay bucket, ``never`` in red.

    Args:
        counts: a Series indexed by :data:`audit.callbacks.timing.BUCKET_ORDER`.
        lang: ``ru`` or ``en``.
        title: the title (default: a sentence in ``lang``).
    """
    from audit.callbacks.timing import BUCKET_LABELS_RU

    house_style()
    counts = counts[counts.index != "waiting"] if counts.get("waiting", 0) == 0 else counts
    labels = [BUCKET_LABELS_RU.get(b, b) if lang == "ru" else b for b in counts.index]
    labels = [label.replace(" ", "\n", 1) if len(label) > 9 else label for label in labels]
    colours = [PALETTE["bad"] if b == "never" else PALETTE["neutral"] if b == "waiting" else PALETTE["accent"]
               for b in counts.index]
    total = max(1, int(counts.sum()))
    fig = Figure(figsize=(9, 3.6))
    ax = fig.subplots()
    ax.bar(labels, counts.values, color=colours)
    for x, value in enumerate(counts.values):
        ax.text(x, value, f"{value}\n{value / total:.0%}", ha="center", va="bottom", fontsize=9)
    ax.set_ylim(0, max(list(counts.values) + [1]) * 1.3)
    ax.grid(axis="x", visible=False)
    ax.set_title(title or ("Через сколько перезванивают после веб-заявки" if lang == "ru"
                           else "Time to callback after a web request"), loc="left")
    return fig


def callback_curve(curve, median_min: float | None = None, lang: str = "ru", title: str | None = None,
                   mark_label: str | None = None):
    """The Kaplan–Meier share of requests called back by time, with its 95% band (log time axis).

    Args:
        curve: from :func:`audit.callbacks.timing.called_share_curve`.
        median_min: the minutes to mark (the median, or one ISP's delay with ``mark_label``).
        lang: ``ru`` or ``en``.
        title: the title.
        mark_label: the mark's label (default: "median").
    """
    house_style()
    fig = Figure(figsize=(9, 4))
    ax = fig.subplots()
    data = curve[curve["minutes"] > 0]
    ax.step(data["minutes"], data["share"], where="post", color=PALETTE["accent"], lw=2)
    ax.fill_between(data["minutes"], data["low"], data["high"], step="post", alpha=0.2, color=PALETTE["accent"])
    ax.set_xscale("log")
    marks = [(5, "5 мин" if lang == "ru" else "5 min"), (60, "1 ч" if lang == "ru" else "1 h"),
             (1440, "сутки" if lang == "ru" else "1 day"), (10080, "неделя" if lang == "ru" else "1 week")]
    ax.set_xticks([m for m, _ in marks], [label for _, label in marks])
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    if median_min and median_min != float("inf"):
        ax.axvline(median_min, color=PALETTE["warn"], ls="--")
        word = mark_label or ("медиана" if lang == "ru" else "median")
        label = f" {word} {median_min:.0f} мин" if lang == "ru" else f" {word} {median_min:.0f} min"
        ax.text(median_min, 0.05, label, color=PALETTE["warn"])
    ax.set_ylabel("доля перезвонивших" if lang == "ru" else "share called back")
    ax.set_title(title or ("Доля заявок с перезвоном (Каплан–Мейер, 95% интервал)" if lang == "ru"
                           else "Share of requests called back (Kaplan–Meier, 95% band)"), loc="left")
    return fig


def section_scores(sections, titles: dict[str, str], lang: str = "ru", before=None, title: str | None = None):
    """Horizontal bars of section scores (0–100%), with an earlier assessment as ticks.

    Args:
        sections: ``section`` and ``percent`` (from :func:`audit.checklist.scoring.score`).
        titles: section id → its title in ``lang``.
        lang: ``ru``, ``uk`` or ``en``.
        before: an earlier assessment's sections, or None.
        title: the chart's title.
    """
    house_style()
    data = sections.dropna(subset=["percent"]).iloc[::-1]
    fig = Figure(figsize=(8, 0.6 + 0.5 * len(data)))
    ax = fig.subplots()
    colours = [PALETTE["good"] if p >= 80 else PALETTE["warn"] if p >= 50 else PALETTE["bad"] for p in data["percent"]]
    labels = [titles.get(s, s) for s in data["section"]]
    ax.barh(labels, data["percent"], color=colours)
    for y, value in enumerate(data["percent"]):
        ax.text(value, y, f" {value:.0f}%", va="center")
    if before is not None:
        earlier = before.set_index("section")["percent"]
        for y, section in enumerate(data["section"]):
            if section in earlier and earlier[section] == earlier[section]:
                ax.plot([earlier[section]] * 2, [y - 0.4, y + 0.4], color="black", lw=2)
    ax.set_xlim(0, 112)
    ax.grid(axis="y", visible=False)
    ax.set_title(title or {"ru": "Оценка по разделам", "uk": "Оцінка за розділами", "en": "Score by section"}[lang],
                 loc="left")
    return fig


ANSWER_LABELS = {
    "ru": {"one_tariff": "рекомендовал один тариф", "range_listed": "перечислил диапазон", "no_offer": "ничего",
           "none": "не предложили", "on_request": "только по запросу", "proactive_one": "сами — одну",
           "proactive_several": "сами — несколько", "stop_paying": "«просто не платите»",
           "office_or_scan": "офис или скан", "retention_attempt": "пытались удержать", "other": "другое",
           "yes": "да", "no": "нет", "within 1 h": "в течение часа", "1–24 h": "1–24 ч", "later": "позже",
           "never": "никогда"},
}


def share_bars(table, title: str, lang: str = "ru", label_col: str = "answer", anchor_col: str | None = None,
               anchor_label: str = ""):
    """Horizontal bars of shares with 95% interval whiskers, and published anchors as diamonds.

    Args:
        table: ``share``, ``low``, ``high`` and ``label_col`` (and ``anchor_col``), one row per answer.
        title: the chart's title.
        lang: ``ru`` or ``en`` (answer codes are translated for ``ru``).
        label_col: the column naming each bar.
        anchor_col: a column of published shares to mark, or None.
        anchor_label: the anchor's legend text.
    """
    house_style()
    data = table.iloc[::-1]
    fig = Figure(figsize=(8, 0.7 + 0.55 * max(1, len(data))))
    ax = fig.subplots()
    labels = [ANSWER_LABELS.get(lang, {}).get(str(v), str(v)) for v in data[label_col]]
    shares = data["share"].fillna(0)
    ax.barh(labels, shares, color=PALETTE["accent"])
    err = [(shares - data["low"].fillna(0)).clip(lower=0), (data["high"].fillna(0) - shares).clip(lower=0)]
    ax.errorbar(shares, range(len(data)), xerr=err, fmt="none", ecolor="black", capsize=3, lw=1)
    for y, (share, high) in enumerate(zip(shares, data["high"].fillna(0), strict=True)):
        ax.text(max(share, high) + 0.01, y, f"{share:.0%}", va="center")
    if anchor_col and anchor_col in data and data[anchor_col].notna().any():
        ys = [y for y, v in enumerate(data[anchor_col]) if v == v and v is not None]
        ax.scatter([data[anchor_col].iloc[y] for y in ys], ys, marker="D", color=PALETTE["warn"], zorder=3,
                   label=anchor_label)
        ax.legend(loc="lower right", frameon=False)
    ax.set_xlim(0, 1.15)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax.grid(axis="y", visible=False)
    ax.set_title(title, loc="left")
    return fig
