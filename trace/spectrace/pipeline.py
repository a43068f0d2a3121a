"""The whole run: discover specs, parse, link, analyze; one report."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spectrace.analyze import analyze, combine
from spectrace.cache import Cache, key_for
from spectrace.discover import SpecFiles, discover, display_path
from spectrace.link.spec import LinkMode, link_spec
from spectrace.model import Report, SpecReport
from spectrace.parse.source import read_bytes
from spectrace.parse.spec import parse_spec


def check(
    paths: Sequence[Path | str] = (),
    *,
    requirements: Path | str | None = None,
    design: Sequence[Path | str] = (),
    links: LinkMode | str = LinkMode.AUTO,
    cache: Cache | None = None,
) -> Report:
    """Trace every spec under ``paths`` (or the one file pair given) and report on them all.

    With a ``cache``, a spec whose documents (and spectrace) have not changed is not traced again.
    """
    specs = discover(
        [Path(p) for p in paths],
        requirements=Path(requirements) if requirements is not None else None,
        design=[Path(d) for d in design],
    )
    mode = LinkMode(links)
    return combine([check_spec(spec, mode, cache=cache) for spec in specs])


def check_spec(
    spec: SpecFiles, mode: LinkMode | str = LinkMode.AUTO, *, cache: Cache | None = None
) -> SpecReport:
    """Trace one spec (read its files once; reuse the cached result when they are unchanged)."""
    mode = LinkMode(mode)
    requirements = _source(spec.requirements)
    design = [_source(path) for path in spec.design]
    key = ""
    if cache is not None:
        key = key_for(
            [
                spec.name,
                mode.value,
                *(part for source in (requirements, *design) for part in source),
            ]
        )
        hit = cache.load(key)
        if isinstance(hit, SpecReport):
            return hit
    report = analyze(link_spec(parse_spec(spec.name, requirements, design), mode))
    if cache is not None:
        cache.store(key, report)
    return report


def _source(path: Path) -> tuple[str, bytes]:
    display = display_path(path)
    return display, read_bytes(path, display)
