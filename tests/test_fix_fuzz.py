"""Property-based tests of `spectrace fix`: whatever the design holds, it only adds lines (or
fills an empty table cell), keeps the encoding and line endings, and a second run adds nothing.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from spectrace.errors import SpectraceError
from spectrace.writeback.fix import FileChange, plan_fix

from .robust_support import FIXTURES
from .test_robust_fuzz import DOCUMENT, MUTATION, _settings, mutate

RECIPES = FIXTURES / "recipes"
#: Words of the recipes requirements, so that inference has something to link.
WORDS = st.sampled_from(
    [
        "- `POST /api/recipes` - store a recipe with its ingredients",
        "- `PUT /api/recipes/{id}/rating` - record stars for a recipe",
        "### MealPlanner\n\nPlaces recipes into weekday slots of the meal plan.",
        "```sql\nCREATE TABLE ratings (recipe_id INT, stars SMALLINT);\n```",
        "| Method | Path | Requirements |\n|---|---|---|\n| GET | /api/shopping-list |  |",
        "- `title`: at most 120 characters",
    ]
)
DESIGN = st.lists(st.one_of(DOCUMENT, WORDS), min_size=1, max_size=6).map("\n\n".join)
ENCODED_DESIGN = st.tuples(
    DESIGN,
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
).map(lambda t: t[0].replace("\n", t[1]).encode(t[2]))


def _same_or_filled(old: str, new: str) -> bool:
    """``new`` is ``old``, or ``old`` with one blank table cell filled."""
    if old == new:
        return True
    before, after = old.split("|"), new.split("|")
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
    return len(before) == len(after) and len(changed) == 1 and not before[changed[0]].strip()


def _assert_only_added(change: FileChange) -> None:
    """Every line of the old file is in the new one, in order, with its ending; the others are
    added."""
    before, after = change.before, change.after
    assert (after.bom, after.encoding) == (before.bom, before.encoding)
    position = 0
    for line, ending in zip(before.lines, before.endings, strict=True):
        while not _same_or_filled(line, after.lines[position]):
            position += 1  # an added line
        # A last line without an ending gains one when lines are added after it.
        assert after.endings[position] == ending or ending == ""
        position += 1


def _fix_twice(folder: Path) -> None:
    try:
        result = plan_fix([folder])
    except SpectraceError as error:
        assert error.file, str(error)  # a document that is not text, named
        return
    for change in result.files:
        _assert_only_added(change)
        change.path.write_bytes(change.after.encode())
    assert {w.item.id for w in result.written}.isdisjoint({s.item.id for s in result.skipped})
    again = plan_fix([folder])
    assert again.files == ()


@_settings(40)
@given(design=ENCODED_DESIGN)
def test_generated_designs(design: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "spec"
        folder.mkdir()
        (folder / "requirements.md").write_bytes((RECIPES / "requirements.md").read_bytes())
        (folder / "design.md").write_bytes(design)
        _fix_twice(folder)


@_settings(30)
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_recipes_design(mutations: list[tuple[str, float, float]]) -> None:
    data = (RECIPES / "design.md").read_bytes()
    for kind, at, other in mutations:
        data = mutate(data, kind, at, other)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "recipes"
        folder.mkdir()
        (folder / "requirements.md").write_bytes((RECIPES / "requirements.md").read_bytes())
        (folder / "design.md").write_bytes(data)
        _fix_twice(folder)
