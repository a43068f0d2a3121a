"""Writing outputs whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from spectrace.errors import SpectraceError


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    write_atomically_bytes(path, text.encode("utf-8"))


def write_atomically_bytes(path: Path, data: bytes) -> None:
    """``write_atomically`` for bytes (a PNG): the one writer behind both."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise SpectraceError("the folder of the output file does not exist", file=str(path))
    if path.is_dir():
        raise SpectraceError("the output path is a folder", file=str(path))
    try:
        import tempfile

        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            # mkstemp makes the file private (0600); give it the mode a plain write would.
            os.fchmod(stream.fileno(), _mode_for(path))
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, else those the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
