"""The JSON report: everything spectrace knows, versioned, keys sorted (docs/report.schema.json)."""

from __future__ import annotations

from typing import Any

from spectrace import jsontext
from spectrace.codes import CODES
from spectrace.model import (
    CriterionResult,
    DesignItem,
    ItemResult,
    Link,
    PlanSummary,
    Report,
    RequirementResult,
    SpecReport,
    Summary,
    TaskResult,
)

#: Bumped when a key changes meaning or disappears, or an enumerated key gains a value (new keys
#: do not bump it). 2: the item kind ``statement`` and the task list's keys.
FORMAT_VERSION = 2


def render(report: Report) -> str:
    """The report as JSON text."""
    return jsontext.dumps(to_data(report))


def to_data(report: Report) -> dict[str, Any]:
    """The report as plain data (the plan's keys only when a spec has a task list)."""
    data: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "specs": [_spec(spec) for spec in report.specs],
        "total": summary_data(report.total),
    }
    if report.plan_total is not None:
        data["plan"] = plan_data(report.plan_total)
    return data


def plan_data(plan: PlanSummary) -> dict[str, Any]:
    """The plan's numbers of a spec or a run."""
    return {
        "tasks": plan.tasks,
        "work": plan.work,
        "work_done": plan.work_done,
        "progress": plan.progress,
        "untraced": plan.untraced,
        "requirements": plan.requirements,
        "requirements_planned": plan.requirements_planned,
        "requirements_partial": plan.requirements_partial,
        "criteria": plan.criteria,
        "criteria_planned": plan.criteria_planned,
        "units": plan.units,
        "units_planned": plan.units_planned,
        "coverage": plan.coverage,
        "design_items": plan.design_items,
        "design_items_built": plan.design_items_built,
        "dangling": plan.dangling,
    }


def summary_data(summary: Summary) -> dict[str, Any]:
    """The numbers of a spec or a run."""
    return {
        "requirements": summary.requirements,
        "requirements_covered": summary.requirements_covered,
        "requirements_partial": summary.requirements_partial,
        "criteria": summary.criteria,
        "criteria_covered": summary.criteria_covered,
        "design_items": summary.design_items,
        "orphans": summary.orphans,
        "dangling": summary.dangling,
        "units": summary.units,
        "units_covered": summary.units_covered,
        "coverage": summary.coverage,
    }


def _spec(spec: SpecReport) -> dict[str, Any]:
    names = {result.item.id: result.item.name for result in spec.items}
    data = _spec_core(spec, names)
    if spec.plan is not None:
        data["tasks_file"] = spec.tasks_file
        data["plan"] = plan_data(spec.plan)
        data["tasks"] = [_task(result, names) for result in spec.tasks]
    return data


def _task(result: TaskResult, names: dict[str, str]) -> dict[str, Any]:
    task = result.task
    return {
        "key": task.key,
        "id": task.id,
        "title": task.title,
        "text": task.text,
        "state": result.state.value,
        "written_state": task.state.value,
        "optional": task.optional,
        "parallel": task.parallel,
        "labels": list(task.labels),
        "parent": task.parent,
        "leaf": result.leaf,
        "section": task.section,
        "file": task.span.file,
        "line": task.span.line,
        "end_line": task.span.last,
        "implements": [link_data(link) for link in result.implements],
        "builds": [{"item": ident, "name": names.get(ident, ident)} for ident in result.builds],
        "mentions": [{"kind": m.kind.value, "text": m.text, "line": m.line} for m in task.mentions],
    }


def _spec_core(spec: SpecReport, names: dict[str, str]) -> dict[str, Any]:
    return {
        "name": spec.name,
        "requirements_file": spec.requirements_file,
        "design_file": spec.design_files[0] if spec.design_files else "",
        "design_files": list(spec.design_files),
        "links": spec.links_used,
        "links_mode": spec.links_mode,
        "notes": list(spec.notes),
        "summary": summary_data(spec.summary),
        "requirements": [_requirement(r, names) for r in spec.requirements],
        "design_items": [_item(i, planned=spec.plan is not None) for i in spec.items],
        "derived": [{"source": s, "target": t, "relation": r} for s, t, r in spec.derived],
        "dangling": [
            {"ref": ref.target, "text": ref.text, "file": ref.span.file, "line": ref.span.line}
            for ref in spec.dangling
        ],
        "suggestions": [
            {
                "item": s.item,
                "name": names.get(s.item, s.item),
                "target": s.target,
                "score": s.score,
                "evidence": list(s.evidence),
            }
            for s in spec.suggestions
        ],
        "findings": [
            {
                "code": f.code,
                "name": CODES[f.code].name,
                "severity": f.severity.value,
                "message": f.message,
                "file": f.span.file,
                "line": f.span.line,
                "subject": f.subject,
                "suppressed": f.suppressed,
            }
            for f in spec.findings
        ],
    }


def _requirement(result: RequirementResult, names: dict[str, str]) -> dict[str, Any]:
    requirement = result.requirement
    data: dict[str, Any] = {
        "id": requirement.id,
        "title": requirement.title,
        "text": requirement.text,
        "kind": requirement.kind.value,
        "aliases": list(requirement.aliases),
        "status": result.status.value,
        "file": requirement.span.file,
        "line": requirement.span.line,
        "story": None
        if requirement.story is None
        else {
            "role": requirement.story.role,
            "want": requirement.story.want,
            "benefit": requirement.story.benefit,
        },
        "covered_by": [_covered_by(link, names) for link in result.covered_by],
        "criteria": [
            _criterion(c, names, planned=result.plan is not None) for c in result.criteria
        ],
    }
    if result.plan is not None:
        data["plan"] = {
            "status": result.plan.status.value,
            "tasks": list(result.plan.tasks),
            "done": result.plan.done,
            "total": result.plan.total,
            "chain": f"design: {result.status.value} | plan: {result.plan.chain}",
        }
    return data


def _criterion(result: CriterionResult, names: dict[str, str], *, planned: bool) -> dict[str, Any]:
    criterion = result.criterion
    data: dict[str, Any] = {
        "id": criterion.id,
        "text": criterion.text,
        "ears": criterion.ears.value,
        "status": result.status.value,
        "file": criterion.span.file,
        "line": criterion.span.line,
        "covered_by": [_covered_by(link, names) for link in result.covered_by],
    }
    if planned:
        data["planned_by"] = list(result.planned_by)
    return data


def _covered_by(link: Link, names: dict[str, str]) -> dict[str, Any]:
    data = link_data(link)
    data["item"] = link.source
    data["name"] = names.get(link.source, link.source)
    return data


def link_data(link: Link) -> dict[str, Any]:
    """A link's origin, target and where it is written (or its score and evidence)."""
    data: dict[str, Any] = {"origin": link.origin.value, "target": link.target}
    if link.span is not None:
        data["file"] = link.span.file
        data["line"] = link.span.line
    if link.origin.value == "inferred":
        data["score"] = link.score
        data["evidence"] = list(link.evidence)
    return data


def _item(result: ItemResult, *, planned: bool) -> dict[str, Any]:
    item: DesignItem = result.item
    data: dict[str, Any] = {
        "id": item.id,
        "kind": item.kind.value,
        "name": item.name,
        "file": item.span.file,
        "line": item.span.line,
        "section": item.section,
        "parent": item.parent,
        "cross_cutting": item.cross_cutting,
        "locations": [{"file": s.file, "line": s.line} for s in item.locations],
        "covers": [link_data(link) for link in result.covers],
        "orphan": result.orphan,
        "traced_via": result.traced_via,
    }
    if planned:
        data["built_by"] = list(result.built_by)
    return data
