"""Nothing read from the cache can run code: entries are signed with a key kept outside it."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

from spectrace.cache import Cache, default_key_file, key_for


class _Planted:
    """A pickle that would create a file when loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_stored_value_is_read_back(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    key = key_for(["a spec"])
    cache.store(key, {"answer": (1, 2)})
    assert cache.load(key) == {"answer": (1, 2)}
    assert default_key_file().stat().st_mode & 0o777 == 0o600


def test_a_planted_pickle_is_never_loaded(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache = Cache(tmp_path / "cache")
    key = key_for(["a spec"])
    cache.store(key, "mine")  # makes the key and the folder
    (tmp_path / "cache" / key[:2] / key).write_bytes(pickle.dumps(_Planted(marker)))
    assert cache.load(key) is None
    assert not marker.exists()


def test_an_entry_signed_with_another_key_is_a_miss(tmp_path: Path) -> None:
    elsewhere = Cache(tmp_path / "cache", key_file=tmp_path / "other" / "cache.key")
    key = key_for(["a spec"])
    elsewhere.store(key, "from another machine")
    assert elsewhere.load(key) == "from another machine"
    mine = Cache(tmp_path / "cache")
    assert mine.load(key) is None


def test_an_entry_copied_under_another_key_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    first, second = key_for(["one"]), key_for(["two"])
    cache.store(first, "one")
    (tmp_path / "cache" / second[:2]).mkdir(parents=True, exist_ok=True)
    data = (tmp_path / "cache" / first[:2] / first).read_bytes()
    (tmp_path / "cache" / second[:2] / second).write_bytes(data)
    assert cache.load(second) is None


def test_a_key_others_can_read_turns_the_cache_off(tmp_path: Path) -> None:
    key_file = tmp_path / "config" / "cache.key"
    key_file.parent.mkdir()
    key_file.write_bytes(b"k" * 32)
    key_file.chmod(0o644)
    cache = Cache(tmp_path / "cache", key_file=key_file)
    cache.store(key_for(["x"]), "value")
    assert cache.load(key_for(["x"])) is None
    assert not (tmp_path / "cache").exists()
