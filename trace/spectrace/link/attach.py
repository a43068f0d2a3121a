"""Explicit references to design items: each goes to the smallest item whose text holds it."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spectrace.model import DesignItem, ItemKind, Reference, Span
from spectrace.parse.markdown import Block, BlockKind, Document
from spectrace.parse.references import find_references, find_row_references


@dataclass(frozen=True, slots=True, kw_only=True)
class Attached:
    """Occurrences with their references, and the sections that hold references of their own."""

    items: tuple[DesignItem, ...]
    """The occurrences given, ``refs`` and ``inherited`` filled."""
    sections: tuple[DesignItem, ...]
    """Sections that cover something themselves (a reference no item holds)."""
    references: tuple[Reference, ...]
    """Every reference read, in document order."""


def section_id(doc: Document, index: int) -> str:
    """The id of a section node."""
    return f"section:{doc.path}:{doc.sections[index].line}"


def attach_references(
    docs: Sequence[Document], items: Sequence[DesignItem], prefixes: frozenset[str]
) -> Attached:
    """Read every reference of the design documents and give it to the item that holds it."""
    by_file: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_file.setdefault(item.span.file, []).append(index)
    own: dict[int, list[Reference]] = {}
    inherited: dict[int, list[Reference]] = {}
    sections: list[DesignItem] = []
    references: list[Reference] = []
    for doc in docs:
        indexes = by_file.get(doc.path, [])
        found = _read(doc, prefixes)
        references.extend(ref for ref, _lead in found)
        sections.extend(_attach_doc(doc, items, indexes, found, own, inherited))
    result = tuple(
        replace(
            item,
            refs=tuple(own.get(index, ())),
            inherited=tuple(_without(inherited.get(index, ()), own.get(index, ()))),
        )
        for index, item in enumerate(items)
    )
    return Attached(items=result, sections=tuple(sections), references=tuple(references))


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


def _read(doc: Document, prefixes: frozenset[str]) -> list[tuple[Reference, int]]:
    """Every reference of a document, with the section it leads (-1 when it leads none)."""
    found: list[tuple[Reference, int]] = []
    lead = _lead_blocks(doc)
    for position, block in enumerate(doc.blocks):
        if block.kind == BlockKind.HTML:
            continue
        leads = lead.get(position, -1)
        if block.kind == BlockKind.ROW:
            for _cell, hit in find_row_references(block.cells, block.header, prefixes=prefixes):
                found.append((_reference(doc, block, hit.target, block.line), leads))
            continue
        text = block.text
        if not text:
            continue
        first = block.content_line or block.line
        for hit in find_references(text, prefixes=prefixes):
            line = first + text.count("\n", 0, hit.start)
            found.append(
                (_reference(doc, block, hit.target, line, text[hit.start : hit.end]), leads)
            )
    return found


def _reference(doc: Document, block: Block, target: str, line: int, raw: str = "") -> Reference:
    return Reference(
        target=target,
        text=raw or target,
        span=Span(file=doc.path, line=min(max(line, block.line), max(block.end_line, block.line))),
    )


def _lead_blocks(doc: Document) -> dict[int, int]:
    """Block positions that lead a section (its heading, the paragraph right under it)."""
    lead: dict[int, int] = {}
    blocks = doc.blocks
    for section in doc.sections:
        lead[section.block] = section.index
        after = section.block + 1
        if (
            after < len(blocks)
            and blocks[after].kind == BlockKind.PARAGRAPH
            and blocks[after].section == section.index
            and blocks[after].level == 0
        ):
            lead[after] = section.index
    return lead


def _attach_doc(
    doc: Document,
    items: Sequence[DesignItem],
    indexes: list[int],
    found: list[tuple[Reference, int]],
    own: dict[int, list[Reference]],
    inherited: dict[int, list[Reference]],
) -> list[DesignItem]:
    extents = {index: _extent(items[index]) for index in indexes}
    ordered = sorted(indexes, key=lambda i: (extents[i][0], -extents[i][1]))
    starts = [extents[i][0] for i in ordered]
    section_refs: dict[int, list[Reference]] = {}
    lead_refs: dict[int, list[Reference]] = {}
    # One sweep down the document: `active` keeps the occurrences whose extent reaches the
    # current line (as deep as the nesting, so small), the next ones join as their start passes.
    active: list[int] = []
    upcoming = 0
    section_lines = [s.line for s in doc.sections]
    for ref, leads in sorted(found, key=lambda pair: pair[0].span.line):
        line = ref.span.line
        while upcoming < len(ordered) and starts[upcoming] <= line:
            active.append(ordered[upcoming])
            upcoming += 1
        active = [i for i in active if extents[i][1] >= line]
        holder = min(
            active, key=lambda i: (extents[i][1] - extents[i][0], -extents[i][0]), default=None
        )
        if holder is not None:
            own.setdefault(holder, []).append(ref)
        if leads >= 0:
            lead_refs.setdefault(leads, []).append(ref)
        elif holder is None:
            section = _section_at(doc, section_lines, line)
            if section >= 0:
                section_refs.setdefault(section, []).append(ref)
    # Lead references pass to every item inside their section; with no item inside, the
    # section holds them itself.
    held = {(r.target, r.span.line) for index in indexes for r in own.get(index, ())}
    for section_index, refs in lead_refs.items():
        lead_section = doc.sections[section_index]
        lo = bisect.bisect_left(starts, lead_section.line)
        hi = bisect.bisect_right(starts, lead_section.end_line)
        inside = [i for i in ordered[lo:hi] if extents[i][1] <= lead_section.end_line]
        if inside:
            for index in inside:
                inherited.setdefault(index, []).extend(refs)
        else:
            loose = [r for r in refs if (r.target, r.span.line) not in held]
            if loose:
                section_refs.setdefault(section_index, []).extend(loose)
    return [_section_item(doc, index, refs) for index, refs in sorted(section_refs.items())]


def _extent(item: DesignItem) -> tuple[int, int]:
    first, last = item.extent
    if first <= 0:
        return item.span.line, item.span.last
    return first, max(first, last)


def _section_at(doc: Document, lines: list[int], line: int) -> int:
    """Innermost section around ``line`` (``lines``: the heading lines, in order)."""
    position = bisect.bisect_right(lines, line) - 1
    while position >= 0 and doc.sections[position].end_line < line:
        position = doc.sections[position].parent
    return position


def _section_item(doc: Document, index: int, refs: list[Reference]) -> DesignItem:
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
