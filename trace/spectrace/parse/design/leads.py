"""The blocks that lead a section: a reference in them is inherited by everything inside it.

A section's heading leads it, and so does the block right under the heading: an introducing
paragraph, a key/value table (``| Field | Detail |`` with a ``Requirements`` row, as cc-sdd
writes its component blocks: every row of it), or a label line (``**Requirements**: 2.1``)
that opens the section's content.
"""

from __future__ import annotations

from spectrace.parse.markdown import Block, BlockKind, Document
from spectrace.parse.references import is_label_line, is_reference_column

#: Blocks after the heading searched for a label line (an intent paragraph may come first).
_LABEL_REACH = 3


def lead_blocks(doc: Document) -> dict[int, int]:
    """Block positions that lead a section, each with the section's index."""
    lead: dict[int, int] = {}
    blocks = doc.blocks
    for section in doc.sections:
        lead[section.block] = section.index
        after = section.block + 1
        if after >= len(blocks) or blocks[after].section != section.index:
            continue
        first = blocks[after]
        if first.kind == BlockKind.PARAGRAPH and first.level == 0:
            lead[after] = section.index
        elif first.kind == BlockKind.ROW and _key_value(first):
            for position in _table(blocks, after):
                lead[position] = section.index
        for position in range(after, min(after + _LABEL_REACH, len(blocks))):
            block = blocks[position]
            if block.section != section.index or block.kind == BlockKind.HEADING:
                break
            if block.kind in (BlockKind.PARAGRAPH, BlockKind.ITEM) and is_label_line(block.text):
                lead[position] = section.index
    return lead


def _key_value(row: Block) -> bool:
    """A two-column table of labels and values (``| Field | Detail |``), not a two-column
    traceability table (``| Requirement | Implemented by |``)."""
    return (
        len(row.header) == 2
        and not is_reference_column(row.header[0])
        and not is_reference_column(row.header[1])
    )


def _table(blocks: tuple[Block, ...], start: int) -> list[int]:
    """Positions of the rows of the table whose first body row is at ``start``."""
    header = blocks[start].header
    end = start
    while end < len(blocks) and blocks[end].kind == BlockKind.ROW and blocks[end].header == header:
        end += 1
    return list(range(start, end))
