"""Which inferred links ``fix`` writes: each design item that no written reference reaches gets
the inferred links that reach the score asked for."""

from __future__ import annotations

from dataclasses import dataclass

from spectrace.model import TRACEABLE_KINDS, DesignItem, RefOrigin, SpecReport

#: The default ``--min-score``: the score from which inference links at all (docs/inference.md).
#: Precision does not rise with the score (0.82 from 0.0 to 0.40 on the corpus), so a higher
#: floor only writes fewer links, and with this one ``--links explicit`` counts after ``fix``
#: what ``--links inferred`` counted before.
DEFAULT_MIN_SCORE = 0.2


@dataclass(frozen=True, slots=True, kw_only=True)
class Proposal:
    """References to write for one design item."""

    item: DesignItem
    """The item."""
    targets: tuple[str, ...]
    """Requirement and criterion ids, in the requirements document's order."""
    score: float
    """The best score among its inferred links."""


def proposals(spec: SpecReport, min_score: float = DEFAULT_MIN_SCORE) -> tuple[Proposal, ...]:
    """The proposals of a spec traced with inferred links (``both`` or ``inferred`` mode), by
    item id. An item that holds or inherits a written reference is left alone: a person traced
    it."""
    order = _document_order(spec)
    found: list[Proposal] = []
    for result in spec.items:
        item = result.item
        if item.kind not in TRACEABLE_KINDS or item.refs or item.inherited:
            continue
        links = [
            link
            for link in result.covers
            if link.origin == RefOrigin.INFERRED and link.score >= min_score
        ]
        if not links:
            continue
        targets = sorted({link.target for link in links}, key=lambda t: (order.get(t, 1 << 30), t))
        found.append(
            Proposal(item=item, targets=tuple(targets), score=max(link.score for link in links))
        )
    return tuple(sorted(found, key=lambda p: p.item.id))


def _document_order(spec: SpecReport) -> dict[str, int]:
    order: dict[str, int] = {}
    for result in spec.requirements:
        order.setdefault(result.requirement.id, len(order))
        for criterion in result.criteria:
            order.setdefault(criterion.criterion.id, len(order))
    return order
