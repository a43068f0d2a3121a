"""The whole run: discover specs, parse, link, analyze; one report."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from spectrace.analyze import analyze, combine
from spectrace.cache import Cache, key_for
from spectrace.discover import SpecFiles, SpecSources, discover, read_spec
from spectrace.link.spec import LinkMode, link_spec
from spectrace.link.tasks import link_tasks
from spectrace.memory import few_collections
from spectrace.model import Report, SpecReport
from spectrace.parse.code.fenced import CodeMemo
from spectrace.parse.spec import (
    DesignRead,
    RequirementsRead,
    parse_spec,
    read_design_document,
    read_requirements,
)

#: Told how far a run is: (specs done, specs in all), once before the first spec and after each.
Progress = Callable[[int, int], None]

#: From this size on (both documents), one spec reads its requirements on a second process
#: while this one reads the design; below it the process costs more than it saves.
_SPLIT_BYTES = 1_000_000

#: Below this much Markdown to trace (all specs), the default jobs trace in this process: starting
#: workers costs more than sharing saves (benchmarks/run.py, docs/performance.md).
_POOL_BYTES = 256_000


def check(
    paths: Path | str | Sequence[Path | str] = (),
    *,
    requirements: Path | str | None = None,
    design: Sequence[Path | str] = (),
    links: LinkMode | str = LinkMode.AUTO,
    cache: Cache | None = None,
    jobs: int = 0,
) -> Report:
    """Trace every spec under ``paths`` (or the one file pair given) and report on them all.

    ``paths``: a spec folder, a document in one or a root to search, as a string or a Path, or a
    list of them; none means the current folder. Raises ``InputError`` (a ``SpectraceError``)
    for a missing path or a document that is not text.

    With a ``cache``, a spec whose documents (and spectrace) have not changed is not traced again.
    Specs that must be traced are shared among ``jobs`` processes (0: one per core; 1: this
    process only); the report is the same whatever the number.
    """
    named = [paths] if isinstance(paths, str | Path) else paths  # a str is not a list of paths
    specs = discover(
        [Path(p) for p in named],
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
    progress: Progress | None = None,
    suggestions: bool = True,
) -> Report:
    """``check`` on documents already read (``discover.read_spec``); ``progress`` is told how
    many specs are done. Without ``suggestions``, the reports hold none (nothing looks for
    them: for outputs that do not show them)."""
    with few_collections():
        work = [_Work(source, LinkMode(links), cache, suggestions) for source in sources]
        return combine(_trace_all(work, cache, jobs, progress))


def _trace_all(
    work: list[_Work],
    cache: Cache | None,
    jobs: int,
    progress: Progress | None,
) -> list[SpecReport]:
    missing = [item for item in work if item.report is None]
    done = len(work) - len(missing)
    tell = progress or (lambda done, total: None)
    tell(done, len(work))
    workers = min(jobs or os.cpu_count() or 1, len(missing))
    if jobs == 0 and sum(item.sources.size for item in missing) < _POOL_BYTES:
        workers = 1  # the default jobs: a pool only when it pays
    if workers > 1:
        # Cache hits were answered here; only the specs to trace pay for a process pool. The
        # largest go first, so no worker starts a long spec while the others finish.
        order = sorted(missing, key=lambda item: -item.sources.size)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            traced = pool.map(_trace, order, chunksize=max(1, len(order) // (4 * workers)))
            for item, report in zip(order, traced, strict=True):
                item.finish(report, cache)
                done += 1
                tell(done, len(work))
    else:
        # One spec: a large one reads its requirements on a second process meanwhile.
        split = jobs != 1 and (os.cpu_count() or 1) > 1
        for item in missing:
            item.finish(_trace(item, split=split and item.sources.size >= _SPLIT_BYTES), cache)
            done += 1
            tell(done, len(work))
    return [item.report for item in work if item.report is not None]


def check_spec(
    spec: SpecFiles, mode: LinkMode | str = LinkMode.AUTO, *, cache: Cache | None = None
) -> SpecReport:
    """Trace one spec (read its files once; reuse the cached result when they are unchanged)."""
    item = _Work(read_spec(spec), LinkMode(mode), cache, suggestions=True)
    return item.report if item.report is not None else item.finish(_trace(item), cache)


class _Work:
    """One spec's documents and its report, when the cache already holds it."""

    def __init__(
        self, sources: SpecSources, mode: LinkMode, cache: Cache | None, suggestions: bool
    ) -> None:
        self.sources = sources
        self.mode = mode
        self.cache = cache
        self.suggestions = suggestions
        self.key = ""
        self.report: SpecReport | None = None
        if cache is not None:
            documents = sources.documents
            # A report without suggestions is kept apart: a run that shows them never gets it.
            kind = [mode.value] if suggestions else [mode.value, "no-suggestions"]
            self.key = key_for(
                [sources.name, *kind, *(part for document in documents for part in document)]
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
    documents = _Documents(item.cache)
    read = documents.requirements(*requirements)
    if read is not None or not split:
        parsed = parse_spec(
            name,
            requirements,
            design,
            read=(lambda: read) if read is not None else documents.read_requirements(requirements),
            read_design=documents.design,
        )
    else:
        with ProcessPoolExecutor(max_workers=1) as pool:
            future = pool.submit(read_requirements, *requirements)
            parsed = parse_spec(
                name,
                requirements,
                design,
                read=documents.keep_requirements(requirements, future.result),
                read_design=documents.design,
            )
    linked = link_tasks(link_spec(parsed, item.mode), item.sources.tasks)
    return analyze(linked, suggestions=item.suggestions)


class _Documents:
    """Each document read once per content: an edited design does not read the requirements
    again, nor an edited requirements document the design. Keyed by spectrace's code and the
    document's shown path and bytes (``cache.key_for``), so nothing stale is ever reused."""

    def __init__(self, cache: Cache | None) -> None:
        self.cache = cache

    def requirements(self, display: str, data: bytes) -> RequirementsRead | None:
        if self.cache is None:
            return None
        hit = self.cache.load(_document_key("requirements", display, data))
        return hit if isinstance(hit, tuple) else None

    def read_requirements(self, requirements: tuple[str, bytes]) -> Callable[[], RequirementsRead]:
        return self.keep_requirements(requirements, lambda: read_requirements(*requirements))

    def keep_requirements(
        self, requirements: tuple[str, bytes], read: Callable[[], RequirementsRead]
    ) -> Callable[[], RequirementsRead]:
        def reading() -> RequirementsRead:
            found = read()
            if self.cache is not None:
                self.cache.store(_document_key("requirements", *requirements), found)
            return found

        return reading

    def design(self, display: str, data: bytes) -> DesignRead:
        key = _document_key("design", display, data)
        if self.cache is not None:
            hit = self.cache.load(key)
            if isinstance(hit, tuple) and len(hit) == 2:
                return hit
        if self.cache is None:
            return read_design_document(display, data)
        # The code blocks of this document as the last reading read them: an edit of one
        # section does not parse every SQL statement of the others again.
        memo_key = key_for(["code blocks", display])
        known = self.cache.load(memo_key)
        memo = CodeMemo(known if isinstance(known, dict) else None)
        found = read_design_document(display, data, memo)
        self.cache.store(key, found)
        self.cache.store(memo_key, memo.read)
        return found


def _document_key(kind: str, display: str, data: bytes) -> str:
    return key_for(["document", kind, display, data])
