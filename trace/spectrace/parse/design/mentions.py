"""Names written in a table cell, resolved to the design elements they mean.

A traceability matrix writes ``BetterAuth`` for the component its design calls
``BetterAuthInstance``, ``AuthLayout component`` for ``AuthLayout Component``, ``Email/Password
Flow`` for the section ``Email/Password Authentication Flow``. Resolution is by identity key
first (case, separators and plural do not matter), then without the words that only say what
kind of thing it is, then a name that is the start of exactly one item's name, then a section
whose title holds every word of it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spectrace.model import TRACEABLE_KINDS, DesignItem, ItemKind
from spectrace.parse.markdown import Document, Section
from spectrace.parse.names import name_key, singular, split_identifier

#: Words that say what kind of thing a name is, not which one.
_KIND_WORDS = frozenset(
    """component components plugin plugins api apis module class table tables flow flows diagram
    コンポーネント テーブル フロー 表 组件 流程""".split()  # noqa: SIM905
)
#: A name made in a table (no item of it defined elsewhere) must look like one: code-like, or
#: capitalised words (``Vector Database``), not a phrase (``page per service``).
_NAME_LIKE = re.compile(
    r"^(?:[A-Za-z_$][A-Za-z0-9_.$/-]*|[A-Z0-9][A-Za-z0-9_-]*(?:\s[A-Z0-9][A-Za-z0-9_-]*){0,3})$"
)
#: The shortest name a prefix match may start from (``Auth`` names too many things).
_PREFIX_CHARACTERS = 6


@dataclass(frozen=True, slots=True)
class SectionTarget:
    """A section a name resolves to."""

    doc: Document
    section: Section


class NameResolver:
    """Finds the items (or the section) a written name means, among every occurrence read."""

    def __init__(self, items: Sequence[DesignItem], docs: Sequence[Document]) -> None:
        self._kinds = [item.kind for item in items]
        self._exact: dict[str, list[int]] = {}
        self._bare: dict[str, list[int]] = {}
        self._words: list[tuple[tuple[str, ...], int]] = []
        for index, item in enumerate(items):
            if item.kind not in TRACEABLE_KINDS:
                continue
            self._exact.setdefault(name_key(item.name), []).append(index)
            words = _bare_words(item.name)
            if words:
                self._bare.setdefault("_".join(words), []).append(index)
                self._words.append((words, index))
        self._sections = [(doc, section) for doc in docs for section in doc.sections]

    def items(self, name: str, kind: ItemKind | None = None) -> list[int]:
        """The occurrences ``name`` means (every occurrence of each item), or []; where several
        items match, those of ``kind`` (the kind the table's column names) are preferred."""
        exact = self._exact.get(name_key(name))
        if exact:
            return self._preferred(exact, kind)
        words = _bare_words(name)
        if not words:
            return []
        bare = self._bare.get("_".join(words))
        if bare:
            return self._preferred(bare, kind)
        if len("".join(words)) < _PREFIX_CHARACTERS or len(words) != len(split_identifier(name)):
            # Only a whole name starts another (``BetterAuth``, ``BetterAuthInstance``):
            # ``AccountApi`` is an API, not the start of ``AccountService``.
            return []
        started = {
            "_".join(item_words): index
            for item_words, index in self._words
            if len(item_words) == len(words) + 1 and item_words[: len(words)] == words
        }
        keys = sorted(started)
        if len(keys) > 1 and kind is not None:
            keys = [key for key in keys if self._kinds[started[key]] == kind]
        return self._bare[keys[0]] if len(keys) == 1 else []

    def _preferred(self, indexes: list[int], kind: ItemKind | None) -> list[int]:
        of_kind = [index for index in indexes if self._kinds[index] == kind]
        return of_kind or indexes

    def section(self, name: str, doc: Document) -> SectionTarget | None:
        """The section whose title holds every word of ``name`` (two words at least), in
        ``doc`` first."""
        words = set(_bare_words(name))
        if len(words) < 2:
            return None
        found = [
            (other is not doc, section.line, other.path, SectionTarget(other, section))
            for other, section in self._sections
            if words <= set(_bare_words(section.title))
        ]
        return min(found, key=lambda entry: entry[:3])[3] if found else None


def name_like(name: str) -> bool:
    """Whether a cell's text can name an element of its own."""
    return bool(_NAME_LIKE.match(name))


def _bare_words(name: str) -> tuple[str, ...]:
    words = [word for word in split_identifier(name) if word not in _KIND_WORDS]
    if words:
        words[-1] = singular(words[-1])
    return tuple(words)
