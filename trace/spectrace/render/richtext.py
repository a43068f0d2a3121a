"""``spectrace report --format text``: rich tables, coloured on a terminal, plain when piped.

``render`` gives the plain tables at a fixed width (the golden files and ``-o`` use it);
``print_report`` draws the same tables on a console, in colour when it is a terminal.
Document text goes in as ``Text`` objects, never as console markup, so ``[bold]`` in a title
stays as written.
"""

from __future__ import annotations

import io
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from spectrace.model import (
    PlanStatus,
    PlanSummary,
    Report,
    RequirementResult,
    SpecReport,
    Status,
    Summary,
    TaskState,
)
from spectrace.render.common import (
    item_names,
    plural,
    printable,
    severity_counts,
    silenced_counts,
    state,
    uncovered,
    where,
)

#: Width of the plain rendering.
WIDTH = 100


class Text(RichText):
    """rich's ``Text`` with control characters replaced: document text never drives the terminal
    (moves the cursor, recolours or retitles it)."""

    def __init__(self, text: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(printable(text), *args, **kwargs)


_STATUS_STYLE = {
    "covered": "green",
    "partial": "yellow",
    "uncovered": "bold red",
    PlanStatus.PLANNED.value: "green",
    PlanStatus.UNPLANNED.value: "bold red",
}
_STATE_STYLE = {TaskState.DONE: "green", TaskState.IN_PROGRESS: "yellow", TaskState.OPEN: ""}
_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def render(report: Report, width: int = WIDTH) -> str:
    """The tables as plain text (no colour, no terminal codes), ``width`` columns wide."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    print_report(report, console)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def print_report(report: Report, console: Console) -> None:
    """Draw the report's tables on a console."""
    console.print(_summary(report))
    for spec in report.specs:
        _print_spec(spec, console)


def _summary(report: Report) -> Table:
    planned = report.plan_total is not None
    caption = "covered, partial, uncovered: requirements; criteria: covered/all"
    if planned:
        caption += "; plan: criteria a task implements; tasks: done/all"
    table = Table(
        title="spectrace: traceability summary",
        caption=caption,
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption_justify="left",
        padding=(0, 1, 0, 0),
        pad_edge=False,
    )
    table.add_column("spec", overflow="fold", min_width=10)
    # Short headings, no item count: the summary must fit an 80-column terminal.
    for name in ("coverage", "covered", "partial", "uncovered", "criteria", "orphans", "dangling"):
        table.add_column(name, justify="right", no_wrap=True)
    if planned:  # only with a task list: a run without one shows the table it always did
        for name in ("plan", "tasks"):
            table.add_column(name, justify="right", no_wrap=True)
    for spec in report.specs:
        plan = _plan_numbers(spec.plan) if planned else []
        table.add_row(Text(spec.name), *_numbers(spec.summary), *plan)
    if len(report.specs) != 1:
        plan = _plan_numbers(report.plan_total) if planned else []
        table.add_row(
            Text(f"total ({plural(len(report.specs), 'spec')})", style="bold"),
            *_numbers(report.total),
            *plan,
        )
    return table


def _plan_numbers(plan: PlanSummary | None) -> list[Text]:
    if plan is None:
        return [Text("-", style="dim"), Text("-", style="dim")]
    return [
        Text(f"{plan.coverage:.1f}%", style="bold"),
        Text(f"{plan.work_done}/{plan.work}"),
    ]


def _numbers(summary: Summary) -> list[Text]:
    return [
        Text(f"{summary.coverage:.1f}%", style="bold"),
        Text(f"{summary.requirements_covered}/{summary.requirements}"),
        Text(str(summary.requirements_partial)),
        Text(str(uncovered(summary)), style="red" if uncovered(summary) else ""),
        Text(f"{summary.criteria_covered}/{summary.criteria}"),
        Text(
            f"{summary.orphans}/{summary.design_items}", style="yellow" if summary.orphans else ""
        ),
        Text(str(summary.dangling), style="red" if summary.dangling else ""),
    ]


def _print_spec(spec: SpecReport, console: Console) -> None:
    console.print()
    console.rule(Text(f"{spec.name}  [links: {spec.links_used}]"), align="left")
    files = (spec.requirements_file, *spec.design_files, *filter(None, [spec.tasks_file]))
    console.print(Text(", ".join(files), style="dim"))
    for note in spec.notes:
        console.print(Text(f"note: {note}", style="italic"))
    console.print(_requirements(spec))
    orphans = _orphans(spec)
    if orphans.row_count:
        console.print(orphans)
    if spec.dangling:
        console.print(_dangling(spec))
    if spec.plan is not None and spec.tasks:
        console.print(_tasks(spec))
    findings = _findings(spec)
    if findings.row_count:
        console.print(findings)


def _requirements(spec: SpecReport) -> Table:
    names = item_names(spec)
    table = Table(title="Requirements and criteria", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("title / criterion", ratio=3, min_width=20)
    table.add_column("covered by", ratio=2, min_width=12)
    planned = spec.plan is not None
    if planned:
        table.add_column("plan", ratio=1, min_width=10)
    # Every row is in the requirements document (named above the table): the line is enough.
    table.add_column("line", justify="right", no_wrap=True)
    for result in spec.requirements:
        requirement = result.requirement
        links = {*result.covered_by, *(link for c in result.criteria for link in c.covered_by)}
        table.add_row(
            Text(requirement.id, style="bold"),
            _status(result.status),
            Text(requirement.title or requirement.text),
            Text(", ".join(sorted({names.get(link.source, link.source) for link in links}))),
            *([_plan(result)] if planned else []),
            Text(str(requirement.span.line), style="dim"),
        )
        for criterion in result.criteria:
            own = {names.get(link.source, link.source) for link in criterion.covered_by}
            tasks = ", ".join(criterion.planned_by) if criterion.planned_by else "no task"
            table.add_row(
                Text(f"  {criterion.criterion.id}"),
                _status(criterion.status),
                Text(criterion.criterion.text),
                Text(", ".join(sorted(own))),
                *([Text(tasks, style="" if criterion.planned_by else "red")] if planned else []),
                Text(str(criterion.criterion.span.line), style="dim"),
            )
    return table


def _plan(result: RequirementResult) -> Text:
    """``planned 3/5 done``: the requirement's plan status and progress."""
    plan = result.plan
    if plan is None:
        return Text("")
    return Text(plan.chain, style=_STATUS_STYLE.get(plan.status.value, ""))


def _tasks(spec: SpecReport) -> Table:
    names = item_names(spec)
    table = Table(title=f"Tasks ({spec.tasks_file})", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("task", no_wrap=True)
    table.add_column("state", no_wrap=True)
    table.add_column("title", ratio=3, min_width=20)
    table.add_column("implements", ratio=1, min_width=8)
    table.add_column("builds", ratio=2, min_width=8)
    table.add_column("line", justify="right", no_wrap=True)
    for result in spec.tasks:
        task = result.task
        depth = task.key.count(".") if task.id and task.id[:1].isdigit() else 0
        state = result.state.value + (" (optional)" if task.optional else "")
        targets = sorted({link.target for link in result.implements})
        table.add_row(
            Text("  " * depth + (task.id or "-"), style="" if result.leaf else "bold"),
            Text(state, style=_STATE_STYLE[result.state]),
            Text(task.title),
            Text(", ".join(targets), style="" if targets else "dim"),
            Text(", ".join(sorted(names.get(i, i) for i in result.builds))),
            Text(str(task.span.line), style="dim"),
        )
    return table


def _status(status: Status) -> Text:
    return Text(status.value, style=_STATUS_STYLE[status.value])


def _orphans(spec: SpecReport) -> Table:
    silenced = {f.item: state(f) for f in spec.findings if f.code == "ST301" and f.item}
    table = Table(
        title="Orphans (trace to no requirement)", box=box.SIMPLE_HEAD, title_justify="left"
    )
    for name in ("kind", "item", "state", "where"):
        table.add_column(name)
    for result in spec.items:
        if result.orphan:
            item = result.item
            table.add_row(
                Text(item.kind.value),
                Text(item.name, style="yellow"),
                Text(silenced.get(item.id, "")),
                Text(where(item.span), style="dim"),
            )
    return table


def _dangling(spec: SpecReport) -> Table:
    table = Table(title="Dangling references", box=box.SIMPLE_HEAD, title_justify="left")
    for name in ("reference", "written as", "where"):
        table.add_column(name)
    for ref in spec.dangling:
        table.add_row(
            Text(ref.target, style="red"), Text(ref.text), Text(where(ref.span), style="dim")
        )
    return table


def _findings(spec: SpecReport) -> Table:
    title = f"Findings: {severity_counts(spec.findings)}"
    silenced = silenced_counts(spec.findings)
    if silenced:
        title += f" ({silenced})"
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    for name in ("where", "code", "severity", "message"):
        table.add_column(name, no_wrap=name in ("where", "code"))
    for finding in spec.findings:
        level = finding.severity.value
        marker = state(finding)
        table.add_row(
            Text(where(finding.span), style="dim"),
            Text(finding.code),
            Text(
                f"{level} ({marker})" if marker else level,
                style="dim" if marker else _SEVERITY_STYLE[level],
            ),
            Text(finding.message),
        )
    return table
