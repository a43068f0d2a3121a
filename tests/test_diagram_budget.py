"""Diagrams at real sizes: the overview past the budget, --view, --split, members folded,
requirements in document order (behaviour through the CLI and the public API)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

import spectrace
from spectrace.cli import app
from spectrace.render.diagram import MAX_ITEMS, View, build_diagram

from .conftest import FIXTURES

runner = CliRunner()
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A spec of 12 requirements and 48 endpoints in two sections: past the budget."""
    folder = tmp_path / "big"
    folder.mkdir()
    requirements = ["# Requirements", ""]
    for number in range(1, 13):
        # Requirement 12 asks for what no endpoint's words hold: no evidence covers it either.
        asked = f"answer {number}" if number < 12 else "archive every ledger"
        requirements += [
            f"### Requirement {number}: Feature {number}",
            "",
            "#### Acceptance Criteria",
            "",
            f"1. WHEN a user asks THEN the system SHALL {asked}",
            "",
        ]
    design = ["# Design", "", "## Public API", ""]
    for number in range(1, 49):
        if number == 25:
            design += ["", "## Admin API", ""]
        cited = (number - 1) % 11 + 1  # requirement 12 stays uncovered
        design.append(f"- `GET /api/thing{number}` - thing {number} (Requirements: {cited}.1)")
    design += ["- `GET /api/metrics` - counters", ""]
    (folder / "requirements.md").write_text("\n".join(requirements), encoding="utf-8")
    (folder / "design.md").write_text("\n".join(design), encoding="utf-8")
    return folder


def graph(*args: str) -> str:
    result = runner.invoke(app, ["graph", *args, "--no-cache"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_past_the_budget_the_default_is_the_overview(big: Path) -> None:
    data = json.loads(graph(str(big), "--format", "json"))
    kinds = sorted({node["kind"] for node in data["nodes"]})
    assert kinds == ["callout", "group", "requirement"]
    groups = {n["name"]: n for n in data["nodes"] if n["kind"] == "group"}
    assert set(groups) == {"Public API", "Admin API"}
    assert groups["Admin API"]["status"] == "orphan"  # GET /api/metrics
    counts = {(e["target"], e["source"]): e["description"] for e in data["edges"]}
    assert counts[("big/req:1", "big/group:Public API")].startswith("3 items of Public API")
    callouts = {n["name"].split()[0]: n["label"] for n in data["nodes"] if n["kind"] == "callout"}
    assert "12: Feature 12 (uncovered)" in callouts["Gaps"]
    assert "GET /api/metrics (Admin API)" in callouts["Orphans"]
    mermaid = graph(str(big), "--format", "mermaid")
    assert mermaid.count(" === ") + mermaid.count(" --- ") < 30  # far under GitHub's 500
    assert '|"3"| n_big_group_Public_API' in mermaid


def test_view_detail_draws_every_item_and_a_small_spec_stays_detailed(big: Path) -> None:
    detail = json.loads(graph(str(big), "--view", "detail", "--format", "json"))
    endpoints = [n for n in detail["nodes"] if n["kind"] == "endpoint"]
    assert len(endpoints) == 49 > MAX_ITEMS
    library = spectrace.check([FIXTURES / "library"])
    assert not build_diagram(library).overview
    assert build_diagram(library, View(scale="overview")).overview  # type: ignore[arg-type]


def test_requirements_come_first_in_document_order(big: Path) -> None:
    source = graph(str(big), "--view", "detail")
    ranks = [block.split("}", 1)[0] for block in source.split("rank=same")[1:]]
    (same_rank,) = [block for block in ranks if "req%3A" in block]
    order = [line.strip().strip('"') for line in same_rank.splitlines() if "req%3A" in line]
    assert order == [f"big/req%3A{n}" for n in range(1, 13)]


def test_the_drawing_keeps_requirements_in_order_and_items_level_with_theirs(
    tmp_path: Path,
) -> None:
    # The endpoints are written in the reverse order of the requirements they serve: Graphviz's
    # own crossing minimisation used to shuffle the requirements to suit them.
    folder = tmp_path / "order"
    folder.mkdir()
    requirements = ["# Requirements", ""]
    for number in range(1, 7):
        requirements += [
            f"### Requirement {number}: Feature {number}",
            "",
            "#### Acceptance Criteria",
            "",
            f"1. WHEN a user asks THEN the system SHALL answer {number}",
            "",
        ]
    design = ["# Design", "", "## API", ""] + [
        f"- `GET /api/thing{number}` - thing {number} (Requirements: {number}.1)"
        for number in (6, 4, 2)
    ]
    (folder / "requirements.md").write_text("\n".join(requirements), encoding="utf-8")
    (folder / "design.md").write_text("\n".join(design) + "\n", encoding="utf-8")
    root = ET.fromstring(graph(str(folder), "--view", "detail", "--format", "svg"))
    heights: dict[str, float] = {}
    for group in root.iter(f"{SVG}g"):
        title, text = group.find(f"{SVG}title"), group.find(f".//{SVG}text")
        if group.get("class") == "node" and title is not None and text is not None:
            heights[str(title.text)] = float(text.get("y", "0"))
    rows = [heights[f"order/req%3A{n}"] for n in range(1, 7)]
    items = [heights[f"order/endpoint%3AGET /api/thing{n}"] for n in (2, 4, 6)]
    assert rows == sorted(rows) and len(set(rows)) == 6  # top to bottom, 1 to 6
    assert items == sorted(items) and len(set(items)) == 3  # level with their requirements


def test_members_fold_into_their_parent(in_root: Path) -> None:
    data = json.loads(graph("fixtures/library", "--format", "json"))
    kinds = {node["kind"] for node in data["nodes"]}
    assert "field" not in kinds
    members = next(n for n in data["nodes"] if n["name"] == "members")
    assert "5 members: members.email, members.id" in members["description"]


def test_split_writes_the_overview_each_part_and_an_index(big: Path, tmp_path: Path) -> None:
    out = tmp_path / "parts"
    assert graph(str(big), "--split", "section", "-f", "mermaid", "-o", str(out)) == ""
    names = sorted(path.name for path in out.iterdir())
    assert names == [
        "big-section-01-public-api.mmd",
        "big-section-02-admin-api.mmd",
        "index.md",
        "overview.mmd",
    ]
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "- [big: Public API (24 items)](big-section-01-public-api.mmd)" in index
    admin = (out / "big-section-02-admin-api.mmd").read_text(encoding="utf-8")
    assert "GET /api/metrics" in admin and 'GET /api/thing1"' not in admin
    graph(str(big), "--split", "requirement", "-f", "json", "-o", str(tmp_path / "reqs"))
    part = json.loads((tmp_path / "reqs" / "big-requirement-01-1-feature-1.json").read_text())
    assert {n["id"] for n in part["nodes"]} == {
        "big/req:1",
        *(f"big/endpoint:GET /api/thing{n}" for n in (1, 12, 23, 34, 45)),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--split", "section"], "--split writes several files: name their folder with -o DIR"),
        (["--split", "page", "-o", "x"], "--split"),
        (["--view", "huge"], "--view"),
        (["--view", "overview", "--focus", "1"], "--view overview draws every requirement"),
    ],
)
def test_bad_split_and_view_are_one_line_exit_2(
    big: Path, args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["graph", str(big), *args, "--no-cache"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("spectrace: error: ") and message in lines[0]
    assert not (tmp_path / "x").exists()


@pytest.fixture
def wide(tmp_path: Path) -> Path:
    """4 requirements (one uncovered) against 7 sections of 5 endpoints: a short, wide matrix."""
    folder = tmp_path / "wide"
    folder.mkdir()
    requirements = ["# Requirements", ""]
    for number in range(1, 5):
        requirements += [f"### Requirement {number}: Feature {number}", ""]
    design = ["# Design", ""]
    for section in range(1, 8):
        design += ["", f"## Part {section}", ""]
        for number in range(1, 6):
            design.append(
                f"- `GET /api/p{section}/t{number}` - part (Requirements: {number % 3 + 1})"
            )
    (folder / "requirements.md").write_text("\n".join(requirements), encoding="utf-8")
    (folder / "design.md").write_text("\n".join(design), encoding="utf-8")
    return folder


def test_a_short_wide_matrix_keeps_its_columns_together_and_its_callouts_under_it(
    wide: Path,
) -> None:
    source = graph(str(wide))
    assert "overview of 7 design groups" in source
    ranks = [block.split("}", 1)[0] for block in source.split("rank=same")[1:]]
    (with_gaps,) = [block for block in ranks if "wide/gaps" in block]
    assert "wide/req%3A4" in with_gaps  # in the requirements' column, under the last row
    # The matrix's columns touch: no rank's gap between them (nor before callouts under it).
    chain = [line for line in source.splitlines() if "minlen=" in line]
    assert len(chain) == 7 and all("minlen=1" in line for line in chain)


def test_split_overview_opens_each_part_where_the_format_can_link(
    big: Path, tmp_path: Path
) -> None:
    out = tmp_path / "svg"
    graph(str(big), "--split", "section", "-f", "svg", "-o", str(out))
    overview = (out / "overview.svg").read_text(encoding="utf-8")
    links = sorted(set(re.findall(r'xlink:href="([^"]+)"', overview)))
    assert links == ["big-section-01-public-api.svg", "big-section-02-admin-api.svg"]
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "- [overview](overview.svg): a click on a requirement or section opens its part" in index
    requirement = tmp_path / "dot"
    graph(str(big), "--split", "requirement", "-f", "dot", "-o", str(requirement))
    source = (requirement / "overview.dot").read_text(encoding="utf-8")
    rows = dict(re.findall(r'"(big/req%3A\d+)" \[.*?href="([^"]+)"', source))
    assert len(rows) == 12 and rows["big/req%3A1"] == "big-requirement-01-1-feature-1.dot"
    assert all((requirement / name).is_file() for name in rows.values())
    mermaid = tmp_path / "mmd"
    graph(str(big), "--split", "section", "-f", "mermaid", "-o", str(mermaid))
    assert "click" not in (mermaid / "overview.mmd").read_text(encoding="utf-8")
    assert "- [overview](overview.mmd)\n" in (mermaid / "index.md").read_text(encoding="utf-8")


def test_a_spec_without_requirements_still_draws_its_design(tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "requirements.md").write_text("# Requirements\n", encoding="utf-8")
    (folder / "design.md").write_text(
        "# Design\n\n## API\n\n- `GET /api/users` - list users\n", encoding="utf-8"
    )
    source = graph(str(folder), "--view", "detail", "--format", "dot")
    assert '"empty/endpoint%3AGET /api/users"' in source
