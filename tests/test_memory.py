"""The collector's pace is raised for a run and restored after; cached reports read back whole."""

from __future__ import annotations

import gc
import pickle

import pytest

from spectrace.memory import few_collections
from spectrace.pipeline import check
from spectrace.render.json import render

from .conftest import FIXTURES


def test_the_collector_runs_rarely_during_a_run_and_as_before_after() -> None:
    before = gc.get_threshold()
    with few_collections():
        assert gc.get_threshold()[0] > before[0]
    assert gc.get_threshold() == before
    with pytest.raises(ValueError), few_collections():
        raise ValueError
    assert gc.get_threshold() == before


def test_a_report_pickles_and_reads_back_equal() -> None:
    report = check([FIXTURES], jobs=1)
    back = pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == report
    assert render(back) == render(report)
