"""Property-based tests: generated Markdown specs and mutated fixtures never break a run.

Whatever the documents say, the public API returns a report or raises SpectraceError, the command
line exits 0, 1 or 2 (2 with one error line), and the JSON report keeps its invariants
(robust_support.assert_report_invariants). Examples are derandomised, so a run is reproducible;
SPECTRACE_FUZZ_SCALE=10 runs ten times as many, SPECTRACE_FUZZ_RANDOM=1 draws new ones.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import spectrace
from spectrace.errors import SpectraceError
from spectrace.render.diagram import build_diagram
from spectrace.render.json import to_data
from spectrace.render.registry import GRAPH_FORMATS, format_for

from .robust_support import (
    FIXTURE_SPECS,
    FIXTURES,
    ROOT,
    assert_answer,
    assert_report_invariants,
    invoke,
    line_count,
    write_spec,
)

_SCALE = float(os.environ.get("SPECTRACE_FUZZ_SCALE", "1"))


def _settings(examples: int) -> settings:
    return settings(
        max_examples=max(1, int(examples * _SCALE)),
        deadline=None,
        derandomize=not os.environ.get("SPECTRACE_FUZZ_RANDOM"),
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8")
    )
    return schema


def _lines_of_files(file: str) -> int:
    return line_count(Path(file).read_bytes())


def _check_data(data: dict[str, Any]) -> None:
    jsonschema.validate(data, _schema())
    assert_report_invariants(data, _lines_of_files)


# --- Generated Markdown --------------------------------------------------------------------------

NUMBER = st.integers(min_value=1, max_value=12)
IDS = st.one_of(
    NUMBER.map(str),
    st.tuples(NUMBER, NUMBER).map(lambda t: f"{t[0]}.{t[1]}"),
    NUMBER.map(lambda n: f"REQ-{n:03}"),
    NUMBER.map(lambda n: f"FR-{n:03}"),
    NUMBER.map(lambda n: f"NFR-{n:02}"),
    NUMBER.map(lambda n: f"US{n}"),
)
WORDS = st.sampled_from(
    [
        "user",
        "member",
        "book",
        "loan",
        "order",
        "token",
        "the system",
        "SHALL",
        "WHEN",
        "THEN",
        "IF",
        "WHILE",
        "must",
        "要件",
        "ユーザーがログインする",
        "用户下单时系统应当保存订单",
        "사용자",
        "café",
        "<b>",
        "<script>alert(1)</script>",
        "|",
        "**",
        "_",
        "`",
        "[x](y)",
        "\\",
        "#",
        "-->",
        '"]; evil [',
        "=cmd()",
        "\u200b",
        "\t",
        "(",
        ")",
        ":",
        "1.",
    ]
)
CHARS = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
TEXT = st.lists(st.one_of(WORDS, IDS, st.text(CHARS, max_size=6)), max_size=10).map(" ".join)
NAME = st.one_of(
    st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,10}", fullmatch=True),
    st.sampled_from(["users", "Order", "book_loans", "注文", "select", "table"]),
)


def _refs(ids: list[str]) -> str:
    return ", ".join(ids)


REFERENCE = st.one_of(
    st.lists(IDS, min_size=1, max_size=3).map(lambda ids: f"_Requirements: {_refs(ids)}_"),
    st.lists(IDS, min_size=1, max_size=3).map(lambda ids: f"(Requirements: {_refs(ids)})"),
    st.tuples(IDS, IDS).map(lambda t: f"Requirements: {t[0]}-{t[1]}"),
    IDS.map(lambda i: f"Validates: Requirements {i}"),
    IDS.map(lambda i: f"Implements {i}"),
)
EARS = st.builds(
    lambda when, then: f"WHEN {when} THEN the system SHALL {then}", TEXT, TEXT
) | st.builds(lambda t: f"The system SHALL {t}", TEXT)
STORY = st.builds(
    lambda role, want, why: f"**User Story:** As a {role}, I want {want}, so that {why}",
    TEXT,
    TEXT,
    TEXT,
)
INLINE = st.one_of(
    TEXT,
    EARS,
    STORY,
    REFERENCE,
    st.builds(lambda i, t: f"**{i}**: {t}", IDS, TEXT),
    st.builds(lambda t, r: f"{t} {r}", TEXT, REFERENCE),
    st.builds(
        lambda m, n, r: f"`{m} /api/{n}` - {r}",
        st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
        NAME,
        REFERENCE | TEXT,
    ),
)
HEADING = st.builds(
    lambda level, title: "#" * level + " " + title,
    st.integers(min_value=1, max_value=5),
    st.one_of(
        st.builds(lambda i, t: f"Requirement {i}: {t}", IDS, TEXT),
        st.builds(lambda i, t: f"{i}: {t}", IDS, TEXT),
        st.builds(lambda i, t: f"{i} {t}", IDS, TEXT),
        st.sampled_from(
            [
                "Requirements",
                "Acceptance Criteria",
                "Functional Requirements",
                "Non-Functional Requirements",
                "User Stories",
                "Design",
                "Data Model",
                "API Endpoints",
                "Components",
                "Architecture",
                "Correctness Properties",
                "Error Handling",
                "要件定義",
                "受け入れ基準",
                "数据模型",
            ]
        ),
        st.builds(lambda t, r: f"{t} ({r})", TEXT, REFERENCE),
        TEXT,
    ),
)
LIST = st.builds(
    lambda marker, items: "\n".join(f"{marker(n)}{item}" for n, item in enumerate(items, 1)),
    st.sampled_from(
        [
            lambda n: "- ",
            lambda n: f"{n}. ",
            lambda n: "* ",
            lambda n: "  - " if n % 2 else "- ",
            lambda n: "- [ ] ",
        ]
    ),
    st.lists(INLINE, min_size=1, max_size=6),
)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("\n", " ") for cell in cells) + " |"


TABLE = st.integers(min_value=1, max_value=4).flatmap(
    lambda width: st.builds(
        lambda header, rows: "\n".join(
            [_row(header), _row(["---"] * width), *(_row(row) for row in rows)]
        ),
        st.lists(
            st.sampled_from(
                ["ID", "Requirement", "Description", "Field", "Type", "Endpoint", "Requirements"]
            )
            | TEXT,
            min_size=width,
            max_size=width,
        ),
        st.lists(
            st.lists(st.one_of(IDS, TEXT, REFERENCE), min_size=width, max_size=width),
            max_size=5,
        ),
    )
)
SQL = st.builds(
    lambda table, column, other, extra: (
        f"CREATE TABLE {table} (\n  id INT PRIMARY KEY,\n"
        f"  {column} VARCHAR(20) REFERENCES {other}(id){extra}\n);"
    ),
    NAME,
    NAME,
    NAME,
    st.sampled_from(["", ",", " ((", "\n  CONSTRAINT x CHECK (", ";\nALTER TABLE x ADD y INT;"]),
)
PRISMA = st.builds(
    lambda model, field, kind: f"model {model} {{\n  id Int @id\n  {field} {kind}?\n}}",
    NAME,
    NAME,
    st.sampled_from(["String", "Int", "User[]", "DateTime @default(now())", "{"]),
)
TYPESCRIPT = st.builds(
    lambda name, field: f"export interface {name} {{\n  {field}: string;\n  id?: number\n}}",
    NAME,
    NAME,
) | st.builds(lambda name: f"class {name} extends Base {{\n  run(): void {{}}\n", NAME)
PYTHON = st.builds(
    lambda name, field: f"class {name}(BaseModel):\n    {field}: str\n\n\ndef f({field}):\n    ...",
    NAME,
    NAME,
)
MERMAID = st.one_of(
    st.builds(
        lambda a, b, t: f'erDiagram\n  {a} ||--o{{ {b} : "{t}"\n  {a} {{\n    int id PK\n  }}',
        NAME,
        NAME,
        TEXT,
    ),
    st.builds(lambda a, b: f"classDiagram\n  class {a}\n  {a} --> {b}", NAME, NAME),
    st.builds(lambda a, t: f"flowchart LR\n  {a}[{t}] --> B", NAME, TEXT),
)
FENCE = st.one_of(
    st.tuples(st.just("sql"), SQL),
    st.tuples(st.just("prisma"), PRISMA),
    st.tuples(st.sampled_from(["ts", "typescript"]), TYPESCRIPT),
    st.tuples(st.just("python"), PYTHON),
    st.tuples(st.just("mermaid"), MERMAID),
    st.tuples(st.sampled_from(["", "json", "text"]), TEXT),
).flatmap(
    lambda pair: st.sampled_from(["```", "~~~", ""]).map(
        lambda close: f"```{pair[0]}\n{pair[1]}\n{close}"
    )
)
BLOCK = st.one_of(
    HEADING,
    HEADING,
    LIST,
    LIST,
    TABLE,
    FENCE,
    INLINE,
    INLINE.map(lambda t: "> " + t),
    st.just("<!-- spectrace: ignore orphan -->"),
    st.just("---"),
)
DOCUMENT = st.lists(BLOCK, max_size=14).map("\n\n".join)
ENCODED = st.tuples(
    DOCUMENT,
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
).map(lambda t: t[0].replace("\n", t[1]).encode(t[2]))

#: The renderers of every text format that need no Graphviz (SVG and HTML: test_robust_output).
_RENDERERS: list[Callable[[Any], str]] = [
    *(format_for("check", f).renderer() for f in ("text", "json", "sarif", "junit", "github")),
    *(format_for("report", f).renderer() for f in ("text", "markdown", "csv")),
]
_DRAWERS = [GRAPH_FORMATS[f].drawer() for f in ("dot", "mermaid", "graphml", "json")]


@_settings(120)
@given(
    requirements=ENCODED,
    design=ENCODED,
    links=st.sampled_from(["explicit", "inferred", "auto", "both"]),
)
def test_generated_specs_through_the_api(requirements: bytes, design: bytes, links: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "spec", requirements, design)
        report = spectrace.check([folder], links=links)
        _check_data(to_data(report))
        for render in _RENDERERS:
            assert isinstance(render(report), str)
        ET.fromstring(format_for("check", "junit").renderer()(report))
        json.loads(format_for("check", "sarif").renderer()(report))
        diagram = build_diagram(report)
        for draw in _DRAWERS:
            assert isinstance(draw(diagram), str)


@_settings(40)
@given(requirements=ENCODED, design=ENCODED)
def test_generated_specs_through_the_command_line(requirements: bytes, design: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_spec(Path(tmp) / "spec", requirements, design)
        result = invoke("check", str(folder), "--format", "json")
        assert_answer(result)
        assert result.exit_code in (0, 1), result.stderr  # text without NUL is always read
        _check_data(json.loads(result.stdout))


# --- Mutated fixtures ----------------------------------------------------------------------------


def _fixture_files(spec: str) -> list[Path]:
    return sorted(p for p in (FIXTURES / spec).rglob("*.md"))


MUTATION = st.tuples(
    st.sampled_from(["truncate", "duplicate line", "delete line", "swap bytes", "insert NUL"]),
    st.floats(min_value=0, max_value=1),
    st.floats(min_value=0, max_value=1),
)


def mutate(data: bytes, kind: str, at: float, other: float) -> bytes:
    """One mutation of a document at relative positions ``at`` and ``other``."""
    index = min(len(data), int(at * len(data)))
    if kind == "truncate":
        return data[:index]
    if kind == "insert NUL":
        return data[:index] + b"\x00" + data[index:]
    if kind == "swap bytes":
        if len(data) < 2:
            return data
        first, second = sorted((index % len(data), int(other * (len(data) - 1))))
        swapped = bytearray(data)
        swapped[first], swapped[second] = swapped[second], swapped[first]
        return bytes(swapped)
    lines = data.splitlines(keepends=True)
    if not lines:
        return data
    line = min(len(lines) - 1, int(at * len(lines)))
    if kind == "duplicate line":
        lines.insert(line, lines[line])
    else:
        del lines[line]
    return b"".join(lines)


@st.composite
def mutated_fixture(draw: st.DrawFn) -> tuple[str, dict[str, bytes]]:
    """A fixture spec and the new bytes of the documents that changed."""
    spec = draw(st.sampled_from(FIXTURE_SPECS))
    files = _fixture_files(spec)
    changed: dict[str, bytes] = {}
    for kind, at, other in draw(st.lists(MUTATION, min_size=1, max_size=3)):
        path = draw(st.sampled_from(files))
        relative = path.relative_to(FIXTURES / spec).as_posix()
        data = changed.get(relative, path.read_bytes())
        changed[relative] = mutate(data, kind, at, other)
    return spec, changed


def _mutated_copy(tmp: Path, spec: str, changed: dict[str, bytes]) -> Path:
    folder = tmp / spec
    shutil.copytree(FIXTURES / spec, folder)
    for relative, data in changed.items():
        (folder / relative).write_bytes(data)
    return folder


def _assert_input_error(error: SpectraceError, folder: Path) -> None:
    """A refused document is named, with the line when its content is at fault."""
    assert error.file, str(error)
    assert Path(error.file).resolve().is_relative_to(folder.resolve())
    if "NUL" in error.message or "not valid" in error.message:
        assert 1 <= error.line <= line_count(Path(error.file).read_bytes())


@_settings(100)
@given(case=mutated_fixture(), links=st.sampled_from(["explicit", "inferred", "auto", "both"]))
def test_mutated_fixtures_through_the_api(case: tuple[str, dict[str, bytes]], links: str) -> None:
    spec, changed = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = _mutated_copy(Path(tmp), spec, changed)
        try:
            report = spectrace.check([folder], links=links)
        except SpectraceError as error:
            _assert_input_error(error, folder)
            assert any(b"\x00" in data for data in changed.values()) or "UTF" in error.message
            return
        _check_data(to_data(report))


@_settings(40)
@given(case=mutated_fixture())
def test_mutated_fixtures_through_the_command_line(case: tuple[str, dict[str, bytes]]) -> None:
    spec, changed = case
    with tempfile.TemporaryDirectory() as tmp:
        folder = _mutated_copy(Path(tmp), spec, changed)
        result = invoke("check", str(folder), "--format", "json")
        assert_answer(result)
        if result.exit_code == 2:
            assert f"{folder.as_posix()}/" in result.stderr
        else:
            _check_data(json.loads(result.stdout))


def test_a_repeated_requirement_heading_loses_no_criterion(tmp_path: Path) -> None:
    """Found by the mutation test: with `### Requirement 3` written twice, the criteria under the
    second copy vanished from the report while design items still linked to them."""
    text = (FIXTURES / "library" / "requirements.md").read_bytes()
    heading = b"### Requirement 3: Borrowing\n"
    folder = _mutated_copy(
        tmp_path, "library", {"requirements.md": text.replace(heading, heading * 2)}
    )
    data = to_data(spectrace.check([folder], links="explicit"))
    _check_data(data)
    (spec,) = data["specs"]
    third = next(r for r in spec["requirements"] if r["id"] == "3")
    assert [c["id"] for c in third["criteria"]] == ["3.1", "3.2", "3.3", "3.4"]
    assert third["status"] == "covered"
    assert [f["code"] for f in spec["findings"] if f["code"] == "ST102"] == ["ST102"]
