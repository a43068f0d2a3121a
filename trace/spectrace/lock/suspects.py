"""Suspect links: a design item still linked to a requirement or criterion whose words changed
since the lock recorded them (ST601). Pure: reads a report and a lock, adds findings."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import replace
from pathlib import Path

from spectrace.analyze import finding_order
from spectrace.baseline import spec_key
from spectrace.codes import finding, silences
from spectrace.fingerprint import criterion_fingerprint, requirement_fingerprint
from spectrace.lock.entries import Lock, LockedSpec
from spectrace.model import DesignItem, Finding, Link, Report, SpecReport

#: The finding code of a suspect link.
SUSPECT = "ST601"


def with_suspects(
    report: Report, lock: Lock, root: Path, specs: Collection[str] | None = None
) -> Report:
    """The report with the suspect links of every spec the lock holds; ``root`` is the lock
    file's folder, ``specs`` (requirements documents) limits which specs this lock is for."""
    changed: list[SpecReport] = []
    for spec in report.specs:
        locked = lock.spec(spec_key(spec, root))
        if locked is None or (specs is not None and spec.requirements_file not in specs):
            changed.append(spec)
            continue
        found = suspect_findings(spec, locked)
        findings = tuple(sorted((*spec.findings, *found), key=finding_order))
        changed.append(replace(spec, findings=findings) if found else spec)
    return replace(report, specs=tuple(changed))


def suspect_findings(spec: SpecReport, locked: LockedSpec) -> tuple[Finding, ...]:
    """One finding per link that counts now, was there when the lock was written, and leads to a
    requirement or criterion whose fingerprint has changed since."""
    entries = locked.by_id()
    items = {result.item.id: result.item for result in spec.items}
    findings: list[Finding] = []
    for target, label, text, links in _targets(spec):
        entry = entries.get(target)
        if entry is None or entry.text == text:
            continue
        for source in sorted({link.source for link in links} & set(entry.items)):
            item = items.get(source)
            if item is not None:
                findings.append(_finding(item, target, label))
    return tuple(findings)


def _targets(spec: SpecReport) -> Iterator[tuple[str, str, str, tuple[Link, ...]]]:
    """Each requirement and criterion: id, label, fingerprint now, links that cover it."""
    seen: set[str] = set()
    for result in spec.requirements:
        requirement = result.requirement
        if requirement.id not in seen:
            seen.add(requirement.id)
            yield (
                requirement.id,
                requirement.label,
                requirement_fingerprint(requirement),
                result.covered_by,
            )
        for criterion in result.criteria:
            if criterion.criterion.id not in seen:
                seen.add(criterion.criterion.id)
                yield (
                    criterion.criterion.id,
                    f"criterion {criterion.criterion.id}",
                    criterion_fingerprint(criterion.criterion),
                    criterion.covered_by,
                )


def _finding(item: DesignItem, target: str, label: str) -> Finding:
    said = finding(
        SUSPECT,
        item.span,
        target,
        f"{item.kind.value} {item.name} covers {label}, whose text changed since the lock: "
        f"re-review it, then `spectrace lock --accept {target}`",
        item=item.id,
    )
    return replace(said, suppressed=silences(item.suppressed, SUSPECT))
