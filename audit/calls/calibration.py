"""Agreement between shoppers who scored the same call: Cohen's kappa (two shoppers) or Fleiss' kappa
(more), per item, via statsmodels; the disagreements; and the shoppers who disagree most. Pure."""

from __future__ import annotations

import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa


def kappas(ratings: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    """Kappa per item over calls scored by two or more shoppers.

    Args:
        ratings: one row per (call_id, shopper) with a column per item (answer codes).
        items: the items to check.

    Returns:
        ``item``, ``calls``, ``raters``, ``method`` and ``kappa`` (NaN when undefined).
    """
    rows = []
    multi = ratings.groupby("call_id").filter(lambda g: g["shopper"].nunique() >= 2)
    for item in items:
        wide = multi.pivot_table(index="call_id", columns="shopper", values=item, aggfunc="first").dropna()
        if wide.empty:
            rows.append({"item": item, "calls": 0, "raters": 0, "method": None, "kappa": float("nan")})
            continue
        codes = sorted({str(v) for v in wide.to_numpy().ravel()})
        coded = wide.map(lambda v, c=codes: c.index(str(v)))
        if coded.shape[1] == 2:
            table = pd.crosstab(coded.iloc[:, 0], coded.iloc[:, 1]).reindex(
                index=range(len(codes)), columns=range(len(codes)), fill_value=0)
            value = float(cohens_kappa(table.to_numpy()).kappa) if len(codes) > 1 else float("nan")
            method = "cohen"
        else:
            counts, _ = aggregate_raters(coded.to_numpy())
            value = float(fleiss_kappa(counts)) if len(codes) > 1 else float("nan")
            method = "fleiss"
        rows.append({"item": item, "calls": len(wide), "raters": coded.shape[1], "method": method, "kappa": value})
    return pd.DataFrame(rows)


def disagreements(ratings: pd.DataFrame, items: list[str]) -> pd.DataFrame:
    """Every (call, item) where the shoppers' answers differ, with each shopper's answer."""
    rows = []
    for call_id, group in ratings.groupby("call_id"):
        if group["shopper"].nunique() < 2:
            continue
        for item in items:
            values = dict(zip(group["shopper"], group[item].astype(str), strict=True))
            if len(set(values.values())) > 1:
                rows.append({"call_id": call_id, "item": item, "answers": values})
    return pd.DataFrame(rows, columns=["call_id", "item", "answers"])


def shopper_flags(ratings: pd.DataFrame, items: list[str], threshold: float = 0.25) -> pd.DataFrame:
    """How often each shopper differs from the majority answer on the same call and item (with two
    shoppers, both count a disagreement; with no majority, the item is not counted).

    Returns:
        ``shopper``, ``compared``, ``differs``, ``rate``, ``flagged`` (rate above ``threshold``),
        worst first.
    """
    stats: dict[str, list[int]] = {}
    for _, group in ratings.groupby("call_id"):
        if group["shopper"].nunique() < 3:
            if group["shopper"].nunique() == 2:
                for item in items:
                    a, b = group[item].astype(str).tolist()[:2]
                    for shopper in group["shopper"].tolist()[:2]:
                        entry = stats.setdefault(shopper, [0, 0])
                        entry[0] += 1
                        entry[1] += int(a != b)
            continue
        for item in items:
            answers = group[item].astype(str)
            counts = answers.value_counts()
            if counts.iloc[0] * 2 <= len(answers):
                continue  # no majority: nobody is the odd one out
            majority = counts.index[0]
            for shopper, answer in zip(group["shopper"], answers, strict=True):
                entry = stats.setdefault(shopper, [0, 0])
                entry[0] += 1
                entry[1] += int(answer != majority)
    rows = [{"shopper": s, "compared": c, "differs": d, "rate": d / c if c else 0.0} for s, (c, d) in stats.items()]
    frame = pd.DataFrame(rows, columns=["shopper", "compared", "differs", "rate"])
    frame["flagged"] = frame["rate"] > threshold
    return frame.sort_values("rate", ascending=False).reset_index(drop=True)
