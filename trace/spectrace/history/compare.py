"""Two reports of the same specs compared: the ``Changes`` from one state to the other.

Specs are matched by folder (from the repository's root), requirements and criteria by id, design
items by id; wording is compared through fingerprints (markup and whitespace do not count).
Pure: two reports in, one ``Changes`` out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from spectrace.baseline import spec_key
from spectrace.fingerprint import criterion_fingerprint, requirement_fingerprint
from spectrace.history.changes import (
    Change,
    Changes,
    GapChange,
    LostCover,
    OrphanChange,
    RequirementChange,
    SpecChanges,
)
from spectrace.model import ItemResult, Link, Report, RequirementResult, SpecReport, Status


def compare(before: Report, after: Report, root: Path, *, base: str, head: str) -> Changes:
    """The changes from ``before`` to ``after``; specs are matched by folder from ``root``."""
    old = {spec_key(spec, root): spec for spec in before.specs}
    new = {spec_key(spec, root): spec for spec in after.specs}
    specs = tuple(
        _spec_changes(folder, old.get(folder), new.get(folder)) for folder in sorted({*old, *new})
    )
    return Changes(base=base, head=head, specs=specs, before=before.total, after=after.total)


def _spec_changes(folder: str, old: SpecReport | None, new: SpecReport | None) -> SpecChanges:
    shown = new if new is not None else old
    assert shown is not None
    old_requirements = _requirements(old)
    new_requirements = _requirements(new)
    old_items, new_items = _items(old), _items(new)
    new_gaps, resolved_gaps = _gaps(old_requirements, new_requirements)
    new_gaps = tuple(_explained(gap, old_requirements, old_items, new_items) for gap in new_gaps)
    new_orphans, resolved_orphans = _orphans(old_items, new_items)
    return SpecChanges(
        folder=folder,
        name=shown.name,
        before=old.summary if old is not None else None,
        after=new.summary if new is not None else None,
        requirements=_requirement_changes(old_requirements, new_requirements),
        new_gaps=new_gaps,
        resolved_gaps=resolved_gaps,
        new_orphans=new_orphans,
        resolved_orphans=resolved_orphans,
    )


def _requirements(spec: SpecReport | None) -> dict[str, RequirementResult]:
    """Requirements by id in document order (a duplicated id counts as its first)."""
    found: dict[str, RequirementResult] = {}
    for result in spec.requirements if spec is not None else ():
        found.setdefault(result.requirement.id, result)
    return found


def _requirement_changes(
    old: dict[str, RequirementResult], new: dict[str, RequirementResult]
) -> tuple[RequirementChange, ...]:
    changes: list[RequirementChange] = []
    for ident, result in new.items():
        requirement = result.requirement
        if ident not in old:
            changes.append(
                RequirementChange(
                    id=ident, title=requirement.title, change=Change.ADDED, span=requirement.span
                )
            )
            continue
        previous = old[ident]
        before = {c.criterion.id: criterion_fingerprint(c.criterion) for c in previous.criteria}
        after = {c.criterion.id: criterion_fingerprint(c.criterion) for c in result.criteria}
        reworded = requirement_fingerprint(previous.requirement) != requirement_fingerprint(
            requirement
        )
        added = tuple(c for c in after if c not in before)
        removed = tuple(c for c in before if c not in after)
        changed = tuple(c for c in after if c in before and before[c] != after[c])
        if reworded or added or removed or changed:
            changes.append(
                RequirementChange(
                    id=ident,
                    title=requirement.title,
                    change=Change.REWORDED,
                    span=requirement.span,
                    text_reworded=reworded,
                    criteria_added=added,
                    criteria_removed=removed,
                    criteria_reworded=changed,
                )
            )
    changes.extend(
        RequirementChange(
            id=ident,
            title=result.requirement.title,
            change=Change.REMOVED,
            span=result.requirement.span,
        )
        for ident, result in old.items()
        if ident not in new
    )
    return tuple(changes)


def _uncovered(result: RequirementResult) -> set[str]:
    """The units of a requirement that no design item covers."""
    if not result.criteria:
        return {result.requirement.id} if result.status == Status.UNCOVERED else set()
    return {c.criterion.id for c in result.criteria if c.status == Status.UNCOVERED}


def _gaps(
    old: dict[str, RequirementResult], new: dict[str, RequirementResult]
) -> tuple[tuple[GapChange, ...], tuple[GapChange, ...]]:
    """New gaps (in the new document's order) and resolved ones (in the old one's)."""
    new_gaps = tuple(
        _gap(ident, other, result, units) for ident, result, other, units in _only_in(new, old)
    )
    resolved = tuple(
        _gap(ident, result, other, units) for ident, result, other, units in _only_in(old, new)
    )
    return new_gaps, resolved


def _only_in(
    these: dict[str, RequirementResult], others: dict[str, RequirementResult]
) -> Iterator[tuple[str, RequirementResult, RequirementResult | None, list[str]]]:
    """Each requirement of ``these`` with the units uncovered in it and not in ``others`` (in
    document order): the requirement, its counterpart in ``others`` (None: absent), the units."""
    for ident, result in these.items():
        other = others.get(ident)
        elsewhere = _uncovered(other) if other is not None else set()
        units = [u for u in _unit_order(result) if u in _uncovered(result) - elsewhere]
        if units:
            yield ident, result, other, units


def _unit_order(result: RequirementResult) -> list[str]:
    return [c.criterion.id for c in result.criteria] or [result.requirement.id]


def _gap(
    ident: str,
    before: RequirementResult | None,
    after: RequirementResult | None,
    units: list[str],
) -> GapChange:
    shown = after if after is not None else before
    assert shown is not None
    return GapChange(
        id=ident,
        title=shown.requirement.title,
        before=before.status if before is not None else None,
        after=after.status if after is not None else None,
        units=tuple(units),
        span=shown.requirement.span,
    )


def _explained(
    gap: GapChange,
    old: dict[str, RequirementResult],
    before: dict[str, ItemResult],
    after: dict[str, ItemResult],
) -> GapChange:
    """The gap with the links that covered its newly uncovered units before."""
    previous = old.get(gap.id)
    if previous is None:
        return gap
    links: dict[str, tuple[Link, ...]] = {c.criterion.id: c.covered_by for c in previous.criteria}
    links.setdefault(previous.requirement.id, previous.covered_by)
    lost = []
    for unit in gap.units:
        for link in sorted(links.get(unit, ()), key=lambda link: (-link.score, link.source)):
            item = before.get(link.source)
            if item is None:
                continue  # not among the report's items: nothing to name
            lost.append(
                LostCover(
                    unit=unit,
                    item=link.source,
                    kind=item.item.kind.value,
                    name=item.item.name,
                    origin=link.origin.value,
                    score=link.score,
                    removed=link.source not in after,
                )
            )
    return replace(gap, lost=tuple(lost))


def _orphans(
    before: dict[str, ItemResult], after: dict[str, ItemResult]
) -> tuple[tuple[OrphanChange, ...], tuple[OrphanChange, ...]]:
    was = {ident for ident, result in before.items() if result.orphan}
    now = {ident for ident, result in after.items() if result.orphan}
    new_orphans = tuple(_orphan(after[ident], removed=False) for ident in sorted(now - was))
    resolved = tuple(
        _orphan(before[ident], removed=ident not in after) for ident in sorted(was - now)
    )
    return new_orphans, resolved


def _items(spec: SpecReport | None) -> dict[str, ItemResult]:
    results: Iterable[ItemResult] = spec.items if spec is not None else ()
    return {result.item.id: result for result in results}


def _orphan(result: ItemResult, *, removed: bool) -> OrphanChange:
    item = result.item
    return OrphanChange(
        item=item.id, kind=item.kind.value, name=item.name, removed=removed, span=item.span
    )
