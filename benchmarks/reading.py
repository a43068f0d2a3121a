"""Design-reading benchmark: is every place an author cites a requirement a traceable element?

    python benchmarks/reading.py CORPUS_DIR [--show N] [--folders]

For every block of every design document that writes a reference (a heading, paragraph, list
item, table row or code block), the reference must be held by a design item (entity, endpoint,
rule, interface, component, property; held on the item itself or inherited from the section
around it) or by a design statement (the block itself, when it names no item). A reference only
a section node holds (a heading over a section that defines nothing) counts as not carried: the
section is structure, not design. Prints the share of carried blocks (the target is 95%), the
items read per kind, and with ``--show N`` the first N blocks that are not carried. Not a test:
it prints and never fails on figures.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spectrace.discover import discover, read_spec
from spectrace.model import ItemKind
from spectrace.parse.markdown import Block, BlockKind
from spectrace.parse.references import (
    find_references,
    find_row_references,
    id_keys,
    id_prefixes,
)
from spectrace.parse.spec import ParsedSpec, parse_spec


@dataclass(frozen=True, slots=True)
class Uncarried:
    """A block whose references no item or statement holds."""

    spec: str
    file: str
    line: int
    kind: str
    text: str


def reference_lines(block: Block, prefixes: frozenset[str], known: frozenset[str]) -> list[int]:
    """Lines of the references a block writes (the attachment reads them the same way)."""
    if block.kind == BlockKind.HTML:
        return []
    if block.kind == BlockKind.ROW:
        hits = find_row_references(block.cells, block.header, prefixes=prefixes, known=known)
        return [block.line] if hits else []
    first = block.content_line or block.line
    last = max(block.end_line, block.line)
    text = block.text
    return [
        min(max(first + text.count("\n", 0, hit.start), block.line), last)
        for hit in find_references(text, prefixes=prefixes, known=known)
    ]


def measure(parsed: ParsedSpec) -> tuple[int, int, int, list[Uncarried]]:
    """Blocks with references, how many an item or statement carries, how many only a section."""
    holders: dict[tuple[str, int], set[ItemKind]] = {}
    for item in (*parsed.occurrences, *parsed.covering):
        for ref in (*item.refs, *item.inherited):
            holders.setdefault((ref.span.file, ref.span.line), set()).add(item.kind)
    prefixes = id_prefixes(parsed.requirements)
    known = id_keys(parsed.requirements)
    blocks = carried = sections = 0
    missed: list[Uncarried] = []
    for doc in parsed.design_docs:
        for block in doc.blocks:
            lines = reference_lines(block, prefixes, known)
            if not lines:
                continue
            blocks += 1
            kinds = set().union(*(holders.get((doc.path, line), set()) for line in lines))
            if kinds - {ItemKind.SECTION}:
                carried += 1
                continue
            sections += ItemKind.SECTION in kinds
            text = " ".join(block.cells) if block.kind == BlockKind.ROW else block.text
            missed.append(
                Uncarried(
                    parsed.name, doc.path, block.line, block.kind.value, " ".join(text.split())
                )
            )
    return blocks, carried, sections, missed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 unless the corpus cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--show", type=int, default=0, help="list N blocks not carried")
    parser.add_argument("--folders", action="store_true", help="one line per folder")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder", file=sys.stderr)
        return 2
    total_blocks = total_carried = total_sections = 0
    kinds: Counter[str] = Counter()
    missed: list[Uncarried] = []
    specs = discover([args.corpus])
    for spec in specs:
        sources = read_spec(spec)
        parsed = parse_spec(sources.name, sources.requirements, sources.design)
        blocks, carried, sections, not_carried = measure(parsed)
        total_blocks += blocks
        total_carried += carried
        total_sections += sections
        missed.extend(not_carried)
        kinds.update(item.kind.value for item in parsed.occurrences)
        kinds.update(item.kind.value for item in parsed.covering)
        if args.folders and blocks:
            print(f"{spec.name[:48]:<48} {carried:4d}/{blocks:<4d} {100 * carried / blocks:5.1f}%")
    share = 100 * total_carried / total_blocks if total_blocks else 100.0
    print(
        f"{len(specs)} specs: {total_blocks} design blocks write a reference; {total_carried} "
        f"({share:.1f}%) are carried by an item or a statement, {total_sections} only by a "
        f"section heading, {total_blocks - total_carried - total_sections} by nothing"
    )
    print("occurrences read: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    for entry in missed[: args.show]:
        print(f"  {entry.file}:{entry.line} {entry.kind}: {entry.text[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
