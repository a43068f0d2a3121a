"""A content-hash cache of traced specs, as linters keep one: safe against any change of input.

The key hashes spectrace's version and code (see ``code_fingerprint``), the link mode, and the
name, shown path and bytes of every input document, so an edited file, a renamed one or a new
spectrace always misses. Entries are pickles written atomically; a cache that cannot be read or
written is ignored.

Nothing read from the cache can run code unless this user wrote it: every entry carries an
HMAC-SHA256 of its bytes under a secret key kept outside the cache folder (in the user's
configuration folder, readable by the user alone), and an entry whose signature does not verify
is a miss, never unpickled. A cache folder restored from elsewhere (a CI cache, a shared disk)
holds entries signed with another key: they are all misses, and are written again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from spectrace.version import __version__

_FORMAT = "2"
_PACKAGE = Path(__file__).resolve().parent
_SIGNATURE = 32
_KEY_BYTES = 32


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


def default_key_file() -> Path:
    """$XDG_CONFIG_HOME/spectrace/cache.key, else ~/.config/spectrace/cache.key: apart from the
    cache, so that whoever can write the cache cannot sign what they write."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "spectrace" / "cache.key"


def key_for(parts: Iterable[str | bytes]) -> str:
    """A key from the version and the parts given (names, modes, file contents)."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (_FORMAT, __version__, code_fingerprint(), *parts):
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Signed, pickled values by key under one folder."""

    def __init__(self, folder: Path, key_file: Path | None = None) -> None:
        self.folder = folder
        self.key_file = key_file or default_key_file()
        self._secret: bytes | None = None

    def load(self, key: str) -> object | None:
        """The value stored under key, or None (missing, unsigned, signed by another key,
        unreadable, or from another Python)."""
        secret = self._key()
        if secret is None:
            return None
        try:
            data = (self.folder / key[:2] / key).read_bytes()
        except OSError:
            return None
        signature, payload = data[:_SIGNATURE], data[_SIGNATURE:]
        if not hmac.compare_digest(signature, _sign(secret, key, payload)):
            return None  # not written by this user's spectrace: never unpickled
        try:
            value: object = pickle.loads(payload)
        except Exception:  # a broken entry is a miss, never an error
            return None
        return value

    def store(self, key: str, value: object) -> None:
        """Store a value; any failure (read-only disk, full disk, no key) is ignored."""
        secret = self._key()
        if secret is None:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        folder = self.folder / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(_sign(secret, key, payload))
                stream.write(payload)
            Path(temporary).replace(folder / key)
        except OSError:
            Path(temporary).unlink(missing_ok=True)

    def _key(self) -> bytes | None:
        """This user's signing key, made on first use; None when it cannot be read or made (the
        cache is then off: an entry that cannot be checked is not trusted)."""
        if self._secret is None:
            self._secret = _read_or_make_key(self.key_file)
        return self._secret or None


def _sign(secret: bytes, key: str, payload: bytes) -> bytes:
    # The entry's key is signed too: a valid entry copied under another key is a miss.
    return hmac.new(secret, key.encode("ascii") + b"\0" + payload, hashlib.sha256).digest()


def _read_or_make_key(path: Path) -> bytes:
    """The key in ``path`` (32 bytes), made private on first use; b"" when unusable."""
    try:
        secret = path.read_bytes()
        if len(secret) == _KEY_BYTES and path.stat().st_mode & 0o077 == 0:
            return secret
        if len(secret) == _KEY_BYTES:
            return b""  # readable by others: not a secret any more
    except FileNotFoundError:
        pass
    except OSError:
        return b""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_or_make_key(path) if path.stat().st_size == _KEY_BYTES else b""
    except OSError:
        return b""
    secret = secrets.token_bytes(_KEY_BYTES)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(secret)
    return secret
