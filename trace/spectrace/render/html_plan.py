"""The HTML report's plan parts: progress bars, plan gaps and the tasks table (with a task list)."""

from __future__ import annotations

from html import escape

from spectrace.model import PlanStatus, RequirementResult, SpecReport
from spectrace.render.common import requirement_label, where

#: The plan's styles, added to the page only when a spec has a task list (a page without one is
#: byte for byte what it was).
PLAN_STYLE = """
td.plan.planned { color: var(--ok); } td.plan.partial { color: var(--part); }
td.plan.unplanned { color: var(--bad); font-weight: 600; }
td.plan progress { width: 70px; vertical-align: middle; }
td.tasks { font-size: 11px; color: var(--dim); white-space: nowrap; }
td.state.done { color: var(--ok); } td.state.in-progress { color: var(--part); }
tr.task.parent td { font-weight: 600; }
"""


def progress_cell(result: RequirementResult) -> str:
    """A requirement's plan: its status, a progress bar over its tasks, ``3/5 done``."""
    plan = result.plan
    if plan is None:
        return "<td></td>"
    status = plan.status.value
    if plan.status == PlanStatus.UNPLANNED:
        return f'<td class="plan {status}" data-sort="-1">{escape(status)}</td>'
    share = plan.done / plan.total if plan.total else 0.0
    tasks = ", ".join(plan.tasks)
    return (
        f'<td class="plan {status}" data-sort="{share:.3f}" title="tasks: {escape(tasks)}">'
        f"{escape(status)} "
        f'<progress value="{plan.done}" max="{max(plan.total, 1)}"></progress> '
        f"{plan.done}/{plan.total} done</td>"
    )


def plan_gaps(spec: SpecReport) -> str:
    """Requirements the task list leaves out or takes up in part, with the criteria it misses."""
    rows = []
    for result in spec.requirements:
        plan = result.plan
        if plan is None or plan.status == PlanStatus.PLANNED:
            continue
        missing = "".join(
            f"<li><b>{escape(c.criterion.id)}</b> {escape(c.criterion.text)} "
            f'<span class="where">{escape(where(c.criterion.span))}</span></li>'
            for c in result.criteria
            if not c.planned_by
        )
        rows.append(
            f"<tr><td>{escape(requirement_label(result.requirement))}</td>"
            f'<td class="plan {escape(plan.status.value)}">{escape(plan.chain)}</td>'
            f"<td><ul>{missing}</ul></td>"
            f"<td>{escape(where(result.requirement.span))}</td></tr>"
        )
    if not rows:
        return ""
    return _table(
        "Plan gaps", ("requirement", "plan", "criteria no task implements", "where"), rows
    )


def tasks_table(spec: SpecReport, names: dict[str, str]) -> str:
    """Every task: id, state, title, what it implements and builds, where."""
    if spec.plan is None or not spec.tasks:
        return ""
    rows = []
    for result in spec.tasks:
        task = result.task
        state = result.state.value + (" (optional)" if task.optional else "")
        targets = sorted({link.target for link in result.implements})
        built = sorted(names.get(ident, ident) for ident in result.builds)
        css = "task" if result.leaf else "task parent"
        rows.append(
            f'<tr class="{css}" data-search="{escape(task.text)}">'
            f"<td>{escape(task.id or '-')}</td>"
            f'<td class="state {escape(result.state.value)}">{escape(state)}</td>'
            f"<td>{escape(task.title)}</td><td>{escape(', '.join(targets))}</td>"
            f"<td>{escape(', '.join(built))}</td><td>{escape(where(task.span))}</td></tr>"
        )
    return _table("Tasks", ("task", "state", "title", "implements", "builds", "where"), rows)


def index_plan_cells(spec: SpecReport) -> str:
    """The plan columns of the spec index: plan coverage and tasks done."""
    plan = spec.plan
    if plan is None:
        return '<td data-sort="-1">-</td><td data-sort="-1">-</td>'
    return (
        f'<td data-sort="{plan.coverage}">{plan.coverage:.1f}%</td>'
        f'<td data-sort="{plan.progress}">{plan.work_done}/{plan.work}</td>'
    )


def _table(title: str, header: tuple[str, ...], rows: list[str]) -> str:
    heads = "".join(f"<th>{escape(h)}</th>" for h in header)
    return (
        f"<h3>{escape(title)} <small>({len(rows)})</small></h3>"
        f'<table class="sortable filterable"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
