"""Words the ``spectrace diff`` formats share: labels, coverage deltas, details."""

from __future__ import annotations

from spectrace.history.changes import (
    Change,
    GapChange,
    LostCover,
    OrphanChange,
    RequirementChange,
)
from spectrace.model import Status, Summary


def coverage(summary: Summary | None) -> str:
    """``83.3%``, or ``-`` for a spec that is not there."""
    return "-" if summary is None else f"{summary.coverage:.1f}%"


def delta(before: Summary | None, after: Summary | None) -> str:
    """Coverage points gained or lost: ``+4.2``, ``-1.0``, ``0.0``; ``new``, ``removed``."""
    if before is None:
        return "new"
    if after is None:
        return "removed"
    points = round(after.coverage - before.coverage, 1)
    return f"{points:+.1f}" if points else "0.0"


def requirement_details(change: RequirementChange) -> str:
    """What changed in a reworded requirement: ``text; 3.2 reworded; 3.5 added``."""
    if change.change != Change.REWORDED:
        return ""
    parts = ["text reworded"] if change.text_reworded else []
    parts += [f"{ident} reworded" for ident in change.criteria_reworded]
    parts += [f"{ident} added" for ident in change.criteria_added]
    parts += [f"{ident} removed" for ident in change.criteria_removed]
    return "; ".join(parts)


def status_change(gap: GapChange) -> str:
    """``covered -> partial``, ``new -> uncovered``, ``uncovered -> removed``, ``still partial``
    (other criteria of a partial requirement)."""
    if gap.before is not None and gap.before == gap.after:
        return f"still {gap.before.value}"
    return f"{_status(gap.before, 'new')} -> {_status(gap.after, 'removed')}"


#: Lost links named per unit; the rest are counted.
LOST_SHOWN = 2


def lost_covers(gap: GapChange) -> str:
    """What covered a new gap's units before: ``1.2 by component Cart (inferred 0.26)``, two
    items a unit at most (``+3 more``), ``""`` when nothing named did."""
    units: dict[str, list[LostCover]] = {}
    for lost in gap.lost:
        units.setdefault(lost.unit, []).append(lost)
    parts = []
    for unit, covers in units.items():
        named = ", ".join(_cover(cover) for cover in covers[:LOST_SHOWN])
        more = f", +{len(covers) - LOST_SHOWN} more" if len(covers) > LOST_SHOWN else ""
        parts.append(f"{unit} by {named}{more}")
    return "; ".join(parts)


def _cover(cover: LostCover) -> str:
    how = f"inferred {cover.score:.2f}" if cover.origin == "inferred" else cover.origin
    return f"{cover.kind} {cover.name} ({how}{', item removed' if cover.removed else ''})"


def resolution(orphan: OrphanChange) -> str:
    """How an orphan was resolved."""
    return "item removed" if orphan.removed else "linked"


def _status(status: Status | None, missing: str) -> str:
    return missing if status is None else status.value
