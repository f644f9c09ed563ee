"""The package's exceptions: one base, and errors that say what, where and what to do."""

from __future__ import annotations

from dataclasses import dataclass


class AuditError(Exception):
    """Base of every error the kit raises on purpose; the CLI prints these without a traceback."""


class WorkspaceError(AuditError):
    """The workspace is missing, of a newer schema, or cannot be written."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in an input file.

    Attributes:
        file: the file's name as the user gave it.
        row: the row number as a spreadsheet shows it (the header is row 1), or None.
        column: the column's name, or None.
        message: what is wrong and what to do.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class InputError(AuditError):
    """An input file has problems; nothing from it was stored.

    Args:
        problems: every problem found (the message lists the first ``shown``).
        shown: how many problems the message spells out.
    """

    def __init__(self, problems: list[Problem], shown: int = 30):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:shown]]
        more = len(self.problems) - len(lines)
        if more > 0:
            lines.append(f"... and {more} more problem(s)")
        head = f"{len(self.problems)} problem(s) found; nothing was imported:"
        super().__init__("\n".join([head, *lines]) if len(self.problems) > 1 else
                         f"{lines[0]}\nNothing was imported.")
