"""Reading an edited design back: which references landed on which items.

``fix`` keeps an edit only when explicit mode, reading the edited documents, gives each new
reference to the item it was written for and to no other, and no item loses a link it had.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spectrace.discover import SpecSources
from spectrace.model import ItemKind, RefOrigin
from spectrace.pipeline import trace

#: A place in the design: (document as reports show it, 1-based line).
Place = tuple[str, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """What explicit mode reads in one version of a spec."""

    written: dict[Place, frozenset[tuple[str, str]]]
    """Where each explicit reference is written: the (item id, target id) links it makes."""
    covers: dict[str, frozenset[str]]
    """Each item's linked ids, explicit and inherited (sections left out: their ids hold a
    line number, which an edit above them moves)."""
    files: dict[str, str]
    """Each item's document."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Attempt:
    """References written for one item, to check."""

    item: str
    """The item's id."""
    targets: frozenset[str]
    """The ids written."""
    file: str
    """The document edited."""
    places: frozenset[Place]
    """The lines of the edited document that hold them."""


def read_explicit(source: SpecSources, replaced: Mapping[str, bytes]) -> Reading:
    """Trace ``source`` in explicit mode, with some design documents' bytes ``replaced``."""
    design = tuple((display, replaced.get(display, data)) for display, data in source.design)
    edited = SpecSources(name=source.name, requirements=source.requirements, design=design)
    (spec,) = trace([edited], "explicit", jobs=1).specs
    written: dict[Place, set[tuple[str, str]]] = defaultdict(set)
    covers: dict[str, frozenset[str]] = {}
    files: dict[str, str] = {}
    for result in spec.items:
        for link in result.covers:
            if link.origin == RefOrigin.EXPLICIT and link.span is not None:
                written[(link.span.file, link.span.line)].add((result.item.id, link.target))
        if result.item.kind != ItemKind.SECTION:
            covers[result.item.id] = frozenset(link.target for link in result.covers)
            files[result.item.id] = result.item.span.file
    return Reading(
        written={place: frozenset(links) for place, links in written.items()},
        covers=covers,
        files=files,
    )


def misread(attempts: Sequence[Attempt], before: Reading, after: Reading) -> set[str]:
    """Ids of the items whose references did not land on them alone, or whose document now
    reads another item with fewer links than before."""
    failed = {
        attempt.item
        for attempt in attempts
        if {link for place in attempt.places for link in after.written.get(place, ())}
        != {(attempt.item, target) for target in attempt.targets}
    }
    lost = {
        before.files[ident]
        for ident, targets in before.covers.items()
        if not targets <= after.covers.get(ident, frozenset())
    }
    if lost:
        # Rare (an edit that changes how a neighbour reads): the edits of its document are to
        # blame, or every edit when it has none.
        blamed = {attempt.item for attempt in attempts if attempt.file in lost}
        failed |= blamed or {attempt.item for attempt in attempts}
    return failed
