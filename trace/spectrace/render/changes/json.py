"""``spectrace diff`` as JSON: versioned, keys sorted, nothing about time."""

from __future__ import annotations

from typing import Any

from spectrace import jsontext
from spectrace.history.changes import (
    Changes,
    GapChange,
    OrphanChange,
    RequirementChange,
    SpecChanges,
)
from spectrace.model import Span, Summary
from spectrace.render.json import summary_data

#: Bumped when a key changes meaning or disappears (new keys do not bump it).
FORMAT_VERSION = 1


def render(changes: Changes) -> str:
    """The changes as JSON text."""
    return jsontext.dumps(to_data(changes))


def to_data(changes: Changes) -> dict[str, Any]:
    """The changes as plain data."""
    return {
        "version": FORMAT_VERSION,
        "base": changes.base,
        "head": changes.head,
        "total": {"before": summary_data(changes.before), "after": summary_data(changes.after)},
        "specs": [_spec(spec) for spec in changes.specs],
    }


def _spec(spec: SpecChanges) -> dict[str, Any]:
    return {
        "folder": spec.folder,
        "name": spec.name,
        "changed": spec.changed,
        "before": _summary(spec.before),
        "after": _summary(spec.after),
        "requirements": [_requirement(change) for change in spec.requirements],
        "new_gaps": [_gap(gap) for gap in spec.new_gaps],
        "resolved_gaps": [_gap(gap) for gap in spec.resolved_gaps],
        "new_orphans": [_orphan(orphan) for orphan in spec.new_orphans],
        "resolved_orphans": [_orphan(orphan) for orphan in spec.resolved_orphans],
    }


def _summary(summary: Summary | None) -> dict[str, Any] | None:
    return None if summary is None else summary_data(summary)


def _place(span: Span) -> dict[str, Any]:
    return {"file": span.file, "line": span.line}


def _requirement(change: RequirementChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "title": change.title,
        "change": change.change.value,
        "text_reworded": change.text_reworded,
        "criteria_added": list(change.criteria_added),
        "criteria_removed": list(change.criteria_removed),
        "criteria_reworded": list(change.criteria_reworded),
        **_place(change.span),
    }


def _gap(gap: GapChange) -> dict[str, Any]:
    return {
        "id": gap.id,
        "title": gap.title,
        "before": gap.before.value if gap.before is not None else None,
        "after": gap.after.value if gap.after is not None else None,
        "units": list(gap.units),
        "lost": [
            {
                "unit": lost.unit,
                "item": lost.item,
                "kind": lost.kind,
                "name": lost.name,
                "origin": lost.origin,
                "score": lost.score,
                "removed": lost.removed,
            }
            for lost in gap.lost
        ],
        **_place(gap.span),
    }


def _orphan(orphan: OrphanChange) -> dict[str, Any]:
    return {
        "item": orphan.item,
        "kind": orphan.kind,
        "name": orphan.name,
        "removed": orphan.removed,
        **_place(orphan.span),
    }
