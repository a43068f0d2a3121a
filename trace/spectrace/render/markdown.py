"""A compact Markdown summary for a pull-request comment or ``$GITHUB_STEP_SUMMARY``.

Totals and coverage first, then gaps, orphans, dangling references and the other findings as
tables with ``file:line``. Long tables fold into ``<details>``; very long ones are cut (the step
summary holds 1 MiB, a comment 64 KiB) with a line saying how many rows are left out. Document
text is escaped: ``|`` cannot break a table, HTML and Markdown markup are shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from spectrace.model import Finding, PlanStatus, Report, SpecReport, Status
from spectrace.render.common import (
    DANGLING_CODE,
    GAP_CODES,
    ORPHAN_CODE,
    PLAN_GAP_CODES,
    plural,
    requirement_label,
    severity_counts,
    silenced_counts,
    state,
    uncovered,
    where,
)

#: Tables longer than this fold into <details>.
FOLD_AFTER = 10
#: Rows shown at most per table.
MAX_ROWS = 200

# Backslash-escapable punctuation that would start emphasis, code, links or strike-through.
_MARKUP = re.compile(r"([\\`*_\[\]~|])")


def render(report: Report) -> str:
    """The summary, then one table per kind of problem."""
    total = report.total
    findings = report.findings
    lines = [f"## spectrace: {total.coverage:.1f}% coverage", ""]
    counts = f"findings: {severity_counts(findings)}"
    silenced = silenced_counts(findings)
    if silenced:
        counts += f" ({silenced})"
    lines.append(
        f"{plural(len(report.specs), 'spec')} · requirements {total.requirements_covered}/"
        f"{total.requirements} covered ({total.requirements_partial} partial, "
        f"{uncovered(total)} uncovered) · criteria {total.criteria_covered}/{total.criteria} · "
        f"{plural(total.design_items, 'design item')}, {plural(total.orphans, 'orphan')} · "
        f"{total.dangling} dangling · {_plan_totals(report)}{counts}"
    )
    lines.extend(["", *_summary_table(report)])
    notes = [
        f"> **{cell(spec.name)}**: {cell(note)}" for spec in report.specs for note in spec.notes
    ]
    if notes:
        lines.extend(["", *notes])
    lines.extend(
        _section(
            "Gaps", ("spec", "requirement", "status", "uncovered criteria", "where"), _gaps(report)
        )
    )
    lines.extend(
        _section(
            "Plan gaps",
            ("spec", "requirement", "plan", "criteria no task implements", "where"),
            _plan_gaps(report),
        )
    )
    lines.extend(_section("Orphans", ("spec", "kind", "item", "where"), _orphans(report)))
    lines.extend(
        _section(
            "Dangling references", ("spec", "reference", "written as", "where"), _dangling(report)
        )
    )
    others = [
        (spec, f)
        for spec in report.specs
        for f in spec.findings
        if f.code not in GAP_CODES | PLAN_GAP_CODES and f.code not in (ORPHAN_CODE, DANGLING_CODE)
    ]
    lines.extend(
        _section(
            "Other findings",
            ("spec", "severity", "code", "message", "where"),
            [_finding_row(spec, f) for spec, f in others],
        )
    )
    silenced_rows = [
        [cell(spec.name), state(f), f.code, cell(f.message), cell(where(f.span))]
        for spec in report.specs
        for f in spec.findings
        if state(f)
    ]
    lines.extend(
        _section(
            "Suppressed and baselined",
            ("spec", "state", "code", "message", "where"),
            silenced_rows,
            fold=True,
        )
    )
    return "\n".join(lines) + "\n"


def cell(text: str) -> str:
    """Text for a table cell: one line, HTML escaped, Markdown markup and ``|`` backslashed."""
    one_line = " ".join(text.split())
    return _MARKUP.sub(r"\\\1", escape(one_line, quote=False))


def _plan_totals(report: Report) -> str:
    """``plan 83.3% (6/12 tasks done) · `` when a spec has a task list, else ""."""
    plan = report.plan_total
    if plan is None:
        return ""
    return f"plan {plan.coverage:.1f}% ({plan.work_done}/{plan.work} tasks done) · "


def _summary_table(report: Report) -> list[str]:
    # The plan's columns only when a spec has a task list: no empty columns otherwise.
    planned = report.plan_total is not None
    rows = [
        "| spec | coverage | requirements | criteria | orphans | dangling | links |"
        + (" plan | tasks done |" if planned else ""),
        "|:--|--:|:--|--:|--:|--:|:--|" + ("--:|--:|" if planned else ""),
    ]
    for spec in report.specs:
        summary = spec.summary
        plan = spec.plan
        extra = ""
        if planned:
            extra = (
                f" {plan.coverage:.1f}% | {plan.work_done}/{plan.work} |"
                if plan is not None
                else " - | - |"
            )
        rows.append(
            f"| {cell(spec.name)} | {summary.coverage:.1f}% | {summary.requirements_covered}/"
            f"{summary.requirements} ({summary.requirements_partial} partial) | "
            f"{summary.criteria_covered}/{summary.criteria} | {summary.orphans} | "
            f"{summary.dangling} | {cell(spec.links_used)} |{extra}"
        )
    if len(report.specs) > 1:
        total = report.total
        plan_total = report.plan_total
        extra = (
            f" **{plan_total.coverage:.1f}%** | {plan_total.work_done}/{plan_total.work} |"
            if plan_total is not None
            else ""
        )
        rows.append(
            f"| **total** | **{total.coverage:.1f}%** | {total.requirements_covered}/"
            f"{total.requirements} ({total.requirements_partial} partial) | "
            f"{total.criteria_covered}/{total.criteria} | {total.orphans} | {total.dangling} | |"
            f"{extra}"
        )
    return rows


def _plan_gaps(report: Report) -> list[list[str]]:
    """Requirements the task list leaves out (unplanned) or takes up in part (partial)."""
    rows = []
    for spec in report.specs:
        marks = _marks(spec, ("ST701",))
        for result in spec.requirements:
            plan = result.plan
            if plan is None or plan.status == PlanStatus.PLANNED:
                continue
            missing = [c.criterion.id for c in result.criteria if not c.planned_by]
            rows.append(
                [
                    cell(spec.name),
                    cell(requirement_label(result.requirement)),
                    plan.chain + _mark(marks.get(result.requirement.id)),
                    cell(", ".join(missing)),
                    cell(where(result.requirement.span)),
                ]
            )
    return rows


def _gaps(report: Report) -> list[list[str]]:
    rows = []
    for spec in report.specs:
        marks = _marks(spec, ("ST201", "ST202"))
        for result in spec.requirements:
            if result.status == Status.COVERED:
                continue
            missing = [c.criterion.id for c in result.criteria if c.status == Status.UNCOVERED]
            status = result.status.value + _mark(marks.get(result.requirement.id))
            rows.append(
                [
                    cell(spec.name),
                    cell(requirement_label(result.requirement)),
                    status,
                    cell(", ".join(missing)),
                    cell(where(result.requirement.span)),
                ]
            )
    return rows


def _orphans(report: Report) -> list[list[str]]:
    rows = []
    for spec in report.specs:
        marks = {f.item: state(f) for f in spec.findings if f.code == ORPHAN_CODE and f.item}
        for result in spec.items:
            if result.orphan:
                item = result.item
                rows.append(
                    [
                        cell(spec.name),
                        item.kind.value,
                        cell(item.name) + _mark(marks.get(item.id)),
                        cell(where(item.span)),
                    ]
                )
    return rows


def _dangling(report: Report) -> list[list[str]]:
    return [
        [cell(spec.name), cell(ref.target), cell(ref.text), cell(where(ref.span))]
        for spec in report.specs
        for ref in spec.dangling
    ]


def _finding_row(spec: SpecReport, finding: Finding) -> list[str]:
    return [
        cell(spec.name),
        finding.severity.value + _mark(state(finding)),
        finding.code,
        cell(finding.message),
        cell(where(finding.span)),
    ]


def _marks(spec: SpecReport, codes: Sequence[str]) -> dict[str, str]:
    return {f.subject: state(f) for f in spec.findings if f.code in codes}


def _mark(found: str | None) -> str:
    return f" ({found})" if found else ""


def _section(
    title: str, header: Sequence[str], rows: Sequence[Sequence[str]], *, fold: bool = False
) -> list[str]:
    if not rows:
        return []
    table = [f"| {' | '.join(header)} |", f"|{'---|' * len(header)}"]
    table.extend(f"| {' | '.join(row)} |" for row in rows[:MAX_ROWS])
    if len(rows) > MAX_ROWS:
        table.extend(["", f"… and {len(rows) - MAX_ROWS} more (see the HTML or JSON report)."])
    heading = f"{title} ({len(rows)})"
    if fold or len(rows) > FOLD_AFTER:
        return ["", f"<details><summary><b>{heading}</b></summary>", "", *table, "", "</details>"]
    return ["", f"### {heading}", "", *table]
