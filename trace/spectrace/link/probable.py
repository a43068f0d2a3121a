"""Items no counted link reaches that are still not orphans: they probably serve a requirement.

An orphan is scope nobody asked for, and a false one costs a reviewer's trust. So in auto mode an
item that no reference reaches and inference is not sure of is an orphan only when nothing in
the requirements is worth a second look: no requirement uses any of the item's own words (its
name and body; generic design words such as ``service`` or ``table`` left out), and a DELETE
endpoint none that asks to delete. The other cases are notes (``no reference; probably serves
2.3``). An item whose words are in a script the requirements hardly use (English identifiers
beside Chinese requirements), or that has no words of its own (``User``), cannot be compared at
all, and is a note too, never an orphan.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from spectrace.link.infer import Candidate
from spectrace.link.shared import Shared
from spectrace.link.tokens import GENERIC_TERMS, terms
from spectrace.model import TRACEABLE_KINDS, DesignItem, Link

__all__ = ["Probable", "probable_items"]

#: A script the requirements use for less than this share of their words is foreign to them.
_FOREIGN_SHARE = 0.2


@dataclass(frozen=True, slots=True, kw_only=True)
class Probable:
    """Why an unlinked item is not called an orphan."""

    item: str
    """Design item id."""
    target: str
    """The requirement or criterion it probably serves ("" when its words cannot be compared)."""
    score: float
    """The candidate's score (0.0 when its words cannot be compared)."""
    evidence: tuple[str, ...]
    """The words that matched."""
    task: str = ""
    """The task that builds it while citing ``target`` (its id), when the plan says what it is
    for."""


def probable_items(
    candidates: Iterable[Candidate],
    links: Iterable[Link],
    items: Sequence[DesignItem],
    vocabulary: Mapping[str, float],
    shared: Mapping[str, Shared],
) -> dict[str, Probable]:
    """Each traceable item no link reaches, that is not an orphan, and why (``vocabulary``: the
    requirements' terms and their weights, to tell which scripts they are written in)."""
    linked = {link.source for link in links}
    found: dict[str, Probable] = {}
    for candidate in candidates:
        if candidate.item in linked or candidate.item in found or not candidate.grounded:
            continue
        if candidate.item in shared:
            found[candidate.item] = Probable(
                item=candidate.item,
                target=candidate.targets[0],
                score=candidate.score,
                evidence=candidate.evidence,
            )
    shares = _script_shares(vocabulary)
    for item in items:
        if item.kind not in TRACEABLE_KINDS or item.id in linked or item.id in found:
            continue
        meets = shared.get(item.id)
        if meets is not None:
            found[item.id] = Probable(
                item=item.id, target=meets.requirement, score=0.0, evidence=meets.words
            )
            continue
        scripts = {_script(term) for term in terms(f"{item.name} {item.text}")} - {"generic"}
        if all(shares.get(script, 0.0) < _FOREIGN_SHARE for script in scripts):
            found[item.id] = Probable(item=item.id, target="", score=0.0, evidence=())
    return found


def _script(term: str) -> str:
    """``latin`` or ``other``: whether the term's words can meet the requirements' at all
    (``generic`` for the words of design that say nothing of an item)."""
    if term in GENERIC_TERMS:
        return "generic"
    return "latin" if term.isascii() or term[0] <= "\u024f" else "other"


def _script_shares(vocabulary: Mapping[str, float]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for term, weight in vocabulary.items():
        if term.startswith("@"):
            continue  # an action term, not a word
        script = _script(term)
        weights[script] = weights.get(script, 0.0) + weight
    total = sum(weights.values()) or 1.0
    return {script: weight / total for script, weight in weights.items()}
