"""Graph to report: coverage, gaps, orphans and findings. Pure: reads the graph, changes nothing."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import networkx as nx

from spectrace.codes import finding, item_finding, silences
from spectrace.link.derived import TRACE_EDGES
from spectrace.link.graph import COVERS, criterion_node, requirement_node
from spectrace.link.probable import Probable
from spectrace.link.spec import LinkedSpec
from spectrace.link.suggest import suggest
from spectrace.model import (
    TRACEABLE_KINDS,
    CriterionResult,
    DesignItem,
    Finding,
    ItemResult,
    Link,
    Report,
    Requirement,
    RequirementResult,
    SpecReport,
    Status,
    Summary,
)
from spectrace.planning import analyze_plan, combine_plans


def analyze(linked: LinkedSpec, *, suggestions: bool = True) -> SpecReport:
    """Coverage of every requirement and criterion, orphans, and every finding of one spec;
    with ``suggestions``, the candidates for its gaps and orphans."""
    graph = linked.graph
    requirements = tuple(
        _requirement_result(graph, requirement) for requirement in _first_of_each(linked)
    )
    covers: dict[str, list[Link]] = {}
    for source, _target, data in graph.edges(data=True):
        if data["type"] == COVERS:
            covers.setdefault(source, []).append(data["link"])
    position = {item.id: (item.span.file, item.span.line) for item in linked.items}
    traced = _traced(graph, covers, position)
    traced.update(_holding(linked.items, covers, traced))
    items = tuple(
        ItemResult(
            item=item,
            covers=tuple(sorted(covers.get(item.id, ()), key=_link_order)),
            orphan=_is_orphan(item, covers, traced) and item.id not in linked.probable,
            traced_via=traced.get(item.id, ""),
        )
        for item in linked.items
    )
    findings = [
        *linked.findings,
        *_duplicate_findings(linked.parsed.requirements),
        *_gap_findings(requirements),
        *_orphan_findings(items),
        *_unreferenced_findings(items, linked.probable),
    ]
    plan = analyze_plan(linked.plan, requirements, items) if linked.plan else None
    if plan is not None:  # the task list: what it implements and builds (planning.py)
        requirements, items, findings = plan.requirements, plan.items, [*findings, *plan.findings]
    findings = _apply_inline_suppressions(findings, linked.items)
    return SpecReport(
        name=linked.parsed.name,
        requirements_file=linked.parsed.requirements_file,
        design_files=linked.parsed.design_files,
        links_mode=linked.mode.value,
        links_used=linked.used,
        requirements=requirements,
        items=items,
        dangling=linked.dangling,
        findings=tuple(sorted(findings, key=finding_order)),
        summary=_summary(requirements, items, len(linked.dangling)),
        derived=linked.derived,
        suggestions=(
            suggest(linked, _gaps(requirements), {i.item.id for i in items if i.orphan})
            if suggestions
            else ()
        ),
        notes=linked.notes,
        tasks_file=linked.plan.tasks_file if linked.plan else "",
        tasks=plan.tasks if plan else (),
        plan=plan.summary if plan else None,
    )


def _gaps(requirements: Sequence[RequirementResult]) -> set[str]:
    """Uncovered criteria, and requirements not fully covered: what suggestions are for."""
    gaps = {r.requirement.id for r in requirements if r.status != Status.COVERED}
    gaps.update(
        c.criterion.id for r in requirements for c in r.criteria if c.status == Status.UNCOVERED
    )
    return gaps


def combine(specs: Sequence[SpecReport]) -> Report:
    """A run's report: the specs sorted by name and their summed numbers."""
    ordered = tuple(sorted(specs, key=lambda s: (s.name, s.requirements_file)))
    total = Summary(
        **{
            name: sum(getattr(spec.summary, name) for spec in ordered)
            for name in Summary.__dataclass_fields__
        }
    )
    plans = [spec.plan for spec in ordered if spec.plan is not None]
    return Report(specs=ordered, total=total, plan_total=combine_plans(plans))


def finding_order(finding: Finding) -> tuple[str, int, str, str]:
    """Findings sort by file, line, code and subject."""
    return (finding.span.file, finding.span.line, finding.code, finding.subject)


def _link_order(link: Link) -> tuple[str, str, str]:
    return (link.target, link.origin.value, link.source)


def _first_of_each(linked: LinkedSpec) -> Iterable[Requirement]:
    """Requirements in document order; a duplicate id is reported once and traced as the first,
    which takes the criteria only a later one has (a repeated heading loses no criterion)."""
    first: dict[str, Requirement] = {}
    for requirement in linked.parsed.requirements:
        known = first.setdefault(requirement.id, requirement)
        ids = {criterion.id for criterion in known.criteria}
        extra = tuple(c for c in requirement.criteria if c.id not in ids)
        if extra:
            first[requirement.id] = replace(known, criteria=known.criteria + extra)
    return first.values()


def _incoming_links(graph: nx.DiGraph, node: str) -> tuple[Link, ...]:
    if node not in graph:
        return ()
    found = [
        data["link"]
        for _source, _target, data in graph.in_edges(node, data=True)
        if data["type"] == COVERS
    ]
    return tuple(sorted(found, key=_link_order))


def _requirement_result(graph: nx.DiGraph, requirement: Requirement) -> RequirementResult:
    direct = _incoming_links(graph, requirement_node(requirement.id))
    criteria: list[CriterionResult] = []
    seen: set[str] = set()
    for criterion in requirement.criteria:
        if criterion.id in seen:
            continue
        seen.add(criterion.id)
        own = _incoming_links(graph, criterion_node(criterion.id))
        covered_by = own + direct
        criteria.append(
            CriterionResult(
                criterion=criterion,
                status=Status.COVERED if covered_by else Status.UNCOVERED,
                covered_by=covered_by,
            )
        )
    if criteria:
        covered = sum(1 for c in criteria if c.status == Status.COVERED)
        status = (
            Status.COVERED
            if covered == len(criteria)
            else Status.PARTIAL
            if covered
            else Status.UNCOVERED
        )
    else:
        status = Status.COVERED if direct else Status.UNCOVERED
    return RequirementResult(
        requirement=requirement, status=status, covered_by=direct, criteria=tuple(criteria)
    )


def _traced(
    graph: nx.DiGraph, covers: dict[str, list[Link]], position: dict[str, tuple[str, int]]
) -> dict[str, str]:
    """Items reached from a linked item along downstream design edges: item -> the linked one.

    Linked items are walked in document order, so an item reached from several is credited to
    the one a reader meets first.
    """
    reached: dict[str, str] = {}
    starts = sorted(covers, key=lambda source: (position.get(source, ("", 0)), source))
    queue: deque[tuple[str, str]] = deque((source, source) for source in starts)
    visited = set(covers)
    while queue:
        node, origin = queue.popleft()
        for _source, target, data in sorted(graph.out_edges(node, data=True)):
            if data["type"] in TRACE_EDGES and target not in visited:
                visited.add(target)
                reached[target] = origin
                queue.append((target, origin))
    return reached


def _holding(
    items: Sequence[DesignItem], covers: dict[str, list[Link]], traced: dict[str, str]
) -> dict[str, str]:
    """Containers that no link reaches but that hold an item one does (a part whose interfaces
    serve a requirement serves it too): container -> the first such item in document order."""
    parents = {item.id: item.parent for item in items if item.parent}
    held: dict[str, str] = {}
    for item in sorted(items, key=lambda i: (i.span.file, i.span.line, i.id)):
        if item.id not in covers and item.id not in traced:
            continue
        parent = parents.get(item.id, "")
        while parent and parent not in covers and parent not in traced and parent not in held:
            held[parent] = item.id
            parent = parents.get(parent, "")
    return held


def _is_orphan(item: DesignItem, covers: dict[str, list[Link]], traced: dict[str, str]) -> bool:
    return (
        item.kind in TRACEABLE_KINDS
        and not item.cross_cutting
        and item.id not in covers
        and item.id not in traced
    )


def _duplicate_findings(requirements: Sequence[Requirement]) -> list[Finding]:
    findings: list[Finding] = []
    requirement_ids = Counter(r.id for r in requirements)
    reported: set[str] = set()
    for requirement in requirements:
        if requirement_ids[requirement.id] > 1 and requirement.id in reported:
            findings.append(
                finding(
                    "ST102",
                    requirement.span,
                    requirement.id,
                    f"requirement id {requirement.id} is used more than once",
                )
            )
        reported.add(requirement.id)
    criterion_ids = Counter(c.id for r in requirements for c in r.criteria)
    reported = set()
    for requirement in requirements:
        for criterion in requirement.criteria:
            if criterion_ids[criterion.id] > 1 and criterion.id in reported:
                if requirement_ids[requirement.id] > 1:
                    continue  # the whole requirement is a duplicate: said once, above
                findings.append(
                    finding(
                        "ST103",
                        criterion.span,
                        criterion.id,
                        f"criterion id {criterion.id} is used more than once",
                    )
                )
            reported.add(criterion.id)
    return findings


def _gap_findings(requirements: Sequence[RequirementResult]) -> list[Finding]:
    findings: list[Finding] = []
    for result in requirements:
        requirement = result.requirement
        label = requirement.label
        missing = [c for c in result.criteria if c.status == Status.UNCOVERED]
        if result.status == Status.UNCOVERED:
            findings.append(
                finding(
                    "ST201",
                    requirement.span,
                    requirement.id,
                    f"{label} is not covered by the design",
                )
            )
        elif result.status == Status.PARTIAL:
            findings.append(
                finding(
                    "ST202",
                    requirement.span,
                    requirement.id,
                    f"{label} is partly covered: {len(missing)} of {len(result.criteria)} "
                    f"criteria uncovered ({', '.join(c.criterion.id for c in missing)})",
                )
            )
        for criterion in missing:
            findings.append(
                finding(
                    "ST203",
                    criterion.criterion.span,
                    criterion.criterion.id,
                    f"criterion {criterion.criterion.id} is not covered by the design",
                )
            )
    return findings


def _orphan_findings(items: Sequence[ItemResult]) -> list[Finding]:
    return [
        item_finding("ST301", result.item, "traces to no requirement")
        for result in items
        if result.orphan
    ]


def _unreferenced_findings(
    items: Sequence[ItemResult], probable: Mapping[str, Probable]
) -> list[Finding]:
    findings: list[Finding] = []
    for result in items:
        reason = probable.get(result.item.id)
        if reason is None or result.covers or result.traced_via or result.item.cross_cutting:
            continue
        item = result.item
        evidence = ", ".join(reason.evidence)
        if reason.task:
            why = f"task {reason.task} builds it for {reason.target}"
        elif reason.target and reason.score:
            why = f"probably serves {reason.target} ({reason.score:.2f}: {evidence})"
        elif reason.target:
            why = f"shares words with {reason.target} ({evidence}): check what it serves"
        else:
            why = "its words are in another language than the requirements: check it by hand"
        findings.append(item_finding("ST302", item, f"has no reference; {why}"))
    return findings


def _apply_inline_suppressions(
    findings: Sequence[Finding], items: Sequence[DesignItem]
) -> list[Finding]:
    silenced = {item.id: set(item.suppressed) for item in items if item.suppressed}
    result: list[Finding] = []
    for found in findings:
        if silences(silenced.get(found.item, ()), found.code):
            found = replace(found, suppressed=True)
        result.append(found)
    return result


def _summary(
    requirements: Sequence[RequirementResult], items: Sequence[ItemResult], dangling: int
) -> Summary:
    criteria = [c for r in requirements for c in r.criteria]
    bare = [r for r in requirements if not r.criteria]
    traceable = [i for i in items if i.item.kind in TRACEABLE_KINDS]
    return Summary(
        requirements=len(requirements),
        requirements_covered=sum(1 for r in requirements if r.status == Status.COVERED),
        requirements_partial=sum(1 for r in requirements if r.status == Status.PARTIAL),
        criteria=len(criteria),
        criteria_covered=sum(1 for c in criteria if c.status == Status.COVERED),
        design_items=len(traceable),
        orphans=sum(1 for i in items if i.orphan),
        dangling=dangling,
        units=len(criteria) + len(bare),
        units_covered=sum(1 for c in criteria if c.status == Status.COVERED)
        + sum(1 for r in bare if r.status == Status.COVERED),
    )
