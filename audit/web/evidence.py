"""Finding the evidence kept for each ISP's web audit (for notebooks and reports)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def screenshots(submissions: pd.DataFrame, limit: int = 6) -> list[tuple[str, str, list[Path]]]:
    """The before/after screenshots of the first ``limit`` ISPs that have any, with the shopper's typed
    details covered (the unmasked originals stay in the evidence folder).

    Args:
        submissions: rows from :func:`audit.web.store.submissions_frame`.
        limit: how many ISPs.

    Returns:
        (slug, status, [existing PNG paths]) per ISP.
    """
    out = []
    for row in submissions.itertuples():
        if not isinstance(row.evidence_dir, str):
            continue
        pictures = [p for p in (Path(row.evidence_dir) / "before_masked.png",
                                Path(row.evidence_dir) / "after_masked.png") if p.exists()]
        if pictures:
            out.append((row.isp_slug, row.status, pictures))
        if len(out) >= limit:
            break
    return out
