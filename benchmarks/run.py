"""Benchmark runner: spectrace against the Markdown-parse floor, measured side by side in one run.

    python benchmarks/run.py [--sizes 5000] [--repeat 5] [--specs 500] [--corpus DIR]
                             [--compare PYTHON] [--quick]

Every case is a fresh process running the command as a user types it (the text report, its
default suggestions, on stdout), timed from outside (wall clock) with its peak resident memory
(from wait4). The cases of one table run alternately, ``--repeat`` rounds after a warm-up round,
and the tables show medians and each case's ratio to the floor: a plain Python process that reads
the same files and parses them with markdown-it-py (tables on), nothing else.

For each generated size (N requirements of 3-5 criteria, their design, ``generate.py``):

- ``check --links explicit`` and ``check`` (auto mode) cold (``--no-cache``), with peak memory;
- the re-run with nothing changed (the replay of the last outcome);
- the re-run after a one-line edit of design.md (every round edits a new line, so the edited
  document is never in the cache while everything else is).

With ``--corpus DIR``: every spec folder under DIR traced cold with the default jobs, against the
floor of parsing all their documents in one process. With ``--compare PYTHON``: every spectrace
case is also run with that interpreter (another install, an earlier version), in the same
rounds, for before/after ratios measured side by side. Not a test: machines are noisy, so read
ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
FLOOR = (
    "import sys\n"
    "from markdown_it import MarkdownIt\n"
    "md = MarkdownIt('commonmark').enable('table')\n"
    "for path in sys.argv[1:]:\n"
    "    md.parse(open(path, encoding='utf-8').read())\n"
)


@dataclass
class Case:
    """One command to time; ``before`` and ``after`` run around it, untimed (an edit and its
    undoing)."""

    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    before: Callable[[], None] | None = None
    after: Callable[[], None] | None = None
    samples: list[Sample] = field(default_factory=list)


@dataclass
class Sample:
    """One run of a case."""

    seconds: float
    peak_mb: float
    code: int


def run_once(case: Case) -> Sample:
    """Run a case in a fresh process: wall time, peak RSS, exit code."""
    if case.before is not None:
        case.before()
    env = {**os.environ, **(case.env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if case.after is not None:
        case.after()
    return Sample(
        seconds=elapsed, peak_mb=usage.ru_maxrss / 1024, code=os.waitstatus_to_exitcode(status)
    )


def measure(cases: list[Case], repeat: int) -> None:
    """Alternate the cases, ``repeat`` rounds, after one warm-up round (file cache, .pyc)."""
    for case in cases:
        run_once(case)
    for _ in range(repeat):
        for case in cases:
            case.samples.append(run_once(case))


def median(case: Case) -> tuple[float, float]:
    """Median seconds and median peak MB."""
    return (
        statistics.median(s.seconds for s in case.samples),
        statistics.median(s.peak_mb for s in case.samples),
    )


def spectrace(python: str, *args: str) -> list[str]:
    """argv of a spectrace run in an interpreter."""
    return [python, "-m", "spectrace", *args]


def size_cases(folder: Path, pythons: dict[str, str], cache: Path) -> list[Case]:
    """The floor and, per interpreter, the cold, replayed and edited runs of one spec."""
    files = [str(folder / "requirements.md"), str(folder / "design.md")]
    cases = [Case("floor (markdown-it parse)", [PYTHON, "-c", FLOOR, *files])]
    check = ["check", str(folder), "--fail-on", "never"]
    design = folder / "design.md"
    original = design.read_bytes()
    edits = iter(range(1_000_000))

    def edit() -> None:
        # A new line each round: the edited design is never cached, the rest of the spec is.
        design.write_bytes(original + f"\n- edit {next(edits)}\n".encode())

    def undo() -> None:
        design.write_bytes(original)

    for label, python in pythons.items():
        warm = {"SPECTRACE_CACHE_DIR": str(cache / label)}
        cases += [
            Case(
                f"{label}: explicit, cold",
                spectrace(python, *check, "--links", "explicit", "--no-cache"),
            ),
            Case(f"{label}: auto, cold", spectrace(python, *check, "--no-cache")),
            Case(f"{label}: re-run, unchanged", spectrace(python, *check), env=warm),
            Case(
                f"{label}: re-run, one-line edit",
                spectrace(python, *check),
                env=warm,
                before=edit,
                after=undo,
            ),
        ]
    return cases


def corpus_cases(corpus: Path, pythons: dict[str, str]) -> list[Case]:
    """Every spec folder under ``corpus`` cold, against parsing all their documents."""
    files = sorted(str(p) for p in corpus.rglob("*.md"))
    cases = [Case("floor (parse every document)", [PYTHON, "-c", FLOOR, *files])]
    for label, python in pythons.items():
        argv = spectrace(python, "check", str(corpus), "--fail-on", "never", "--no-cache")
        cases.append(Case(f"{label}: {corpus.name}, cold, default jobs", argv))
    return cases


def table(title: str, cases: list[Case]) -> None:
    """Print medians and ratios to the first case (the floor)."""
    floor_s, floor_mb = median(cases[0])
    print(f"\n{title}")
    print(f"  {'case':44} {'median s':>9} {'x floor':>8} {'peak MB':>8} {'x floor':>8}")
    for case in cases:
        seconds, peak = median(case)
        failed = " (exit code != 0/1)" if any(s.code not in (0, 1) for s in case.samples) else ""
        print(
            f"  {case.name:44} {seconds:9.3f} {seconds / floor_s:8.2f} {peak:8.1f} "
            f"{peak / floor_mb:8.2f}{failed}"
        )


def main(argv: list[str] | None = None) -> int:
    """Generate inputs, measure, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[5000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--specs", type=int, default=500)
    parser.add_argument("--corpus", type=Path, help="also trace every spec under this folder")
    parser.add_argument("--compare", help="another interpreter with spectrace, run side by side")
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 rounds (CI smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.specs = [300], 2, 20
    pythons = {"now": PYTHON, **({"compared": args.compare} if args.compare else {})}
    sys.path.insert(0, str(HERE))
    from generate import generate

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="spectrace-bench-") as tmp:
        root = Path(tmp)
        startup = [Case("bare interpreter", [PYTHON, "-c", "pass"])]
        for label, python in pythons.items():
            startup += [
                Case(f"{label}: --version", spectrace(python, "--version")),
                Case(f"{label}: --help", spectrace(python, "--help")),
            ]
        measure(startup, args.repeat)
        table("start-up (ratios to a bare interpreter)", startup)
        for size in args.sizes:
            folder = root / f"n{size}"
            folder.mkdir()
            requirements, design = generate(size, 7)
            (folder / "requirements.md").write_text(requirements, encoding="utf-8")
            (folder / "design.md").write_text(design, encoding="utf-8")
            cases = size_cases(folder, pythons, root / f"cache-{size}")
            measure(cases, args.repeat)
            megabytes = (len(requirements) + len(design)) / 1e6
            table(f"{size} requirements ({megabytes:.1f} MB of Markdown)", cases)
        if args.corpus is not None:
            copy = root / args.corpus.name
            shutil.copytree(args.corpus, copy)
            cases = corpus_cases(copy, pythons)
            measure(cases, args.repeat)
            table(f"corpus ({sum(1 for _ in copy.rglob('*.md'))} documents)", cases)
        many = root / "many"
        for index in range(args.specs):
            folder = many / f"spec-{index:04d}"
            folder.mkdir(parents=True)
            requirements, design = generate(8, index)
            (folder / "requirements.md").write_text(requirements, encoding="utf-8")
            (folder / "design.md").write_text(design, encoding="utf-8")
        many_check = ["check", str(many), "--fail-on", "never", "--no-cache"]
        files = sorted(str(p) for p in many.rglob("*.md"))
        cases = [Case("floor (parse every document)", [PYTHON, "-c", FLOOR, *files])]
        for label, python in pythons.items():
            cases += [
                Case(
                    f"{label}: {args.specs} specs, --jobs 1",
                    spectrace(python, *many_check, "--jobs", "1"),
                ),
                Case(f"{label}: {args.specs} specs, default jobs", spectrace(python, *many_check)),
            ]
        measure(cases, args.repeat)
        table(f"{args.specs} small specs", cases)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
