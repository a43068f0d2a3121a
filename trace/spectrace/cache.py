"""A content-hash cache of traced specs, as linters keep one: safe against any change of input.

The key hashes spectrace's version and code (see ``code_fingerprint``), the link mode, and the
name, shown path and bytes of every input document, so an edited file, a renamed one or a new
spectrace always misses.
Entries are pickles written atomically; a cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spectrace.version import __version__

_FORMAT = "1"
_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Name, size and modification time of every module of the installed package.

    A release bumps the version, but an editable install changes under the same version: this
    makes a changed spectrace miss the cache too. Stat only, no reads: well under a millisecond.
    """
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def default_folder() -> Path:
    """$SPECTRACE_CACHE_DIR, else $XDG_CACHE_HOME/spectrace, else ~/.cache/spectrace.

    Outside the work tree: a run leaves nothing in the repository but the output asked for.
    """
    explicit = os.environ.get("SPECTRACE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "spectrace"


def key_for(parts: Iterable[str | bytes]) -> str:
    """A key from the version and the parts given (names, modes, file contents)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (_FORMAT, __version__, code_fingerprint(), *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Pickled values by key under one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def load(self, key: str) -> object | None:
        """The value stored under key, or None (missing, unreadable, or from another Python)."""
        try:
            with (self.folder / key[:2] / key).open("rb") as stream:
                value: object = pickle.load(stream)
                return value
        except Exception:  # a broken or foreign entry is a miss, never an error
            return None

    def store(self, key: str, value: object) -> None:
        """Store a value; any failure (read-only disk, full disk) is ignored."""
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temporary).replace(folder / key)
        except (OSError, pickle.PicklingError):
            Path(temporary).unlink(missing_ok=True)
