"""What a lock holds, built from a report: per requirement and criterion, a fingerprint of its
words and the design items linked to it."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field

from spectrace.fingerprint import criterion_fingerprint, requirement_fingerprint
from spectrace.model import Link, SpecReport

_NUMBER = re.compile(r"([0-9]+)")


@dataclass(frozen=True, slots=True, kw_only=True)
class Locked:
    """One requirement or criterion as it was when locked."""

    id: str
    """The requirement or criterion id, as the spec writes it."""
    text: str
    """Fingerprint of its words (``spectrace.fingerprint``)."""
    items: tuple[str, ...] = ()
    """Ids of the design items linked to it then (for a criterion: through its requirement
    too), sorted."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LockedSpec:
    """The locked requirements and criteria of one spec."""

    folder: str
    """The spec's folder relative to the lock file's folder (``/``-separated; ``.`` for the same
    folder)."""
    entries: tuple[Locked, ...] = ()
    """In id order (numbers compared as numbers: 2 before 10)."""

    def by_id(self) -> dict[str, Locked]:
        """Entries by id."""
        return {entry.id: entry for entry in self.entries}


@dataclass(frozen=True, slots=True, kw_only=True)
class Lock:
    """A whole lock file."""

    specs: tuple[LockedSpec, ...] = field(default_factory=tuple)
    """Sorted by folder."""

    def spec(self, folder: str) -> LockedSpec | None:
        """The locked spec of that folder, if the lock has one."""
        return next((spec for spec in self.specs if spec.folder == folder), None)


def id_order(ident: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key of an id: its numbers as numbers (``1.2`` < ``1.10`` < ``2`` < ``10``), the rest
    case-insensitively; a prefix before what it prefixes (``1`` < ``1.1``), the id as written
    last (so the order is total)."""
    parts = tuple(
        (0, int(part), "") if part.isascii() and part.isdigit() else (1, 0, part.lower())
        for part in _NUMBER.split(ident)
        if part
    )
    return (*parts, (-1, 0, ident))


def locked_entries(spec: SpecReport) -> tuple[Locked, ...]:
    """The spec's requirements and criteria as a lock records them now (a duplicated id is
    recorded as its first occurrence, as the report traces it)."""
    found: dict[str, Locked] = {}
    for result in spec.requirements:
        requirement = result.requirement
        found.setdefault(
            requirement.id,
            Locked(
                id=requirement.id,
                text=requirement_fingerprint(requirement),
                items=_sources(result.covered_by),
            ),
        )
        for criterion in result.criteria:
            found.setdefault(
                criterion.criterion.id,
                Locked(
                    id=criterion.criterion.id,
                    text=criterion_fingerprint(criterion.criterion),
                    items=_sources(criterion.covered_by),
                ),
            )
    return _ordered(found.values())


def relocked(
    lock: Lock, specs: Sequence[tuple[str, SpecReport]], keep: Callable[[str], bool]
) -> Lock:
    """``lock`` with every spec given recorded afresh; the specs it held that were not given are
    kept when ``keep(folder)`` says so (their folder still exists)."""
    fresh = {
        folder: LockedSpec(folder=folder, entries=locked_entries(spec)) for folder, spec in specs
    }
    kept = [spec for spec in lock.specs if spec.folder not in fresh and keep(spec.folder)]
    return Lock(specs=tuple(sorted([*kept, *fresh.values()], key=lambda s: s.folder)))


def accepted(
    lock: Lock, specs: Sequence[tuple[str, SpecReport]], ids: Collection[str]
) -> tuple[Lock, frozenset[str]]:
    """``lock`` with only the requirements and criteria ``ids`` recorded afresh (a requirement's
    id takes its criteria along), and the ids that some spec holds."""
    wanted = set(ids)
    matched: set[str] = set()
    changed: dict[str, LockedSpec] = {}
    for folder, spec in specs:
        chosen = _chosen(spec, wanted)
        if not chosen:
            continue
        matched.update(wanted & chosen)
        entries = (lock.spec(folder) or LockedSpec(folder=folder)).by_id()
        for entry in locked_entries(spec):
            if entry.id in chosen:
                entries[entry.id] = entry
        changed[folder] = LockedSpec(folder=folder, entries=_ordered(entries.values()))
    others = [spec for spec in lock.specs if spec.folder not in changed]
    merged = sorted([*others, *changed.values()], key=lambda s: s.folder)
    return Lock(specs=tuple(merged)), frozenset(matched)


def _chosen(spec: SpecReport, wanted: set[str]) -> set[str]:
    """The ids of ``spec`` that accepting ``wanted`` records: each wanted id, and the criteria of
    a wanted requirement."""
    chosen: set[str] = set()
    for result in spec.requirements:
        criteria = {c.criterion.id for c in result.criteria}
        if result.requirement.id in wanted:
            chosen |= {result.requirement.id, *criteria}
        chosen |= criteria & wanted
    return chosen


def _sources(links: Iterable[Link]) -> tuple[str, ...]:
    return tuple(sorted({link.source for link in links}))


def _ordered(entries: Iterable[Locked]) -> tuple[Locked, ...]:
    return tuple(sorted(entries, key=lambda entry: id_order(entry.id)))
