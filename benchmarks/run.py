"""Benchmark runner: spectrace against the Markdown-parse floor, measured side by side in one run.

    python benchmarks/run.py [--sizes 500 5000 20000] [--repeat 5] [--specs 500] [--quick]

``--sizes`` with no number skips the single-spec sizes (start-up and many specs only).

Every case is a fresh process, timed from outside (wall clock) with its peak resident memory
(from wait4). The cases of one size run alternately, ``--repeat`` rounds, and the table shows
medians, the ratio of each to the floor (a plain Python process that reads the same files and
parses them with markdown-it-py, nothing else), the growth from one size to the next, and memory.
Not a test: machines are noisy, so read ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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
    """One command to time."""

    name: str
    argv: list[str]
    env: dict[str, str] | None = None


@dataclass
class Sample:
    """One run of a case."""

    seconds: float
    peak_mb: float
    code: int


def run_once(case: Case) -> Sample:
    """Run a case in a fresh process: wall time, peak RSS, exit code."""
    env = {**os.environ, **(case.env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Sample(seconds=elapsed, peak_mb=usage.ru_maxrss / 1024, code=process.returncode)


def measure(cases: list[Case], repeat: int) -> dict[str, list[Sample]]:
    """Alternate the cases, ``repeat`` rounds, after one warm-up round (file cache, .pyc)."""
    for case in cases:
        run_once(case)
    samples: dict[str, list[Sample]] = {case.name: [] for case in cases}
    for _ in range(repeat):
        for case in cases:
            samples[case.name].append(run_once(case))
    return samples


def median(samples: list[Sample]) -> tuple[float, float]:
    """Median seconds and median peak MB."""
    return (
        statistics.median(s.seconds for s in samples),
        statistics.median(s.peak_mb for s in samples),
    )


def spectrace(*args: str) -> list[str]:
    """argv of a spectrace run in this interpreter."""
    return [PYTHON, "-m", "spectrace", *args]


def size_cases(folder: Path, links: list[str], cache: Path) -> list[Case]:
    """The cases of one generated spec: the floor, each link mode cold, and a warm re-run."""
    files = [str(folder / "requirements.md"), str(folder / "design.md")]
    cases = [Case("floor (markdown-it parse)", [PYTHON, "-c", FLOOR, *files])]
    check = ["check", str(folder), "--format", "json", "--fail-on", "never"]
    for mode in links:
        cases.append(
            Case(f"check --links {mode}, cold", spectrace(*check, "--links", mode, "--no-cache"))
        )
    # Warm: the cache folder is filled by the warm-up round, then every run finds its entry.
    cases.append(
        Case(
            f"check --links {links[0]}, warm",
            spectrace(*check, "--links", links[0]),
            env={"SPECTRACE_CACHE_DIR": str(cache)},
        )
    )
    return cases


def main(argv: list[str] | None = None) -> int:
    """Generate inputs, measure, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--specs", type=int, default=500)
    parser.add_argument("--links", nargs="+", default=["explicit", "inferred"])
    parser.add_argument("--quick", action="store_true", help="small sizes, 2 rounds (CI smoke)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.repeat, args.specs = [100, 400], 2, 20
    sys.path.insert(0, str(HERE))
    from generate import generate

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory(prefix="spectrace-bench-") as tmp:
        root = Path(tmp)
        start_cases = [
            Case("bare interpreter", [PYTHON, "-c", "pass"]),
            Case("spectrace --version", spectrace("--version")),
            Case("spectrace --help", spectrace("--help")),
        ]
        startup = {name: median(s) for name, s in measure(start_cases, args.repeat).items()}
        print("\nstart-up (median s):")
        bare = startup["bare interpreter"][0]
        for name, (seconds, _mb) in startup.items():
            print(f"  {name:28} {seconds:7.3f}  (+{seconds - bare:.3f} over bare)")

        previous: dict[str, float] = {}
        previous_size = 0
        print(
            "\nsize   case                            median s  x floor  growth   peak MB  x floor"
        )
        for size in args.sizes:
            folder = root / f"n{size}"
            folder.mkdir()
            requirements, design = generate(size, 7)
            (folder / "requirements.md").write_text(requirements, encoding="utf-8")
            (folder / "design.md").write_text(design, encoding="utf-8")
            cases = size_cases(folder, args.links, root / f"cache-{size}")
            results = {name: median(s) for name, s in measure(cases, args.repeat).items()}
            floor_s, floor_mb = results[cases[0].name]
            megabytes = (len(requirements) + len(design)) / 1e6
            for name, (seconds, peak) in results.items():
                growth = f"{seconds / previous[name]:6.2f}x" if name in previous else "      "
                print(
                    f"{size:<6} {name:30} {seconds:9.3f} {seconds / floor_s:8.2f} {growth} "
                    f"{peak:9.1f} {peak / floor_mb:8.2f}"
                )
                previous[name] = seconds
            print(
                f"       ({megabytes:.1f} MB of Markdown; x{size / previous_size:.0f} input)"
                if previous_size
                else f"       ({megabytes:.1f} MB of Markdown)"
            )
            previous_size = size

        many = root / "many"
        for index in range(args.specs):
            folder = many / f"spec-{index:04d}"
            folder.mkdir(parents=True)
            requirements, design = generate(8, index)
            (folder / "requirements.md").write_text(requirements, encoding="utf-8")
            (folder / "design.md").write_text(design, encoding="utf-8")
        many_check = ["check", str(many), "--format", "json", "--fail-on", "never", "--no-cache"]
        many_cases = [
            Case(f"{args.specs} specs, --jobs 1", spectrace(*many_check, "--jobs", "1")),
            Case(f"{args.specs} specs, one job per core", spectrace(*many_check)),
        ]
        results = {name: median(s) for name, s in measure(many_cases, args.repeat).items()}
        print("\nmany specs (median s):")
        single = results[many_cases[0].name][0]
        for name, (seconds, peak) in results.items():
            print(
                f"  {name:34} {seconds:7.3f}  x{seconds / single:.2f} of one job"
                f"  peak {peak:.1f} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
