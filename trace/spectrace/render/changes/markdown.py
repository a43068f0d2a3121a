"""``spectrace diff`` as a pull-request comment (or ``$GITHUB_STEP_SUMMARY``): coverage before
and after, then a table per kind of change. Document text is escaped as in the report's
Markdown; long tables fold into ``<details>``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spectrace.history.changes import Change, Changes, SpecChanges
from spectrace.model import requirement_name
from spectrace.render.changes.labels import (
    coverage,
    delta,
    lost_covers,
    requirement_details,
    resolution,
    status_change,
)
from spectrace.render.common import plural, where
from spectrace.render.markdown import FOLD_AFTER, MAX_ROWS, cell


def render(changes: Changes) -> str:
    """The comment."""
    before, after = changes.before, changes.after
    changed = [spec for spec in changes.specs if spec.changed]
    lines = [
        f"## spectrace diff: coverage {coverage(before)} → {coverage(after)} "
        f"({delta(before, after)})",
        "",
        f"{cell(changes.base)} → {cell(changes.head)} · "
        f"{plural(len(changed), 'spec')} changed of {len(changes.specs)} · "
        f"{_counts(changes)}",
    ]
    if not changed:
        lines.extend(["", "No change to traceability."])
        return "\n".join(lines) + "\n"
    lines.extend(["", "| spec | coverage before | coverage after | change | orphans |"])
    lines.append("|:--|--:|--:|--:|--:|")
    for spec in changed:
        orphans = (
            f"{spec.before.orphans} → {spec.after.orphans}"
            if spec.before is not None and spec.after is not None
            else ""
        )
        lines.append(
            f"| {cell(spec.name)} | {coverage(spec.before)} | {coverage(spec.after)} | "
            f"{delta(spec.before, spec.after)} | {orphans} |"
        )
    lines.extend(
        _table(
            "Requirements added, removed or reworded",
            ("spec", "requirement", "change", "details", "where"),
            [
                [
                    cell(spec.name),
                    cell(requirement_name(change.id, change.title)),
                    change.change.value,
                    cell(requirement_details(change)),
                    cell(where(change.span)),
                ]
                for spec in changed
                for change in spec.requirements
            ],
        )
    )
    lines.extend(_gaps(changed))
    lines.extend(_orphans(changed))
    return "\n".join(lines) + "\n"


def _counts(changes: Changes) -> str:
    specs = changes.specs
    kinds = Counter(change.change for spec in specs for change in spec.requirements)
    added, removed, reworded = (
        kinds[kind] for kind in (Change.ADDED, Change.REMOVED, Change.REWORDED)
    )
    return (
        f"requirements: {added} added, {removed} removed, {reworded} reworded · "
        f"gaps: {sum(len(s.new_gaps) for s in specs)} new, "
        f"{sum(len(s.resolved_gaps) for s in specs)} resolved · "
        f"orphans: {sum(len(s.new_orphans) for s in specs)} new, "
        f"{sum(len(s.resolved_orphans) for s in specs)} resolved"
    )


def _gaps(specs: Sequence[SpecChanges]) -> list[str]:
    def rows(new: bool) -> list[list[str]]:
        return [
            [
                cell(spec.name),
                cell(requirement_name(gap.id, gap.title)),
                status_change(gap).replace("->", "→"),
                cell(", ".join(gap.units)),
                *([cell(lost_covers(gap))] if new else []),
                cell(where(gap.span)),
            ]
            for spec in specs
            for gap in (spec.new_gaps if new else spec.resolved_gaps)
        ]

    return [
        *_table(
            "New gaps",
            ("spec", "requirement", "status", "uncovered", "covered before", "where"),
            rows(True),
        ),
        *_table(
            "Resolved gaps",
            ("spec", "requirement", "status", "no longer uncovered", "where"),
            rows(False),
        ),
    ]


def _orphans(specs: Sequence[SpecChanges]) -> list[str]:
    lines = _table(
        "New orphans",
        ("spec", "kind", "item", "where"),
        [
            [cell(spec.name), orphan.kind, cell(orphan.name), cell(where(orphan.span))]
            for spec in specs
            for orphan in spec.new_orphans
        ],
    )
    lines.extend(
        _table(
            "Resolved orphans",
            ("spec", "kind", "item", "how", "where"),
            [
                [
                    cell(spec.name),
                    orphan.kind,
                    cell(orphan.name),
                    resolution(orphan),
                    cell(where(orphan.span)),
                ]
                for spec in specs
                for orphan in spec.resolved_orphans
            ],
        )
    )
    return lines


def _table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return []
    table = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    table.extend(f"| {' | '.join(row)} |" for row in rows[:MAX_ROWS])
    if len(rows) > MAX_ROWS:
        table.extend(
            ["", f"… and {len(rows) - MAX_ROWS} more (see `spectrace diff --format json`)."]
        )
    heading = f"{title} ({len(rows)})"
    if len(rows) > FOLD_AFTER:
        return ["", f"<details><summary><b>{heading}</b></summary>", "", *table, "", "</details>"]
    return ["", f"### {heading}", "", *table]
