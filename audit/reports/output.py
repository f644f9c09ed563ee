"""Helpers notebooks use to keep their pictures and data next to the report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from audit.tabular import write_table


def save(fig, out_dir: str, name: str):
    """Save a figure as ``<out_dir>/<name>.png`` (when ``out_dir`` is set) and return it for display."""
    if out_dir:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        fig.savefig(Path(out_dir) / f"{name}.png")
    return fig


def save_tables(tables: dict[str, pd.DataFrame], out_dir: str, name: str = "data") -> Path | None:
    """Write several tables into one XLSX (a sheet each) next to the report; escaped against formulas."""
    if not out_dir:
        return None
    from openpyxl import load_workbook

    path = Path(out_dir) / f"{name}.xlsx"
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    first = True
    for sheet, frame in tables.items():
        if first:
            write_table(frame, path, "xlsx", sheet_title=sheet)
            first = False
            continue
        extra = write_table(frame, Path(out_dir) / f".{sheet}.xlsx", "xlsx", sheet_title=sheet)
        book, other = load_workbook(path), load_workbook(extra)
        target = book.create_sheet(sheet[:31])
        for row in other.active.iter_rows(values_only=True):
            target.append(list(row))
        book.save(path)
        extra.unlink()
    return path
