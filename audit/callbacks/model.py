"""The one shape every call-log reader produces: a leg of a call, in UTC, with its raw row kept."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Leg:
    """One call-log row.

    Attributes:
        leg_key: unique within the source (re-imports of the same row collide on it).
        call_key: legs of one call share it (ring-group / queue legs count once).
        direction: ``inbound`` (to the shopper) or ``outbound``.
        kind: ``call``, ``sms``, ``messenger``, ``email`` or ``other``.
        caller: the calling number, E.164 where it can be read, else as logged; None when hidden.
        callee: the called number or extension.
        started_at: when it rang, UTC ISO 8601 with ``Z``.
        answered: whether anyone answered (a missed call still counts as the ISP trying).
        raw: the row as read, for the audit trail.
    """

    leg_key: str
    call_key: str
    direction: str
    caller: str | None
    callee: str | None
    started_at: str
    answered: bool
    duration_s: int | None
    disposition: str
    raw: dict
    source_tz: str | None = None
    kind: str = "call"


@dataclass
class ReadResult:
    """What a reader made of a file: legs to the shopper, and rows skipped with counted reasons."""

    legs: list[Leg] = field(default_factory=list)
    rows_read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count a skipped row under a reason."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
