"""Hostile-input benchmark: how long spectrace takes on each hostile spec of about 1 MB, and how
the time of every regular expression grows when its adversarial input doubles.

    python benchmarks/hostile.py [--size BYTES] [--only NAME ...] [--repeat N]
                                 [--regex-size N] [--no-regex] [--no-specs]

The hostile specs are those of tests/test_robust_hostile.py (tests/robust_support.py, HOSTILE),
scaled so that their documents hold about --size bytes. Each run is a fresh process,
``spectrace check DIR --format json --no-cache``, timed from outside (wall clock, the best of
--repeat). The regular expressions are every module-level pattern of spectrace, each run
(``finditer`` to the end, then ``fullmatch``) on all of its adversarial strings at N and 2N
characters: a linear pattern takes about twice as long on 2N, a quadratic one four times.
Not a test: it prints figures and never fails on them (see docs/robustness.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.robust_support import (  # noqa: E402
    HOSTILE,
    Hostile,
    adversarial_inputs,
    module_patterns,
    write_spec,
)


def scaled(case: Hostile, target: int) -> tuple[int, bytes, bytes]:
    """The case's size parameter that makes its documents about ``target`` bytes, and them."""
    size = case.size
    for _ in range(3):
        requirements, design = case.make(size)
        total = len(requirements) + len(design)
        if abs(total - target) < target // 20:
            break
        size = max(1, int(size * target / total))
    requirements, design = case.make(size)
    return size, requirements, design


def run_spec(folder: Path, repeat: int, timeout: float) -> tuple[float, str]:
    """Best wall time of ``spectrace check`` on a spec, and its exit code (or what stopped it)."""
    command = [sys.executable, "-m", "spectrace", "check", str(folder), "--format", "json"]
    best = float("inf")
    outcome = ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [*command, "--no-cache"],
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return timeout, "timeout"
        best = min(best, time.perf_counter() - start)
        outcome = f"exit {done.returncode}"
        if done.returncode == 2:
            outcome += ": " + done.stderr.strip().split(": ", 3)[-1][:50]
    return best, outcome


def bench_specs(target: int, only: list[str], repeat: int, timeout: float) -> None:
    print(f"hostile specs of about {target:,} bytes (best of {repeat}, fresh process each)")
    print(f"{'case':32} {'size':>8} {'bytes':>11} {'seconds':>8}  outcome")
    worst = (0.0, "")
    for case in HOSTILE:
        if only and case.name not in only:
            continue
        size, requirements, design = scaled(case, target)
        with tempfile.TemporaryDirectory() as tmp:
            folder = write_spec(Path(tmp) / "spec", requirements, design)
            seconds, outcome = run_spec(folder, repeat, timeout)
        total = len(requirements) + len(design)
        print(f"{case.name:32} {size:>8,} {total:>11,} {seconds:>8.2f}  {outcome}", flush=True)
        worst = max(worst, (seconds, case.name))
    print(f"worst: {worst[1]}, {worst[0]:.2f} s\n")


def _time(pattern: object, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _match in pattern.finditer(text):  # type: ignore[attr-defined]
            pass
        pattern.fullmatch(text)  # type: ignore[attr-defined]
        best = min(best, time.perf_counter() - start)
    return best


def bench_regex(size: int, show: int = 12) -> None:
    print(f"regular expressions: every adversarial string at {size:,} and {2 * size:,} characters")
    rows = []
    strings = 0
    for name, pattern in module_patterns():
        worst = (0.0, 0.0, "")
        for small, large in zip(
            adversarial_inputs(pattern, size), adversarial_inputs(pattern, 2 * size), strict=True
        ):
            strings += 1
            large_time = _time(pattern, large)
            if large_time > worst[0]:
                worst = (large_time, large_time / max(_time(pattern, small), 1e-9), small[:24])
        rows.append((worst[0], worst[1], name, worst[2]))
    rows.sort(reverse=True)
    print(f"{len(rows)} patterns, {strings:,} strings; the slowest on {2 * size:,} characters:")
    print(f"{'seconds':>8} {'x on 2N':>8}  pattern (input)")
    for seconds, growth, name, text in rows[:show]:
        print(f"{seconds:>8.4f} {growth:>8.1f}  {name} ({text!r}...)")
    steep = [row for row in rows if row[1] > 3.0 and row[0] > 0.02]
    print(
        "growing faster than linear (more than 3x on 2N, over 20 ms): "
        + (", ".join(row[2] for row in steep) or "none")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="bytes of each hostile spec")
    parser.add_argument("--only", action="append", default=[], help="a case name (repeatable)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (best is shown)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before a run stops")
    parser.add_argument("--regex-size", type=int, default=10_000, help="N for the patterns")
    parser.add_argument("--no-regex", action="store_true", help="skip the regular expressions")
    parser.add_argument("--no-specs", action="store_true", help="skip the hostile specs")
    args = parser.parse_args()
    if not args.no_specs:
        bench_specs(args.size, args.only, args.repeat, args.timeout)
    if not args.no_regex:
        bench_regex(args.regex_size)


if __name__ == "__main__":
    main()
