"""The plan analysed: which requirements and design items the tasks take up, how far they are,
and the plan's findings. Pure: reads the linked plan and the coverage results, changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spectrace.codes import finding, item_finding, silences
from spectrace.link.plan import LinkedPlan, task_node
from spectrace.link.task_names import BUILDABLE_KINDS
from spectrace.model import (
    CriterionResult,
    Finding,
    ItemResult,
    PlanStatus,
    PlanSummary,
    RequirementPlan,
    RequirementResult,
    Span,
    TaskResult,
    TaskState,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanAnalysis:
    """The coverage results with the plan added, and what the plan alone says."""

    requirements: tuple[RequirementResult, ...]
    """The requirements, each with its ``plan`` and its criteria's ``planned_by``."""
    items: tuple[ItemResult, ...]
    """The design items, each with its ``built_by``."""
    tasks: tuple[TaskResult, ...]
    """Every task, analysed, in document order."""
    summary: PlanSummary
    """The plan's numbers."""
    findings: tuple[Finding, ...]
    """Unplanned requirements and criteria, unbuilt items, dangling citations, untraced tasks."""


def analyze_plan(
    plan: LinkedPlan,
    requirements: Sequence[RequirementResult],
    items: Sequence[ItemResult],
) -> PlanAnalysis:
    """What the task list does for each requirement and design item, and its findings."""
    tasks = _task_results(plan)
    leaves = [result for result in tasks if result.leaf]
    by_target: dict[str, list[TaskResult]] = {}
    for result in leaves:
        for link in result.implements:
            by_target.setdefault(link.target, []).append(result)
    planned = tuple(_with_plan(result, by_target) for result in requirements)
    builders: dict[str, list[str]] = {}
    for result in tasks:
        for ident in result.builds:
            builders.setdefault(ident, []).append(result.task.key)
    built = tuple(replace(r, built_by=tuple(builders.get(r.item.id, ()))) for r in items)
    # A task list in which no task is recognised was not read: it says so (ST706) once, rather
    # than calling every requirement unplanned.
    findings = [
        *plan.findings,
        *(_plan_gaps(planned) if tasks else ()),
        *(_unbuilt(built) if builders else ()),
        *_untraced(leaves),
    ]
    return PlanAnalysis(
        requirements=planned,
        items=built,
        tasks=tasks,
        summary=_summary(plan, tasks, planned, built),
        findings=tuple(_silenced(findings, plan)),
    )


def combine_plans(plans: Sequence[PlanSummary]) -> PlanSummary | None:
    """The sum of the specs' plan numbers; None when no spec has a task list."""
    if not plans:
        return None
    return PlanSummary(
        **{
            name: sum(getattr(plan, name) for plan in plans)
            for name in PlanSummary.__dataclass_fields__
        }
    )


def _task_results(plan: LinkedPlan) -> tuple[TaskResult, ...]:
    children: dict[str, list[str]] = {}
    for task in plan.tasks:
        if task.parent:
            children.setdefault(task.parent, []).append(task.key)
    optional = {task.key: task.optional for task in plan.tasks}
    states: dict[str, TaskState] = {}
    # Subtasks follow their parent in document order: deciding from the last task up sees every
    # subtask's state before its parent's.
    for task in reversed(plan.tasks):
        subtasks = [(states[key], optional[key]) for key in children.get(task.key, ())]
        states[task.key] = _derived(task.state, subtasks)
    return tuple(
        TaskResult(
            task=task,
            state=states[task.key],
            implements=plan.implements[task.key],
            builds=plan.builds[task.key],
            leaf=task.key not in children,
        )
        for task in plan.tasks
    )


def _derived(own: TaskState, subtasks: list[tuple[TaskState, bool]]) -> TaskState:
    """A parent is done when its subtasks are (an open optional one does not hold it back)."""
    counted = [state for state, optional in subtasks if not (optional and state != TaskState.DONE)]
    if not counted:
        return own
    if all(state == TaskState.DONE for state in counted):
        return TaskState.DONE
    if any(state != TaskState.OPEN for state in counted) or own != TaskState.OPEN:
        return TaskState.IN_PROGRESS
    return TaskState.OPEN


def _counts(result: TaskResult) -> bool:
    """An open optional task does not count toward progress: the plan is complete without it."""
    return not (result.task.optional and result.state != TaskState.DONE)


def _with_plan(
    result: RequirementResult, by_target: dict[str, list[TaskResult]]
) -> RequirementResult:
    whole = by_target.get(result.requirement.id, [])
    criteria: list[CriterionResult] = []
    tasks: dict[str, TaskResult] = {t.task.key: t for t in whole}
    for criterion in result.criteria:
        own = [*by_target.get(criterion.criterion.id, []), *whole]
        tasks.update((t.task.key, t) for t in own)
        keys = tuple(dict.fromkeys(t.task.key for t in sorted(own, key=_position)))
        criteria.append(replace(criterion, planned_by=keys))
    planned = sum(1 for c in criteria if c.planned_by)
    if criteria:
        status = (
            PlanStatus.PLANNED
            if planned == len(criteria)
            else PlanStatus.PARTIAL
            if planned
            else PlanStatus.UNPLANNED
        )
    else:
        status = PlanStatus.PLANNED if whole else PlanStatus.UNPLANNED
    ordered = sorted(tasks.values(), key=_position)
    counted = [t for t in ordered if _counts(t)]
    plan = RequirementPlan(
        status=status,
        tasks=tuple(t.task.key for t in ordered),
        done=sum(1 for t in counted if t.state == TaskState.DONE),
        total=len(counted),
    )
    return replace(result, criteria=tuple(criteria), plan=plan)


def _position(result: TaskResult) -> tuple[int, str]:
    return (result.task.span.line, result.task.key)


def _plan_gaps(requirements: Sequence[RequirementResult]) -> list[Finding]:
    findings: list[Finding] = []
    for result in requirements:
        plan = result.plan
        if plan is None:
            continue
        requirement = result.requirement
        if plan.status == PlanStatus.UNPLANNED:
            findings.append(
                finding(
                    "ST701",
                    requirement.span,
                    requirement.id,
                    f"{requirement.label} is not implemented by any task",
                )
            )
        elif plan.status == PlanStatus.PARTIAL:
            findings.extend(
                finding(
                    "ST702",
                    c.criterion.span,
                    c.criterion.id,
                    f"criterion {c.criterion.id} is not implemented by any task",
                )
                for c in result.criteria
                if not c.planned_by
            )
    return findings


def _unbuilt(items: Sequence[ItemResult]) -> list[Finding]:
    return [
        item_finding("ST703", r.item, "is built by no task")
        for r in items
        if r.item.kind in BUILDABLE_KINDS and not r.item.cross_cutting and not r.built_by
    ]


def _untraced(leaves: Sequence[TaskResult]) -> list[Finding]:
    return [
        finding(
            "ST705",
            Span(file=r.task.span.file, line=r.task.span.line),
            r.task.id or r.task.title,
            f"task {_task_label(r)} cites no requirement and names no design item",
            item=task_node(r.task.key),
        )
        for r in leaves
        if not r.implements and not r.builds
    ]


def _task_label(result: TaskResult) -> str:
    task = result.task
    title = task.title if len(task.title) <= 60 else task.title[:59].rstrip() + "…"
    return f"{task.id} ({title})" if task.id else f"({title})"


def _silenced(findings: Sequence[Finding], plan: LinkedPlan) -> list[Finding]:
    """Findings about a task with an ignore comment on the line before it, suppressed."""
    silenced = {task_node(t.key): set(t.suppressed) for t in plan.tasks if t.suppressed}
    result: list[Finding] = []
    for found in findings:
        if silences(silenced.get(found.item, ()), found.code):
            found = replace(found, suppressed=True)
        result.append(found)
    return result


def _summary(
    plan: LinkedPlan,
    tasks: Sequence[TaskResult],
    requirements: Sequence[RequirementResult],
    items: Sequence[ItemResult],
) -> PlanSummary:
    criteria = [c for r in requirements for c in r.criteria]
    bare = [r for r in requirements if not r.criteria]
    leaves = [t for t in tasks if t.leaf and _counts(t)]
    buildable = [r for r in items if r.item.kind in BUILDABLE_KINDS and not r.item.cross_cutting]
    statuses = [r.plan.status for r in requirements if r.plan is not None]
    return PlanSummary(
        tasks=len(tasks),
        work=len(leaves),
        work_done=sum(1 for t in leaves if t.state == TaskState.DONE),
        untraced=sum(1 for t in tasks if t.leaf and not t.implements and not t.builds),
        requirements=len(requirements),
        requirements_planned=statuses.count(PlanStatus.PLANNED),
        requirements_partial=statuses.count(PlanStatus.PARTIAL),
        criteria=len(criteria),
        criteria_planned=sum(1 for c in criteria if c.planned_by),
        units=len(criteria) + len(bare),
        units_planned=sum(1 for c in criteria if c.planned_by)
        + sum(1 for r in bare if r.plan is not None and r.plan.status == PlanStatus.PLANNED),
        design_items=len(buildable),
        design_items_built=sum(1 for r in buildable if r.built_by),
        dangling=len(plan.dangling),
    )
