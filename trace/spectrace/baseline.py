"""The baseline: findings known when the gate was adopted, matched on spec, code and subject.

Line numbers are never part of the match, so a baseline survives edits that move text. A key that
occurs several times (two dangling references to one id) is stored with its count: the baseline
absorbs that many findings, and one more is new.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from spectrace import jsontext
from spectrace.codes import CODES
from spectrace.errors import ConfigError
from spectrace.model import Finding, Report, SpecReport

#: Bumped when the file's meaning changes.
BASELINE_VERSION = 1

#: What a baseline entry matches: spec folder, finding code, subject.
Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """Findings of one kind about one thing in one spec."""

    spec: str
    """The spec's folder, as shown in reports (``docs/specs/auth``)."""
    code: str
    """Finding code (``ST301``)."""
    subject: str
    """What the findings are about (``entity:audit_log``, ``2.3``)."""
    count: int = 1
    """How many such findings the baseline absorbs."""

    @property
    def key(self) -> Key:
        """What findings are matched on."""
        return (self.spec, self.code, self.subject)


@dataclass(frozen=True, slots=True, kw_only=True)
class Baseline:
    """The entries of a baseline file, sorted."""

    entries: tuple[Entry, ...] = ()
    """Sorted by spec, code and subject."""
    root: Path | None = None
    """The folder spec folders are relative to (the baseline file's); None: the working folder."""

    def counts(self) -> dict[Key, int]:
        """How many findings each key absorbs."""
        return {entry.key: entry.count for entry in self.entries}


def spec_key(spec: SpecReport, root: Path | None = None) -> str:
    """A spec's identity across runs: the folder of its requirements document, relative to root.

    Not ``SpecReport.name``, which depends on the path the command was given. Report paths are
    relative to the working folder; with a ``root`` (the folder of the baseline or configuration
    file) the key is the same from whichever folder the command runs.
    """
    folder = PurePosixPath(spec.requirements_file).parent
    if root is None:
        return str(folder)
    # resolve(): `..` in a root given as `--baseline ../file` must not defeat relative_to.
    absolute = Path(folder).resolve()
    try:
        return absolute.relative_to(root.resolve()).as_posix()
    except ValueError:
        return absolute.as_posix()


def finding_key(spec: SpecReport, finding: Finding, root: Path | None = None) -> Key:
    """What a finding is matched on."""
    return (spec_key(spec, root), finding.code, finding.subject)


def build_baseline(report: Report, root: Path | None = None) -> Baseline:
    """A baseline of every finding of the report that is not suppressed."""
    counts = Counter(
        finding_key(spec, finding, root)
        for spec in report.specs
        for finding in spec.findings
        if not finding.suppressed
    )
    return Baseline(
        entries=tuple(
            Entry(spec=spec, code=code, subject=subject, count=count)
            for (spec, code, subject), count in sorted(counts.items())
        ),
        root=root,
    )


def dump_baseline(baseline: Baseline) -> str:
    """The baseline file's text: JSON, sorted, no time or machine in it (diffs stay small)."""
    data = {
        "version": BASELINE_VERSION,
        "findings": [
            {
                "spec": entry.spec,
                "code": entry.code,
                "name": CODES[entry.code].name if entry.code in CODES else "",
                "subject": entry.subject,
                "count": entry.count,
            }
            for entry in sorted(baseline.entries, key=lambda e: e.key)
        ],
    }
    return jsontext.dumps(data)


def parse_baseline(text: str, source: str = "", root: Path | None = None) -> Baseline:
    """Read a baseline file's text; a malformed one is a ConfigError naming ``source``."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"baseline is not valid JSON: {exc}", file=source) from None
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise ConfigError("baseline has no findings list", file=source)
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise ConfigError(
            f"baseline version {version!r} is not {BASELINE_VERSION}: "
            "write it again with --update-baseline",
            file=source,
        )
    counts: Counter[Key] = Counter()
    for raw in data["findings"]:
        entry = _entry(raw, source)
        counts[entry.key] += entry.count
    return Baseline(
        entries=tuple(
            Entry(spec=spec, code=code, subject=subject, count=count)
            for (spec, code, subject), count in sorted(counts.items())
        ),
        root=root,
    )


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            "no such baseline file (write one with --update-baseline)", file=str(path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the baseline: {exc}", file=str(path)) from None
    return parse_baseline(text, str(path), path.parent)


def _entry(raw: Any, source: str) -> Entry:
    if not isinstance(raw, dict):
        raise ConfigError("baseline entries must be objects", file=source)
    spec, code, subject = raw.get("spec"), raw.get("code"), raw.get("subject", "")
    count = raw.get("count", 1)
    if not (isinstance(spec, str) and isinstance(code, str) and isinstance(subject, str)):
        raise ConfigError("baseline entries need spec, code and subject strings", file=source)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ConfigError("baseline entry count must be a positive integer", file=source)
    return Entry(spec=spec, code=code, subject=subject, count=count)
