"""The lock file: what each requirement said when the design was last reviewed against it.

``spectrace lock`` records, per requirement and criterion, a fingerprint of its words and the
design items linked to it; ``spectrace check`` then reports those links as suspect (ST601) when
the words changed since. See docs/changes.md.
"""

from __future__ import annotations

from spectrace.lock.entries import Lock, Locked, LockedSpec, accepted, locked_entries, relocked
from spectrace.lock.file import dump_lock, load_lock, parse_lock
from spectrace.lock.location import LOCK_NAME, lock_file_for, lock_files, repository_root
from spectrace.lock.suspects import SUSPECT, suspect_findings, with_suspects

__all__ = [
    "LOCK_NAME",
    "SUSPECT",
    "Lock",
    "Locked",
    "LockedSpec",
    "accepted",
    "dump_lock",
    "load_lock",
    "lock_file_for",
    "lock_files",
    "locked_entries",
    "parse_lock",
    "relocked",
    "repository_root",
    "suspect_findings",
    "with_suspects",
]
