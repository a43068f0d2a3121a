"""`check`'s plain-text report, shaped like a linter's: one line per finding, then the summaries.

    FILE:LINE: CODE severity: message
      did you mean: ITEM covers Requirement 5.1, 5.2 (0.28: books, copy)

Findings are sorted by file and line over the whole run, so an editor or a CI log can step
through them; a gap or an orphan may carry a hint (render/hints.py). Then one summary line per
spec, the total, and what the list leaves out: notes (severity note) unless asked for, and
suppressed or baselined findings, which never count. JSON and SARIF keep everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from spectrace.model import Finding, PlanSummary, Report, Severity, Summary
from spectrace.render.common import plural, printable, severity_counts, silenced_counts, uncovered
from spectrace.render.hints import SpecHints, SuggestionView

__all__ = ["SuggestionView", "TextView", "render"]


@dataclass(frozen=True, slots=True, kw_only=True)
class TextView:
    """What the text report lists besides the warnings and errors."""

    suggestions: SuggestionView = SuggestionView.BEST
    """Hints under gaps and orphans: the best candidate, all of them or none."""
    show_notes: bool = False
    """List notes (severity note) too; otherwise only their count is shown."""


def render(report: Report, view: TextView | None = None) -> str:
    """Findings as ``file:line: CODE severity: message``, then a summary per spec and the total."""
    view = view or TextView()
    lines: list[str] = []
    for finding, hints in _listed(report, view):
        lines.append(f"{finding.span.file}:{finding.span.line}: {_headline(finding)}")
        lines.extend(f"  {hint.line()}" for hint in hints.for_finding(finding, view.suggestions))
    if lines:
        lines.append("")
    for spec in report.specs:
        lines.append(f"{spec.name}: {_numbers(spec.summary)} [links: {spec.links_used}]")
        if spec.plan is not None:
            lines.append(f"  plan: {plan_numbers(spec.plan)}")
        lines.extend(f"  note: {note}" for note in spec.notes)
    lines.append(f"total ({plural(len(report.specs), 'spec')}): {_numbers(report.total)}")
    if report.plan_total is not None:
        planned = sum(1 for spec in report.specs if spec.plan is not None)
        lines.append(
            f"total plan ({plural(planned, 'spec')} with tasks): {plan_numbers(report.plan_total)}"
        )
    lines.append(_tally(report.findings, view))
    return printable("\n".join(lines) + "\n")  # no document text drives the terminal


def _listed(report: Report, view: TextView) -> list[tuple[Finding, SpecHints]]:
    """The findings the list shows, sorted by file and line over every spec."""
    listed: list[tuple[Finding, SpecHints]] = []
    for spec in report.specs:
        hints = SpecHints(spec)
        listed.extend((f, hints) for f in spec.findings if _is_listed(f, view))
    return sorted(listed, key=lambda pair: _place(pair[0]))


def _is_listed(finding: Finding, view: TextView) -> bool:
    if finding.suppressed or finding.baselined:
        return False
    return view.show_notes or finding.severity != Severity.NOTE


def _place(finding: Finding) -> tuple[str, int, str, str]:
    return (finding.span.file, finding.span.line, finding.code, finding.subject)


def _headline(finding: Finding) -> str:
    return f"{finding.code} {finding.severity.value}: {finding.message}"


def _tally(findings: tuple[Finding, ...], view: TextView) -> str:
    """``findings: 1 error, 4 warnings, 8 notes (notes hidden: --show-notes); ...``."""
    line = f"findings: {severity_counts(findings)}"
    counted = [f for f in findings if not f.suppressed and not f.baselined]
    if not view.show_notes and any(f.severity == Severity.NOTE for f in counted):
        line += " (notes hidden: --show-notes)"
    silenced = silenced_counts(findings)
    if silenced:
        line += f"; not counted: {silenced}"
    return line


def _numbers(summary: Summary) -> str:
    parts = [
        f"coverage {summary.coverage:.1f}%",
        f"{plural(summary.requirements, 'requirement')} ({summary.requirements_covered} covered, "
        f"{summary.requirements_partial} partial, {uncovered(summary)} uncovered)",
        f"{summary.criteria_covered}/{summary.criteria} criteria",
        f"{plural(summary.design_items, 'design item')}, {plural(summary.orphans, 'orphan')}",
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
