"""The lock file and suspect links: a reworded requirement turns exactly its links suspect."""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from spectrace.cli import app
from spectrace.errors import ConfigError
from spectrace.fingerprint import fingerprint, normalised
from spectrace.lock.entries import Lock, Locked, LockedSpec, id_order
from spectrace.lock.file import dump_lock, parse_lock

runner = CliRunner()

REQUIREMENTS = """# Requirements

### Requirement 1: Loans

**User Story:** As a member, I want to borrow books, so that I can read them at home.

#### Acceptance Criteria

1. WHEN a member borrows an available copy THEN the system SHALL record a loan due in 21 days
2. IF the member already holds five loans THEN the system SHALL refuse the loan

### Requirement 2: Returns

**User Story:** As a librarian, I want returns recorded, so that books come back.

#### Acceptance Criteria

1. WHEN a copy is returned THEN the system SHALL close the loan
"""

DESIGN = """# Design

## API

- `POST /api/loans` - borrow a copy (Requirements: 1.1)
- `GET /api/loans/limits` - how many loans a member may hold (Requirements: 1.2)
- `POST /api/returns` - return a copy (Requirements: 2)
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding one spec, the working folder."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    folder = tmp_path / "specs" / "lending"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit(repo: Path, old: str, new: str) -> None:
    path = repo / "specs" / "lending" / "requirements.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _suspects(*extra: str) -> set[tuple[str, str]]:
    result = runner.invoke(app, ["check", "specs", "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["specs"][0]["findings"]
    return {
        (f["subject"], f["message"].split(" covers ")[0]) for f in findings if f["code"] == "ST601"
    }


def test_lock_is_written_at_the_repository_root_sorted_one_line_per_id(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["lock", "specs/lending"])
    assert result.exit_code == 0, result.output
    assert "wrote spectrace.lock: 1 spec, 5 requirements and criteria" in result.stderr
    text = (repo / "spectrace.lock").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    entries = data["specs"]["specs/lending"]
    assert list(entries) == ["1", "1.1", "1.2", "2", "2.1"]
    assert entries["1.1"]["items"] == ["endpoint:POST /api/loans"]
    assert entries["2.1"]["items"] == ["endpoint:POST /api/returns"]  # through requirement 2
    assert sum(1 for line in text.splitlines() if line.startswith('"')) == 5
    # Same input, same bytes, whichever folder it runs from.
    (repo / "spectrace.lock").unlink()
    inner = repo / "specs"
    monkeypatch.chdir(inner)
    result = runner.invoke(app, ["lock", "lending"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"spectrace: wrote {repo / 'spectrace.lock'}: 1 spec")
    assert (repo / "spectrace.lock").read_text(encoding="utf-8") == text
    assert not (inner / "spectrace.lock").exists()


def test_a_reworded_criterion_turns_exactly_its_links_suspect(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    assert _suspects() == set()
    _edit(repo, "already holds five loans", "already holds six loans")
    assert _suspects() == {("1.2", "endpoint GET /api/loans/limits")}


def test_a_reworded_criterion_makes_links_to_its_whole_requirement_suspect(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "SHALL close the loan", "SHALL close the loan and free the copy")
    assert _suspects() == {("2.1", "endpoint POST /api/returns")}


def test_a_reworded_requirement_turns_the_links_to_it_suspect(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "so that books come back", "so that books come back on time")
    assert _suspects() == {("2", "endpoint POST /api/returns")}


def test_formatting_only_edits_make_nothing_suspect(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(
        repo,
        "1. WHEN a member borrows an available copy THEN the system SHALL record a loan due in "
        "21 days",
        "1. **WHEN** a member borrows an _available_ copy\n   THEN the system   SHALL record a "
        "[loan](loans.md) due in `21` days",
    )
    _edit(repo, "### Requirement 2: Returns", "### Requirement 2: *Returns*")
    _edit(repo, "I want returns recorded,", "I want returns\nrecorded,")
    assert _suspects() == set()


def test_accept_clears_one_id_and_lock_clears_all(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "already holds five loans", "already holds six loans")
    _edit(repo, "SHALL close the loan", "SHALL close the loan at once")
    assert {subject for subject, _ in _suspects()} == {"1.2", "2.1"}
    result = runner.invoke(app, ["lock", "--accept", "1.2"])
    assert result.exit_code == 0, result.output
    assert "accepted 1.2" in result.stderr
    assert {subject for subject, _ in _suspects()} == {"2.1"}
    assert runner.invoke(app, ["lock"]).exit_code == 0
    assert _suspects() == set()


def test_accepting_a_requirement_accepts_its_criteria(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "SHALL close the loan", "SHALL close the loan at once")
    assert runner.invoke(app, ["lock", "--accept", "2"]).exit_code == 0
    assert _suspects() == set()


def test_accepting_an_unknown_id_fails_and_changes_nothing(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    before = (repo / "spectrace.lock").read_bytes()
    result = runner.invoke(app, ["lock", "--accept", "1.2", "--accept", "9.9"])
    assert result.exit_code == 2
    assert (
        result.stderr == "spectrace: error: no requirement or criterion '9.9' in the specs traced\n"
    )
    assert (repo / "spectrace.lock").read_bytes() == before


def test_accept_without_a_lock_file_says_so(repo: Path) -> None:
    result = runner.invoke(app, ["lock", "--accept", "1.2"])
    assert result.exit_code == 2
    assert result.stderr.startswith("spectrace: error: spectrace.lock: no lock file to accept into")


def test_no_lock_file_means_no_suspects_and_no_error(repo: Path) -> None:
    _edit(repo, "already holds five loans", "already holds six loans")
    result = runner.invoke(app, ["check", "specs"])
    assert result.exit_code == 0, result.output
    assert "ST601" not in result.stdout
    assert result.stderr == ""


def test_outside_a_repository_the_lock_is_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain" / "lending"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "plain")
    assert runner.invoke(app, ["lock", "lending"]).exit_code == 0
    data = tomllib.loads((tmp_path / "plain" / "spectrace.lock").read_text(encoding="utf-8"))
    assert list(data["specs"]) == ["lending"]


def test_a_named_lock_file_must_exist(repo: Path) -> None:
    result = runner.invoke(app, ["check", "specs", "--lock", "missing.lock"])
    assert result.exit_code == 2
    assert result.stderr == (
        "spectrace: error: missing.lock: no such lock file (write one with spectrace lock)\n"
    )


def test_lock_option_and_configuration_key_choose_the_file(repo: Path) -> None:
    assert runner.invoke(app, ["lock", "--lock", "review.lock"]).exit_code == 0
    assert (repo / "review.lock").is_file()
    assert not (repo / "spectrace.lock").exists()
    (repo / "spectrace.toml").write_text('lock = "review.lock"\n', encoding="utf-8")
    _edit(repo, "already holds five loans", "already holds six loans")
    assert {subject for subject, _ in _suspects()} == {"1.2"}


def test_a_changed_lock_file_is_not_replayed_from_the_cache(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "already holds five loans", "already holds six loans")
    first = runner.invoke(app, ["check", "specs"])
    assert "ST601" in first.stdout
    assert runner.invoke(app, ["lock", "--accept", "1.2"]).exit_code == 0
    second = runner.invoke(app, ["check", "specs"])
    assert "ST601" not in second.stdout


def test_suspects_are_configurable_like_other_findings(repo: Path) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "already holds five loans", "already holds six loans")
    (repo / "spectrace.toml").write_text('[severity]\nsuspect-link = "error"\n', encoding="utf-8")
    failing = runner.invoke(app, ["check", "specs"])
    assert failing.exit_code == 1
    assert "ST601 error: endpoint GET /api/loans/limits covers criterion 1.2" in failing.stdout
    (repo / "spectrace.toml").write_text('ignore = ["ST601"]\n', encoding="utf-8")
    assert runner.invoke(app, ["check", "specs", "--fail-on", "note"]).exit_code == 0


def test_an_inline_suppression_silences_a_suspect_link(repo: Path) -> None:
    design = repo / "specs" / "lending" / "design.md"
    text = design.read_text(encoding="utf-8")
    design.write_text(
        text.replace("- `GET /api", "<!-- spectrace: ignore suspect-link -->\n- `GET /api"),
        encoding="utf-8",
    )
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "already holds five loans", "already holds six loans")
    result = runner.invoke(app, ["check", "specs", "--format", "json"])
    (finding,) = [
        f for f in json.loads(result.stdout)["specs"][0]["findings"] if f["code"] == "ST601"
    ]
    assert finding["suppressed"] is True


@pytest.mark.parametrize(
    ("command", "form"),
    [
        ("check", "text"),
        ("check", "json"),
        ("check", "sarif"),
        ("check", "junit"),
        ("check", "github"),
        ("report", "text"),
        ("report", "markdown"),
        ("report", "html"),
        ("report", "csv"),
        ("report", "json"),
    ],
)
def test_suspects_show_in_every_format(repo: Path, command: str, form: str) -> None:
    assert runner.invoke(app, ["lock"]).exit_code == 0
    _edit(repo, "already holds five loans", "already holds six loans")
    result = runner.invoke(app, [command, "specs", "--format", form])
    assert result.exit_code in (0, 1), result.output
    shown = "GET /api/loans/limits (explicit, suspect)" if form == "csv" else "ST601"
    assert shown in result.stdout


def test_a_malformed_lock_file_is_one_line_with_its_place(repo: Path) -> None:
    (repo / "spectrace.lock").write_text('version = 1\n[specs."x"]\n"1" = {\n', encoding="utf-8")
    result = runner.invoke(app, ["check", "specs"])
    assert result.exit_code == 2
    assert result.stderr.startswith("spectrace: error: ")
    assert f"{repo / 'spectrace.lock'}:3: the lock file is not valid TOML" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("version = 2\n", "lock file version 2 is not 1"),
        ("version = 1\nowner = 'me'\n", "unknown key 'owner'"),
        ('version = 1\n[specs."a"]\n"1" = { text = "zz", items = [] }\n', "is not a fingerprint"),
        (
            'version = 1\n[specs."a"]\n"1" = { text = "0123456789abcdef", items = [1] }\n',
            "must be a list of design item ids",
        ),
    ],
)
def test_lock_file_contents_are_checked(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_lock(text, "spectrace.lock")


def test_fingerprints_ignore_layout_and_markup_but_not_words() -> None:
    base = "WHEN a member borrows a copy THEN the system SHALL record a loan"
    same = [
        "WHEN a member borrows a copy\n   THEN the system SHALL record a loan",
        "**WHEN** a member borrows a copy THEN the system *SHALL* record a loan",
        "WHEN a `member` borrows a [copy](x.md) THEN the system SHALL record a _loan_",
        "WHEN a member borrows a copy THEN the system SHALL record a <em>loan</em>",
        "WHEN a member borrows a copy THEN the system SHALL record a \\*loan\\*",
    ]
    for text in same:
        assert fingerprint(text) == fingerprint(base), text
    for text in (base.replace("SHALL", "MAY"), base + ".", base.replace("copy", "book")):
        assert fingerprint(text) != fingerprint(base), text
    assert normalised("snake_case_name") == "snake_case_name"


def test_ids_sort_by_their_numbers() -> None:
    ids = ["10", "2.1", "1.10", "1", "FR-010", "1.2", "FR-2", "2"]
    assert sorted(ids, key=id_order) == ["1", "1.2", "1.10", "2", "2.1", "10", "FR-2", "FR-010"]


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@settings(max_examples=200, deadline=None)
@given(
    folder=_TEXT,
    ids=st.lists(_TEXT, min_size=1, max_size=5, unique=True),
    items=st.lists(_TEXT, max_size=4),
)
def test_any_lock_reads_back_as_written(folder: str, ids: list[str], items: list[str]) -> None:
    entries = tuple(
        sorted(
            (Locked(id=i, text="0123456789abcdef", items=tuple(sorted(set(items)))) for i in ids),
            key=lambda e: id_order(e.id),
        )
    )
    lock = Lock(specs=(LockedSpec(folder=folder, entries=entries),))
    text = dump_lock(lock)
    assert parse_lock(text) == lock
    assert dump_lock(parse_lock(text)) == text
