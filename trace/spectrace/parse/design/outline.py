"""The section tree of a design read once: each section's role and the items its heading names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spectrace.model import ItemKind
from spectrace.parse.design.headings import (
    Context,
    context,
    is_category,
    is_cross_cutting,
    normalise,
    property_heading,
)
from spectrace.parse.design.prose import lead_name
from spectrace.parse.design.titles import entity_name, is_identifier, part_name
from spectrace.parse.design.vocabulary import FACETS, KINDS_OF_PARTS, PART_KEYS
from spectrace.parse.endpoints import endpoint_key, in_heading
from spectrace.parse.markdown import BlockKind, Document, Section, plain
from spectrace.parse.names import name_key

# No ``[`` inside a link's text or target: linear on a line of brackets (see parse/markdown.py).
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^)\[\n]*\)")
_EMPHASIS = re.compile(r"\*\*|__|~~")
_NOT_A_PART = re.compile(
    r"\b(?:diagrams?|diagrama|flows?|structure|architecture|breakdown|design|layout|hierarchy|tree"
    r"|map)\b|^(?:overview|summary)$|図|图|概要|概述|構成|结构|设计|設計"
)
# "## DB: `alerts` Table" defines a table wherever it stands.
_TABLE_TITLE = re.compile(r"\btables?\b|テーブル|表|테이블|\btabelas?\b")

# "Gateway Service Architecture" still names a service; "Component Structure" names no part.
_NAMED_PART = re.compile(
    r"\b(?:services?|controllers?|managers?|modules?|middlewares?|providers?|handlers?|clients?"
    r"|stores?|repositor(?:y|ies)|adapters?|gateways?|engines?|processors?|workers?)\b"
)
_FIELDS_TITLE = re.compile(
    r"^(?:fields|columns|attributes|properties|schema|campos|colunas|atributos)\b"
    r"|^(?:字段|フィールド|属性|カラム|필드)"
)
_CONTAINERS = (ItemKind.COMPONENT, ItemKind.ENTITY)
#: Words of a heading that lists parts rather than naming one.
_LISTING = frozenset(
    {"summary", "overview", "matrix", "catalog", "catalogue", "inventory", "index"}
)


def item_id(kind: ItemKind, name: str) -> str:
    """``kind:key``: endpoints by method and normalised path, the rest by ``name_key``."""
    key = endpoint_key(name) if kind == ItemKind.ENDPOINT else name_key(name)
    return f"{kind.value}:{key}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Planned:
    """An item a heading defines."""

    kind: ItemKind
    name: str
    words: str
    """The heading's own words (property title, component heading)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Outline:
    """What every section of a document is, indexed like ``Document.sections``."""

    context: tuple[Context | None, ...]
    """The role of the section, from its heading or the nearest heading above that has one."""
    cross: tuple[bool, ...]
    """The section or one around it is cross-cutting."""
    content_end: tuple[int, ...]
    """Last line holding content (blank lines before the next heading left out)."""
    planned: dict[int, tuple[Planned, ...]]
    """Items defined by the section's heading."""
    container: tuple[str, ...]
    """Id of the component or entity whose heading encloses the section (itself included)."""
    groups: frozenset[int]
    """Sections whose bold-named bullets and paragraphs are components."""
    entity: dict[int, str]
    """Sections listing an entity's fields (its heading's section, a "Fields" section under it):
    the entity's id."""


def heading_text(raw: str) -> str:
    """A heading's inline Markdown with links and emphasis removed, code ticks kept."""
    return _EMPHASIS.sub("", _LINK.sub(r"\1", raw)).strip()


def outline(doc: Document) -> Outline:
    """Classify every section of ``doc`` in one pass over its sections and one over its blocks."""
    return _Builder(doc).build()


class _Builder:
    """Reads the sections in order; a section's parent is always read before it."""

    def __init__(self, doc: Document) -> None:
        self.sections = doc.sections
        count = len(self.sections)
        self.has_children = [False] * count
        self.facets_only = [True] * count
        """All sub-headings are facets of the heading ("#### Responsibilities")."""
        for section in self.sections:
            if section.parent >= 0:
                self.has_children[section.parent] = True
                if not set(normalise(section.title).split()) <= FACETS:
                    self.facets_only[section.parent] = False
        self.content_end, self.leads = _scan(doc)
        self.kv_parts = _key_value_parts(doc)
        self.contexts: list[Context | None] = []
        self.cross: list[bool] = []
        self.container: list[str] = []
        self.in_entity: list[bool] = []
        self.in_part: list[bool] = []
        self.planned: dict[int, tuple[Planned, ...]] = {}
        self.groups: set[int] = set()
        self.entity: dict[int, str] = {}

    def build(self) -> Outline:
        for index, section in enumerate(self.sections):
            self._section(index, section.parent, heading_text(section.raw), section)
        return Outline(
            context=tuple(self.contexts),
            cross=tuple(self.cross),
            content_end=tuple(self.content_end),
            planned=self.planned,
            container=tuple(self.container),
            groups=frozenset(self.groups),
            entity=self.entity,
        )

    def _inherited(self, values: list[bool], parent: int) -> bool:
        return parent >= 0 and values[parent]

    def _section(self, index: int, parent: int, text: str, section: Section) -> None:
        above = self.contexts[parent] if parent >= 0 else None
        items = _heading_items(text, section.title)
        facet = self._inherited(self.in_part, parent) and _is_facet(text)
        if not items and not facet and index in self.kv_parts:
            # A heading over a key/value table of intent and requirements names a part,
            # whatever section it stands in (cc-sdd's component blocks).
            name = part_name(text)
            if name:
                items = (Planned(kind=ItemKind.COMPONENT, name=name, words=plain(section.raw)),)
        own = None if items else context(text)
        title_only = section.level == 1
        if title_only and own != Context.DATA:
            # A document title ("Design Document: Backend API") names the whole feature; only a
            # data-model document ("# Data Model: ...", spec-kit) gives its sections a role.
            own = None
        self.contexts.append(own or above)
        self.cross.append(
            (not items and not title_only and is_cross_cutting(text))
            or self._inherited(self.cross, parent)
        )
        in_entity = self._inherited(self.in_entity, parent)
        in_part = self._inherited(self.in_part, parent)
        if not items and not in_entity and not facet:
            items = self._entity(text, section.raw, own, above)
        if not items and not in_entity and not in_part:
            items = self._component(index, parent, text, own, above)
        if items:
            self.planned[index] = items
        own_container = next((item_id(i.kind, i.name) for i in items if i.kind in _CONTAINERS), "")
        self.container.append(own_container or (self.container[parent] if parent >= 0 else ""))
        is_entity = bool(items) and items[0].kind == ItemKind.ENTITY
        self.in_entity.append(is_entity or in_entity)
        self.in_part.append(in_part or any(i.kind == ItemKind.COMPONENT for i in items))
        if is_entity:
            self.entity[index] = item_id(ItemKind.ENTITY, items[0].name)
        elif parent in self.entity and _FIELDS_TITLE.match(normalise(text)):
            self.entity[index] = self.entity[parent]  # "#### Fields" under "### Order Entity"

    def _entity(
        self, text: str, raw: str, own: Context | None, above: Context | None
    ) -> tuple[Planned, ...]:
        """A heading under a data-model section naming an entity, or a heading naming a table."""
        named_table = own == Context.DATA and bool(_TABLE_TITLE.search(normalise(text)))
        if not ((above == Context.DATA and own in (None, Context.DATA)) or named_table):
            return ()
        name = entity_name(text)
        return (Planned(kind=ItemKind.ENTITY, name=name, words=plain(raw)),) if name else ()

    def _component(
        self, index: int, parent: int, text: str, own: Context | None, above: Context | None
    ) -> tuple[Planned, ...]:
        leaf = not self.has_children[index]
        leads = self.leads.get(index, [])
        if own == Context.COMPONENTS and leaf:
            # Named parts below make it a group; with none, the heading names the part (unless
            # it is a diagram-like title inside an architecture section).
            if leads:
                self.groups.add(index)
                return ()
            if self._inherited(self.cross, parent):
                return ()
            return _component(text, [], index, self.groups, category=False)
        if (
            above == Context.COMPONENTS
            and own in (None, Context.DATA)
            and (leaf or self.facets_only[index])
            and not is_cross_cutting(text)
        ):
            return _component(text, leads, index, self.groups)
        return ()


def _scan(doc: Document) -> tuple[list[int], dict[int, list[tuple[str, bool]]]]:
    """Each section's last content line, and the bold or code names its bullets and paragraphs
    open with (and whether each is a paragraph holding nothing else: ``**AuthService**``)."""
    sections = doc.sections
    content_end = [s.line for s in sections]
    leads: dict[int, list[tuple[str, bool]]] = {}
    for block in doc.blocks:
        if block.section < 0:
            continue
        if block.end_line > content_end[block.section]:
            content_end[block.section] = block.end_line
        if (block.kind == BlockKind.PARAGRAPH and block.level == 0) or (
            block.kind == BlockKind.ITEM and block.level == 1
        ):
            lead = lead_name(block.text)
            if lead is not None:
                alone = lead[1] and block.kind == BlockKind.PARAGRAPH
                leads.setdefault(block.section, []).append((lead[0], alone))
    for index in range(len(sections) - 1, -1, -1):
        parent = sections[index].parent
        if parent >= 0 and content_end[index] > content_end[parent]:
            content_end[parent] = content_end[index]
    return content_end, leads


def _is_facet(text: str) -> bool:
    """A sub-heading naming one side of the part above it ("##### Service Interface")."""
    words = set(normalise(text).split())
    return bool(words) and words <= FACETS


def _key_value_parts(doc: Document) -> set[int]:
    """Sections whose heading is followed by a key/value table with an intent or requirements
    row: the heading names a part."""
    found: set[int] = set()
    blocks = doc.blocks
    for section in doc.sections:
        position = section.block + 1
        if position >= len(blocks) or blocks[position].kind != BlockKind.ROW:
            continue
        header = blocks[position].header
        if len(header) != 2:
            continue
        while position < len(blocks) and blocks[position].kind == BlockKind.ROW:
            row = blocks[position]
            if row.header != header:
                break
            if row.cells and PART_KEYS.search(normalise(plain(row.cells[0]))):
                found.add(section.index)
                break
            position += 1
    return found


def _heading_items(text: str, title: str) -> tuple[Planned, ...]:
    """Property and endpoint headings: items wherever they stand."""
    prop = property_heading(title)
    if prop is not None:
        return (Planned(kind=ItemKind.PROPERTY, name=prop[0], words=prop[1]),)
    return tuple(
        Planned(kind=ItemKind.ENDPOINT, name=name, words=title) for name in in_heading(text)
    )


def _component(
    text: str, leads: list[tuple[str, bool]], index: int, groups: set[int], category: bool = True
) -> tuple[Planned, ...]:
    """A leaf heading under a components section: one component, or a group of named ones."""
    title = normalise(text)
    words = title.split()
    plural_kind = words and words[-1] in KINDS_OF_PARTS and words[-1].endswith("s")
    if plural_kind or _LISTING.intersection(words):
        # "Client Components", "Service Interfaces", "Component Summary": a kind of parts or a
        # listing of them, never one part.
        if leads:
            groups.add(index)
        return ()
    if _NOT_A_PART.search(title) and not _NAMED_PART.search(title):
        return ()
    if category and is_category(title) and leads:
        groups.add(index)
        return ()
    if sum(1 for name, alone in leads if alone and is_identifier(name)) >= 2:
        groups.add(index)  # "### Service Layer" followed by **AuthService**, **UserService**...
        return ()
    name = part_name(text)
    if not name or name_key(name) == "":
        return ()
    return (Planned(kind=ItemKind.COMPONENT, name=name, words=plain(text)),)
