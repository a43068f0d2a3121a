"""Many specs on several processes: the same report as one process, and errors that keep their
file when they cross from a worker."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace import pipeline
from spectrace.cache import Cache
from spectrace.cli import app
from spectrace.errors import InputError, SpectraceError
from spectrace.pipeline import check
from spectrace.render.json import render

from .conftest import FIXTURES

runner = CliRunner()


def test_several_processes_give_the_same_report_as_one() -> None:
    one = render(check([FIXTURES], jobs=1))
    several = render(check([FIXTURES], jobs=2))
    assert one == several
    assert several.count('"name": "') >= 4  # every fixture spec is in it


def test_cache_hits_and_fresh_traces_mix_in_the_order_of_discovery(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    check([FIXTURES / "library"], cache=cache, jobs=1)  # one spec cached, three to trace
    mixed = render(check([FIXTURES], cache=cache, jobs=2))
    assert mixed == render(check([FIXTURES], jobs=1))


def test_an_error_keeps_its_file_and_line_across_processes() -> None:
    error = InputError("is not a text file", file="specs/a/requirements.md", line=3)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is InputError
    assert isinstance(copy, SpectraceError)
    assert str(copy) == "specs/a/requirements.md:3: is not a text file"


def test_a_bad_spec_among_many_is_one_line_and_exit_2(tmp_path: Path) -> None:
    for name in ("library", "payments", "taskboard"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    (tmp_path / "payments" / "requirements.md").write_bytes(b"# Requirements\n\x00\x01\x02")
    result = runner.invoke(app, ["check", str(tmp_path), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "payments/requirements.md" in lines[0] and "NUL" in lines[0]


def test_the_jobs_option_does_not_change_the_output() -> None:
    one = runner.invoke(app, ["check", str(FIXTURES), "-j", "1", "--format", "json", "--no-cache"])
    two = runner.invoke(app, ["check", str(FIXTURES), "-j", "2", "--format", "json", "--no-cache"])
    assert one.exit_code == two.exit_code == 1  # the library fixture's dangling reference
    assert one.stdout == two.stdout


def test_one_large_spec_reads_its_requirements_on_a_second_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = render(check([FIXTURES / "library"], jobs=1))
    monkeypatch.setattr(pipeline, "_SPLIT_BYTES", 0)  # every spec counts as large
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    assert render(check([FIXTURES / "library"], jobs=0)) == alone


def test_an_unreadable_requirements_file_read_on_the_second_process_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(FIXTURES / "library", tmp_path / "library")
    (tmp_path / "library" / "requirements.md").write_bytes(b"# Requirements\n\xff bad byte\n")
    monkeypatch.setattr(pipeline, "_SPLIT_BYTES", 0)
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    result = runner.invoke(app, ["check", str(tmp_path / "library"), "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "library/requirements.md:2: is not valid UTF-8 (byte 0xff)"
    )
    assert len(result.stderr.strip().splitlines()) == 1
