"""Explicit references through find_references, find_row_references and id_key."""

from __future__ import annotations

import pytest

from spectrace.parse.references import Found, find_references, find_row_references, id_key

SPEC_KIT = frozenset({"FR", "SC", "US"})


def targets(text: str, prefixes: frozenset[str] = frozenset()) -> list[str]:
    return [hit.target for hit in find_references(text, prefixes=prefixes)]


def row_targets(
    cells: tuple[str, ...], header: tuple[str, ...], prefixes: frozenset[str] = frozenset()
) -> list[tuple[int, str]]:
    return [(i, hit.target) for i, hit in find_row_references(cells, header, prefixes=prefixes)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Validates: Requirements 2.2, 4.1**", ["2.2", "4.1"]),
        ("**Validates: Requirement 1.4**", ["1.4"]),
        ("  - _Requirements: 1.1, 2.3_", ["1.1", "2.3"]),
        ("The cart keeps its lines (Requirement 6).", ["6"]),
        ("### Requirement 3: Checkout", ["3"]),
        ("Requirement(s): 7.1", ["7.1"]),
        ("Req #4 and Req. 5.2", ["4", "5.2"]),
        ("**Validates: Extended Requirements 15.1, 15.3**", ["15.1", "15.3"]),
        ("_Requirements: Extended Req 2.1-2.3_", ["2.1", "2.2", "2.3"]),
        ("Covers: 1.2", ["1.2"]),
        ("the filter API described in Requirement 28", ["28"]),
    ],
)
def test_labelled_numbers(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


def test_offsets_point_at_the_ids_in_the_raw_text() -> None:
    text = "**Validates: Requirements 2.2, 10.4**"
    hits = find_references(text)
    assert [text[h.start : h.end] for h in hits] == ["2.2", "10.4"]
    assert all(h.labelled for h in hits)


def test_a_range_shares_one_span() -> None:
    text = "Requirements: 3.1-3.3"
    hits = find_references(text)
    assert [h.target for h in hits] == ["3.1", "3.2", "3.3"]
    assert {text[h.start : h.end] for h in hits} == {"3.1-3.3"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements: 1.1、1.2，1.3", ["1.1", "1.2", "1.3"]),
        ("Requirements: 1.1; 1.2 and 1.3 & 1.4 / 1.5", ["1.1", "1.2", "1.3", "1.4", "1.5"]),
        ("Requirements 2.1, 2.2, and 2.4 are met", ["2.1", "2.2", "2.4"]),
        ("Requirements: 1.1<br>1.2", ["1.1", "1.2"]),
        ("Requirements: 4.1, Task 3.1", ["4.1"]),
    ],
)
def test_lists(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements 1.1–1.4", ["1.1", "1.2", "1.3", "1.4"]),
        ("Requirements: 4.8-4.10", ["4.8", "4.9", "4.10"]),
        ("Requirements 2~2.3", ["2", "2.3"]),
        ("Requirements: 2.1~2.3", ["2.1", "2.2", "2.3"]),
        ("Requirements 1 through 3", ["1", "2", "3"]),
        ("需求 1.1至1.3", ["1.1", "1.2", "1.3"]),
        ("Requirements: 1.1-13.9", ["1.1", "13.9"]),
        ("Requirements: 5B.2-5B.4", ["5B.2", "5B.3", "5B.4"]),
    ],
)
def test_numeric_ranges(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


def test_prefixed_ranges_keep_zero_padding() -> None:
    assert targets("covers FR-007-017", SPEC_KIT) == [f"FR-{n:03d}" for n in range(7, 18)]
    assert targets("FR-001 to FR-004", SPEC_KIT) == ["FR-001", "FR-002", "FR-003", "FR-004"]
    assert len(targets("all of them (FR-001 through FR-072)", SPEC_KIT)) == 72
    assert targets("stories US1–US3 first", SPEC_KIT) == ["US1", "US2", "US3"]
    assert targets("| R2.1-R2.3 |", frozenset({"R"})) == ["R2.1", "R2.2", "R2.3"]


def test_a_dash_between_unpadded_numbers_is_part_of_the_id() -> None:
    assert targets("see REQ-1-1 and REQ-1-2", frozenset({"REQ"})) == ["REQ-1-1", "REQ-1-2"]


def test_a_range_too_long_keeps_its_two_ends() -> None:
    assert targets("Requirements: 1.1-1.900") == ["1.1", "1.900"]
    assert targets("FR-001 to FR-999", SPEC_KIT) == ["FR-001", "FR-999"]


def test_backwards_range_keeps_its_ends() -> None:
    assert targets("Requirements: 3.4-3.1") == ["3.4", "3.1"]


def test_slash_lists_borrow_the_prefix() -> None:
    assert targets("login (FR-001/002)", SPEC_KIT) == ["FR-001", "FR-002"]
    assert targets("login (FR-001/FR-002)", SPEC_KIT) == ["FR-001", "FR-002"]
    assert targets("stories US3/US4 share it", SPEC_KIT) == ["US3", "US4"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**验证需求: 2.1, 2.4**", ["2.1", "2.4"]),
        ("需求：3.2", ["3.2"]),
        ("_需求: 1.1, 2.1_", ["1.1", "2.1"]),
        ("要件: 1.1", ["1.1"]),
        ("要件1を満たすため", ["1"]),
        ("#### 暗号化（要件7-AC2）", ["7.2"]),
        ("Requisitos: 1.2", ["1.2"]),
        ("Atende o Requisito 3", ["3"]),
        ("요구사항 1.2 참조", ["1.2"]),
        ("Yêu cầu 1.2", ["1.2"]),
        ("_Requirements: 要件4（一覧表示）, 要件5（削除）_", ["4", "5"]),
    ],
)
def test_labels_in_other_languages(text: str, expected: list[str]) -> None:
    assert targets(text) == expected


def test_a_label_reaches_no_further_than_its_line() -> None:
    assert targets("Requirements:\n2) keep carts") == []
    assert targets("_Requirements: 1.1,\n  1.2_") == ["1.1", "1.2"]


def test_a_note_between_ids_does_not_end_the_list() -> None:
    text = "**関連要件ID**: REQ-2-1（検索）, REQ-2-2（並び替え）"
    assert targets(text) == ["REQ-2-1", "REQ-2-2"]
    assert all(h.labelled for h in find_references(text))


def test_a_note_then_other_words_ends_the_list() -> None:
    assert targets("- **要件4（通知）**: タスク 2.1, 2.2") == ["4"]


def test_code_comments() -> None:
    code = """// Implements FR-002 and FR-003
export const limit = 25; // 1.5 seconds budget
-- Requirements: 1.3
CREATE TABLE carts (id INT, total DECIMAL(10, 2));
# Requirements: 1.2
retries = 3
"""
    hits = find_references(code, prefixes=SPEC_KIT)
    assert [h.target for h in hits] == ["FR-002", "FR-003", "1.3", "1.2"]
    assert [code.count("\n", 0, h.start) for h in hits] == [0, 0, 2, 4]


def test_unlabelled_prefixed_ids_need_a_known_prefix() -> None:
    text = "Stores UTF-8 text, SHA-256 hashes, ISO-8601 dates over HTTP-2 in ES-2022 (FR-058)."
    assert targets(text, SPEC_KIT) == ["FR-058"]
    assert targets(text) == []
    hits = find_references("per FR-005", prefixes=SPEC_KIT)
    assert [(h.target, h.labelled) for h in hits] == [("FR-005", False)]


def test_prefixes_are_compared_in_upper_case() -> None:
    assert targets("per FR-005", frozenset({"fr"})) == ["FR-005"]


def test_labelled_prefixed_ids_count_whatever_the_prefix() -> None:
    assert targets("Requirements: XYZ-9") == ["XYZ-9"]
    assert targets("Satisfies: REQ-2") == ["REQ-2"]
    assert targets("**Validates: Requirements BR-1**") == ["BR-1"]
    assert targets("Refs: FR-1") == ["FR-1"]


def test_a_verb_without_colon_needs_a_known_prefix() -> None:
    assert targets("Validates S3 uploads") == []
    assert targets("// implements AB-12 handling") == []
    assert targets("// implements FR-12 handling", SPEC_KIT) == ["FR-12"]


@pytest.mark.parametrize(
    "text",
    [
        "Property 1.2 holds for every cart",
        "Upgrade to version 1.2",
        "Speaks HTTP 1.1",
        "Phase 1: setup",
        "Step 2 of the wizard",
        "Task 3.1 adds the table",
        "Validates array contains between 1 and 100 ids",
        "class AuthFilter implements ExceptionFilter {",
        "Password requirements: Min 8 chars",
        "requirements: 8 characters",
        "Requirements: 1,000 users",
        "Requirements 3 to 5 seconds",
        "The suite covers 80% of lines",
        "Released 2024-01-15",
        "install with pip install -r requirements.txt 2",
        "_Requirements: All_",
        "_需求: 所有需求_",
        "要件定義と設計 1.2",
        "検証: 1回のみ",
        "const total = values.reduce((a, b) => a + b, 0) * 1.5;",
    ],
)
def test_not_references(text: str) -> None:
    assert targets(text, SPEC_KIT) == []


def test_user_stories() -> None:
    text = "(FR-010, User Story 1) and (US2); User Stories 3-4; US-5"
    assert targets(text, SPEC_KIT) == [
        "FR-010",
        "User Story 1",
        "US2",
        "User Story 3",
        "User Story 4",
        "US-5",
    ]


def test_letter_suffixes_are_kept() -> None:
    assert targets("(FR-025a)", SPEC_KIT) == ["FR-025a"]
    assert targets("Validates: Requirements 6.8a, 11A.3b, 5B.15") == ["6.8a", "11A.3b", "5B.15"]


def test_id_then_colon_text() -> None:
    assert targets("- SC-009: 30+ FPS while panning", SPEC_KIT) == ["SC-009"]


def test_a_label_word_equal_to_a_prefix_keeps_it() -> None:
    assert targets("see REQ 3", frozenset({"REQ"})) == ["REQ 3"]
    assert id_key("REQ 3") == id_key("REQ-3")


def test_markdown_link_text() -> None:
    assert targets("[Requirement 2](requirements.md#requirement-2)") == ["2"]


def test_requirement_column_holds_bare_ids() -> None:
    header = ("Component", "Purpose", "Requirements", "Depends on")
    cells = ("CartList", "shows carts 2 times a day", "1.1-1.3, 4.2", "Store v2.1")
    assert row_targets(cells, header) == [(2, "1.1"), (2, "1.2"), (2, "1.3"), (2, "4.2")]


def test_cell_offsets_are_within_the_cell() -> None:
    cells = ("Cart", "`2.1`, `2.4`")
    found = find_row_references(cells, ("Name", "Req ID"))
    assert [(i, cells[i][h.start : h.end]) for i, h in found] == [(1, "2.1"), (1, "2.4")]
    assert all(isinstance(h, Found) and h.labelled for _, h in found)


@pytest.mark.parametrize(
    "header",
    [
        "Requirements",
        "Requirement",
        "**Reqs**",
        "Req",
        "Req ID",
        "Requirement(s)",
        "Requirement IDs",
        "Covers",
        "Traces",
        "Satisfies",
        "要件",
        "要件ID",
        "関連要件",
        "要件カバレッジ",
        "需求",
        "需求ID",
        "Requisito",
        "Requisitos",
        "Requisito(s)",
        "Requisitos cobertos",
        "요구사항",
        "Yêu cầu",
    ],
)
def test_requirement_column_headers(header: str) -> None:
    assert row_targets(("3", "Checkout"), (header, "Summary")) == [(0, "3")]


def test_other_columns_are_free_text() -> None:
    header = ("Step", "Notes")
    cells = ("3", "handles FR-004 (Requirement 2)")
    assert row_targets(cells, header, SPEC_KIT) == [(1, "FR-004"), (1, "2")]


def test_key_value_row_with_a_label_cell() -> None:
    header = ("Item", "Detail")
    assert row_targets(("要件ID", "1.1, 1.4, 3.1-3.2"), header) == [
        (1, "1.1"),
        (1, "1.4"),
        (1, "3.1"),
        (1, "3.2"),
    ]
    assert row_targets(("Purpose", "keeps 3 carts"), header) == []


def test_requirement_column_with_prose_is_not_read_as_ids() -> None:
    header = ("Principle", "Requirement", "Status")
    assert row_targets(("I. Tests first", "3 layers at most", "ok"), header) == []
    assert row_targets(("II. Small", "All", "ok"), header) == []


def test_prefixed_ids_in_a_requirement_column() -> None:
    header = ("Task", "Requisitos cobertos")
    cells = ("T1.1, T8", "R8 (auditoria), R10")
    assert row_targets(cells, header) == [(1, "R8"), (1, "R10")]


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("FR-001", "FR1"),
        ("FR-001", "fr-1"),
        ("US-1", "US1"),
        ("REQ-1-1", "REQ1-1"),
        ("5B.3", "5b.3"),
        ("User Story 2", "US2"),
        ("Requirement 3", "3"),
        ("AC-02.1", "AC2.1"),
    ],
)
def test_id_key_equal(left: str, right: str) -> None:
    assert id_key(left) == id_key(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [("1.2", "12"), ("1.2", "1.20"), ("FR-1", "SC-1"), ("REQ-1-1", "REQ-11"), ("6.8a", "6.8")],
)
def test_id_key_different(left: str, right: str) -> None:
    assert id_key(left) != id_key(right)


def test_id_key_keeps_dotted_ids() -> None:
    assert id_key("1.2") == "1.2"
    assert id_key("10.3") == "10.3"


@pytest.mark.parametrize(
    "text",
    [
        "Requirements: " + "1.1, " * 50_000,
        "FR-" * 70_000,
        "7" * 200_000,
        "Requirements " * 20_000,
        "Validates: Requirements " * 10_000,
        "Requirements: 1.1 (" * 10_000,
        "Requirements:" + " " * 200_000 + "1",
        "FR-001/" + "002/" * 50_000,
        "US1-" * 50_000,
        "1." * 100_000,
        "要件12-AC3" * 20_000,
    ],
)
def test_huge_hostile_lines_complete(text: str) -> None:
    hits = find_references(text, prefixes=SPEC_KIT)
    row = find_row_references((text,), ("Requirements",), prefixes=SPEC_KIT)
    assert len(hits) <= len(text)
    assert len(row) <= len(text)


def test_range_expansion_is_bounded_per_text() -> None:
    text = "Requirements: " + "1.1-1.500, " * 2_000
    hits = find_references(text)
    assert 2_000 * 2 <= len(hits) < 20_000


def test_four_digit_requirement_numbers_are_ids() -> None:
    # Large (generated or merged) specs number past 999.
    found = [hit.target for hit in find_references("(Requirements: 1234.1-1234.3, 1300)")]
    assert found == ["1234.1", "1234.2", "1234.3", "1300"]


def test_a_bracket_of_criterion_ids_is_a_reference_when_the_ids_exist() -> None:
    from spectrace.parse.references import find_references as find

    known = frozenset({"1.3", "2.1", "2.2", "2.3", "2.4"})
    assert [hit.target for hit in find("Search runs on kana (1.3)", known=known)] == ["1.3"]
    assert [hit.target for hit in find("判定（2.1-2.4）", known=known)] == [
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    # A version or a price in brackets is no reference: not an id the spec defines.
    assert find("runs on Python (3.11)", known=known) == ()
    assert find("costs (3.50 USD)", known=known) == ()
    # A lone number may be anything.
    assert find("see note (2)", known=known) == ()
