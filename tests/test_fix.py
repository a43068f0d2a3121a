"""`spectrace fix`: inferred links written into the design, in its own style, nothing else."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app

from .conftest import FIXTURES

runner = CliRunner()

REQUIREMENTS = """# Requirements

### Requirement 1: Recipes

**User Story:** As a cook, I want to save my recipes with their ingredients, so that I can cook
them again.

#### Acceptance Criteria

1. WHEN a cook submits a recipe with a title and ingredients THEN the system SHALL store the recipe
2. WHEN a cook deletes one of their recipes THEN the system SHALL remove it and its ingredients

### Requirement 2: Ratings

**User Story:** As a cook, I want to rate recipes from one to five stars, so that good recipes
stand out.

#### Acceptance Criteria

1. WHEN a cook rates a recipe THEN the system SHALL record one star rating per cook and recipe
"""


def _copy(tmp_path: Path, name: str = "recipes") -> Path:
    folder = tmp_path / name
    shutil.copytree(FIXTURES / name, folder)
    return folder


def _spec(tmp_path: Path, design: str, *, requirements: str = REQUIREMENTS) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "requirements.md").write_text(requirements, encoding="utf-8")
    (folder / "design.md").write_text(design, encoding="utf-8")
    return folder


def _coverage(folder: Path, links: str) -> tuple[float, list[tuple[str, str]]]:
    result = runner.invoke(app, ["check", str(folder), "--links", links, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    (spec,) = json.loads(result.stdout)["specs"]
    covered = sorted(
        (criterion["id"], link["item"])
        for requirement in spec["requirements"]
        for criterion in requirement["criteria"]
        for link in criterion["covered_by"]
    )
    return spec["summary"]["coverage"], covered


def _only_insertions(before: list[str], after: list[str]) -> None:
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    assert {tag for tag, *_ in matcher.get_opcodes()} <= {"equal", "insert"}


def test_fix_on_a_design_without_references_reaches_inferred_coverage(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    inferred, inferred_links = _coverage(folder, "inferred")
    explicit, _ = _coverage(folder, "explicit")
    assert explicit == 0.0 < inferred
    design = folder / "design.md"
    before = design.read_text(encoding="utf-8")
    result = runner.invoke(app, ["fix", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"spectrace: {design}: wrote references for 9 items\n"
    after = design.read_text(encoding="utf-8")
    assert _coverage(folder, "explicit") == (inferred, inferred_links)
    _only_insertions(before.splitlines(), after.splitlines())
    assert "  _Requirements: 1.1, 1.3_" in after.splitlines()  # under POST /api/recipes
    assert "-- Requirements: 1.1, 1.2" in after.splitlines()  # before CREATE TABLE recipes

    again = runner.invoke(app, ["fix", str(folder)])
    assert again.exit_code == 0
    assert design.read_text(encoding="utf-8") == after
    assert again.stderr.startswith("spectrace: nothing to write: every item")


def test_diff_shows_the_change_and_writes_nothing(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    design = folder / "design.md"
    before = design.read_bytes()
    result = runner.invoke(app, ["fix", str(folder), "--diff"])
    assert result.exit_code == 1
    assert design.read_bytes() == before
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- a/{design}"
    assert lines[1] == f"+++ b/{design}"
    added = [line for line in lines if line.startswith("+") and not line.startswith("+++")]
    assert len(added) == 9
    assert not [line for line in lines if line.startswith("-") and not line.startswith("---")]
    assert "would write references for 9 items" in result.stderr
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    clean = runner.invoke(app, ["fix", str(folder), "--diff"])
    assert clean.exit_code == 0
    assert clean.stdout == ""


def test_encoding_bom_and_crlf_are_kept(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    design = folder / "design.md"
    original = design.read_text(encoding="utf-8")
    raw = b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8")
    design.write_bytes(raw)
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    data = design.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\n") == data.count(b"\r\n")
    lines = data[3:].decode("utf-8").split("\r\n")
    _only_insertions(original.split("\n"), lines)
    assert len(lines) == len(original.split("\n")) + 9


def test_a_utf16_design_stays_utf16(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    design = folder / "design.md"
    design.write_bytes(design.read_text(encoding="utf-8").encode("utf-16"))
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    text = design.read_bytes().decode("utf-16")
    assert "  _Requirements: 1.1, 1.3_" in text.splitlines()


def test_items_a_reference_reaches_are_left_alone(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "library")
    design = folder / "design.md"
    before = design.read_text(encoding="utf-8").splitlines()
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    after = design.read_text(encoding="utf-8").splitlines()
    _only_insertions(before, after)
    added = [line for line in after if line not in before]
    # The library design writes "(Requirements: 2.1)": the new references do too.
    assert "  (Requirements: 1.1, 1.3)" in added  # password, the one rule without a reference
    assert all("Requirements:" in line for line in added)
    # Neither members (it has -- Requirements: 1.1) nor the referenced endpoints changed.
    index = after.index("CREATE TABLE members (")
    assert after[index - 1] == "-- Requirements: 1.1"


def test_the_designs_own_style_is_used(tmp_path: Path) -> None:
    design = """# Design

## Components

### RecipeStore

Stores recipes with their ingredients and removes them on request.

### Ratings

Records the stars a cook gives a recipe.
**Validates: Requirements 2.1**

### Scoreboard

Shows the stars each recipe got.
**Validates: Requirements 2.1**

## Data

```sql
-- Satisfies: 2.1
CREATE TABLE ratings (recipe_id BIGINT, cook_id BIGINT, stars SMALLINT);

CREATE TABLE recipes (id BIGINT PRIMARY KEY, title TEXT, ingredients TEXT);
```
"""
    folder = _spec(tmp_path, design)
    assert runner.invoke(app, ["fix", str(folder), "--min-score", "0.1"]).exit_code == 0
    lines = (folder / "design.md").read_text(encoding="utf-8").splitlines()
    store = lines.index("### RecipeStore")
    assert lines[store + 3].startswith("**Validates: Requirements 1.")
    table = lines.index(
        "CREATE TABLE recipes (id BIGINT PRIMARY KEY, title TEXT, ingredients TEXT);"
    )
    assert lines[table - 1].startswith("-- Satisfies: 1.")


def test_a_requirements_column_cell_is_filled(tmp_path: Path) -> None:
    design = """# Design

## API

| Method | Path | Purpose | Requirements |
|--------|------|---------|--------------|
| POST | /api/recipes | store a recipe with its ingredients |  |
| PUT | /api/recipes/{id}/rating | rate a recipe with stars | 2.1 |
"""
    folder = _spec(tmp_path, design)
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    lines = (folder / "design.md").read_text(encoding="utf-8").splitlines()
    assert lines[6].startswith("| POST | /api/recipes | store a recipe with its ingredients | 1.")
    assert lines[6].endswith(" |")
    assert lines[7] == "| PUT | /api/recipes/{id}/rating | rate a recipe with stars | 2.1 |"
    assert len(lines) == len(design.splitlines())


def test_a_table_without_a_requirements_column_is_said_so(tmp_path: Path) -> None:
    design = """# Design

## API

| Method | Path | Purpose |
|--------|------|---------|
| POST | /api/recipes | store a recipe with its ingredients |
"""
    folder = _spec(tmp_path, design)
    result = runner.invoke(app, ["fix", str(folder)])
    assert result.exit_code == 0
    assert "design.md:7: not written: endpoint POST /api/recipes -> 1." in result.stderr
    assert "its table has no Requirements column to fill" in result.stderr
    assert "nothing to write: the items above have no place" in result.stderr
    assert (folder / "design.md").read_text(encoding="utf-8") == design


def test_a_bullet_with_nested_items_takes_the_reference_in_its_own_paragraph(
    tmp_path: Path,
) -> None:
    design = """# Design

## API

- `POST /api/recipes` - store a recipe
  with its ingredients
  - body: title, ingredients
  - answers 201
- `PUT /api/recipes/{id}/rating` - rate a recipe with stars
"""
    folder = _spec(tmp_path, design)
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    lines = (folder / "design.md").read_text(encoding="utf-8").splitlines()
    assert lines[5] == "  with its ingredients"
    assert lines[6].startswith("  _Requirements: 1.")
    assert lines[7] == "  - body: title, ingredients"


def test_min_score_limits_what_is_written(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    result = runner.invoke(app, ["fix", str(folder), "--min-score", "0.6", "--diff"])
    added = [line for line in result.stdout.splitlines() if line.startswith("+ ")]
    assert result.exit_code == 1
    assert 0 < len(added) < 9
    bad = runner.invoke(app, ["fix", str(folder), "--min-score", "1.5"])
    assert bad.exit_code == 2
    assert bad.stderr == "spectrace: error: --min-score takes a score from 0 to 1\n"


@pytest.mark.parametrize("name", ["library", "payments", "recipes", "taskboard"])
def test_every_fixture_is_idempotent_and_gains_coverage(tmp_path: Path, name: str) -> None:
    folder = _copy(tmp_path, name)
    before, _ = _coverage(folder, "explicit")
    assert runner.invoke(app, ["fix", str(folder)]).exit_code == 0
    after, _ = _coverage(folder, "explicit")
    assert after >= before
    snapshot = {p: p.read_bytes() for p in sorted(folder.rglob("*.md"))}
    second = runner.invoke(app, ["fix", str(folder), "--diff"])
    assert second.exit_code == 0 and second.stdout == ""
    assert {p: p.read_bytes() for p in sorted(folder.rglob("*.md"))} == snapshot


def test_a_reference_spectrace_would_not_read_as_the_items_is_not_written(
    tmp_path: Path,
) -> None:
    # A comment before a loose field of a validation block is not read as that field's: fix
    # checks every reference by reading the edited design, and writes none of these.
    design = """# Design

## Validation

```ts
title: z.string().max(120),
stars: z.number().int().min(1).max(5),
```
"""
    folder = _spec(
        tmp_path,
        design,
        requirements=(FIXTURES / "recipes" / "requirements.md").read_text(encoding="utf-8"),
    )
    result = runner.invoke(app, ["fix", str(folder)])
    assert result.exit_code == 0
    assert "design.md:6: not written: rule title -> 1.1, 1.2: spectrace would not read" in (
        result.stderr
    )
    assert (folder / "design.md").read_text(encoding="utf-8") == design


def test_two_items_sharing_a_bullet_get_no_reference_one_would_give_both(tmp_path: Path) -> None:
    design = """# Design

## API

- `POST /api/recipes` and `DELETE /api/recipes/{id}` store and remove recipes with ingredients
- `PUT /api/recipes/{id}/rating` - rate a recipe with stars
"""
    folder = _spec(tmp_path, design)
    result = runner.invoke(app, ["fix", str(folder)])
    assert result.exit_code == 0, result.output
    assert "not written: endpoint POST /api/recipes -> 1.1, 1.2: spectrace would not read" in (
        result.stderr
    )
    assert "not written: endpoint DELETE /api/recipes/{id} -> 1.2" in result.stderr
    lines = (folder / "design.md").read_text(encoding="utf-8").splitlines()
    assert lines[4:] == [
        "- `POST /api/recipes` and `DELETE /api/recipes/{id}` store and remove recipes with "
        "ingredients",
        "- `PUT /api/recipes/{id}/rating` - rate a recipe with stars",
        "  _Requirements: 2.1_",
    ]
    again = runner.invoke(app, ["fix", str(folder), "--diff"])
    assert again.exit_code == 0 and again.stdout == ""


def test_the_worked_example_in_the_docs_is_real_output(in_root: Path) -> None:
    changes = (in_root / "docs" / "changes.md").read_text(encoding="utf-8")
    shown = changes.split("$ spectrace fix fixtures/recipes --diff\n", 1)[1].split("~~~", 1)[0]
    result = runner.invoke(app, ["fix", "fixtures/recipes", "--diff", "--no-cache"])
    assert result.exit_code == 1
    assert result.stdout == shown
