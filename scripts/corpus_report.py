"""Read every spec folder of a corpus and print what spectrace found in each.

    python scripts/corpus_report.py CORPUS_DIR [--links MODE]

One row per folder: requirements, criteria, design items by kind, explicit links, dangling
references, orphans, coverage and findings by code; then the totals. Then the task lists: per
folder the checkbox lines, the tasks read, the ids they cite (each resolved or reported dangling,
ST704), plan coverage, progress (leaf tasks done over those that count), design items built and
untraced tasks; then their totals. Exits 1 when any folder crashes (the traceback is printed) or
a cited id is neither resolved nor reported, so CI catches a regression on real specs.
"""

from __future__ import annotations

import argparse
import re
import sys
import traceback
from collections import Counter
from pathlib import Path

from spectrace.discover import spec_in
from spectrace.link.resolve import build_index
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


PLAN_COLUMNS = (
    "boxes",
    "tasks",
    "cited",
    "resolv",
    "dangl",
    "units",
    "plnd",
    "plan%",
    "done",
    "work",
    "built",
    "items",
    "untr",
)
_CHECKBOX = re.compile(r"^\s*(?:[-*+]|[0-9]{1,4}[.)])\s+\[[ xX~/\-]\]", re.MULTILINE)


def plan_row(spec: SpecReport) -> tuple[int | float, ...] | None:
    """The task list's numbers of one spec, in PLAN_COLUMNS order (None without one)."""
    plan = spec.plan
    if plan is None:
        return None
    boxes = len(_CHECKBOX.findall(Path(spec.tasks_file).read_text(encoding="utf-8")))
    index = build_index([result.requirement for result in spec.requirements])
    places = {
        (ref.target, ref.span.line)
        for result in spec.tasks
        for ref in (*result.task.refs, *result.task.inherited)
    }
    return (
        boxes,
        plan.tasks,
        len(places),
        sum(1 for target, _line in places if index.resolve(target)),
        plan.dangling,
        plan.units,
        plan.units_planned,
        plan.coverage,
        plan.work_done,
        plan.work,
        plan.design_items_built,
        plan.design_items,
        plan.untraced,
    )


def print_plans(rows: list[tuple[str, tuple[int | float, ...]]]) -> int:
    """The task-list table and its totals; how many folders cite ids neither resolved nor
    reported dangling (0 when every citation is accounted for)."""
    print()
    print(f"{'task lists':44} " + " ".join(f"{c:>6}" for c in PLAN_COLUMNS))
    unaccounted = 0
    for name, numbers in rows:
        if numbers[3] + numbers[4] != numbers[2]:
            unaccounted += 1
            print(f"{name[:44]:44} CITED IDS NEITHER RESOLVED NOR DANGLING")
        print(f"{name[:44]:44} " + " ".join(f"{n:>6}" for n in numbers))
    if not rows:
        return unaccounted
    sums = [sum(numbers[i] for _name, numbers in rows) for i in range(len(PLAN_COLUMNS))]
    boxes, tasks, cited, resolved, dangling, units, planned, _, done, work = sums[:10]
    built, items, untraced = sums[10:]
    sums[7] = round(100.0 * planned / units, 1) if units else 0.0
    print(f"{'TOTAL (' + str(len(rows)) + ' task lists)':44} " + " ".join(f"{n:>6}" for n in sums))
    progress = round(100.0 * done / work, 1) if work else 0.0
    print(
        f"{tasks} tasks read ({boxes} checkbox lines: steps and checklists are not tasks; heading "
        f"tasks have none); {cited} cited ids: {resolved} resolved, {dangling} dangling; plan "
        f"coverage {sums[7]}% ({planned}/{units} criteria or bare requirements); progress "
        f"{progress}% ({done}/{work} tasks done); {built}/{items} design items built; "
        f"{untraced} untraced tasks"
    )
    return unaccounted


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
    plans: list[tuple[str, tuple[int | float, ...]]] = []
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
        planned = plan_row(report)
        if planned is not None:
            plans.append((folder.name, planned))
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
    unaccounted = print_plans(plans)
    return 1 if crashed or unaccounted else 0


if __name__ == "__main__":
    sys.exit(main())
