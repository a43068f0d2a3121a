"""Reading documents: encodings, BOMs, line endings, and what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from spectrace.errors import InputError
from spectrace.parse.source import decode, read_text


def test_utf8_bom_and_crlf_are_normalised() -> None:
    assert (
        decode(codecs.BOM_UTF8 + "# Título\r\n\r\ntext\r".encode(), "r.md") == "# Título\n\ntext\n"
    )


def test_utf16_with_bom_is_read() -> None:
    data = codecs.BOM_UTF16_LE + "# 要件\n".encode("utf-16-le")
    assert decode(data, "r.md") == "# 要件\n"


def test_invalid_utf8_names_file_and_line() -> None:
    with pytest.raises(InputError) as caught:
        decode(b"# ok\nline two\nbad \xff byte\n", "docs/r.md")
    assert str(caught.value).startswith("docs/r.md:3: is not valid UTF-8")


def test_binary_file_is_refused() -> None:
    with pytest.raises(InputError, match="not a text file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "r.md")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.md", "nope.md")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path, "x")
