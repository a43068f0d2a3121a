"""``spectrace fix``: the inferred links of each spec written into its design as explicit
references, each checked by reading the edited design again.

An edit is kept only when spectrace, reading the edited documents in explicit mode, gives the
new reference to the item it was written for and to no other: whatever way the design is read,
``fix`` writes nothing that does not trace as intended. Passes repeat on the edited design until
one writes nothing, so a second ``fix`` finds nothing to do. Nothing is written here: the
result holds each changed document before and after, for the command to write or show.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spectrace.cache import Cache
from spectrace.discover import SpecFiles, SpecSources, discover, read_spec
from spectrace.model import DesignItem
from spectrace.parse.markdown import parse_markdown
from spectrace.pipeline import trace
from spectrace.writeback.attempt import Design, write_pass
from spectrace.writeback.proposals import DEFAULT_MIN_SCORE, proposals
from spectrace.writeback.textfile import TextFile, decode_file


@dataclass(frozen=True, slots=True, kw_only=True)
class Written:
    """References written for one item."""

    item: DesignItem
    """The item."""
    targets: tuple[str, ...]
    """The ids written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An item whose inferred links were not written, and why."""

    item: DesignItem
    """The item."""
    targets: tuple[str, ...]
    """The ids it would have taken."""
    reason: str
    """Why not."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FileChange:
    """One design document, before and after."""

    path: Path
    """Where it is."""
    display: str
    """As reports show it."""
    before: TextFile
    """As it is."""
    after: TextFile
    """As ``fix`` leaves it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FixResult:
    """What ``fix`` would write."""

    files: tuple[FileChange, ...] = ()
    """Changed documents, by report path."""
    written: tuple[Written, ...] = ()
    """Items given references, by place."""
    skipped: tuple[Skipped, ...] = ()
    """Items with inferred links that got none, by place."""


def plan_fix(
    paths: Sequence[Path | str] = (),
    *,
    requirements: Path | str | None = None,
    design: Sequence[Path | str] = (),
    min_score: float = DEFAULT_MIN_SCORE,
    cache: Cache | None = None,
) -> FixResult:
    """The references ``fix`` writes into the specs under ``paths`` (or the file pair given):
    for each item that no written reference reaches, its inferred links (``both`` mode) scoring
    ``min_score`` or more, in the design's own form."""
    specs = discover(
        [Path(p) for p in paths],
        requirements=Path(requirements) if requirements is not None else None,
        design=[Path(d) for d in design],
    )
    results = [_fix_spec(spec, read_spec(spec), min_score, cache) for spec in specs]
    place = _place_of
    return FixResult(
        files=tuple(sorted((f for r in results for f in r.files), key=lambda f: f.display)),
        written=tuple(sorted((w for r in results for w in r.written), key=place)),
        skipped=tuple(sorted((s for r in results for s in r.skipped), key=place)),
    )


def _place_of(entry: Written | Skipped) -> tuple[str, int, str]:
    return (entry.item.span.file, entry.item.span.line, entry.item.id)


def _fix_spec(
    spec: SpecFiles, source: SpecSources, min_score: float, cache: Cache | None
) -> FixResult:
    paths = {
        display: path for path, (display, _data) in zip(spec.design, source.design, strict=True)
    }
    original = {display: decode_file(data, display) for display, data in source.design}
    current = dict(original)
    written: list[Written] = []
    left: list[Skipped] = []
    while True:
        now = SpecSources(
            name=source.name,
            requirements=source.requirements,
            design=tuple((display, current[display].encode()) for display, _d in source.design),
        )
        (report,) = trace([now], "both", cache=cache, jobs=1).specs
        wanted = proposals(report, min_score)
        designs = {
            display: Design(file=file, parsed=parse_markdown(file.text, display))
            for display, file in current.items()
        }
        done = write_pass(report, now, designs, wanted) if wanted else None
        if done is None or not done.edited:
            left = [
                Skipped(item=p.item, targets=p.targets, reason=reason)
                for p, reason in (done.left if done is not None else ())
            ]
            break
        # Items written by one pass hold references now: the next pass only retries the rest,
        # whose places may be free or read differently now.
        written.extend(Written(item=p.item, targets=p.targets) for p in done.written)
        current.update(done.edited)
    return FixResult(
        files=tuple(
            FileChange(
                path=paths[display],
                display=display,
                before=original[display],
                after=current[display],
            )
            for display in sorted(current)
            if current[display] != original[display]
        ),
        written=tuple(written),
        skipped=tuple(left),
    )
