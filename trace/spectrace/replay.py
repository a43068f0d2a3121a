"""A finished ``check``, kept so that a re-run on unchanged inputs replays it.

The spec-level cache (``pipeline``) still renders the report on every run: for a large spec that
is most of a warm run (the JSON report of 5,000 requirements is 49 MB). This one keys the whole
outcome, the text written, the lines for stderr and the exit code, by everything that can change
it: spectrace's code, the command's options, the working folder (paths in reports are relative
to it), the configuration file's bytes and every document's bytes. A warm run then reads and
hashes the documents and copies bytes, without loading the parsers (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spectrace.cache import Cache, key_for
from spectrace.discover import SpecSources


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a run printed and how it ended."""

    text: str
    """The report."""
    messages: tuple[str, ...]
    """Lines for stderr."""
    code: int
    """Exit code."""


def outcome_key(options: Sequence[str], sources: Sequence[SpecSources], config_file: str) -> str:
    """The key of a run: its options, the working folder, the configuration and the documents
    (read once, by the caller, for this key and for the trace)."""
    parts: list[str | bytes] = ["outcome/1", *options, Path.cwd().as_posix()]
    config = Path(config_file) if config_file else None
    parts += [config_file, config.read_bytes() if config is not None and config.is_file() else b""]
    for spec in sources:
        parts.append(spec.name)
        for display, data in spec.documents:
            parts += [display, data]
    return key_for(parts)


def replayed(cache: Cache, key: str) -> Outcome | None:
    """The outcome stored under ``key``, if any."""
    hit = cache.load(key)
    return hit if isinstance(hit, Outcome) else None
