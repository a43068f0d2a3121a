"""A document as lines that keep their own endings, written back byte for byte.

Only the lines ``fix`` adds (and a table cell it fills) are new: every other line keeps its
bytes, the file keeps its encoding and byte-order mark, and added lines take the line ending
the file uses most.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spectrace.errors import InputError
from spectrace.parse.source import byte_order_mark

#: Line ends as Markdown (and ``parse.markdown``) count lines.
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True, kw_only=True)
class TextFile:
    """A decoded document."""

    bom: bytes
    """The byte-order mark it starts with (empty when none)."""
    encoding: str
    """The codec of the rest."""
    lines: tuple[str, ...]
    """Its lines without their endings (line 1 is ``lines[0]``)."""
    endings: tuple[str, ...]
    """Each line's ending (``""`` for a last line without one)."""

    @property
    def newline(self) -> str:
        """The line ending added lines take: the one the file uses most (``\\n`` when none)."""
        counts = Counter(ending for ending in self.endings if ending)
        return counts.most_common(1)[0][0] if counts else "\n"

    @property
    def text(self) -> str:
        """The text with every line ending as ``\\n``, as the parser reads it."""
        return "".join(line + ("\n" if ending else "") for line, ending in self._pairs())

    def encode(self) -> bytes:
        """The file's bytes."""
        return self.bom + "".join(line + ending for line, ending in self._pairs()).encode(
            self.encoding
        )

    def _pairs(self) -> zip[tuple[str, str]]:
        return zip(self.lines, self.endings, strict=True)


def decode_file(data: bytes, display: str) -> TextFile:
    """Split a document's bytes into lines (InputError when it is not text in its encoding)."""
    bom, encoding = byte_order_mark(data)
    try:
        text = data[len(bom) :].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid {encoding.upper()} (byte {exc.start})", file=display
        ) from None
    lines: list[str] = []
    endings: list[str] = []
    position = 0
    for match in _LINE_END.finditer(text):
        lines.append(text[position : match.start()])
        endings.append(match.group())
        position = match.end()
    if position < len(text):
        lines.append(text[position:])
        endings.append("")
    return TextFile(bom=bom, encoding=encoding, lines=tuple(lines), endings=tuple(endings))


@dataclass(frozen=True, slots=True, kw_only=True)
class Edit:
    """Lines to add after a line, or a new text for one line (a filled table cell)."""

    line: int
    """1-based line the lines go after (0: before the first), or the line replaced."""
    added: tuple[str, ...] = ()
    """Lines to insert, without endings."""
    replacement: str | None = None
    """The line's new text (its ending is kept), instead of inserting."""


def with_edits(file: TextFile, edits: Sequence[Edit]) -> tuple[TextFile, list[tuple[int, ...]]]:
    """The file with the edits made, and for each edit the lines of the new file it wrote.

    Insertions after one line go in the order given; a replacement keeps its line's ending.
    """
    lines = list(file.lines)
    endings = list(file.endings)
    newline = file.newline
    # By line; at one line the replacement first (the insertions go after the line it changes).
    order = sorted(
        range(len(edits)), key=lambda index: (edits[index].line, edits[index].replacement is None)
    )
    written: list[tuple[int, ...]] = [() for _ in edits]
    shift = 0
    for index in order:
        edit = edits[index]
        if edit.replacement is not None:
            lines[edit.line - 1 + shift] = edit.replacement
            written[index] = (edit.line + shift,)
            continue
        # Past the lines earlier edits inserted after this same line: they keep their order.
        position = edit.line + shift
        added_endings = [newline] * len(edit.added)
        if position == len(lines) and position > 0 and not endings[position - 1]:
            # After a last line without an ending: the file still ends without one.
            endings[position - 1] = newline
            added_endings[-1] = ""
        lines[position:position] = edit.added
        endings[position:position] = added_endings
        written[index] = tuple(range(position + 1, position + 1 + len(edit.added)))
        shift += len(edit.added)
    changed = TextFile(
        bom=file.bom, encoding=file.encoding, lines=tuple(lines), endings=tuple(endings)
    )
    return changed, written
