"""Where a design item takes a reference: the places to try, best first, as edits of its file.

- a list item (an endpoint or rule bullet): a line closing its first paragraph, indented to
  its text, so the reference is part of the bullet (``- `POST /x` - create`` then
  ``  _Requirements: 1.1_``);
- a heading (a component, a property, a spec-kit entity): a line closing the paragraph right
  under it; else a paragraph of its own right under the heading;
- a paragraph: a line closing it;
- a code block entry (``CREATE TABLE``, ``interface``, ``class``): a comment line right before
  it, in the block's language (``-- Requirements: 1.1``);
- a table row: its empty cell in a Requirements column (the one change inside an existing line).

Nothing else of the file changes. ``fix`` keeps a place only when spectrace, reading the edited
design, gives the reference to that item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spectrace.model import DesignItem
from spectrace.parse.markdown import Block, BlockKind, Document
from spectrace.parse.references import find_row_references
from spectrace.writeback.style import COMMENT_MARKERS, Style
from spectrace.writeback.textfile import Edit

_MARKER = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)]))(\s+)")
_INDENT = re.compile(r"^\s*")
# An unescaped pipe: a table cell boundary (GFM splits on them even inside code spans).
_PIPE = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True, slots=True, kw_only=True)
class Places:
    """The edits to try for one item, best first; or why there is none."""

    edits: tuple[Edit, ...] = ()
    """Candidate edits, best first."""
    reason: str = ""
    """Why the item has no place (when ``edits`` is empty)."""


def places(
    doc: Document, lines: Sequence[str], item: DesignItem, ids: Sequence[str], style: Style
) -> Places:
    """Where ``item`` (defined at ``item.span.line`` of ``doc``) can take a reference to ``ids``."""
    line = item.span.line
    block = _block_at(doc, line)
    if block is None:
        return Places(reason="no Markdown block holds its definition")
    if block.kind == BlockKind.CODE:
        return _in_code(block, lines, line, ids, style)
    if block.line != line:
        return Places(reason=f"it is defined inside a {block.kind.value}, not at its start")
    if block.kind == BlockKind.ITEM:
        return _list_item(block, lines, ids, style)
    if block.kind == BlockKind.PARAGRAPH:
        return Places(edits=(_closing(block.end_line, _indent(lines[line - 1]), ids, style),))
    if block.kind == BlockKind.HEADING:
        return _heading(doc, block, lines, ids, style)
    if block.kind == BlockKind.ROW:
        return _row(block, lines, ids)
    return Places(reason=f"a {block.kind.value} block takes no reference")


def _block_at(doc: Document, line: int) -> Block | None:
    """The block that starts at ``line`` (the smallest), else the code block around it."""
    starting = [b for b in doc.blocks if b.line == line and b.kind != BlockKind.HTML]
    if starting:
        return min(starting, key=lambda b: (b.end_line - b.line, b.kind != BlockKind.ITEM))
    around = [b for b in doc.blocks if b.line <= line <= b.end_line and b.kind != BlockKind.HTML]
    return min(around, key=lambda b: b.end_line - b.line, default=None)


def _closing(after: int, indent: str, ids: Sequence[str], style: Style) -> Edit:
    return Edit(line=after, added=(indent + style.line(ids),))


def _indent(line: str) -> str:
    match = _INDENT.match(line)
    return match.group() if match else ""


def _in_code(
    block: Block, lines: Sequence[str], line: int, ids: Sequence[str], style: Style
) -> Places:
    marker = COMMENT_MARKERS.get(block.info)
    if marker is None:
        language = f"```{block.info}" if block.info else "unlabelled code"
        return Places(reason=f"no comment syntax known for {language} blocks")
    first = block.content_line or block.line
    target = max(line, first)
    indent = _indent(lines[target - 1]) if target - 1 < len(lines) else ""
    return Places(edits=(Edit(line=target - 1, added=(indent + style.comment(marker, ids),)),))


def _list_item(block: Block, lines: Sequence[str], ids: Sequence[str], style: Style) -> Places:
    if not block.text:
        return Places(reason="the list item does not open with a paragraph")
    marker = _MARKER.match(lines[block.line - 1])
    width = len(marker.group(1)) + len(marker.group(2)) if marker else 2
    last = block.line + block.text.count("\n")
    return Places(edits=(_closing(last, " " * width, ids, style),))


def _heading(
    doc: Document, heading: Block, lines: Sequence[str], ids: Sequence[str], style: Style
) -> Places:
    edits: list[Edit] = []
    position = doc.blocks.index(heading)
    following = doc.blocks[position + 1] if position + 1 < len(doc.blocks) else None
    if (
        following is not None
        and following.kind == BlockKind.PARAGRAPH
        and following.section == heading.section
        and following.level == 0
    ):
        edits.append(_closing(following.end_line, "", ids, style))
    after = heading.line
    blank_next = after >= len(lines) or not lines[after].strip()
    added = ("", style.line(ids)) if blank_next else ("", style.line(ids), "")
    edits.append(Edit(line=after, added=added))
    return Places(edits=tuple(edits))


def _row(block: Block, lines: Sequence[str], ids: Sequence[str]) -> Places:
    columns = _requirement_columns(block.header)
    if not columns:
        return Places(reason="its table has no Requirements column to fill")
    column = columns[0]
    if column < len(block.cells) and block.cells[column].strip():
        return Places(reason="its Requirements cell is not empty")
    filled = _fill_cell(lines[block.line - 1], column, ", ".join(ids))
    if filled is None:
        return Places(reason="its row has fewer cells than the table's header")
    return Places(edits=(Edit(line=block.line, replacement=filled),))


def _requirement_columns(header: tuple[str, ...]) -> list[int]:
    """Header positions whose cells hold bare ids (a "Requirements", "Covers", ... column)."""
    probe = tuple("1.1" for _ in header)
    return sorted({index for index, _found in find_row_references(probe, header)})


def _fill_cell(line: str, column: int, text: str) -> str | None:
    """``line`` with cell ``column`` (0-based) holding ``text``; None when the row is shorter."""
    bounds = [m.start() for m in _PIPE.finditer(line)]
    if not line.lstrip().startswith("|"):
        bounds.insert(0, -1)
    if not bounds or bounds[-1] < len(line.rstrip()) - 1:
        bounds.append(len(line.rstrip()))  # a last cell without a closing pipe
    if column + 1 >= len(bounds):
        return None
    start, end = bounds[column] + 1, bounds[column + 1]
    return f"{line[:start]} {text} {line[end:]}"
