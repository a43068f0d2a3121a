"""Markdown to a flat stream of blocks with 1-based lines (the only markdown_it user)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


class BlockKind(StrEnum):
    """What a block is."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    ROW = "row"
    CODE = "code"
    HTML = "html"


@dataclass(frozen=True, slots=True, kw_only=True)
class Block:
    """One structural piece of a document, in document order."""

    kind: BlockKind
    """Heading, paragraph, list item, table row, code block or HTML block."""
    line: int
    """1-based first line."""
    end_line: int
    """1-based last line (a list item's includes its nested content)."""
    text: str
    """Raw inline Markdown (heading text, paragraph, item's first paragraph, cells joined by
    `` | ``) or the code of a code block."""
    section: int
    """Index of the innermost section (heading) around it; -1 before the first heading."""
    level: int = 0
    """Heading level (1-6) or list depth (1 = a top-level list item)."""
    number: int | None = None
    """The marker number of an ordered list item."""
    list_id: int = -1
    """Identifies the list an item belongs to (items of one list share it)."""
    info: str = ""
    """A code block's language, lower case."""
    cells: tuple[str, ...] = ()
    """A table row's cells (raw inline Markdown)."""
    header: tuple[str, ...] = ()
    """A table row's header cells."""
    content_line: int = 0
    """Line where ``text`` starts (a fenced code block's first code line); 0 means ``line``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    """A heading and everything up to the next heading of the same or a higher level."""

    index: int
    """Position in ``Document.sections``."""
    level: int
    """Heading level."""
    title: str
    """Heading text, markup stripped."""
    raw: str
    """Heading text as written."""
    line: int
    """Line of the heading."""
    end_line: int
    """Last line of the section, nested sections included."""
    parent: int
    """Index of the enclosing section, -1 at the top."""
    block: int
    """Index of the heading block in ``Document.blocks``."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A parsed Markdown file."""

    path: str
    """Path as shown in reports."""
    text: str
    """The decoded text, newlines normalised to ``\\n``."""
    blocks: tuple[Block, ...]
    """Every block in document order."""
    sections: tuple[Section, ...]
    """Every heading in document order."""
    line_count: int
    """Number of lines."""

    def section_path(self, index: int) -> tuple[str, ...]:
        """Titles from the outermost section down to ``index``."""
        titles: list[str] = []
        while index >= 0:
            section = self.sections[index]
            titles.append(section.title)
            index = section.parent
        return tuple(reversed(titles))

    def ancestors(self, index: int) -> tuple[int, ...]:
        """Section indexes from ``index`` up to the outermost."""
        found: list[int] = []
        while index >= 0:
            found.append(index)
            index = self.sections[index].parent
        return tuple(found)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Block structure only: the inline pass (emphasis, links, ...) costs about a third of a parse
    # and we read inline markup ourselves where it matters (see ``plain``). maxNesting bounds how
    # deep hostile nesting can drive the parser.
    md = MarkdownIt("commonmark", {"maxNesting": 20}).enable("table")
    md.disable(["inline", "text_join"])
    return md


def parse_markdown(text: str, path: str) -> Document:
    """Parse decoded Markdown text into blocks and sections."""
    tokens = _parser().parse(text)
    line_count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    return _Builder(tokens, path, text, line_count).build()


class _Builder:
    """Walks markdown-it tokens once and keeps the context blocks need."""

    def __init__(self, tokens: list[Token], path: str, text: str, line_count: int) -> None:
        self.tokens = tokens
        self.path = path
        self.text = text
        self.line_count = line_count
        self.blocks: list[Block] = []
        self.sections: list[dict[str, int | str]] = []
        self.section_stack: list[int] = []
        self.list_depth = 0
        self.list_counter = 0
        self.list_stack: list[int] = []

    def build(self) -> Document:
        tokens = self.tokens
        i = 0
        n = len(tokens)
        item_stack: list[tuple[int, int]] = []  # (block index of the item, its first line)
        header: tuple[str, ...] = ()
        while i < n:
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self._heading(tok, tokens[i + 1])
                i += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.list_depth += 1
                self.list_counter += 1
                self.list_stack.append(self.list_counter)
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_depth -= 1
                self.list_stack.pop()
            elif kind == "list_item_open":
                start, end = _lines(tok)
                number = int(tok.info) if tok.info.isdigit() else None
                text = ""
                # The item's own text is its first paragraph, when it opens with one.
                if i + 2 < n and tokens[i + 1].type == "paragraph_open":
                    text = tokens[i + 2].content
                    i += 3  # skip paragraph_open, inline, paragraph_close of that paragraph
                self.blocks.append(
                    Block(
                        kind=BlockKind.ITEM,
                        line=start,
                        end_line=end,
                        text=text,
                        section=self._current(),
                        level=self.list_depth,
                        number=number,
                        list_id=self.list_stack[-1] if self.list_stack else -1,
                    )
                )
                item_stack.append((len(self.blocks) - 1, start))
            elif kind == "list_item_close":
                item_stack.pop()
            elif kind == "paragraph_open":
                start, end = _lines(tok)
                self._add(BlockKind.PARAGRAPH, start, end, tokens[i + 1].content)
                i += 3
                continue
            elif kind in ("fence", "code_block"):
                start, end = _lines(tok)
                info = tok.info.strip().split(maxsplit=1)[0].lower() if tok.info.strip() else ""
                self.blocks.append(
                    Block(
                        kind=BlockKind.CODE,
                        line=start,
                        end_line=end,
                        text=tok.content,
                        section=self._current(),
                        info=info,
                        level=self.list_depth,
                        content_line=start + 1 if kind == "fence" else start,
                    )
                )
            elif kind == "html_block":
                start, end = _lines(tok)
                self._add(BlockKind.HTML, start, end, tok.content)
            elif kind == "thead_open":
                header, i = self._row_cells(i + 1)
                continue
            elif kind == "tbody_open":
                header = header  # rows follow
            elif kind == "tr_open":
                start, end = _lines(tok)
                cells, i = self._row_cells(i)
                self.blocks.append(
                    Block(
                        kind=BlockKind.ROW,
                        line=start,
                        end_line=end,
                        text=" | ".join(cells),
                        section=self._current(),
                        cells=cells,
                        header=header,
                    )
                )
                continue
            elif kind == "table_close":
                header = ()
            i += 1
        return Document(
            path=self.path,
            text=self.text,
            blocks=tuple(self.blocks),
            sections=self._sections(),
            line_count=self.line_count,
        )

    def _row_cells(self, i: int) -> tuple[tuple[str, ...], int]:
        """Read the cells of the row opening at or after ``i``; return them and the index after."""
        tokens = self.tokens
        cells: list[str] = []
        while i < len(tokens) and tokens[i].type != "tr_close":
            if tokens[i].type == "inline":
                cells.append(tokens[i].content.strip())
            i += 1
        # past tr_close, and past thead_close when the row was the header
        i += 1
        if i < len(tokens) and tokens[i].type == "thead_close":
            i += 1
        return tuple(cells), i

    def _heading(self, tok: Token, inline: Token) -> None:
        start, _ = _lines(tok)
        level = int(tok.tag[1])
        while self.section_stack and int(self.sections[self.section_stack[-1]]["level"]) >= level:
            self.section_stack.pop()
        parent = self.section_stack[-1] if self.section_stack else -1
        index = len(self.sections)
        self.sections.append(
            {
                "level": level,
                "raw": inline.content,
                "line": start,
                "parent": parent,
                "block": len(self.blocks),
            }
        )
        self.section_stack.append(index)
        self.blocks.append(
            Block(
                kind=BlockKind.HEADING,
                line=start,
                end_line=start,
                text=inline.content,
                section=index,
                level=level,
            )
        )

    def _current(self) -> int:
        return self.section_stack[-1] if self.section_stack else -1

    def _add(self, kind: BlockKind, start: int, end: int, text: str) -> None:
        self.blocks.append(
            Block(
                kind=kind,
                line=start,
                end_line=end,
                text=text,
                section=self._current(),
                level=self.list_depth,
            )
        )

    def _sections(self) -> tuple[Section, ...]:
        raw = self.sections
        ends = [self.line_count] * len(raw)
        # A section ends where the next heading of the same or a higher level starts.
        open_stack: list[int] = []
        for index, entry in enumerate(raw):
            level = int(entry["level"])
            while open_stack and int(raw[open_stack[-1]]["level"]) >= level:
                ends[open_stack.pop()] = max(int(entry["line"]) - 1, int(raw[index]["line"]) - 1)
            open_stack.append(index)
        return tuple(
            Section(
                index=index,
                level=int(entry["level"]),
                title=plain(str(entry["raw"])),
                raw=str(entry["raw"]),
                line=int(entry["line"]),
                end_line=max(ends[index], int(entry["line"])),
                parent=int(entry["parent"]),
                block=int(entry["block"]),
            )
            for index, entry in enumerate(raw)
        )


def _lines(tok: Token) -> tuple[int, int]:
    """markdown-it's 0-based half-open map to 1-based inclusive lines (the one conversion)."""
    if tok.map is None:
        return 0, 0
    start, end = tok.map
    return start + 1, max(start + 1, end)


# Link text and target hold no ``[``: a match never starts inside another's scan, so a line of
# ``[`` (or of ``[a](``) is read in linear time.
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^)\[\n]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
_EMPHASIS = re.compile(r"(\*\*|__|~~|`+)")
_SINGLE_STAR = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_SPACES = re.compile(r"\s+")


# Any character the patterns above act on: text without one only has its spaces folded.
_MARKUP = re.compile(r"[\[<*_~`\\]")


@lru_cache(maxsize=16384)
def plain(inline: str) -> str:
    """Inline Markdown to plain text: emphasis, code ticks, links and tags removed, spaces folded.

    Hand-written because the inline pass is switched off for speed; these patterns are linear.
    Memoised: the readers ask for the same heading or cell many times.
    """
    if _MARKUP.search(inline) is None:
        return " ".join(inline.split())
    text = _LINK.sub(r"\1", inline)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _SINGLE_STAR.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()
