"""The figures of the sector and per-ISP reports, as pure functions over :class:`CampaignData` frames."""

from __future__ import annotations

import math

import pandas as pd

from audit.callbacks.summary import summarise
from audit.callbacks.timing import wilson
from audit.calls.scoring import shares
from audit.money import MoneyParams, callback_gap, driver_monthly

# HBR 2011 (2,241 US firms, web leads): answered within 1 h 37%, in 1–24 h 16%, later 24%, never 23%.
HBR_2011 = {"within 1 h": 0.37, "1–24 h": 0.16, "later": 0.24, "never": 0.23}
SEED_STUDY = {  # the 128-ISP study the kit's questions come from
    "churn_answer": {"stop_paying": 0.63, "office_or_scan": 0.28, "retention_attempt": 0.09},
    "addons_offer": {"proactive_one": 0.01, "proactive_several": 0.01},
    "recommendation": {"range_listed": 0.5},
}
OUTCOMES = {
    "recommendation": ("tariff", ["one_tariff", "range_listed", "no_offer"]),
    "addons_offer": ("addons", ["none", "on_request", "proactive_one", "proactive_several"]),
    "churn_answer": ("churn", ["stop_paying", "office_or_scan", "retention_attempt", "other"]),
    "faster_recommended": ("upsell", ["yes", "no"]),
}


def hbr_groups(callbacks: pd.DataFrame) -> pd.DataFrame:
    """The campaign's callbacks in HBR 2011's four groups, with Wilson intervals, beside HBR's shares."""
    decided = callbacks[callbacks["outcome"] != "review"]
    delay = decided["delay_s"]
    called = decided["outcome"] == "called_back"
    groups = {"within 1 h": called & (delay <= 3600), "1–24 h": called & (delay > 3600) & (delay <= 86400),
              "later": called & (delay > 86400), "never": ~called}
    rows = []
    for name, mask in groups.items():
        share, low, high = wilson(int(mask.sum()), len(decided))
        rows.append({"group": name, "count": int(mask.sum()), "share": share, "low": low, "high": high,
                     "hbr_2011": HBR_2011[name]})
    return pd.DataFrame(rows)


def outcome_shares(calls: pd.DataFrame, item: str) -> pd.DataFrame:
    """Shares of an outcome item across the campaign's calls of its scenario, with Wilson intervals and
    the seed study's share where it published one."""
    scenario, codes = OUTCOMES[item]
    subset = calls[calls["scenario"] == scenario] if not calls.empty else calls
    if subset.empty or item not in subset:
        return pd.DataFrame(columns=["answer", "count", "share", "low", "high", "seed_study"])
    table = shares(subset, item, codes)
    table["seed_study"] = table["answer"].map(SEED_STUDY.get(item, {}))
    return table


def league_table(data) -> pd.DataFrame:
    """One row per ISP: web status, callback minutes, mean scripted-call score, and a rank (best first)."""
    isps = data.isps[["slug", "name", "region"]].rename(columns={"slug": "isp_slug"})
    web = data.web[["isp_slug", "status"]] if not data.web.empty else pd.DataFrame(columns=["isp_slug", "status"])
    if data.callbacks.empty:
        cb = pd.DataFrame(columns=["isp_slug", "outcome", "delay_s"])
    else:
        cb = data.callbacks.groupby("isp_slug").agg(outcome=("outcome", "first"), delay_s=("delay_s", "min"))
        cb = cb.reset_index()
    calls = data.calls.groupby("isp_slug")["score"].mean().rename("call_score").reset_index() \
        if not data.calls.empty else pd.DataFrame(columns=["isp_slug", "call_score"])
    table = isps.merge(web, on="isp_slug", how="left").merge(cb, on="isp_slug", how="left") \
        .merge(calls, on="isp_slug", how="left")
    table["callback_min"] = table["delay_s"] / 60
    # callback points: 100 within 15 min, falling to 0 at 24 h or never; the rank mixes it with call scores
    minutes = table["callback_min"].where(table["outcome"] == "called_back")
    table["callback_points"] = (100 * (1 - (minutes.clip(lower=15) - 15) / (1440 - 15))).clip(lower=0).fillna(0)
    table["points"] = table[["callback_points", "call_score"]].mean(axis=1, skipna=True)
    table = table.sort_values("points", ascending=False).reset_index(drop=True)
    table.insert(0, "rank", range(1, len(table) + 1))
    return table[["rank", "isp_slug", "name", "region", "status", "outcome", "callback_min", "call_score", "points"]]


def regions(data) -> pd.DataFrame:
    """Per region: ISPs, share called back (with interval), median callback minutes, mean call score."""
    joined = data.callbacks.merge(data.isps[["slug", "region"]], left_on="isp_slug", right_on="slug", how="left")
    rows = []
    for region, group in joined.groupby(joined["region"].fillna("—")):
        decided = group[group["outcome"] != "review"]
        share, low, high = wilson(int((decided["outcome"] == "called_back").sum()), len(decided))
        scores = data.calls[data.calls["isp_slug"].isin(group["isp_slug"])]["score"] if not data.calls.empty else []
        rows.append({"region": region, "isps": group["isp_slug"].nunique(), "called_back": share, "low": low,
                     "high": high, "median_min": float(decided["delay_s"].median() / 60) if len(decided) else math.nan,
                     "call_score": float(pd.Series(scores).mean()) if len(scores) else math.nan})
    return pd.DataFrame(rows)


def sector_summary(data) -> dict:
    """The sector report's headline figures: callbacks (KM, HBR groups), the four outcome infographics,
    the league table and the regional breakdown."""
    return {"callbacks": summarise(data.callbacks) if not data.callbacks.empty else None,
            "hbr": hbr_groups(data.callbacks) if not data.callbacks.empty else None,
            "tariff": outcome_shares(data.calls, "recommendation"),
            "addons": outcome_shares(data.calls, "addons_offer"),
            "churn": outcome_shares(data.calls, "churn_answer"),
            "upsell": outcome_shares(data.calls, "faster_recommended"),
            "league": league_table(data), "regions": regions(data)}


GAP_TEXT = {
    "callback_speed": {"ru": "Перезванивать по веб-заявке за 15 минут, как на входящий звонок",
                       "en": "Call web requests back within 15 minutes, like an inbound call"},
    "tariff_recommendation": {"ru": "Выяснять потребности и рекомендовать один тариф, а не перечислять все",
                              "en": "Ask about needs and recommend one tariff instead of listing them all"},
    "upsell": {"ru": "Предлагать и аргументировать тариф быстрее 100 Мбит/с",
               "en": "Offer and argue for a tariff above 100 Mbit/s"},
    "addons": {"ru": "Предлагать доп. услуги (кинотеатр, ТВ, видеонаблюдение) в каждом разговоре",
               "en": "Offer add-ons (cinema, TV, CCTV) in every sales call"},
    "retention": {"ru": "На «как расторгнуть?» спрашивать причину и делать удерживающее предложение",
                  "en": "When asked how to leave, ask why and make a retention offer"},
}
_ADDON_GAP = {"none": 1.0, "on_request": 0.75, "proactive_one": 0.25, "proactive_several": 0.0}
_CHURN_GAP = {"stop_paying": 1.0, "office_or_scan": 0.8, "other": 0.5, "retention_attempt": 0.0}


def isp_gaps(data, slug: str, params: MoneyParams | None = None) -> dict[str, float]:
    """How far an ISP is from good practice per money driver (0 good … 1 missing), from what was measured;
    drivers with no measurement are left out. Callback speed decays with the delay (:func:`callback_gap`)."""
    params = params or MoneyParams()
    gaps: dict[str, float] = {}
    cb = data.callbacks[data.callbacks["isp_slug"] == slug]
    decided = cb[cb["outcome"] != "review"]
    if not decided.empty:
        first = decided.iloc[0]
        gaps["callback_speed"] = callback_gap(first["delay_s"] if first["outcome"] == "called_back" else None,
                                              params)
    calls = data.calls[data.calls["isp_slug"] == slug] if not data.calls.empty else data.calls

    def latest(scenario: str, item: str):
        rows = calls[(calls["scenario"] == scenario)] if not calls.empty else calls
        return rows.iloc[-1][item] if not rows.empty and item in rows and pd.notna(rows.iloc[-1][item]) else None

    value = latest("tariff", "recommendation")
    if value is not None:
        gaps["tariff_recommendation"] = 0.0 if value == "one_tariff" else 1.0
    value = latest("upsell", "faster_recommended")
    if value is not None:
        gaps["upsell"] = 0.0 if value == "yes" else 1.0
    value = latest("addons", "addons_offer")
    if value is not None:
        gaps["addons"] = _ADDON_GAP[value]
    value = latest("churn", "churn_answer")
    if value is not None:
        gaps["retention"] = _CHURN_GAP[value]
    return gaps


def money_at_stake(gaps: dict[str, float], params: MoneyParams) -> pd.DataFrame:
    """Monthly money at stake per driver: the driver's range times the measured gap, biggest first."""
    rows = [{"driver": d, "gap": g, "low": driver_monthly(d, params)[0] * g, "high": driver_monthly(d, params)[1] * g}
            for d, g in gaps.items()]
    frame = pd.DataFrame(rows, columns=["driver", "gap", "low", "high"]).astype(
        {"gap": float, "low": float, "high": float})
    return frame.sort_values("high", ascending=False).reset_index(drop=True)


def top_changes(money: pd.DataFrame, lang: str = "ru", n: int = 3) -> list[str]:
    """The changes that matter most: the drivers with money at stake, biggest first, in words."""
    return [f"{GAP_TEXT[r.driver][lang if lang in ('ru', 'en') else 'ru']} — {r.low:,.0f}–{r.high:,.0f} / мес."
            if lang == "ru" else f"{GAP_TEXT[r.driver]['en']} — {r.low:,.0f}–{r.high:,.0f} a month"
            for r in money[money["high"] > 0].head(n).itertuples()]


def isp_params(data, slug: str, base: MoneyParams | None = None) -> MoneyParams:
    """Money parameters with the ISP's own subscribers and ARPU where the registry has them."""
    base = base or MoneyParams()
    row = data.isps[data.isps["slug"] == slug]
    if row.empty:
        return base
    subs, arpu = row.iloc[0]["subscribers"], row.iloc[0]["arpu"]
    from dataclasses import replace

    return replace(base, subscribers=int(subs) if pd.notna(subs) else base.subscribers,
                   arpu=float(arpu) if pd.notna(arpu) else base.arpu)
