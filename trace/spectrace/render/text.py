"""The plain-text report: a summary per spec and a total, then one line per finding."""

from __future__ import annotations

from spectrace.model import PlanSummary, Report, SpecReport, Summary
from spectrace.render.common import plural, printable


def render(report: Report) -> str:
    """Summaries, then findings as ``file:line: CODE severity message``."""
    lines: list[str] = []
    for spec in report.specs:
        lines.extend(_spec_summary(spec))
    lines.append(_total(report))
    if report.plan_total is not None:
        planned = sum(1 for spec in report.specs if spec.plan is not None)
        lines.append(
            f"total plan ({plural(planned, 'spec')} with tasks): {plan_numbers(report.plan_total)}"
        )
    findings = [f for spec in report.specs for f in spec.findings if not f.suppressed]
    suppressed = sum(1 for spec in report.specs for f in spec.findings if f.suppressed)
    if findings:
        lines.append("")
    lines.extend(
        f"{f.span.file}:{f.span.line}: {f.code} {f.severity.value}: {f.message}" for f in findings
    )
    if suppressed:
        lines.append(f"({suppressed} suppressed finding{'s' if suppressed != 1 else ''} not shown)")
    return printable("\n".join(lines) + "\n")  # no document text drives the terminal


def _spec_summary(spec: SpecReport) -> list[str]:
    files = ", ".join(
        (spec.requirements_file, *spec.design_files, *filter(None, [spec.tasks_file]))
    )
    lines = [f"{spec.name}: {_numbers(spec.summary)} [links: {spec.links_used}]", f"  {files}"]
    if spec.plan is not None:
        lines.append(f"  plan: {plan_numbers(spec.plan)}")
    lines.extend(f"  note: {note}" for note in spec.notes)
    names = {result.item.id: result.item.name for result in spec.items}
    lines.extend(
        f"  suggestion: {names.get(s.item, s.item)} may cover {_target(s.target)} "
        f"({s.score:.2f}: {', '.join(s.evidence)})"
        for s in spec.suggestions
    )
    return lines


def _target(identifier: str) -> str:
    """``Requirement 4.2`` for Kiro's bare numbers; other ids as written (``FR-003``)."""
    return f"Requirement {identifier}" if identifier[:1].isdigit() else identifier


def _numbers(summary: Summary) -> str:
    parts = [
        f"coverage {summary.coverage:.1f}%",
        f"{summary.requirements} requirements ({summary.requirements_covered} covered, "
        f"{summary.requirements_partial} partial, "
        f"{summary.requirements - summary.requirements_covered - summary.requirements_partial} "
        "uncovered)",
        f"{summary.criteria_covered}/{summary.criteria} criteria",
        f"{summary.design_items} design items, {summary.orphans} orphans",
    ]
    if summary.dangling:
        parts.append(f"{summary.dangling} dangling")
    return "; ".join(parts)


def plan_numbers(plan: PlanSummary) -> str:
    """``88.9%; 6 requirements (4 planned, 1 partial, 1 unplanned); 13/16 criteria; ...``."""
    unplanned = plan.requirements - plan.requirements_planned - plan.requirements_partial
    parts = [
        f"{plan.coverage:.1f}%",
        f"{plan.requirements} requirements ({plan.requirements_planned} planned, "
        f"{plan.requirements_partial} partial, {unplanned} unplanned)",
        f"{plan.criteria_planned}/{plan.criteria} criteria",
        f"{plan.work_done}/{plan.work} tasks done",
        f"{plan.design_items_built}/{plan.design_items} design items built",
    ]
    if plan.dangling:
        parts.append(f"{plan.dangling} dangling")
    if plan.untraced:
        parts.append(f"{plan.untraced} untraced")
    return "; ".join(parts)


def _total(report: Report) -> str:
    count = len(report.specs)
    return f"total ({count} spec{'s' if count != 1 else ''}): {_numbers(report.total)}"
