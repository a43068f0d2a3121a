"""What a change did to traceability: requirements added, removed or reworded, gaps and orphans
new and resolved, coverage before and after (``spectrace diff``; ``compare`` builds it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spectrace.model import Span, Status, Summary


class Change(StrEnum):
    """What happened to a requirement."""

    ADDED = "added"
    REMOVED = "removed"
    REWORDED = "reworded"


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementChange:
    """A requirement added, removed or reworded."""

    id: str
    """Its id."""
    title: str
    """Its title (the new one, unless removed)."""
    change: Change
    """Added, removed or reworded."""
    span: Span
    """Where it is written (before the change, when removed)."""
    text_reworded: bool = False
    """Its own title or text changed (not only criteria)."""
    criteria_added: tuple[str, ...] = ()
    """Criteria it gained (reworded requirements)."""
    criteria_removed: tuple[str, ...] = ()
    """Criteria it lost."""
    criteria_reworded: tuple[str, ...] = ()
    """Criteria whose words changed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LostCover:
    """A link that covered a unit before a change and covers it no more: why a gap is new."""

    unit: str
    """The criterion (or requirement) it covered."""
    item: str
    """The design item's id."""
    kind: str
    """Its kind (entity, endpoint, ...)."""
    name: str
    """Its name."""
    origin: str
    """How the link came to be before: ``explicit``, ``inherited`` or ``inferred`` (an inferred
    link lost without an edit to its item is a match now too weak or too close to another)."""
    score: float
    """The link's score before (1.0 for references)."""
    removed: bool
    """The item itself is gone."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GapChange:
    """A requirement that became, or stopped being, a gap (in part or whole)."""

    id: str
    """Its id."""
    title: str
    """Its title."""
    before: Status | None
    """Its status before (None: it did not exist)."""
    after: Status | None
    """Its status after (None: it was removed)."""
    units: tuple[str, ...]
    """The criteria (or the requirement itself, when it has none) newly uncovered, for a new
    gap; no longer uncovered (covered now, or gone), for a resolved one."""
    span: Span
    """Where the requirement is written (before the change, when removed)."""
    lost: tuple[LostCover, ...] = ()
    """For a new gap, the links that covered its newly uncovered units before, unit by unit."""


@dataclass(frozen=True, slots=True, kw_only=True)
class OrphanChange:
    """A design item that became, or stopped being, an orphan."""

    item: str
    """Its id."""
    kind: str
    """Its kind (entity, endpoint, ...)."""
    name: str
    """Its name."""
    removed: bool
    """Resolved by removing the item (rather than by linking it)."""
    span: Span
    """Where it is defined (before the change, when removed)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecChanges:
    """What changed in one spec."""

    folder: str
    """The spec's folder from the repository's root (how the two states are matched)."""
    name: str
    """Its name as reports show it."""
    before: Summary | None
    """Its numbers before (None: the spec is new)."""
    after: Summary | None
    """Its numbers after (None: the spec was removed)."""
    requirements: tuple[RequirementChange, ...] = ()
    """Added and reworded requirements in document order, then removed ones."""
    new_gaps: tuple[GapChange, ...] = ()
    """Requirements with criteria (or themselves) newly uncovered."""
    resolved_gaps: tuple[GapChange, ...] = ()
    """Requirements with criteria (or themselves) no longer uncovered."""
    new_orphans: tuple[OrphanChange, ...] = ()
    """Items that trace to no requirement now and did before, or are new."""
    resolved_orphans: tuple[OrphanChange, ...] = ()
    """Items that were orphans and are linked now, or removed."""

    @property
    def changed(self) -> bool:
        """Whether anything a reviewer looks at changed (numbers included)."""
        return bool(
            self.requirements
            or self.new_gaps
            or self.resolved_gaps
            or self.new_orphans
            or self.resolved_orphans
            or self.before != self.after
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Changes:
    """Everything a change did, spec by spec."""

    base: str
    """The state before, for people (``main (1a2b3c4)``)."""
    head: str
    """The state after (``work tree``, or a revision)."""
    specs: tuple[SpecChanges, ...]
    """Every spec of either state, sorted by folder."""
    before: Summary
    """Total numbers before."""
    after: Summary
    """Total numbers after."""
