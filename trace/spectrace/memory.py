"""The garbage collector's pace during a run (its own module: the command sets it before it
loads anything heavy)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def few_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely for a while, then as before.

    Tracing makes millions of small objects and almost no cycles; with the default thresholds
    the collector ran thousands of times and took a quarter of the time on a 5,000-requirement
    spec, and three quarters of reading its cached report (docs/performance.md).
    """
    before = gc.get_threshold()
    gc.set_threshold(200_000, 30, 30)
    try:
        yield
    finally:
        gc.set_threshold(*before)
