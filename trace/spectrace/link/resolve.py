"""Ids as written in a design, resolved to the requirements and criteria that define them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spectrace.model import Requirement
from spectrace.parse.references import id_key


@dataclass(frozen=True, slots=True)
class IdIndex:
    """Every id a spec defines, by exact spelling and by normalised key."""

    exact: dict[str, tuple[str, ...]]
    """Id or alias as written -> canonical ids (requirement or criterion)."""
    by_key: dict[str, tuple[str, ...]]
    """Normalised key -> canonical ids."""
    criteria_of: dict[str, tuple[str, ...]]
    """Requirement id -> its criterion ids."""
    requirement_of: dict[str, str]
    """Criterion id -> its requirement id."""

    def resolve(self, target: str) -> tuple[str, ...]:
        """Canonical ids a reference names: exact spelling first, else the normalised key."""
        exact = self.exact.get(target)
        if exact:
            return exact
        return self.by_key.get(id_key(target), ())


def build_index(requirements: Sequence[Requirement]) -> IdIndex:
    """Index the ids (and aliases) of requirements and their criteria."""
    exact: dict[str, list[str]] = {}
    by_key: dict[str, list[str]] = {}
    criteria_of: dict[str, tuple[str, ...]] = {}
    requirement_of: dict[str, str] = {}

    def add(name: str, canonical: str) -> None:
        for table, key in ((exact, name), (by_key, id_key(name))):
            entries = table.setdefault(key, [])
            if canonical not in entries:
                entries.append(canonical)

    for requirement in requirements:
        add(requirement.id, requirement.id)
        for alias in requirement.aliases:
            add(alias, requirement.id)
        criteria_of.setdefault(requirement.id, tuple(c.id for c in requirement.criteria))
        for criterion in requirement.criteria:
            add(criterion.id, criterion.id)
            requirement_of.setdefault(criterion.id, requirement.id)
            # A criterion `3.2` may also be written through an alias of its requirement
            # (`REQ-1-1.2` is rare, but `US-1.2` for `US1.2` is common).
            suffix = (
                criterion.id[len(requirement.id) :]
                if criterion.id.startswith(requirement.id)
                else ""
            )
            if suffix:
                for alias in requirement.aliases:
                    add(alias + suffix, criterion.id)
    return IdIndex(
        exact={k: tuple(v) for k, v in exact.items()},
        by_key={k: tuple(v) for k, v in by_key.items()},
        criteria_of=criteria_of,
        requirement_of=requirement_of,
    )
