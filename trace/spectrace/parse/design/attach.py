"""References to design elements: each goes to the smallest traceable element that holds it.

An element is a design item (its extent holds the reference), a section (a reference in its
heading or in the block right under it is inherited by every item inside it; with no item inside,
the section holds it itself), or, when neither holds it, a statement: the bullet, row, paragraph
or code block that cites a requirement and names no item. Every place an author cites a
requirement is then a traceable element.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spectrace.model import DesignItem, ItemKind, Reference, Span
from spectrace.parse.design.leads import lead_blocks
from spectrace.parse.design.mentions import NameResolver, SectionTarget, name_like
from spectrace.parse.design.outline import item_id
from spectrace.parse.design.statements import statement
from spectrace.parse.design.tables import row_names
from spectrace.parse.markdown import Block, BlockKind, Document, Section, plain
from spectrace.parse.references import find_references, find_row_references


@dataclass(frozen=True, slots=True, kw_only=True)
class Attached:
    """Occurrences with their references, and the elements that hold references themselves."""

    items: tuple[DesignItem, ...]
    """The occurrences given, ``refs`` and ``inherited`` filled."""
    covering: tuple[DesignItem, ...]
    """Statements, and sections that hold a reference no item inside them holds."""
    references: tuple[Reference, ...]
    """Every reference read, in document order."""


@dataclass(frozen=True, slots=True)
class _Found:
    reference: Reference
    leads: int
    """The section whose heading or lead block holds it (-1: none)."""
    block: int
    """Index of the block that holds it."""


def section_id(doc: Document, index: int) -> str:
    """The id of a section node."""
    return f"section:{doc.path}:{doc.sections[index].line}"


def attach_references(
    docs: Sequence[Document],
    items: Sequence[DesignItem],
    prefixes: frozenset[str],
    known: frozenset[str] | None = None,
) -> Attached:
    """Read every reference of the design documents and give it to the element that holds it.

    ``prefixes``: the letter prefixes of the spec's ids; ``known``: their keys (see
    ``find_references``)."""
    by_file: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_file.setdefault(item.span.file, []).append(index)
    state = _State(resolver=NameResolver(items, docs))
    covering: list[DesignItem] = []
    references: list[Reference] = []
    for doc in docs:
        found = _read(doc, prefixes, known)
        references.extend(hit.reference for hit in found)
        covering.extend(_attach_doc(doc, items, by_file.get(doc.path, []), found, state, prefixes))
    own, inherited = state.own, state.inherited
    for target, refs in state.named_sections:
        for index in _inside(items, by_file.get(target.doc.path, []), target.section):
            inherited.setdefault(index, []).extend(refs)
    result = tuple(
        replace(
            item,
            refs=tuple(own.get(index, ())),
            inherited=tuple(_without(inherited.get(index, ()), own.get(index, ()))),
        )
        for index, item in enumerate(items)
    )
    return Attached(
        items=result + tuple(state.made), covering=tuple(covering), references=tuple(references)
    )


@dataclass(slots=True)
class _State:
    """What the walk over every document gathers."""

    resolver: NameResolver
    own: dict[int, list[Reference]] = field(default_factory=dict)
    inherited: dict[int, list[Reference]] = field(default_factory=dict)
    named_sections: list[tuple[SectionTarget, list[Reference]]] = field(default_factory=list)
    """Sections a table row names, with the row's references."""
    made: list[DesignItem] = field(default_factory=list)
    """Elements a table row names that the design defines nowhere else."""


def _inside(items: Sequence[DesignItem], indexes: Sequence[int], section: Section) -> list[int]:
    return [
        index
        for index in indexes
        if section.line <= _extent(items[index])[0] and _extent(items[index])[1] <= section.end_line
    ]


def _without(refs: Sequence[Reference], own: Sequence[Reference]) -> list[Reference]:
    held = {(r.target, r.span.line) for r in own}
    seen: set[tuple[str, int]] = set()
    kept: list[Reference] = []
    for ref in refs:
        key = (ref.target, ref.span.line)
        if key not in held and key not in seen:
            seen.add(key)
            kept.append(ref)
    return kept


def _read(doc: Document, prefixes: frozenset[str], known: frozenset[str] | None) -> list[_Found]:
    """Every reference of a document, with the section it leads and the block holding it."""
    found: list[_Found] = []
    lead = lead_blocks(doc)
    for position, block in enumerate(doc.blocks):
        if block.kind == BlockKind.HTML:
            continue
        leads = lead.get(position, -1)
        if block.kind == BlockKind.ROW:
            rows = find_row_references(block.cells, block.header, prefixes=prefixes, known=known)
            for _cell, hit in rows:
                found.append(
                    _Found(_reference(doc, block, hit.target, block.line), leads, position)
                )
            continue
        text = block.text
        if not text:
            continue
        first = block.content_line or block.line
        for hit in find_references(text, prefixes=prefixes, known=known):
            line = first + text.count("\n", 0, hit.start)
            raw = text[hit.start : hit.end]
            found.append(_Found(_reference(doc, block, hit.target, line, raw), leads, position))
    return found


def _reference(doc: Document, block: Block, target: str, line: int, raw: str = "") -> Reference:
    return Reference(
        target=target,
        text=raw or target,
        span=Span(file=doc.path, line=min(max(line, block.line), max(block.end_line, block.line))),
    )


def _attach_doc(
    doc: Document,
    items: Sequence[DesignItem],
    indexes: list[int],
    found: list[_Found],
    state: _State,
    prefixes: frozenset[str],
) -> list[DesignItem]:
    own, inherited = state.own, state.inherited
    extents = {index: _extent(items[index]) for index in indexes}
    ordered = sorted(indexes, key=lambda i: (extents[i][0], -extents[i][1]))
    starts = [extents[i][0] for i in ordered]
    lead_refs: dict[int, list[Reference]] = {}
    loose: dict[int, list[Reference]] = {}
    # One sweep down the document: `active` keeps the occurrences whose extent reaches the
    # current line (as deep as the nesting, so small), the next ones join as their start passes.
    active: list[int] = []
    upcoming = 0
    named: dict[int, bool] = {}
    refs_of: dict[int, list[Reference]] = {}
    for hit in found:
        refs_of.setdefault(hit.block, []).append(hit.reference)
    for hit in sorted(found, key=lambda hit: hit.reference.span.line):
        ref = hit.reference
        line = ref.span.line
        while upcoming < len(ordered) and starts[upcoming] <= line:
            active.append(ordered[upcoming])
            upcoming += 1
        active = [i for i in active if extents[i][1] >= line]
        holder = min(
            active, key=lambda i: (extents[i][1] - extents[i][0], -extents[i][0]), default=None
        )
        block = doc.blocks[hit.block]
        if holder is None or extents[holder][0] < block.line:
            # A row that defines no item of its own gives its references to what it names.
            if hit.block not in named:
                named[hit.block] = _to_named(doc, hit.block, refs_of[hit.block], state)
            if named[hit.block]:
                continue
        if holder is not None:
            own.setdefault(holder, []).append(ref)
        if hit.leads >= 0:
            lead_refs.setdefault(hit.leads, []).append(ref)
        elif holder is None:
            loose.setdefault(hit.block, []).append(ref)
    covering = [
        statement(doc, doc.blocks[block], refs, prefixes) for block, refs in sorted(loose.items())
    ]
    # Lead references pass to every item inside their section; with no item inside, the
    # section holds them itself.
    held = {(r.target, r.span.line) for index in indexes for r in own.get(index, ())}
    for section_index, refs in sorted(lead_refs.items()):
        lead_section = doc.sections[section_index]
        lo = bisect.bisect_left(starts, lead_section.line)
        hi = bisect.bisect_right(starts, lead_section.end_line)
        inside = [i for i in ordered[lo:hi] if extents[i][1] <= lead_section.end_line]
        if inside:
            for index in inside:
                inherited.setdefault(index, []).extend(refs)
            continue
        unheld = [r for r in refs if (r.target, r.span.line) not in held]
        if unheld:
            covering.append(section_item(doc, section_index, unheld))
    return covering


def _to_named(doc: Document, position: int, refs: list[Reference], state: _State) -> bool:
    """Give a table row's references to the elements it names; False when it names none."""
    block = doc.blocks[position]
    names = row_names(block)
    given = False
    for named in names:
        targets = state.resolver.items(named.name, named.kind) if named.kind is not None else []
        for index in targets:
            state.own.setdefault(index, []).extend(refs)
        if targets:
            given = True
            continue
        section = state.resolver.section(named.name, doc)
        if section is not None:
            state.named_sections.append((section, refs))
            given = True
        elif named.kind is not None and name_like(named.name):
            state.made.append(_made(doc, block, named.name, named.kind, refs))
            given = True
    return given


def _made(
    doc: Document, block: Block, name: str, kind: ItemKind, refs: list[Reference]
) -> DesignItem:
    return DesignItem(
        id=item_id(kind, name),
        kind=kind,
        name=name,
        span=Span(file=doc.path, line=block.line, end_line=block.end_line),
        section=" > ".join(doc.section_path(block.section)) if block.section >= 0 else "",
        text=plain(" ".join(block.cells)),
        refs=tuple(refs),
    )


def _extent(item: DesignItem) -> tuple[int, int]:
    first, last = item.extent
    if first <= 0:
        return item.span.line, item.span.last
    return first, max(first, last)


def section_item(doc: Document, index: int, refs: Sequence[Reference] = ()) -> DesignItem:
    """The section node of a document's section ``index``, holding ``refs``."""
    section = doc.sections[index]
    return DesignItem(
        id=section_id(doc, index),
        kind=ItemKind.SECTION,
        name=section.title,
        span=Span(file=doc.path, line=section.line, end_line=section.end_line),
        section=" > ".join(doc.section_path(index)),
        text=section.title,
        refs=tuple(refs),
    )
