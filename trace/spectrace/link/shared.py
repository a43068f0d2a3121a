"""The requirement an item's own words meet: what decides orphan or note in auto mode."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spectrace.link.infer import Inference, Signals, item_query
from spectrace.link.tokens import RECORD_KEEPING_TERMS
from spectrace.model import TRACEABLE_KINDS, DesignItem

__all__ = ["Shared", "shared_words"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Shared:
    """The requirement an item's own words meet best, when they meet any."""

    requirement: str
    """Requirement id."""
    words: tuple[str, ...]
    """The item's own words it uses, rarest first."""


def shared_words(inference: Inference, items: Iterable[DesignItem]) -> dict[str, Shared]:
    """For every traceable item whose own words (name and body, generic design words left out)
    any requirement uses, the requirement sharing the rarest of them. A DELETE endpoint meets a
    requirement only where one asks to delete, remove or cancel something."""
    docs = inference.requirement_docs()
    prefixes = inference.prefixes
    holders: dict[str, list[int]] = {}
    for position, doc in enumerate(docs):
        for word in doc.weights:
            holders.setdefault(word, []).append(position)
    found: dict[str, Shared] = {}
    for item in items:
        if item.kind not in TRACEABLE_KINDS:
            continue
        asked = item_query(item, prefixes, Signals())
        if asked.destroys is not None and asked.destroys not in holders:
            continue
        # A word of the item's name meets a requirement wherever it appears; a word of its body
        # only where few requirements use it (``cook_id`` in a recipes design says nothing), and
        # never a column every table has (``created_at``).
        # A name with no words of its own (``User``, ``Users Model``) leaves the body to say
        # what the item is, common words included.
        common = len(docs) / 2 if asked.named & asked.own else len(docs)
        met = sorted(
            (len(holders[word]), word)
            for word in asked.own
            if word in holders
            and (
                word in asked.named
                or (len(holders[word]) <= common and word not in RECORD_KEEPING_TERMS)
            )
        )
        if not met:
            continue
        rarest = met[0][1]
        requirement = docs[holders[rarest][0]].requirement.id
        surfaces = asked.surfaces
        words = tuple(dict.fromkeys(surfaces.get(word, word) for _count, word in met[:5]))
        found[item.id] = Shared(requirement=requirement, words=words)
    return found
