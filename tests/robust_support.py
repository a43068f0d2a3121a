"""Shared by the robustness tests (tests/test_robust_*.py) and benchmarks/hostile.py.

What a run must always give (``assert_answer``), the invariants every JSON report keeps
(``assert_report_invariants``), the hostile documents (``HOSTILE``) and adversarial strings for
regular expressions (``adversarial_inputs``).
"""

from __future__ import annotations

import codecs
import importlib
import itertools
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

from typer.testing import CliRunner, Result

from spectrace.cli import app
from spectrace.render.registry import CHECK_FORMATS, GRAPH_FORMATS, REPORT_FORMATS

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_SPECS = ("library", "payments", "recipes", "taskboard")

runner = CliRunner()

#: Every text format of every command (png needs the system dot and is bytes: left out).
COMMAND_FORMATS: tuple[tuple[str, str], ...] = (
    *(("check", name) for name in CHECK_FORMATS),
    *(("report", name) for name in REPORT_FORMATS),
    *(("graph", name) for name, chosen in GRAPH_FORMATS.items() if not chosen.binary),
)

_ERROR_LINE = re.compile(r"spectrace: error: \S.*")


def invoke(*args: str) -> Result:
    """Run the command line in-process, never reusing cached results."""
    return runner.invoke(app, [*args, "--no-cache"])


def assert_answer(result: Result) -> None:
    """A run answered: exit 0, 1 or 2; on 2 exactly one ``spectrace: error:`` line; no trace, no
    internal error."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr, result.stderr
    if result.exit_code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert _ERROR_LINE.fullmatch(lines[0]), lines[0]


def write_spec(folder: Path, requirements: str | bytes, design: str | bytes) -> Path:
    """A spec folder holding requirements.md and design.md (text as UTF-8, bytes as they are)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (("requirements.md", requirements), ("design.md", design)):
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return folder


def line_count(data: bytes) -> int:
    """Lines of a document as spectrace counts them (any newline convention; at least 1)."""
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def assert_report_invariants(data: dict[str, Any], lines: Callable[[str], int]) -> None:
    """What every JSON report keeps, whatever the documents said.

    ``lines(file)``: the line count of a document as the report names it.
    """
    totals: dict[str, int] = {}
    for spec in data["specs"]:
        summary = spec["summary"]
        requirements = spec["requirements"]
        statuses = [r["status"] for r in requirements]
        covered, partial = statuses.count("covered"), statuses.count("partial")
        uncovered = statuses.count("uncovered")
        assert covered + partial + uncovered == len(requirements) == summary["requirements"]
        assert (covered, partial) == (
            summary["requirements_covered"],
            summary["requirements_partial"],
        )
        criteria = [c for r in requirements for c in r["criteria"]]
        assert len(criteria) == summary["criteria"]
        assert sum(c["status"] == "covered" for c in criteria) == summary["criteria_covered"]
        assert summary["units_covered"] <= summary["units"]
        assert 0.0 <= summary["coverage"] <= 100.0
        for key, value in summary.items():
            if key != "coverage":
                totals[key] = totals.get(key, 0) + value

        targets = {r["id"] for r in requirements} | {c["id"] for c in criteria}
        items = {i["id"] for i in spec["design_items"]}
        assert len(items) == len(spec["design_items"]), "design item ids are unique"
        traceable = {"entity", "endpoint", "rule", "interface", "component", "property"}
        assert sum(i["kind"] in traceable for i in spec["design_items"]) == summary["design_items"]
        for link in [
            *(link for r in requirements for link in r["covered_by"]),
            *(link for c in criteria for link in c["covered_by"]),
        ]:
            assert link["target"] in targets, link
            assert link["item"] in items, link
        for item in spec["design_items"]:
            for link in item["covers"]:
                assert link["target"] in targets, link
            assert not item["parent"] or item["parent"] in items, item
            assert not item["traced_via"] or item["traced_via"] in items, item
        for derived in spec["derived"]:
            assert derived["source"] in items and derived["target"] in items, derived
        for suggestion in spec["suggestions"]:
            assert suggestion["item"] in items and suggestion["target"] in targets, suggestion
        assert sum(i["orphan"] for i in spec["design_items"]) == summary["orphans"]
        assert len(spec["dangling"]) == summary["dangling"]

        if "plan" in spec:
            assert_plan_invariants(spec, targets, items)
        files = {spec["requirements_file"], *spec["design_files"], spec.get("tasks_file", "")}
        placed = [
            *spec["findings"],
            *spec["dangling"],
            *requirements,
            *criteria,
            *spec["design_items"],
            *(loc for i in spec["design_items"] for loc in i["locations"]),
            *spec.get("tasks", ()),
        ]
        for thing in placed:
            assert thing["file"] in files, thing
            assert 1 <= thing["line"] <= lines(thing["file"]), (thing, lines(thing["file"]))
    for key, value in totals.items():
        assert data["total"][key] == value, key
    planned = [spec["plan"] for spec in data["specs"] if "plan" in spec]
    assert ("plan" in data) == bool(planned)
    for key in ("tasks", "work", "work_done", "units", "units_planned", "dangling"):
        assert data.get("plan", {}).get(key, 0) == sum(plan[key] for plan in planned), key


def assert_plan_invariants(spec: dict[str, Any], targets: set[str], items: set[str]) -> None:
    """What the plan of a spec keeps: links to known ids and items, counts that add up."""
    plan, tasks = spec["plan"], spec["tasks"]
    keys = {task["key"] for task in tasks}
    assert len(keys) == len(tasks) == plan["tasks"], "task keys are unique"
    parents = {task["parent"] for task in tasks if task["parent"]}
    for task in tasks:
        assert not task["parent"] or task["parent"] in keys, task
        assert task["leaf"] == (task["key"] not in parents), task
        assert task["line"] <= task["end_line"], task
        for link in task["implements"]:
            assert link["target"] in targets, link
        for built in task["builds"]:
            assert built["item"] in items, built
    counted = [t for t in tasks if t["leaf"] and not (t["optional"] and t["state"] != "done")]
    assert len(counted) == plan["work"]
    assert sum(t["state"] == "done" for t in counted) == plan["work_done"]
    statuses = [r["plan"]["status"] for r in spec["requirements"]]
    assert statuses.count("planned") == plan["requirements_planned"]
    assert statuses.count("partial") == plan["requirements_partial"]
    criteria = [c for r in spec["requirements"] for c in r["criteria"]]
    assert sum(bool(c["planned_by"]) for c in criteria) == plan["criteria_planned"]
    for requirement in spec["requirements"]:
        assert requirement["plan"]["done"] <= requirement["plan"]["total"]
        assert set(requirement["plan"]["tasks"]) <= keys
    assert plan["units_planned"] <= plan["units"]
    assert 0.0 <= plan["coverage"] <= 100.0 and 0.0 <= plan["progress"] <= 100.0
    assert sum(bool(i["built_by"]) for i in spec["design_items"]) >= plan["design_items_built"]


# --- Hostile documents ---------------------------------------------------------------------------

REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

**User Story:** As a user, I want to sign in, so that I see my data

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
"""
DESIGN = """# Design

## API

- `POST /api/sessions` - sign in (Requirements: 1.1)
"""


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated to about ``size`` characters (at least once)."""
    return unit * max(1, size // len(unit))


def _lines(size: int, newline: str) -> tuple[bytes, bytes]:
    body = REQUIREMENTS + _fill("- WHEN a user signs out THEN the system SHALL drop it\n", size)
    return body.replace("\n", newline).encode(), DESIGN.replace("\n", newline).encode()


def _table(size: int) -> str:
    columns = 100
    header = "| " + " | ".join(f"Requirements {n}" for n in range(columns)) + " |\n"
    rule = "|" + "---|" * columns + "\n"
    row = "| " + " | ".join(f"FR-{n:03} \\| x" for n in range(columns)) + " |\n"
    return header + rule + _fill(row, size)


@dataclass(frozen=True)
class Hostile:
    """A hostile spec: ``make(size)`` gives requirements.md and design.md, one of them (or a long
    line, a run) about ``size`` bytes; ``refused``: the run must end in a one-line input error."""

    name: str
    make: Callable[[int], tuple[bytes, bytes]]
    size: int
    """The size the tests use (benchmarks/hostile.py uses about 1 MB)."""
    refused: str = ""
    """For an input spectrace must refuse: the start of the error message (after FILE:LINE)."""
    line: Callable[[int], int] | None = None
    """For a refused input: the line the error must name, from the size."""


HOSTILE: tuple[Hostile, ...] = (
    Hostile(
        "invalid UTF-8",
        lambda n: (
            REQUIREMENTS.encode() + _fill("ok line\n", n).encode() + b"caf\xe9\n",
            DESIGN.encode(),
        ),
        20_000,
        refused="is not valid UTF-8 (byte 0xe9)",
        line=lambda n: REQUIREMENTS.count("\n") + max(1, n // 8) + 1,
    ),
    Hostile(
        "UTF-16 with BOM",
        lambda n: (
            codecs.BOM_UTF16_LE + _lines(n, "\n")[0].decode().encode("utf-16-le"),
            codecs.BOM_UTF16_BE + "# 設計\n\n- `GET /a` (Requirements: 1.1)\n".encode("utf-16-be"),
        ),
        20_000,
    ),
    Hostile("CR line endings", lambda n: _lines(n, "\r"), 20_000),
    Hostile("CRLF line endings", lambda n: _lines(n, "\r\n"), 20_000),
    Hostile(
        "1 MB single line",
        lambda n: (
            (REQUIREMENTS + "2. WHEN " + _fill("a user (signs) [in] *now* ", n) + "\n").encode(),
            (DESIGN + "- `GET /x` - " + _fill("Requirements: 1.1, ", n // 10) + "\n").encode(),
        ),
        1_000_000,
    ),
    Hostile(
        "long runs of spaces",
        lambda n: (
            (
                REQUIREMENTS + "\n**User Story:** As a" + " " * n + "user, I want" + " " * n + "x\n"
            ).encode(),
            (
                DESIGN + "## A" + " " * n + "(b) | c\n\n- `GET /a` - x" + " " * n + "(1.1)\n"
            ).encode(),
        ),
        200_000,
    ),
    Hostile(
        "long runs of brackets",
        lambda n: (
            (
                REQUIREMENTS + "2. WHEN " + "[" * n + "THEN x\n\n## [" + "[a](" * (n // 4) + "\n"
            ).encode(),
            (DESIGN + "### " + "[" * n + "\n\n- `GET /b` - " + "![a](" * (n // 5) + "\n").encode(),
        ),
        200_000,
    ),
    Hostile(
        "10,000 nested list levels",
        lambda n: (
            (REQUIREMENTS + _fill("- ", 2 * n) + "x\n").encode(),
            (DESIGN + "".join("  " * min(level, 40) + "1. x\n" for level in range(n))).encode(),
        ),
        10_000,
    ),
    Hostile(
        "10,000 nested block quotes",
        lambda n: (
            (REQUIREMENTS + ">" * n + " x\n").encode(),
            (DESIGN + "> - " * n + "`GET /q` (Requirements: 1.1)\n").encode(),
        ),
        10_000,
    ),
    Hostile(
        "100,000 headings",
        lambda n: (
            (REQUIREMENTS + "".join(f"## Heading {i}\n" for i in range(n))).encode(),
            (DESIGN + "".join(f"### Part {i}\n" for i in range(n // 10))).encode(),
        ),
        100_000,
    ),
    Hostile(
        "unterminated code fence",
        lambda n: (
            (REQUIREMENTS + "```\n" + _fill("### Requirement 2: x\n", n)).encode(),
            (DESIGN + "```sql\n" + _fill("CREATE TABLE t (id INT);\n", n)).encode(),
        ),
        20_000,
    ),
    Hostile(
        "SQL syntax errors",
        lambda n: (
            REQUIREMENTS.encode(),
            (
                DESIGN + "```sql\n" + _fill("CREATE TABLE ((( x REFERENCES ,, ;\n", n) + "```\n"
            ).encode(),
        ),
        20_000,
    ),
    Hostile(
        "broken mermaid",
        lambda n: (
            REQUIREMENTS.encode(),
            (
                DESIGN + "```mermaid\nerDiagram\n" + _fill('A ||--o{ { "B : }}\n  {\n', n) + "```\n"
            ).encode(),
        ),
        20_000,
    ),
    Hostile(
        "huge table",
        lambda n: (
            (REQUIREMENTS + "\n" + _table(n)).encode(),
            (DESIGN + "\n" + _table(n)).encode(),
        ),
        100_000,
    ),
    Hostile(
        "PNG as requirements",
        lambda n: (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * max(1, n // 256),
            DESIGN.encode(),
        ),
        20_000,
        refused="is not a text file (it holds NUL bytes)",
        line=lambda n: 3,
    ),
    Hostile(
        "PNG header without NUL",
        lambda n: (b"\x89PNG\r\n\x1a\n" + b"x" * n, DESIGN.encode()),
        20_000,
        refused="is not valid UTF-8 (byte 0x89)",
        line=lambda n: 1,
    ),
)


# --- Regular expressions -------------------------------------------------------------------------


def module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern held at module level by a spectrace module, with its name."""
    import spectrace

    for module in pkgutil.walk_packages(spectrace.__path__, "spectrace."):
        if module.name.endswith("__main__"):  # runs the command line on import
            continue
        loaded = importlib.import_module(module.name)
        for name, value in sorted(vars(loaded).items()):
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                yield f"{module.name}.{name}", value


_CATEGORY = {
    sre_constants.CATEGORY_DIGIT: "7",
    sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "a",
    sre_constants.CATEGORY_WORD: "a",
    sre_constants.CATEGORY_NOT_WORD: "-",
    sre_constants.CATEGORY_LINEBREAK: "\n",
    sre_constants.CATEGORY_NOT_LINEBREAK: "a",
}


def _set_chars(items: list[tuple[Any, Any]]) -> list[str]:
    chars: list[str] = []
    negated = False
    for op, arg in items:
        if op is sre_constants.NEGATE:
            negated = True
        elif op is sre_constants.LITERAL:
            chars.append(chr(arg))
        elif op is sre_constants.RANGE:
            chars += [chr(arg[0]), chr(arg[1])]
        elif op is sre_constants.CATEGORY:
            chars.append(_CATEGORY.get(arg, "a"))
    if negated:
        return [next((c for c in "a -7x\u00e9" if c not in chars), "\u00e9")]
    return chars


def _walk(sequence: Any, atoms: list[str], fragments: list[str]) -> str:
    """Collect the characters a pattern names (``atoms``) and a sample text of every group,
    repeat and branch (``fragments``); return a sample text of ``sequence``."""
    sample: list[str] = []
    for op, arg in sequence:
        if op is sre_constants.LITERAL:
            atoms.append(chr(arg))
            sample.append(chr(arg))
        elif op is sre_constants.NOT_LITERAL:
            other = "a" if chr(arg) != "a" else "b"
            atoms.append(other)
            sample.append(other)
        elif op is sre_constants.ANY:
            atoms.append("a")
            sample.append("a")
        elif op is sre_constants.IN:
            chars = _set_chars(arg)
            atoms.extend(chars)
            sample.append(chars[0] if chars else "a")
        elif op in (
            sre_constants.MAX_REPEAT,
            sre_constants.MIN_REPEAT,
            sre_constants.POSSESSIVE_REPEAT,
        ):
            low, _high, inner = arg
            text = _walk(inner, atoms, fragments)
            fragments.append(text)
            sample.append(text * max(1, min(low, 3)))
        elif op is sre_constants.SUBPATTERN:
            text = _walk(arg[-1], atoms, fragments)
            fragments.append(text)
            sample.append(text)
        elif op is sre_constants.ATOMIC_GROUP:
            sample.append(_walk(arg, atoms, fragments))
        elif op is sre_constants.BRANCH:
            branches = [_walk(branch, atoms, fragments) for branch in arg[1]]
            fragments.extend(branches)
            sample.append(branches[0])
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            _walk(arg[1], atoms, fragments)
        elif op is sre_constants.GROUPREF_EXISTS:
            for branch in arg[1:]:
                if branch is not None:
                    _walk(branch, atoms, fragments)
    return "".join(sample)


def adversarial_inputs(pattern: re.Pattern[str], size: int, limit: int = 0) -> list[str]:
    """Strings of ``size`` characters that make a backtracking pattern work hardest: each
    character the pattern names, repeated; each fragment (a group's, a repeat's or a branch's
    sample text), repeated; each pair of neighbouring characters, alternated; a sample match
    followed and preceded by a long run of each character.

    ``limit``: at most this many, taken from each kind in turn (0: all of them).
    """
    atoms: list[str] = []
    fragments: list[str] = []
    whole = _walk(sre_parser.parse(pattern.pattern, pattern.flags), atoms, fragments)
    atoms = list(dict.fromkeys(atoms))

    def repeated(piece: str) -> str:
        return (piece * (size // len(piece) + 1))[:size]

    kinds = [
        [repeated(atom) for atom in atoms],
        [repeated(piece) for piece in (*fragments, whole) if piece],
        [repeated(a + b) for a, b in itertools.pairwise(atoms)],
        [whole + atom * size for atom in atoms],
        [atom * size + whole for atom in atoms],
    ]
    found: list[str] = []
    for rank in range(max(map(len, kinds))):
        found.extend(kind[rank] for kind in kinds if rank < len(kind))
    found = list(dict.fromkeys(found))
    return found[:limit] if limit else found
