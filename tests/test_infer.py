"""Inferred links: a hand-made spec whose right links are known, the link modes, evidence in
JSON, suggestions, and the pieces inference reads (tokens, masking)."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import pytest
import snowballstemmer
from snowballstemmer.english_stemmer import EnglishStemmer
from typer.testing import CliRunner

import spectrace
from spectrace.cli import app
from spectrace.link.infer import infer, mask_references
from spectrace.link.tokens import terms
from spectrace.model import RefOrigin, SpecReport

from .conftest import FIXTURES, ROOT

RECIPES = FIXTURES / "recipes"

#: What a careful reader links in fixtures/recipes (whose design names no requirement).
RIGHT = {
    "entity:recipe": "1",
    "entity:ingredient": "1",
    "entity:rating": "2",
    "entity:meal_plan_slot": "3",
    "endpoint:DELETE /api/recipes/{}": "1",
    "endpoint:GET /api/shopping-list": "3",
    "endpoint:PUT /api/recipes/{}/rating": "2",
    "endpoint:POST /api/recipes": "1",
    "component:meal_planner": "3",
}


def recipes(links: str = "auto") -> SpecReport:
    (spec,) = spectrace.check([RECIPES], links=links).specs
    return spec


def requirement_of(target: str) -> str:
    return target.split(".")[0]


def test_auto_mode_traces_a_design_without_references_by_inference() -> None:
    spec = recipes()
    assert spec.links_used == "inferred"
    assert any("traced by inference" in note for note in spec.notes)
    linked = {
        result.item.id: {requirement_of(link.target) for link in result.covers}
        for result in spec.items
        if result.covers
    }
    # Every link auto mode counts is right, and it finds most of them.
    for item, requirements in linked.items():
        assert requirements == {RIGHT[item]}, item
    assert len(linked) >= len(RIGHT) - 2
    origins = {link.origin for result in spec.items for link in result.covers}
    assert origins == {RefOrigin.INFERRED}


def test_an_item_nothing_asked_for_stays_an_orphan_and_a_gap_stays_a_gap() -> None:
    spec = recipes()
    orphans = {result.item.id for result in spec.items if result.orphan}
    assert "entity:loyalty_point" in orphans
    statuses = {result.requirement.id: result.status.value for result in spec.requirements}
    assert statuses["4"] == "uncovered"


def test_inferred_mode_counts_at_least_what_auto_counts() -> None:
    auto = {(r.item.id, link.target) for r in recipes("auto").items for link in r.covers}
    inferred = {(r.item.id, link.target) for r in recipes("inferred").items for link in r.covers}
    assert auto <= inferred


def test_explicit_mode_counts_nothing_here_but_suggests_the_right_items() -> None:
    spec = recipes("explicit")
    assert spec.summary.requirements_covered == 0
    suggested = {(s.item, requirement_of(s.target)) for s in spec.suggestions}
    assert ("entity:rating", "2") in suggested
    assert ("entity:meal_plan_slot", "3") in suggested
    for suggestion in spec.suggestions:
        assert 0.0 < suggestion.score <= 1.0
        assert suggestion.evidence


def test_json_entries_carry_origin_score_and_evidence() -> None:
    result = CliRunner().invoke(app, ["check", str(RECIPES), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.output  # a gap is a warning: the default gate passes
    spec = json.loads(result.stdout)["specs"][0]
    assert (spec["links_mode"], spec["links"]) == ("auto", "inferred")
    ratings = next(item for item in spec["design_items"] if item["id"] == "entity:rating")
    assert ratings["covers"], ratings
    for entry in ratings["covers"]:
        assert entry["origin"] == "inferred"
        assert 0.0 < entry["score"] <= 1.0
        assert "stars" in entry["evidence"]
    covered_by = {
        entry["origin"]
        for requirement in spec["requirements"]
        for criterion in requirement["criteria"]
        for entry in criterion["covered_by"]
    }
    assert covered_by == {"inferred"}


def test_both_mode_never_hides_an_explicit_link(in_root: Path) -> None:
    (explicit,) = spectrace.check([Path("fixtures/library")], links="explicit").specs
    (both,) = spectrace.check([Path("fixtures/library")], links="both").specs
    written = {(r.item.id, link.target, link.origin) for r in explicit.items for link in r.covers}
    kept = {(r.item.id, link.target, link.origin) for r in both.items for link in r.covers}
    assert written <= kept
    assert both.links_used == "both"


def test_auto_mode_follows_written_references_where_they_reach(in_root: Path) -> None:
    (spec,) = spectrace.check([Path("fixtures/library")]).specs
    assert not spec.notes
    written = {
        result.item.id
        for result in spec.items
        if any(link.origin != RefOrigin.INFERRED for link in result.covers)
    }
    guessed = {
        result.item.id
        for result in spec.items
        if any(link.origin == RefOrigin.INFERRED for link in result.covers)
    }
    # An item a reference reaches is traced by its references alone; the others by inference.
    assert written and guessed and not written & guessed
    # The reminder job cites 6.1 itself: inference adds nothing to it.
    assert "component:reminder_job" in written
    assert spec.links_used == "both"


def test_auto_mode_traces_an_unreferenced_item_by_inference(tmp_path: Path) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Requirements\n\n### Requirement 1: Orders\n\n#### Acceptance Criteria\n\n"
        "1. WHEN a customer places an order THEN the system SHALL store the order\n\n"
        "### Requirement 2: Invoices\n\n#### Acceptance Criteria\n\n"
        "1. WHEN an order ships THEN the system SHALL email an invoice to the customer\n",
        encoding="utf-8",
    )
    (tmp_path / "design.md").write_text(
        "# Design\n\n## Orders (Requirement 1)\n\n- `POST /api/orders` - place an order\n\n"
        "## Components\n\n### InvoiceMailer\n\nEmails the invoice of a shipped order.\n",
        encoding="utf-8",
    )
    (spec,) = spectrace.check([tmp_path]).specs
    mailer = next(r for r in spec.items if r.item.name == "InvoiceMailer")
    assert {(link.target, link.origin) for link in mailer.covers} == {("2.1", RefOrigin.INFERRED)}
    assert not mailer.orphan
    assert spec.requirements[1].status.value == "covered"


def test_suggestions_are_shown_in_text() -> None:
    result = CliRunner().invoke(app, ["check", str(RECIPES), "--links", "explicit", "--no-cache"])
    assert "  did you mean: ratings covers Requirement 2.1, 2.2 (0.61: " in result.stdout


def test_inference_is_deterministic_whatever_the_order_of_the_items() -> None:
    (spec,) = spectrace.check([RECIPES]).specs
    requirements = [result.requirement for result in spec.requirements]
    items = [result.item for result in spec.items]
    first = infer(requirements, items)
    assert first == infer(requirements, list(reversed(items)))
    assert [c.item for c in first] == sorted(c.item for c in first)


def test_masking_blanks_references_and_keeps_offsets() -> None:
    text = "Stores stars (Requirements 2.1, 2.2) per REQ-004 and FR-001 to FR-003."
    masked = mask_references(text, frozenset({"REQ", "FR"}))
    assert len(masked) == len(text)
    for hidden in ("2.1", "REQ-004", "FR-001", "FR-003"):
        assert hidden not in masked
    assert masked.startswith("Stores stars")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mealPlanSlots", ["meal", "plan", "slot"]),
        ("meal_plan_slots", ["meal", "plan", "slot"]),
        ("/api/shopping-list", ["api", "shop", "list"]),
        ("HTTPServerError", ["http", "server", "error"]),
    ],
)
def test_identifiers_split_and_stem(text: str, expected: list[str]) -> None:
    assert set(expected) <= set(terms(text))


def _words(paths: list[Path]) -> set[str]:
    return {
        word.lower()
        for path in paths
        for word in re.findall(r"[A-Za-z]+", path.read_text("utf-8", errors="replace"))
    }


def test_the_c_stemmer_stems_as_pure_python_snowball_does() -> None:
    """PyStemmer (a dependency, for speed) must not change a single stem: every word of the
    fixtures, and of the corpus when .ci/run points at it, stems the same both ways."""
    fast = snowballstemmer.stemmer("english")
    assert type(fast).__module__ == "Stemmer", "PyStemmer is not installed"
    reference = EnglishStemmer()
    paths = sorted(FIXTURES.rglob("*.md"))
    corpus = os.environ.get("SPECTRACE_CORPUS")
    if corpus:
        paths += sorted(Path(corpus).rglob("*.md"))
    words = sorted(_words(paths))
    assert len(words) > 500
    assert [fast.stemWord(w) for w in words] == [reference.stemWord(w) for w in words]


def test_cjk_text_becomes_character_bigrams() -> None:
    assert terms("图书借阅") == ["图书", "书借", "借阅"]
    assert terms("予約", cjk=False) == ["予約"]


def test_linking_benchmark_runs_on_the_fixtures(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "benchmarks" / "linking.py"
    spec = importlib.util.spec_from_file_location("linking_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        assert module.main([str(FIXTURES)]) == 0
    finally:
        del sys.modules[spec.name]
    out = capsys.readouterr().out
    assert "TOTAL inference" in out
    assert "TOTAL plain BM25 top-1" in out
    assert "auto mode" in out
