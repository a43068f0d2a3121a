"""Read a document from disk as text: encodings, byte-order marks and line endings handled once."""

from __future__ import annotations

import codecs
from pathlib import Path

from spectrace.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_text(path: Path, display: str) -> str:
    """Decode a document: UTF-8 (a BOM of UTF-8/16/32 is honoured), newlines normalised to ``\\n``.

    Raises InputError (with the file, and the line for a bad byte) for anything that is not text.
    """
    return decode(read_bytes(path, display), display)


def read_bytes(path: Path, display: str) -> bytes:
    """A document's bytes; InputError when it is missing, a folder or unreadable."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=display) from None
    except FileNotFoundError:
        raise InputError("no such file", file=display) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=display) from None


def byte_order_mark(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark a document starts with (empty when none) and the codec it names."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


def decode(data: bytes, display: str) -> str:
    """Bytes of a document to normalised text (see ``read_text``)."""
    bom, encoding = byte_order_mark(data)
    data = data[len(bom) :]
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError(
            "is not a text file (it holds NUL bytes)",
            file=display,
            line=_line_at(data[: data.index(b"\x00")].decode(encoding, "replace")),
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x})",
            file=display,
            line=_line_at(data[: exc.start].decode(encoding, "replace")),
        ) from None
    if "\x00" in text:
        raise InputError(
            "is not a text file (it holds NUL characters)",
            file=display,
            line=_line_at(text[: text.index("\x00")]),
        )
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _line_at(before: str) -> int:
    """The 1-based line on which the text after ``before`` starts (LF, CRLF or CR lines)."""
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1
