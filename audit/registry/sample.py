"""Reproducible stratified samples of ISPs for a sector study: pure functions over DataFrames."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from audit.errors import AuditError

# Size classes by subscriber count: the seed study's "regional ISP" runs from a few hundred to tens
# of thousands of subscribers.
SIZE_BINS = ((0, 2_000, "small (<2k)"), (2_000, 20_000, "medium (2k-20k)"),
             (20_000, math.inf, "large (20k+)"))


def size_class(subscribers: float | None) -> str:
    """The size class of an ISP by its subscriber count (``unknown`` when not given)."""
    if subscribers is None or pd.isna(subscribers):
        return "unknown size"
    for low, high, label in SIZE_BINS:
        if low <= subscribers < high:
            return label
    return "unknown size"


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Split ``n`` draws over strata in proportion to their sizes (largest remainder, capped at size).

    Args:
        sizes: stratum → how many ISPs it has.
        n: the sample size, at most the sum of sizes.

    Returns:
        stratum → how many to draw; the values sum to ``n``.
    """
    total = sum(sizes.values())
    if not 0 < n <= total:
        raise AuditError(f"cannot draw {n} ISP(s) from {total}; choose --n between 1 and {total}")
    exact = {k: n * v / total for k, v in sizes.items()}
    quota = {k: min(sizes[k], math.floor(x)) for k, x in exact.items()}
    order = sorted(sizes, key=lambda k: (-(exact[k] - math.floor(exact[k])), -sizes[k], k))
    while sum(quota.values()) < n:
        for k in order:
            if sum(quota.values()) == n:
                break
            if quota[k] < sizes[k]:
                quota[k] += 1
    return quota


def stratified_sample(isps: pd.DataFrame, n: int, by: list[str], seed: int) -> pd.DataFrame:
    """Draw a proportional stratified random sample, the same for the same registry, n, by and seed.

    Args:
        isps: one row per ISP with ``slug`` and the stratifying columns; ``size`` is derived from
            ``subscribers``.
        n: the sample size.
        by: column names to stratify by, e.g. ``["region", "size"]``; empty for a simple sample.
        seed: the random seed.

    Returns:
        The sampled rows (a new frame) with a ``stratum`` column, sorted by slug.
    """
    frame = isps.sort_values("slug").reset_index(drop=True).copy()
    if "size" in by:
        frame["size"] = frame["subscribers"].map(size_class)
    unknown = [c for c in by if c not in frame.columns]
    if unknown:
        raise AuditError(f"cannot stratify by {', '.join(unknown)}; use region, size, timezone or a "
                         f"registry column ({', '.join(c for c in isps.columns if c != 'slug')})")
    if by:
        frame["stratum"] = frame[by].astype(object).where(frame[by].notna(), "unknown") \
            .astype(str).agg(" / ".join, axis=1)
    else:
        frame["stratum"] = "all"
    sizes = frame.groupby("stratum").size().to_dict()
    quota = allocate(sizes, n)
    rng = np.random.default_rng(seed)
    picked = []
    for stratum in sorted(quota):
        members = frame.index[frame["stratum"] == stratum].to_numpy()
        if quota[stratum]:
            picked.extend(rng.choice(members, size=quota[stratum], replace=False).tolist())
    return frame.loc[sorted(picked)].reset_index(drop=True)
