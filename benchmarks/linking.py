"""Linking benchmark: inferred links against the explicit references of real designs.

    python benchmarks/linking.py CORPUS_DIR [--folders] [--signals] [--sweep] [--timing N]

Gold: every spec under CORPUS_DIR whose design carries explicit references gives its explicit and
inherited links, at requirement level (a link to a criterion counts as its requirement), as
(item, requirement) pairs. Inference then reads the same items with every reference masked out
of their text, names and headings, and is scored on the items that have gold links (items the
authors left unreferenced are unknown, not wrong). Precision, recall and F1 are given for
correctness properties and for all other items, per folder (``--folders``) and in total, next to
a plain BM25 top-1 baseline computed in the same run (whole words, no stemming, no identifier
splitting, no fields). ``--signals`` turns each signal off in turn; ``--sweep`` shows precision
and recall of the links auto mode accepts at several thresholds; ``--timing N`` times inference
on a generated spec of N requirements. Not a test: it prints and never fails on figures.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from spectrace.discover import discover
from spectrace.link.infer import (
    ACCEPT,
    MARGIN,
    Candidate,
    Signals,
    infer,
    links_of,
    mask_references,
)
from spectrace.link.spec import LinkedSpec, LinkMode, link_spec
from spectrace.model import TRACEABLE_KINDS, DesignItem, ItemKind, RefOrigin, Requirement
from spectrace.parse.references import id_prefixes
from spectrace.parse.source import read_bytes
from spectrace.parse.spec import parse_spec

Pair = tuple[str, str]


@dataclass
class Score:
    """Counts of one comparison."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Score) -> None:
        """Sum another score into this one."""
        self.hits += other.hits
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.hits / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def cells(self) -> str:
        return f"{self.precision:5.2f} {self.recall:5.2f} {self.f1:5.2f}"


@dataclass
class Split:
    """Scores for properties, other items and all."""

    prop: Score = field(default_factory=Score)
    other: Score = field(default_factory=Score)

    @property
    def total(self) -> Score:
        whole = Score()
        whole.add(self.prop)
        whole.add(self.other)
        return whole

    def add(self, other: Split) -> None:
        self.prop.add(other.prop)
        self.other.add(other.other)


@dataclass
class Folder:
    """One spec with gold links."""

    name: str
    linked: LinkedSpec
    gold: set[Pair]
    kinds: dict[str, ItemKind]


def load(corpus: Path, *, own_only: bool = False) -> list[Folder]:
    """Every spec with explicit references, with its gold pairs at requirement level
    (``own_only``: references an item holds itself, inherited ones left out)."""
    folders: list[Folder] = []
    for spec in discover([corpus]):
        sources = [(str(p), read_bytes(p, str(p))) for p in (spec.requirements, *spec.design)]
        try:
            parsed = parse_spec(spec.name, sources[0], sources[1:])
            linked = link_spec(parsed, LinkMode.EXPLICIT)
        except Exception as error:  # a benchmark reports and goes on; the tests catch bugs
            print(f"{spec.name}: skipped ({type(error).__name__}: {error})", file=sys.stderr)
            continue
        kinds = {item.id: item.kind for item in linked.items if item.kind in TRACEABLE_KINDS}
        gold = {
            (link.source, linked.index.requirement_of.get(link.target, link.target))
            for link in linked.links
            if link.source in kinds and not (own_only and link.origin == RefOrigin.INHERITED)
        }
        if gold:
            folders.append(Folder(spec.name, linked, gold, kinds))
    return folders


def score(folder: Folder, predicted: set[Pair]) -> Split:
    """Precision and recall on the items that have gold links."""
    judged = {item for item, _requirement in folder.gold}
    predicted = {pair for pair in predicted if pair[0] in judged}
    split = Split()
    for pairs, counter in ((predicted, "predicted"), (folder.gold, "gold")):
        for item, _requirement in pairs:
            part = split.prop if folder.kinds[item] == ItemKind.PROPERTY else split.other
            setattr(part, counter, getattr(part, counter) + 1)
    for item, _requirement in predicted & folder.gold:
        part = split.prop if folder.kinds[item] == ItemKind.PROPERTY else split.other
        part.hits += 1
    return split


def inferred(folder: Folder, signals: Signals, threshold: float = 0.0) -> set[Pair]:
    """(item, requirement) pairs inference proposes (at or above ``threshold``)."""
    return {
        (c.item, c.requirement)
        for c in candidates(folder, signals)
        if c.score >= threshold and c.selected
    }


def candidates(folder: Folder, signals: Signals) -> tuple[Candidate, ...]:
    """Inference on the folder's items."""
    requirements = folder.linked.parsed.requirements
    return infer(
        requirements, folder.linked.items, prefixes=id_prefixes(requirements), signals=signals
    )


_WORD = re.compile(r"\w+")


def baseline(folder: Folder) -> set[Pair]:
    """Plain BM25 top-1: the item's masked words against each requirement's words."""
    requirements = _unique(folder.linked.parsed.requirements)
    prefixes = id_prefixes(requirements)
    docs = [
        Counter(_WORD.findall(" ".join((r.title, r.text, *(c.text for c in r.criteria))).lower()))
        for r in requirements
    ]
    if not docs:
        return set()
    average = sum(sum(d.values()) for d in docs) / len(docs)
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    count = len(docs)
    found: set[Pair] = set()
    for item in folder.linked.items:
        if item.id not in folder.kinds:
            continue
        words = _WORD.findall(_item_words(item, prefixes).lower())
        best: tuple[float, str] | None = None
        for requirement, doc in zip(requirements, docs, strict=True):
            length = sum(doc.values())
            total = 0.0
            for word in set(words):
                tf = doc.get(word, 0)
                if tf:
                    idf = math.log(1 + (count - df[word] + 0.5) / (df[word] + 0.5))
                    total += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average))
            if total > 0 and (best is None or total > best[0]):
                best = (total, requirement.id)
        if best is not None:
            found.add((item.id, best[1]))
    return found


def _item_words(item: DesignItem, prefixes: frozenset[str]) -> str:
    return mask_references(f"{item.name} {item.section} {item.text}", prefixes)


def _unique(requirements: Sequence[Requirement]) -> list[Requirement]:
    seen: set[str] = set()
    kept = []
    for requirement in requirements:
        if requirement.id not in seen:
            seen.add(requirement.id)
            kept.append(requirement)
    return kept


def evaluate(folders: list[Folder], signals: Signals) -> Split:
    """Summed scores of inference with ``signals``."""
    total = Split()
    for folder in folders:
        total.add(score(folder, inferred(folder, signals)))
    return total


def line(label: str, split: Split) -> str:
    return (
        f"{label:<48} {split.total.cells()} | {split.other.cells()} | {split.prop.cells()}"
        f" | {split.total.gold:4d}"
    )


HEADER = f"{'':<48} {'all: P     R     F1':<17} | {'non-property':<17} | {'property':<17} | gold"


def report(folders: list[Folder], per_folder: bool) -> None:
    """The main table: inference and the BM25 baseline, per folder and in total."""
    print(HEADER)
    ours, plain = Split(), Split()
    for folder in folders:
        mine = score(folder, inferred(folder, Signals()))
        base = score(folder, baseline(folder))
        ours.add(mine)
        plain.add(base)
        if per_folder:
            print(line(f"{folder.name[:40]} infer", mine))
            print(line(f"{folder.name[:40]} bm25", base))
    print(line("TOTAL inference", ours))
    print(line("TOTAL plain BM25 top-1", plain))
    accepted = Split()
    for folder in folders:
        accepted.add(score(folder, auto_pairs(folder)))
    print(line(f"auto mode (best, score >= {ACCEPT}, margin < {MARGIN})", accepted))


def auto_pairs(folder: Folder) -> set[Pair]:
    """The (item, requirement) pairs auto mode counts when a spec has no reference."""
    requirement_of = folder.linked.index.requirement_of
    links = links_of(candidates(folder, Signals()), ACCEPT, confident_only=True)
    return {(link.source, requirement_of.get(link.target, link.target)) for link in links}


def ablation(folders: list[Folder]) -> None:
    """Each signal off in turn."""
    print(HEADER)
    print(line("all signals", evaluate(folders, Signals())))
    for name in (f.name for f in fields(Signals)):
        print(line(f"without {name}", evaluate(folders, replace(Signals(), **{name: False}))))


def sweep(folders: list[Folder]) -> None:
    """Precision and recall of auto mode's accepted links by threshold."""
    print(HEADER)
    for threshold in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        total = Split()
        for folder in folders:
            total.add(score(folder, inferred(folder, Signals(), threshold)))
        print(line(f"threshold {threshold:.2f}", total))


def timing(size: int) -> None:
    """Parse and infer one generated spec of ``size`` requirements."""
    import tempfile

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from generate import generate  # type: ignore[import-not-found]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "big"
        folder.mkdir()
        requirements_text, design_text = generate(size, 7)
        (folder / "requirements.md").write_text(requirements_text, encoding="utf-8")
        (folder / "design.md").write_text(design_text, encoding="utf-8")
        start = time.perf_counter()
        spec = discover([folder])[0]
        sources = [(str(p), read_bytes(p, str(p))) for p in (spec.requirements, *spec.design)]
        parsed = parse_spec(spec.name, sources[0], sources[1:])
        parse_time = time.perf_counter() - start
        linked = link_spec(parsed, LinkMode.EXPLICIT)
        start = time.perf_counter()
        found = infer(parsed.requirements, linked.items, prefixes=id_prefixes(parsed.requirements))
        infer_time = time.perf_counter() - start
    print(
        f"{size} requirements, {len(linked.items)} items: parse {parse_time:.2f} s, "
        f"inference {infer_time:.2f} s ({len(found)} candidates)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; 0 unless the corpus cannot be read."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folders", action="store_true", help="one line per folder")
    parser.add_argument("--signals", action="store_true", help="each signal off in turn")
    parser.add_argument("--sweep", action="store_true", help="auto mode thresholds")
    parser.add_argument(
        "--own", action="store_true", help="gold from references items hold themselves only"
    )
    parser.add_argument("--timing", type=int, default=0, help="time N generated requirements")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"{args.corpus}: not a folder", file=sys.stderr)
        return 2
    folders = load(args.corpus, own_only=args.own)
    print(
        f"{len(folders)} specs with explicit references, "
        f"{sum(len(f.gold) for f in folders)} gold pairs"
    )
    report(folders, args.folders)
    if args.signals:
        ablation(folders)
    if args.sweep:
        sweep(folders)
    if args.timing:
        timing(args.timing)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
