"""Documents as lines that keep their bytes: the edits ``fix`` makes and nothing else."""

from __future__ import annotations

import codecs

import pytest

from spectrace.errors import InputError
from spectrace.writeback.textfile import Edit, decode_file, with_edits


def test_lines_keep_their_own_endings_and_the_bom() -> None:
    data = codecs.BOM_UTF8 + b"a\r\nb\nc\rd"
    file = decode_file(data, "x.md")
    assert file.lines == ("a", "b", "c", "d")
    assert file.endings == ("\r\n", "\n", "\r", "")
    assert file.encode() == data
    assert file.text == "a\nb\nc\nd"


def test_added_lines_take_the_most_used_ending_and_leave_the_others_alone() -> None:
    file = decode_file(b"one\r\ntwo\r\nthree\n", "x.md")
    edited, written = with_edits(file, [Edit(line=1, added=("new",))])
    assert edited.encode() == b"one\r\nnew\r\ntwo\r\nthree\n"
    assert written == [(2,)]


def test_insertions_after_one_line_keep_their_order_and_a_cell_is_replaced_first() -> None:
    file = decode_file(b"| a |  |\nz\n", "x.md")
    edits = [
        Edit(line=1, added=("first",)),
        Edit(line=1, replacement="| a | 1.1 |"),
        Edit(line=1, added=("second", "third")),
        Edit(line=2, added=("end",)),
    ]
    edited, written = with_edits(file, edits)
    assert edited.lines == ("| a | 1.1 |", "first", "second", "third", "z", "end")
    assert written == [(2,), (1,), (3, 4), (6,)]


def test_a_last_line_without_an_ending_stays_without_one() -> None:
    file = decode_file(b"a\nb", "x.md")
    edited, _ = with_edits(file, [Edit(line=2, added=("c",))])
    assert edited.encode() == b"a\nb\nc"


def test_utf16_round_trips() -> None:
    data = "é\nü\n".encode("utf-16")
    file = decode_file(data, "x.md")
    edited, _ = with_edits(file, [Edit(line=0, added=("start",))])
    assert edited.encode().decode("utf-16") == "start\né\nü\n"


def test_bytes_that_are_not_text_are_an_input_error() -> None:
    with pytest.raises(InputError, match="is not valid UTF-8"):
        decode_file(b"a\xff\n", "x.md")
