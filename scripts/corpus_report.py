"""Read every spec folder of a corpus and print what spectrace found in each.

    python scripts/corpus_report.py CORPUS_DIR [--links MODE]

One row per folder: requirements, criteria, design items by kind, explicit links, dangling
references, orphans, coverage and findings by code; then the totals. Exits 1 when any folder
crashes (the traceback is printed), so CI catches a regression on real specs.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections import Counter
from pathlib import Path

from spectrace.discover import spec_in
from spectrace.model import ItemKind, RefOrigin, SpecReport
from spectrace.pipeline import check_spec

KINDS = (
    ItemKind.ENTITY,
    ItemKind.ENDPOINT,
    ItemKind.RULE,
    ItemKind.INTERFACE,
    ItemKind.COMPONENT,
    ItemKind.PROPERTY,
)
COLUMNS = ("req", "crit", *(k.value[:5] for k in KINDS), "links", "dangl", "orph", "cov%")


def row(spec: SpecReport) -> tuple[int | float, ...]:
    """The numbers of one spec, in COLUMNS order."""
    kinds = Counter(result.item.kind for result in spec.items)
    explicit = sum(
        1
        for result in spec.items
        for link in result.covers
        if link.origin in (RefOrigin.EXPLICIT, RefOrigin.INHERITED)
    )
    return (
        spec.summary.requirements,
        spec.summary.criteria,
        *(kinds[k] for k in KINDS),
        explicit,
        spec.summary.dangling,
        spec.summary.orphans,
        spec.summary.coverage,
    )


def main(argv: list[str] | None = None) -> int:
    """Print the table; 1 when a folder crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--links", default="auto")
    args = parser.parse_args(argv)
    folders = sorted(p for p in args.corpus.iterdir() if p.is_dir())
    print(f"{'folder':44} " + " ".join(f"{c:>5}" for c in COLUMNS) + "  findings")
    totals = [0.0] * len(COLUMNS)
    all_codes: Counter[str] = Counter()
    crashed = 0
    for folder in folders:
        spec = spec_in(folder, folder.name)
        if spec is None:
            print(f"{folder.name[:44]:44} (no spec)")
            continue
        try:
            report = check_spec(spec, args.links)
        except Exception:
            crashed += 1
            print(f"{folder.name[:44]:44} CRASH", file=sys.stdout)
            traceback.print_exc()
            continue
        numbers = row(report)
        totals = [t + n for t, n in zip(totals, numbers, strict=True)]
        codes = Counter(f.code for f in report.findings)
        all_codes.update(codes)
        print(
            f"{folder.name[:44]:44} "
            + " ".join(f"{n:>5}" for n in numbers)
            + "  "
            + " ".join(f"{c}:{n}" for c, n in sorted(codes.items()))
        )
    print(
        f"{'TOTAL':44} "
        + " ".join(f"{int(t):>5}" for t in totals[:-1])
        + f" {totals[-1] / max(len(folders), 1):>5.1f}  "
        + " ".join(f"{c}:{n}" for c, n in sorted(all_codes.items()))
    )
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
