"""Where a cold check's time goes, stage by stage.

    python benchmarks/stages.py PATH... [--links auto|explicit] [--repeat 3]

Runs ``spectrace check PATH --no-cache --jobs 1`` in this process (the text report, as typed),
with the pipeline's stage functions wrapped in timers, and prints each stage's own wall time
(a stage nested in another is counted in the inner one only) and its share of the run. Process
start (interpreter and imports) is measured apart, as fresh processes. Each figure is the median
of ``--repeat`` runs (module-level memos are cleared between runs, so each run is cold). Not a
test: it prints figures, it never fails on them.

The stages: the Markdown block pass (markdown-it-py, every document), reading requirements,
reading design items (SQL, code, tables, prose), finding and attaching references, linking
(merging items, resolving references, deriving edges, the graph), inference (auto mode's links),
evidence (auto mode's coverage of uncited criteria), the task list, suggestions, analysis and
writing the report.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: (module, attribute, stage): where each stage's function is looked up when the pipeline runs.
#: ``Class.method`` wraps a method.
WRAPPED = (
    ("spectrace.parse.spec", "parse_markdown", "Markdown block pass"),
    ("spectrace.link.tasks", "parse_markdown", "Markdown block pass"),
    ("spectrace.parse.spec", "parse_requirements", "requirements read"),
    ("spectrace.parse.spec", "parse_design", "design items read"),
    ("spectrace.parse.spec", "attach_references", "references found and attached"),
    ("spectrace.pipeline", "link_spec", "linking (merge, resolve, derive, graph)"),
    ("spectrace.link.spec", "Inference.candidates", "inference"),
    ("spectrace.link.spec", "find_evidence", "evidence"),
    ("spectrace.pipeline", "link_tasks", "task list read and linked"),
    ("spectrace.analyze", "suggest", "suggestions"),
    ("spectrace.pipeline", "analyze", "analysis"),
    ("spectrace.cli.check", "_rendered", "report written"),
)


class Timers:
    """Own time per stage: a call's time minus the time of the wrapped calls inside it. A call
    made inside the suggestions stage stays in it (suggestions ask inference for candidates)."""

    def __init__(self) -> None:
        self.own: defaultdict[str, float] = defaultdict(float)
        self.stack: list[list[Any]] = []  # [stage, start, time of nested stages]

    def wrap(self, stage: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self.stack and self.stack[-1][0] == "suggestions":
                return function(*args, **kwargs)
            frame: list[Any] = [stage, time.perf_counter(), 0.0]
            self.stack.append(frame)
            try:
                return function(*args, **kwargs)
            finally:
                self.stack.pop()
                spent = time.perf_counter() - frame[1]
                self.own[stage] += spent - frame[2]
                if self.stack:
                    self.stack[-1][2] += spent

        return timed


@contextmanager
def wrapped(timers: Timers) -> Iterator[None]:
    """The stage functions wrapped for the duration."""
    undo: list[tuple[Any, str, Any]] = []
    for module_name, attribute, stage in WRAPPED:
        owner: Any = importlib.import_module(module_name)
        name = attribute
        if "." in attribute:
            cls, name = attribute.split(".")
            owner = getattr(owner, cls)
        original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        undo.append((owner, name, original))
        setattr(owner, name, timers.wrap(stage, original))
    try:
        yield
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


def clear_memos() -> None:
    """Empty the module-level memos (tokens, id scans, plain text), so every run starts cold."""
    for module in list(sys.modules.values()):
        if not getattr(module, "__name__", "").startswith("spectrace"):
            continue
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear) and getattr(value, "__module__", "") == module.__name__:
                clear()


def one_run(paths: list[str], links: str) -> tuple[float, dict[str, float]]:
    """One cold check, in this process: its wall time and the stages' own times."""
    from typer.testing import CliRunner

    from spectrace.cli import app

    clear_memos()
    gc.collect()
    timers = Timers()
    argv = ["check", *paths, "--links", links, "--no-cache", "--jobs", "1", "--fail-on", "never"]
    with wrapped(timers):
        start = time.perf_counter()
        result = CliRunner().invoke(app, argv)
        total = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"check failed ({result.exit_code}): {result.output[-400:]}")
    return total, dict(timers.own)


def start_up(repeat: int) -> tuple[float, float]:
    """Median seconds of a bare interpreter, and of one that imports what a check imports."""

    def timed(code: str) -> float:
        samples = []
        for _ in range(repeat + 1):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            samples.append(time.perf_counter() - start)
        return statistics.median(samples[1:])

    imports = "import spectrace.cli, spectrace.cli.check, spectrace.pipeline, spectrace.render.text"
    return timed("pass"), timed(imports)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--links", default="auto", choices=("auto", "explicit"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = [str(p) for p in args.paths]
    bare, imported = start_up(args.repeat)
    one_run(paths, args.links)  # warm-up: the interpreter's own caches, the file cache
    totals: list[float] = []
    stages: defaultdict[str, list[float]] = defaultdict(list)
    for _ in range(args.repeat):
        total, own = one_run(paths, args.links)
        totals.append(total)
        for stage in dict.fromkeys(stage for _module, _attribute, stage in WRAPPED):
            stages[stage].append(own.get(stage, 0.0))
    total = statistics.median(totals)
    rows = {stage: statistics.median(times) for stage, times in stages.items()}
    rows["other (discovery, reading files, options, caches)"] = max(0.0, total - sum(rows.values()))
    print(f"check {' '.join(paths)} --links {args.links} --no-cache --jobs 1")
    print(f"  {'process start (interpreter, imports)':52} {imported:8.3f} s")
    print(f"    {'of which a bare interpreter':50} {bare:8.3f} s")
    print(f"  {'the run after start-up':52} {total:8.3f} s  100.0%")
    for stage, seconds in sorted(rows.items(), key=lambda row: -row[1]):
        print(f"    {stage:50} {seconds:8.3f} s  {100 * seconds / total:5.1f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
