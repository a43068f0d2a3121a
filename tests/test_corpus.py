"""Every real spec folder of the corpus reads cleanly and sensibly.

The corpus is not part of the project: .ci/run points SPECTRACE_CORPUS at ../shared/corpus, and
these tests are skipped without it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from spectrace.discover import spec_in
from spectrace.link.resolve import build_index
from spectrace.model import ItemKind
from spectrace.pipeline import check_spec

CORPUS = os.environ.get("SPECTRACE_CORPUS", "")
FOLDERS = sorted(p for p in Path(CORPUS).iterdir() if p.is_dir()) if CORPUS else []
MANIFEST = (
    {e["dir"]: e for e in json.loads((Path(CORPUS) / "manifest.json").read_text("utf-8"))}
    if CORPUS and (Path(CORPUS) / "manifest.json").exists()
    else {}
)

pytestmark = pytest.mark.skipif(not CORPUS, reason="SPECTRACE_CORPUS is not set")


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_folder_reads_cleanly(folder: Path) -> None:
    spec = spec_in(folder, folder.name)
    assert spec is not None
    report = check_spec(spec)
    assert report.summary.requirements > 0, "no requirement recognised"
    traceable = [r for r in report.items if r.item.kind not in (ItemKind.FIELD, ItemKind.SECTION)]
    assert traceable, "no design item recognised"
    formats = " ".join(MANIFEST.get(folder.name, {}).get("req_id_formats", []))
    if "numbered ACs" in formats:
        assert report.summary.criteria > 0, "numbered acceptance criteria not read"
    lines = {f: len(Path(f).read_text("utf-8").splitlines()) for f in _files(report)}
    for finding in report.findings:
        assert finding.span.line >= 1
        assert finding.span.line <= max(lines.get(finding.span.file, 1), 1)
    # Explicit references that the manifest counts must be read.
    if MANIFEST.get(folder.name, {}).get("explicit_refs_in_design", 0) > 0:
        linked = [r for r in report.items if r.covers] or report.dangling
        assert linked, "the design carries references but none was read"


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_task_list_reads_cleanly(folder: Path) -> None:
    """Every task list is read; every id a task cites is resolved or reported dangling."""
    spec = spec_in(folder, folder.name)
    assert spec is not None
    report = check_spec(spec)
    if spec.tasks is None:
        assert report.plan is None and not report.tasks
        return
    assert report.plan is not None
    assert report.tasks, "no task recognised"
    assert all(t.task.title for t in report.tasks), "a task without a title"
    index = build_index([result.requirement for result in report.requirements])
    dangling = {(f.subject, f.span.line) for f in report.findings if f.code == "ST704"}
    unresolved = {
        (ref.target, ref.span.line)
        for result in report.tasks
        for ref in (*result.task.refs, *result.task.inherited)
        if not index.resolve(ref.target)
    }
    assert dangling == unresolved


def _files(report: object) -> list[str]:
    from spectrace.model import SpecReport

    assert isinstance(report, SpecReport)
    return [report.requirements_file, *report.design_files, *filter(None, [report.tasks_file])]
