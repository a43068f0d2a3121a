"""Item occurrences while the walk over a design's blocks still adjusts them."""

from __future__ import annotations

from dataclasses import dataclass

from spectrace.model import ItemKind
from spectrace.parse.code.entries import Entry
from spectrace.parse.code.fenced import CodeMemo
from spectrace.parse.design.headings import Context
from spectrace.parse.design.outline import Outline, item_id
from spectrace.parse.design.prose import foreign_targets
from spectrace.parse.markdown import Block, Document
from spectrace.parse.names import name_key


@dataclass(slots=True)
class Draft:
    """An item occurrence while the walk still adjusts it."""

    kind: ItemKind
    name: str
    line: int
    end: int
    first: int
    last: int
    section: int
    words: str = ""
    body: int = -1
    """Block index from which the item's prose is gathered (-1: its words are all)."""
    parent: str = ""
    uses: tuple[str, ...] = ()
    cross: bool = False
    key: str = ""
    """``entity.column`` key of a field."""
    fence: int = 0
    """Fence line of the code block when the item opens it (for suppressions above the fence)."""


class Collector:
    """The state of a walk: the occurrences so far and the open context around the next block."""

    def __init__(self, doc: Document, shape: Outline, code: CodeMemo | None = None) -> None:
        self.doc = doc
        self.shape = shape
        self.code = code or CodeMemo()
        """The code blocks read (and, after an edit, those read before)."""
        self.drafts: list[Draft] = []
        self.errors: list[tuple[int, str]] = []
        self._open: list[Draft] = []
        self._by_heading: dict[int, list[Draft]] = {}
        self._entities: dict[str, Draft] = {}
        """Entities defined by headings, by id (their sections' rows and bullets are fields)."""
        self._entry_parent = ""
        self._label_open = False
        self._label: Context | None = None
        """Role a bold label paragraph gives the list after it."""
        self._label_fields = False
        """The last bold label names fields (``**Fields**:``)."""
        self._label_entity: Draft | None = None
        """The entity a bold label in a data-model section names (its bullets are fields)."""
        self._label_other = False
        """The last bold label gives the list after it no role (``**Indexes**:``)."""
        self._last_end = 0

    def _context(self, section: int) -> Context | None:
        return self.shape.context[section] if section >= 0 else None

    def _parent(self, section: int) -> str:
        if self._entry_parent:
            return self._entry_parent
        return self.shape.container[section] if section >= 0 else ""

    def _add(self, kind: ItemKind, name: str, block: Block, **extra: object) -> Draft:
        section = block.section
        draft = Draft(
            kind=kind,
            name=name,
            line=block.line,
            end=block.end_line,
            first=block.line,
            last=block.end_line,
            section=section,
            parent=self._parent(section),
            cross=self.shape.cross[section] if section >= 0 else False,
        )
        for attribute, value in extra.items():
            setattr(draft, attribute, value)
        self.drafts.append(draft)
        return draft

    def _close(self) -> None:
        """End the open title-paragraph items where the previous block ends."""
        for draft in self._open:
            draft.last = max(draft.last, self._last_end)
        self._open = []
        self._label_open = False
        self._label = None
        self._label_fields = False
        self._label_entity = None
        self._label_other = False

    def _open_title(self, draft: Draft) -> None:
        self._open.append(draft)

    def _heading(self, index: int, block: Block) -> None:
        self._close()
        self._entry_parent = ""
        section = block.section
        planned = self.shape.planned.get(section, ())
        if not planned:
            return
        parent = self.doc.sections[section].parent
        drafts = []
        for item in planned:
            draft = self._add(
                item.kind,
                item.name,
                block,
                last=self.shape.content_end[section],
                words=item.words or item.name,
                body=index + 1,
                parent=self.shape.container[parent] if parent >= 0 else "",
                cross=self.shape.cross[parent] if parent >= 0 else False,
            )
            drafts.append(draft)
            if item.kind == ItemKind.ENTITY:
                self._entities[item_id(item.kind, item.name)] = draft
        self._by_heading[section] = drafts

    def _heading_entity(self, section: int) -> Draft | None:
        """The entity whose fields ``section`` lists (its heading's, or its parent's)."""
        entity_id = self.shape.entity.get(section)
        return self._entities.get(entity_id) if entity_id else None

    def _field(self, entity: Draft, column: str, block: Block, words: str, line: int = 0) -> None:
        entity_id = item_id(ItemKind.ENTITY, entity.name)
        at = line or block.line
        self._add(
            ItemKind.FIELD,
            f"{entity.name}.{column}",
            block,
            line=at,
            end=at if line else block.end_line,
            first=at,
            last=at if line else block.end_line,
            key=f"{entity_id.split(':', 1)[1]}.{name_key(column)}",
            parent=entity_id,
            words=words or column,
        )
        targets = foreign_targets(words)
        if targets:
            entity.uses = tuple(dict.fromkeys((*entity.uses, *targets)))

    def _entry(self, entry: Entry, block: Block, base: int) -> None:
        draft = self._add(
            entry.kind,
            entry.name,
            block,
            line=base + entry.line,
            end=base + entry.end,
            first=base + entry.lead,
            last=base + entry.end,
            words=entry.words or entry.name,
            uses=entry.uses,
            fence=block.line if entry.lead == 0 else 0,
        )
        if entry.kind != ItemKind.ENTITY:
            return
        entity_id = item_id(ItemKind.ENTITY, entry.name)
        for column, line in entry.fields:
            at = base + line
            self._add(
                ItemKind.FIELD,
                f"{entry.name}.{column}",
                block,
                line=at,
                end=at,
                first=at,
                last=at,
                key=f"{entity_id.split(':', 1)[1]}.{name_key(column)}",
                parent=entity_id,
                words=column,
                cross=draft.cross,
            )
