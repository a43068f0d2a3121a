"""Each document is read once per content: an edit reads again only what it changed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace import pipeline
from spectrace.cli import app
from spectrace.discover import discover, read_spec

runner = CliRunner()


def _reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the documents actually parsed, by kind."""
    counts = {"requirements": 0, "design": 0}
    real_requirements, real_design = pipeline.read_requirements, pipeline.read_design_document

    def requirements(display: str, data: bytes) -> object:
        counts["requirements"] += 1
        return real_requirements(display, data)

    def design(display: str, data: bytes, code: object = None) -> object:
        counts["design"] += 1
        return real_design(display, data, code)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "read_requirements", requirements)
    monkeypatch.setattr(pipeline, "read_design_document", design)
    return counts


def _json(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["check", "library", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_an_edited_design_does_not_read_the_requirements_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _reads(monkeypatch)
    _json()
    assert reads == {"requirements": 1, "design": 1}
    design = library / "design.md"
    design.write_text(design.read_text(encoding="utf-8") + "\n- `GET /api/extra` - extra\n")
    edited = _json()
    assert reads == {"requirements": 1, "design": 2}
    # The answer is the one a run without any cache gives.
    assert edited == _json("--no-cache")


def test_an_edited_requirements_document_does_not_read_the_design_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _reads(monkeypatch)
    _json()
    requirements = library / "requirements.md"
    text = requirements.read_text(encoding="utf-8")
    requirements.write_text(text.replace("Reservations", "Holds"), encoding="utf-8")
    edited = _json()
    assert reads == {"requirements": 2, "design": 1}
    assert edited == _json("--no-cache")
    assert "Holds" in json.dumps(edited)


def test_another_link_mode_reuses_the_documents_not_the_answer(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _reads(monkeypatch)
    auto = _json()
    explicit = _json("--links", "explicit")
    assert reads == {"requirements": 1, "design": 1}
    assert auto != explicit


def test_an_edit_outside_the_code_blocks_parses_none_of_them_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spectrace.parse.code import fenced

    blocks: list[str] = []
    real = fenced.read_fenced

    def counting(code: str, info: str, validation: bool) -> fenced.CodeRead:
        blocks.append(code)
        return real(code, info, validation)

    monkeypatch.setattr(fenced, "read_fenced", counting)
    _json()
    first = len(blocks)
    assert first >= 1  # the library's SQL block
    design = library / "design.md"
    design.write_text(design.read_text(encoding="utf-8") + "\n- `GET /api/extra` - extra\n")
    edited = _json()
    assert len(blocks) == first  # nothing parsed again
    assert edited == _json("--no-cache")


def test_suggestions_are_looked_for_only_when_the_output_shows_them(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SARIF, JUnit and GitHub output have no place for suggestions: the run does not compute
    them (and their reports, cached apart, never reach a format that shows them)."""
    asked: list[int] = []
    real = pipeline.analyze

    def analyze(linked: object, *, suggestions: bool = True) -> object:
        asked.append(suggestions)
        return real(linked, suggestions=suggestions)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyze", analyze)
    for output_format in ("sarif", "junit", "github"):
        result = runner.invoke(app, ["check", "library", "--format", output_format])
        assert result.exit_code in (0, 1), result.output
    result = runner.invoke(app, ["check", "library", "--no-suggestions"])
    assert result.exit_code in (0, 1), result.output
    assert asked == [False]  # traced once, then cached for the other three
    with_json = _json()
    assert asked == [False, True]
    assert with_json["specs"][0]["suggestions"]  # type: ignore[index]
    shown = runner.invoke(app, ["check", "library"])
    assert "suggest" in shown.stdout.lower() or "did you mean" in shown.stdout.lower()


def test_a_report_without_suggestions_is_the_same_report_otherwise(library: Path) -> None:
    full = pipeline.check(library)
    bare = pipeline.trace([read_spec(spec) for spec in discover([library])], suggestions=False)
    assert full.specs[0].suggestions and not bare.specs[0].suggestions
    assert bare.specs[0] == replace(full.specs[0], suggestions=())
