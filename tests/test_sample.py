"""Stratified sampling: proportional, reproducible, pure."""

from __future__ import annotations

import pandas as pd
import pytest

from audit.errors import AuditError
from audit.registry.sample import allocate, size_class, stratified_sample


def _isps(counts: dict[str, int]) -> pd.DataFrame:
    rows = [{"slug": f"{region[:3]}-{i:03d}", "region": region, "subscribers": 500 + 1000 * i}
            for region, n in counts.items() for i in range(n)]
    return pd.DataFrame(rows)


def test_allocate_is_proportional_with_largest_remainder():
    assert allocate({"a": 50, "b": 30, "c": 20}, 10) == {"a": 5, "b": 3, "c": 2}
    assert allocate({"a": 5, "b": 3, "c": 3}, 5) == {"a": 2, "b": 2, "c": 1}
    assert sum(allocate({"a": 7, "b": 1, "c": 1, "d": 1}, 9).values()) == 9


def test_allocate_refuses_too_many():
    with pytest.raises(AuditError, match="cannot draw 11 ISP"):
        allocate({"a": 10}, 11)


def test_sample_reproducible_and_stratified():
    isps = _isps({"Тюмень": 60, "Омск": 30, "Пермь": 10})
    first = stratified_sample(isps, 20, ["region"], seed=7)
    again = stratified_sample(isps.sample(frac=1, random_state=3), 20, ["region"], seed=7)
    other = stratified_sample(isps, 20, ["region"], seed=8)
    assert first["slug"].tolist() == again["slug"].tolist()
    assert first["slug"].tolist() != other["slug"].tolist()
    assert first["stratum"].value_counts().to_dict() == {"Тюмень": 12, "Омск": 6, "Пермь": 2}
    assert len(isps) == 100 and "stratum" not in isps.columns


def test_size_strata():
    isps = _isps({"A": 40})
    drawn = stratified_sample(isps, 10, ["region", "size"], seed=1)
    assert set(drawn["stratum"]) <= {"A / small (<2k)", "A / medium (2k-20k)", "A / large (20k+)"}
    assert size_class(None) == "unknown size" and size_class(25_000) == "large (20k+)"


def test_unknown_stratum_column():
    with pytest.raises(AuditError, match="cannot stratify by colour"):
        stratified_sample(_isps({"A": 5}), 2, ["colour"], seed=1)
