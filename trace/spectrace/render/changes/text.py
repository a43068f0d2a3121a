"""``spectrace diff`` as plain text: the totals, then per changed spec one line per change,
``file:line: what``, as a terminal reader scans them."""

from __future__ import annotations

from spectrace.history.changes import Changes, SpecChanges
from spectrace.model import Summary, requirement_name
from spectrace.render.changes.labels import (
    coverage,
    delta,
    lost_covers,
    requirement_details,
    resolution,
    status_change,
)
from spectrace.render.common import printable, where


def render(changes: Changes) -> str:
    """The changes as text lines."""
    lines = [
        f"spectrace diff: {changes.base} -> {changes.head}",
        f"total: {_numbers(changes.before, changes.after)}",
    ]
    unchanged = [spec.name for spec in changes.specs if not spec.changed]
    for spec in changes.specs:
        if spec.changed:
            lines.extend(["", *_spec(spec)])
    if unchanged:
        lines.extend(["", f"unchanged: {', '.join(unchanged)}"])
    return printable("\n".join(lines) + "\n")  # no document text drives the terminal


def _numbers(before: Summary | None, after: Summary | None) -> str:
    text = f"coverage {coverage(before)} -> {coverage(after)} ({delta(before, after)})"
    if before is not None and after is not None:
        text += (
            f"; requirements {before.requirements} -> {after.requirements}"
            f"; orphans {before.orphans} -> {after.orphans}"
        )
    return text


def _spec(spec: SpecChanges) -> list[str]:
    lines = [f"{spec.name}: {_numbers(spec.before, spec.after)}"]
    for change in spec.requirements:
        details = requirement_details(change)
        lines.append(
            f"  {where(change.span)}: requirement {change.change.value}: "
            f"{requirement_name(change.id, change.title)}{f' ({details})' if details else ''}"
        )
    for gap in spec.new_gaps:
        lost = lost_covers(gap)
        lines.append(
            f"  {where(gap.span)}: new gap: {requirement_name(gap.id, gap.title)} "
            f"[{status_change(gap)}], uncovered: {', '.join(gap.units)}"
            + (f"; covered before: {lost}" if lost else "")
        )
    for gap in spec.resolved_gaps:
        lines.append(
            f"  {where(gap.span)}: resolved gap: {requirement_name(gap.id, gap.title)} "
            f"[{status_change(gap)}], no longer uncovered: {', '.join(gap.units)}"
        )
    for orphan in spec.new_orphans:
        lines.append(f"  {where(orphan.span)}: new orphan: {orphan.kind} {orphan.name}")
    for orphan in spec.resolved_orphans:
        lines.append(
            f"  {where(orphan.span)}: resolved orphan: {orphan.kind} {orphan.name} "
            f"({resolution(orphan)})"
        )
    return lines
