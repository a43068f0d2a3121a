"""Design statements: a bullet, row, paragraph or code line that cites a requirement and names
no item (a decision, a flow step, a checklist line). It covers what it cites; it is never an
orphan, being there only because an author traced it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spectrace.model import DesignItem, ItemKind, Reference, Span
from spectrace.parse.markdown import Block, BlockKind, Document, plain
from spectrace.parse.references import find_references, is_reference_column

#: Longest statement name; longer text is cut at a word boundary.
_NAME_LIMIT = 72
_TEXT_LIMIT = 400
# What is left of a reference once its ids are blanked: labels, brackets, separators.
_LABEL_WORDS = (
    r"(?:requirements?|reqs?|validates|implements|satisfies|covers|refs?|see|user stor(?:y|ies)"
    r"|要件|需求|요구\s?사항)"
)
_LEFTOVER = re.compile(
    rf"[(（\[]\s{{0,3}}(?:{_LABEL_WORDS})?\s{{0,3}}[:：]?[\s,;/&-]{{0,20}}[)）\]]"
    r"|^[\s✅☑✓✔❌⬜•*>#|:-]+|[\s,;:|—–-]+$"
    rf"|\b{_LABEL_WORDS}\s{{0,3}}[:：]?\s{{0,3}}$|^[_*]+|[_*]+$",
    re.IGNORECASE,
)
# Separators a blanked id leaves behind: "constraint ." and "a , b".
_ORPHAN_PUNCTUATION = re.compile(r"\s+(?=[.,;:)）])|(?<=[(（])\s+")
_NO_WORDS = re.compile(r"^\W*$")
_SPACES = re.compile(r"\s+")


def statement(
    doc: Document, block: Block, refs: Sequence[Reference], prefixes: frozenset[str]
) -> DesignItem:
    """The statement a block makes, holding the references it cites."""
    line = min(ref.span.line for ref in refs)
    text = _words(block, line)
    name = statement_name(text, prefixes) or _fallback(doc, block)
    return DesignItem(
        id=f"statement:{doc.path}:{block.line}",
        kind=ItemKind.STATEMENT,
        name=name,
        span=Span(file=doc.path, line=block.line, end_line=max(block.end_line, block.line)),
        section=" > ".join(doc.section_path(block.section)) if block.section >= 0 else "",
        text=plain(text)[:_TEXT_LIMIT],
        refs=tuple(refs),
    )


def statement_name(text: str, prefixes: frozenset[str]) -> str:
    """The text with its references taken out, in one short line."""
    chars = list(plain(text))
    for hit in find_references("".join(chars), prefixes=prefixes):
        chars[hit.start : hit.end] = " " * (hit.end - hit.start)
    name = _SPACES.sub(" ", "".join(chars)).strip()
    previous = None
    while previous != name:
        previous = name
        name = _LEFTOVER.sub("", name).strip()
    name = _SPACES.sub(" ", _ORPHAN_PUNCTUATION.sub("", name))
    if _NO_WORDS.match(name):
        return ""
    if len(name) > _NAME_LIMIT:
        cut = name[:_NAME_LIMIT].rsplit(" ", 1)[0]
        name = f"{cut or name[:_NAME_LIMIT]}…"
    return name


def _words(block: Block, line: int) -> str:
    """What the statement says: a row's cells, a code block's line, a block's text."""
    if block.kind == BlockKind.ROW:
        header = block.header
        said = [
            cell
            for index, cell in enumerate(block.cells)
            if cell.strip() and not (index < len(header) and is_reference_column(header[index]))
        ]
        return " | ".join(said or block.cells)
    if block.kind == BlockKind.CODE:
        lines = block.text.split("\n")
        offset = line - (block.content_line or block.line)
        return lines[offset] if 0 <= offset < len(lines) else block.text
    return block.text


def _fallback(doc: Document, block: Block) -> str:
    """A statement of nothing but ids is named after its section."""
    title = doc.sections[block.section].title if block.section >= 0 else doc.path
    return f"{title} (line {block.line})"
