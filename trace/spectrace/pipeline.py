"""The whole run: discover specs, parse, link, analyze; one report."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from spectrace.analyze import analyze, combine
from spectrace.cache import Cache, key_for
from spectrace.discover import SpecFiles, SpecSources, discover, read_spec
from spectrace.link.spec import LinkMode, link_spec
from spectrace.link.tasks import link_tasks
from spectrace.memory import few_collections
from spectrace.model import Report, SpecReport
from spectrace.parse.spec import parse_spec, read_requirements

#: From this size on (both documents), one spec reads its requirements on a second process
#: while this one reads the design; below it the process costs more than it saves.
_SPLIT_BYTES = 1_000_000


def check(
    paths: Sequence[Path | str] = (),
    *,
    requirements: Path | str | None = None,
    design: Sequence[Path | str] = (),
    links: LinkMode | str = LinkMode.AUTO,
    cache: Cache | None = None,
    jobs: int = 0,
) -> Report:
    """Trace every spec under ``paths`` (or the one file pair given) and report on them all.

    With a ``cache``, a spec whose documents (and spectrace) have not changed is not traced again.
    Specs that must be traced are shared among ``jobs`` processes (0: one per core; 1: this
    process only); the report is the same whatever the number.
    """
    specs = discover(
        [Path(p) for p in paths],
        requirements=Path(requirements) if requirements is not None else None,
        design=[Path(d) for d in design],
    )
    return trace([read_spec(spec) for spec in specs], links, cache=cache, jobs=jobs)


def trace(
    sources: Sequence[SpecSources],
    links: LinkMode | str = LinkMode.AUTO,
    *,
    cache: Cache | None = None,
    jobs: int = 0,
) -> Report:
    """``check`` on documents already read (``discover.read_spec``)."""
    with few_collections():
        return combine(_trace_all(sources, LinkMode(links), cache, jobs))


def _trace_all(
    sources: Sequence[SpecSources], mode: LinkMode, cache: Cache | None, jobs: int
) -> list[SpecReport]:
    work = [_Work(source, mode, cache) for source in sources]
    missing = [item for item in work if item.report is None]
    workers = min(jobs or os.cpu_count() or 1, len(missing))
    if workers > 1:
        # Cache hits were answered here; only the specs to trace pay for a process pool.
        with ProcessPoolExecutor(max_workers=workers) as pool:
            traced = pool.map(_trace, missing, chunksize=max(1, len(missing) // (4 * workers)))
            for item, report in zip(missing, traced, strict=True):
                item.finish(report, cache)
    else:
        # One spec: a large one reads its requirements on a second process meanwhile.
        split = jobs != 1 and (os.cpu_count() or 1) > 1
        for item in missing:
            item.finish(_trace(item, split=split and item.sources.size >= _SPLIT_BYTES), cache)
    return [item.report for item in work if item.report is not None]


def check_spec(
    spec: SpecFiles, mode: LinkMode | str = LinkMode.AUTO, *, cache: Cache | None = None
) -> SpecReport:
    """Trace one spec (read its files once; reuse the cached result when they are unchanged)."""
    item = _Work(read_spec(spec), LinkMode(mode), cache)
    return item.report if item.report is not None else item.finish(_trace(item), cache)


class _Work:
    """One spec's documents and its report, when the cache already holds it."""

    def __init__(self, sources: SpecSources, mode: LinkMode, cache: Cache | None) -> None:
        self.sources = sources
        self.mode = mode
        self.key = ""
        self.report: SpecReport | None = None
        if cache is not None:
            documents = sources.documents
            self.key = key_for(
                [sources.name, mode.value, *(part for document in documents for part in document)]
            )
            hit = cache.load(self.key)
            if isinstance(hit, SpecReport):
                self.report = hit

    def finish(self, report: SpecReport, cache: Cache | None) -> SpecReport:
        """Keep the traced report (and cache it)."""
        self.report = report
        if cache is not None:
            cache.store(self.key, report)
        return report


def _trace(item: _Work, *, split: bool = False) -> SpecReport:
    name, requirements, design = item.sources.name, item.sources.requirements, item.sources.design
    if not split:
        parsed = parse_spec(name, requirements, design)
    else:
        with ProcessPoolExecutor(max_workers=1) as pool:
            read = pool.submit(read_requirements, *requirements)
            parsed = parse_spec(name, requirements, design, read=read.result)
    return analyze(link_tasks(link_spec(parsed, item.mode), item.sources.tasks))
