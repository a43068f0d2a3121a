"""One pass of ``fix`` over a spec: a place for each proposal, the edits made in memory, read
back, and the misread ones moved to their next place until every edit left reads right."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace

from spectrace.discover import SpecSources
from spectrace.model import SpecReport
from spectrace.parse.markdown import Document
from spectrace.writeback.placement import places
from spectrace.writeback.proposals import Proposal
from spectrace.writeback.reading import Attempt, misread, read_explicit
from spectrace.writeback.style import Style, learn_style
from spectrace.writeback.textfile import Edit, TextFile, with_edits

# Bounded and anchored after a non-letter: linear even when searched over a long word.
_PREFIX = re.compile(r"(?<![A-Za-z])([A-Za-z]{1,20})[-_ ]?[0-9]")
#: Places of an item tried: where it is first written and the next two. Later ones are mostly
#: mentions (a diagram, a summary), not where a reader looks for its references, and each place
#: tried can cost a reading of the whole spec.
_MAX_LOCATIONS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Design:
    """One design document, decoded and parsed."""

    file: TextFile
    """Its lines."""
    parsed: Document
    """Its blocks."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Pass:
    """What one pass wrote and left."""

    edited: dict[str, TextFile]
    """The documents it changed, by report path."""
    written: tuple[Proposal, ...]
    """The proposals written."""
    left: tuple[tuple[Proposal, str], ...]
    """The proposals not written, each with the reason."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Option:
    """One place to try for an item: the document and the edit."""

    file: str
    edit: Edit


def write_pass(
    report: SpecReport,
    source: SpecSources,
    designs: Mapping[str, Design],
    wanted: tuple[Proposal, ...],
) -> Pass:
    """Place every proposal, read the edited spec back, move misread ones on; the edits that
    read right."""
    style = learn_style((d.parsed for d in designs.values()), _prefixes(report))
    left: list[tuple[Proposal, str]] = []
    options: dict[str, list[_Option]] = {}
    for proposal in wanted:
        found, reason = _options(designs, proposal, style)
        if found:
            options[proposal.item.id] = found
        else:
            left.append((proposal, reason))
    active = [p for p in wanted if p.item.id in options]
    before = read_explicit(source, {})
    # Each round every misread item drops the place it tried: the rounds end at the latest when
    # the items with the most places have tried them all.
    while True:
        chosen, clashes = _choose(active, options)
        left.extend(clashes)
        edited, attempts = _edited(designs, chosen)
        after = read_explicit(source, {display: f.encode() for display, f in edited.items()})
        failed = misread(attempts, before, after)
        if not failed:
            return Pass(edited=edited, written=tuple(p for p, _o in chosen), left=tuple(left))
        for proposal, _option in chosen:
            if proposal.item.id in failed:
                options[proposal.item.id].pop(0)
        active = [p for p, _o in chosen if options[p.item.id]]
        left.extend(
            (p, "spectrace would not read a reference written there as this item's alone")
            for p, _o in chosen
            if not options[p.item.id]
        )


def _prefixes(report: SpecReport) -> frozenset[str]:
    """Id prefixes of the spec (``FR``, ``REQ``): an unlabelled ``FR-001`` is a reference."""
    ids = [r.requirement.id for r in report.requirements]
    ids += [c.criterion.id for r in report.requirements for c in r.criteria]
    return frozenset(m.group(1).upper() for ident in ids if (m := _PREFIX.match(ident)))


def _options(
    designs: Mapping[str, Design], proposal: Proposal, style: Style
) -> tuple[list[_Option], str]:
    """The places of the item, where it is first written, then where else it is."""
    found: list[_Option] = []
    reason = "it is not defined in a design document"
    item = proposal.item
    for span in tuple(dict.fromkeys((item.span, *item.locations)))[:_MAX_LOCATIONS]:
        design = designs.get(span.file)
        if design is None:
            continue
        # Another location has no extent of its own: its line stands for the item there.
        at = item if span == item.span else replace(item, span=span, extent=(0, 0))
        here = places(design.parsed, design.file.lines, at, proposal.targets, style)
        found.extend(_Option(file=span.file, edit=edit) for edit in here.edits)
        if not found:
            reason = here.reason
    return found, reason


def _choose(
    active: list[Proposal], options: dict[str, list[_Option]]
) -> tuple[list[tuple[Proposal, _Option]], list[tuple[Proposal, str]]]:
    """Each proposal's best remaining place. Lines added after one line go in item order; a
    table cell is filled once: a second item wanting the same cell tries its next place."""
    cells: set[tuple[str, int]] = set()
    chosen: list[tuple[Proposal, _Option]] = []
    clashes: list[tuple[Proposal, str]] = []
    for proposal in active:
        remaining = options[proposal.item.id]
        while (
            remaining
            and remaining[0].edit.replacement is not None
            and ((remaining[0].file, remaining[0].edit.line) in cells)
        ):
            remaining.pop(0)
        if not remaining:
            clashes.append((proposal, "another item fills the only cell it has"))
            continue
        if remaining[0].edit.replacement is not None:
            cells.add((remaining[0].file, remaining[0].edit.line))
        chosen.append((proposal, remaining[0]))
    return chosen, clashes


def _edited(
    designs: Mapping[str, Design], chosen: list[tuple[Proposal, _Option]]
) -> tuple[dict[str, TextFile], list[Attempt]]:
    """The edited documents, and where in them each item's references went."""
    by_file: dict[str, list[tuple[Proposal, Edit]]] = defaultdict(list)
    for proposal, option in chosen:
        by_file[option.file].append((proposal, option.edit))
    files: dict[str, TextFile] = {}
    attempts: list[Attempt] = []
    for display, pairs in by_file.items():
        files[display], lines = with_edits(designs[display].file, [edit for _p, edit in pairs])
        attempts.extend(
            Attempt(
                item=proposal.item.id,
                targets=frozenset(proposal.targets),
                file=display,
                places=frozenset((display, line) for line in written),
            )
            for (proposal, _edit), written in zip(pairs, lines, strict=True)
        )
    return files, attempts
