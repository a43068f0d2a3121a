"""A progress bar on stderr for runs that take a while: only on a terminal, never in a log.

The bar appears once a run has taken ``DELAY`` seconds (a quick run, the common case, shows
nothing) and is erased when the run ends, so the report that follows reads as if it had never
been there. It is drawn by rich from a timer thread: a single large spec reports no progress
until it is done, and a spinner with the elapsed time still tells the user it is working.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from spectrace.pipeline import Progress as Hook

#: Seconds a run goes before the bar is shown.
DELAY = 1.0


def wanted(stream: TextIO) -> bool:
    """A person is watching ``stream``: it is a terminal, and not a CI job's (some CI runners
    give jobs a pseudo-terminal, and a bar redrawn into a log is noise) nor a dumb one."""
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
    return terminal and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


@contextmanager
def progress_bar(stream: TextIO | None = None) -> Iterator[Hook | None]:
    """A hook for ``pipeline.trace`` that draws the bar on ``stream`` (stderr), or None when
    nobody would see it."""
    stream = stream if stream is not None else sys.stderr
    if not wanted(stream):
        yield None
        return
    bar = _Bar(stream)
    timer = threading.Timer(DELAY, bar.show)
    timer.daemon = True
    if DELAY > 0:
        timer.start()
    else:  # at once, on this thread (what the tests use: no race with a quick run)
        bar.show()
    try:
        yield bar.update
    finally:
        timer.cancel()
        bar.close()


class _Bar:
    """The bar's state, shared by the tracing thread and the timer's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()
        self._done = 0
        self._total: int | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self._closed = False

    def update(self, done: int, total: int) -> None:
        with self._lock:
            self._done, self._total = done, total
            if self._progress is not None and self._task is not None:
                self._progress.update(self._task, completed=done, total=total)

    def show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        with self._lock:
            if self._closed:
                return
            console = Console(file=self._stream, force_terminal=True)
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("tracing specs"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._task = self._progress.add_task("trace", completed=self._done, total=self._total)
            self._progress.start()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._progress is not None:
                self._progress.stop()
