"""Design documents to design items: one walk over the blocks, guided by the section outline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spectrace.codes import finding
from spectrace.model import DesignItem, Finding, ItemKind, Reference, Span
from spectrace.parse.code.fenced import CodeMemo
from spectrace.parse.design.blocks import BlockReader
from spectrace.parse.design.drafts import Draft
from spectrace.parse.design.headings import is_cross_cutting
from spectrace.parse.design.outline import item_id, outline
from spectrace.parse.design.prose import suppressions
from spectrace.parse.markdown import BlockKind, Document, plain

__all__ = ["DesignParse", "is_cross_cutting", "merge_items", "parse_design"]

_TEXT_LIMIT = 1500


@dataclass(frozen=True, slots=True, kw_only=True)
class DesignParse:
    """The design items of one document and what could not be read."""

    items: tuple[DesignItem, ...]
    """One per occurrence, in document order (not merged)."""
    findings: tuple[Finding, ...]
    """Unreadable code blocks (ST503)."""


def parse_design(doc: Document, code: CodeMemo | None = None) -> DesignParse:
    """Every design item occurrence of a document, with the findings met on the way (``code``:
    the code blocks a previous reading read, and a record of those this one reads)."""
    shape = outline(doc)
    reader = BlockReader(doc, shape, code)
    reader.walk()
    silenced = _suppressions(doc)
    lines = doc.text.split("\n")
    for draft in reader.drafts:
        # Blocks end where the next one starts: blank lines before it are not the item's.
        draft.last = _trimmed(lines, draft.first, draft.last)
        draft.end = _trimmed(lines, draft.line, draft.end)
    items = [_item(doc, draft, silenced) for draft in reader.drafts]
    items.sort(key=lambda i: (i.span.line, i.extent[0]))
    findings = tuple(
        finding(
            "ST503",
            Span(file=doc.path, line=line),
            # The statement's opening words, not its line number: a baseline keeps matching
            # when lines above it move.
            f"{doc.path}: {lines[line - 1].strip()[:80]}" if 0 < line <= len(lines) else doc.path,
            message,
        )
        for line, message in reader.errors
    )
    return DesignParse(items=tuple(items), findings=findings)


def _trimmed(lines: list[str], first: int, last: int) -> int:
    last = min(last, len(lines))
    while last > first and not lines[last - 1].strip():
        last -= 1
    return max(last, first)


def _suppressions(doc: Document) -> dict[int, tuple[str, ...]]:
    found: dict[int, tuple[str, ...]] = {}
    for block in doc.blocks:
        if "spectrace" not in block.text:
            continue
        first = block.content_line or block.line
        for offset, names in suppressions(block.text):
            line = first + offset
            found[line] = tuple(dict.fromkeys((*found.get(line, ()), *names)))
    return found


def _item(doc: Document, draft: Draft, silenced: dict[int, tuple[str, ...]]) -> DesignItem:
    suppressed: list[str] = []
    for line in dict.fromkeys((draft.first - 1, draft.line - 1, draft.line, draft.fence - 1)):
        suppressed.extend(silenced.get(line, ()))
    if draft.kind == ItemKind.FIELD:
        item_key = f"field:{draft.key}"
    else:
        item_key = item_id(draft.kind, draft.name)
    parent = draft.parent if draft.parent != item_key else ""
    return DesignItem(
        id=item_key,
        kind=draft.kind,
        name=draft.name,
        span=Span(file=doc.path, line=draft.line, end_line=max(draft.end, draft.line)),
        extent=(draft.first, max(draft.last, draft.first)),
        section=" > ".join(doc.section_path(draft.section)) if draft.section >= 0 else "",
        text=_text(doc, draft),
        parent=parent,
        uses=draft.uses,
        cross_cutting=draft.cross,
        suppressed=tuple(dict.fromkeys(suppressed)),
    )


def _text(doc: Document, draft: Draft) -> str:
    """The item's own words, then the prose of its extent (code left out), within a limit."""
    parts = [draft.words] if draft.words else []
    size = len(draft.words)
    if draft.body >= 0:
        blocks = doc.blocks
        index = draft.body
        while index < len(blocks) and size < _TEXT_LIMIT:
            block = blocks[index]
            if block.line > draft.last:
                break
            if block.kind in (
                BlockKind.PARAGRAPH,
                BlockKind.ITEM,
                BlockKind.ROW,
                BlockKind.HEADING,
            ):
                words = plain(block.text)
                if words and words not in parts:
                    parts.append(words)
                    size += len(words) + 1
            index += 1
    return " ".join(parts)[:_TEXT_LIMIT]


@dataclass(slots=True)
class _Merged:
    first: DesignItem
    locations: list[Span] = field(default_factory=list)
    refs: dict[tuple[str, str, int], Reference] = field(default_factory=dict)
    inherited: dict[tuple[str, str, int], Reference] = field(default_factory=dict)
    uses: dict[str, None] = field(default_factory=dict)
    suppressed: dict[str, None] = field(default_factory=dict)
    texts: dict[str, None] = field(default_factory=dict)
    parent: str = ""
    cross: bool = True


def merge_items(items: Iterable[DesignItem]) -> tuple[DesignItem, ...]:
    """One item per identity, sorted by id.

    The first occurrence gives span, section, kind and name; ``locations`` holds every
    occurrence's span in order; refs, inherited, uses and suppressed are unions (order kept, no
    duplicates); texts are joined; cross-cutting only when every occurrence is.
    """
    merged: dict[str, _Merged] = {}
    for item in items:
        entry = merged.get(item.id)
        if entry is None:
            entry = merged[item.id] = _Merged(first=item)
        entry.locations.append(item.span)
        for ref in item.refs:
            entry.refs.setdefault((ref.target, ref.span.file, ref.span.line), ref)
        for ref in item.inherited:
            entry.inherited.setdefault((ref.target, ref.span.file, ref.span.line), ref)
        entry.uses.update(dict.fromkeys(item.uses))
        entry.suppressed.update(dict.fromkeys(item.suppressed))
        if item.text:
            entry.texts[item.text] = None
        entry.parent = entry.parent or item.parent
        entry.cross = entry.cross and item.cross_cutting
    result = []
    for key in sorted(merged):
        entry = merged[key]
        result.append(
            replace(
                entry.first,
                locations=tuple(dict.fromkeys(entry.locations)),
                refs=tuple(entry.refs.values()),
                inherited=tuple(entry.inherited.values()),
                uses=tuple(entry.uses),
                suppressed=tuple(entry.suppressed),
                text=" ".join(entry.texts),
                parent=entry.parent,
                cross_cutting=entry.cross,
            )
        )
    return tuple(result)
