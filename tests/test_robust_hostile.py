"""Hostile input: every run answers (exit 0, 1, or 2 with one error line) in bounded time.

Each hostile spec runs in its own process with a generous timeout, so a hang fails the test
instead of the suite. No test times anything: benchmarks/hostile.py prints the figures.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import spectrace

from .robust_support import (
    HOSTILE,
    ROOT,
    Hostile,
    adversarial_inputs,
    assert_answer,
    assert_report_invariants,
    invoke,
    line_count,
    module_patterns,
    write_spec,
)

#: Far beyond what any case needs (the slowest takes seconds): only a hang reaches it.
TIMEOUT = 300
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "spectrace", *args, "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


@pytest.mark.parametrize("case", HOSTILE, ids=[h.name for h in HOSTILE])
def test_hostile_spec_gets_an_answer(case: Hostile, tmp_path: Path) -> None:
    requirements, design = case.make(case.size)
    write_spec(tmp_path / "spec", requirements, design)
    done = _run(tmp_path, "check", "spec", "--format", "json")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    if case.refused:
        assert case.line is not None
        assert done.returncode == 2
        expected = f"spectrace: error: spec/requirements.md:{case.line(case.size)}: {case.refused}"
        assert done.stderr == expected + "\n"
        assert done.stdout == ""
        return
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    assert_report_invariants(data, lambda file: line_count((tmp_path / file).read_bytes()))
    assert data["total"]["requirements"] >= 1  # the requirement before the hostile part is read


#: Hostile task lists (beside a small sound spec): name -> tasks.md bytes.
HOSTILE_TASKS = {
    "20,000 tasks with ranges, story tags and endpoints": "".join(
        f"- [ ] {i}.1 Task `T{i}` POST /api/x{i}\n  - _Requirements: 1.1-1.999, US{i}_\n"
        for i in range(20_000)
    ).encode(),
    "2,000 nested checkboxes": "".join(
        "  " * i + f"- [x] {i}. step\n" for i in range(2_000)
    ).encode(),
    "1 MB task line of backticks and brackets": (
        "- [ ] 1. " + "`[P] (P) [US1] " * 70_000 + "\n"
    ).encode(),
    "a 50,000-row traceability table": (
        "- [ ] T1.1 x\n\n| Task | Requirements |\n|---|---|\n"
        + "| T1.1, T2.*, T1 | 1.1, FR-001 to FR-004 |\n" * 50_000
    ).encode(),
    "heading tasks without end": "".join(
        f"### T-{i}: x\n**Status**: " for i in range(50_000)
    ).encode(),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TASKS))
def test_hostile_task_list_gets_an_answer(name: str, tmp_path: Path) -> None:
    folder = write_spec(tmp_path / "spec", REQUIREMENTS_OK, DESIGN_OK)
    (folder / "tasks.md").write_bytes(HOSTILE_TASKS[name])
    done = _run(tmp_path, "check", "spec", "--format", "json")
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    counted = {file: line_count((tmp_path / file).read_bytes()) for file in ("spec/tasks.md",)}
    assert_report_invariants(
        data, lambda file: counted.get(file) or line_count((tmp_path / file).read_bytes())
    )
    assert data["specs"][0]["plan"]["tasks"] >= 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"- [ ] 1. one\n- [ ] 2. t\x00wo\n", "spec/tasks.md:2: is not a text file"),
        (b"- [ ] 1. one\n\n- [ ] 2. caf\xe9\n", "spec/tasks.md:3: is not valid UTF-8"),
    ],
)
def test_a_task_list_that_is_not_text_is_one_error_line(
    data: bytes, message: str, tmp_path: Path
) -> None:
    folder = write_spec(tmp_path / "spec", REQUIREMENTS_OK, DESIGN_OK)
    (folder / "tasks.md").write_bytes(data)
    done = _run(tmp_path, "check", "spec", "-o", "out.json")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"spectrace: error: {message}"), done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "out.json").exists()  # no partial report


REQUIREMENTS_OK = (
    "# R\n\n### Requirement 1: A\n\n#### Acceptance Criteria\n\n1. WHEN x THEN y SHALL z\n"
)
DESIGN_OK = "# D\n\n## API\n\n- `POST /api/x1` - x (Requirements: 1.1)\n"


def test_hostile_encodings_read_as_plain_utf8(tmp_path: Path) -> None:
    """UTF-16, CR and CRLF documents give the report the same spec in UTF-8 with LF gives."""
    cr_requirements, cr_design = next(h for h in HOSTILE if h.name == "CR line endings").make(2000)
    plain = write_spec(
        tmp_path / "plain",
        cr_requirements.replace(b"\r", b"\n"),
        cr_design.replace(b"\r", b"\n"),
    )
    reports = {}
    for name in ("UTF-16 with BOM", "CR line endings", "CRLF line endings"):
        case = next(h for h in HOSTILE if h.name == name)
        folder = write_spec(tmp_path / name.replace(" ", "-"), *case.make(2000))
        reports[name] = spectrace.check([folder])
    lf = spectrace.check([plain])
    for name in ("CR line endings", "CRLF line endings"):
        spec = reports[name].specs[0]
        assert spec.summary == lf.specs[0].summary
        assert [r.requirement.span.line for r in spec.requirements] == [
            r.requirement.span.line for r in lf.specs[0].requirements
        ]
    utf16 = reports["UTF-16 with BOM"].specs[0]
    assert utf16.summary.criteria == lf.specs[0].summary.criteria
    assert utf16.requirements[0].requirement.title == "Sign in"


def test_an_error_naming_an_odd_file_is_still_one_printable_line(tmp_path: Path) -> None:
    """A folder name holding a newline and a terminal escape cannot split or drive the error."""
    folder = write_spec(tmp_path / "a\nb\x1b[2J", "# Requirements\n", b"# Design\n\xff\n")
    result = invoke("check", str(folder))
    assert_answer(result)
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert result.stderr.endswith("[2J/design.md:2: is not valid UTF-8 (byte 0xff)\n")


# --- Discovery: links, special files, permissions ---------------------------------------------


def _root_with_traps(tmp_path: Path) -> Path:
    """A discovery root holding one good spec and links and files that could trap a walk."""
    root = tmp_path / "root"
    good = write_spec(
        root / "good",
        "# Requirements\n\n### Requirement 1: A\n\n1. WHEN x THEN y SHALL z\n",
        "# Design\n\n- `GET /a` (Requirements: 1.1)\n",
    )
    (root / "loop").symlink_to(root, target_is_directory=True)  # a folder link to its ancestor
    (root / "self").symlink_to(root / "self")  # a link to itself
    (root / "dangling.md").symlink_to(root / "nowhere.md")
    (good / "inner").symlink_to(good, target_is_directory=True)
    looping = root / "looping"
    looping.mkdir()
    (looping / "requirements.md").symlink_to(looping / "requirements.md")
    (looping / "design.md").write_text("# Design\n", encoding="utf-8")
    fifo = root / "fifo"
    fifo.mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(fifo / "requirements.md")  # reading it would block forever
        (fifo / "design.md").write_text("# Design\n", encoding="utf-8")
    return root


def test_link_loops_self_links_and_fifos_under_a_root_are_passed_over(tmp_path: Path) -> None:
    root = _root_with_traps(tmp_path)
    result = invoke("check", str(root), "--format", "json")
    assert_answer(result)
    assert result.exit_code in (0, 1)
    assert [spec["name"] for spec in json.loads(result.stdout)["specs"]] == ["good"]
    assert [spec.name for spec in spectrace.check([root]).specs] == ["good"]


def test_a_self_link_given_as_the_path_is_one_error_line(tmp_path: Path) -> None:
    root = _root_with_traps(tmp_path)
    for path in (
        root / "self",
        root / "looping" / "requirements.md",
        root / "fifo" / "requirements.md",
    ):
        result = invoke("check", str(path))
        assert_answer(result)
        assert result.exit_code == 2
        result = invoke(
            "check", "--requirements", str(path), "--design", str(root / "good" / "design.md")
        )
        assert_answer(result)
        assert result.exit_code == 2


@pytest.mark.skipif(AS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_document_is_one_error_line_naming_it(tmp_path: Path) -> None:
    folder = write_spec(tmp_path / "spec", "# Requirements\n", "# Design\n")
    (folder / "requirements.md").chmod(0)
    try:
        result = invoke("check", str(folder))
    finally:
        (folder / "requirements.md").chmod(0o644)
    assert_answer(result)
    assert result.exit_code == 2
    assert "requirements.md: cannot read: Permission denied" in result.stderr


@pytest.mark.skipif(AS_ROOT, reason="root reads folders whatever their mode")
def test_an_unreadable_folder_under_a_root_is_skipped(tmp_path: Path) -> None:
    root = _root_with_traps(tmp_path)
    locked = write_spec(root / "locked", "# Requirements\n", "# Design\n")
    locked.chmod(0)
    try:
        result = invoke("check", str(root), "--format", "json")
    finally:
        locked.chmod(0o755)
    assert_answer(result)
    assert [spec["name"] for spec in json.loads(result.stdout)["specs"]] == ["good"]


# --- Regular expressions -------------------------------------------------------------------------

#: Runs every module-level pattern of spectrace over its adversarial strings. An alarm per
#: pattern (ten times the second the slowest linear one needs) names a pattern that hangs.
_REGEX_RUN = """
import signal, sys
from tests.robust_support import adversarial_inputs, module_patterns

def too_slow(signum, frame):
    raise TimeoutError

signal.signal(signal.SIGALRM, too_slow)
count = 0
for name, pattern in module_patterns():
    signal.alarm(PER_PATTERN)
    try:
        for text in adversarial_inputs(pattern, SIZE, LIMIT):
            for _match in pattern.finditer(text):
                pass
            pattern.fullmatch(text)
            count += 1
    except TimeoutError:
        print("too slow:", name)
        sys.exit(1)
    signal.alarm(0)
print("patterns ok:", count)
"""
REGEX_SIZE = 20_000
REGEX_LIMIT = 16
PER_PATTERN = 10
#: For all patterns together (they take about 10 s).
REGEX_TOTAL = 120


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "win32", reason="needs SIGALRM")
def test_every_pattern_is_linear_on_adversarial_strings() -> None:
    code = (
        _REGEX_RUN.replace("PER_PATTERN", str(PER_PATTERN))
        .replace("SIZE", str(REGEX_SIZE))
        .replace("LIMIT", str(REGEX_LIMIT))
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=REGEX_TOTAL,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    checked = int(done.stdout.split("patterns ok:")[1])
    assert checked >= 1000  # every pattern got strings to chew on


def test_patterns_are_collected_from_every_module() -> None:
    names = dict(module_patterns())
    assert len(names) > 150
    for expected in (
        "spectrace.parse.requirements.user_story._EN_WANT",
        "spectrace.parse.markdown._LINK",
        "spectrace.parse.ids.PREFIXED",
        "spectrace.render.mermaid._SPECIAL",
    ):
        assert expected in names


@pytest.mark.parametrize(
    ("pattern", "killer"),
    [
        # Patterns this suite found quadratic, as they were: their killer inputs must be drawn.
        (r",?\s*\bI\s+(?:want|need)\b\s*", " "),
        (r"!?\[([^\]\n]*)\]\([^)\n]*\)", "["),
        (r"\s*[(（]([^()（）\n]{1,80})[)）]\s*$", " "),
        (r"\s+\|\s+", " "),
    ],
)
def test_adversarial_strings_include_the_known_killers(pattern: str, killer: str) -> None:
    assert killer * REGEX_SIZE in adversarial_inputs(re.compile(pattern), REGEX_SIZE, REGEX_LIMIT)
