"""Configuration: ``[tool.spectrace]`` in pyproject.toml, or a spectrace.toml, read and checked."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spectrace.codes import CODES, lookup
from spectrace.errors import ConfigError
from spectrace.model import Severity

#: What ``links`` takes (the same words as ``--links``).
LINK_MODES = ("explicit", "inferred", "auto", "both")
#: What ``fail_on`` takes (the same words as ``--fail-on``).
FAIL_ON = ("error", "warning", "note", "never")
#: What ``suggestions`` takes: hints per gap or orphan in ``check``'s text report.
SUGGESTIONS = ("best", "all", "none")
#: File names searched for, in order, in the working folder and then its parents.
CONFIG_NAMES = ("spectrace.toml", "pyproject.toml")

_TOP_KEYS = frozenset(
    {
        "paths",
        "links",
        "min_coverage",
        "min_plan_coverage",
        "fail_on",
        "severity",
        "ignore",
        "baseline",
        "lock",
        "overrides",
        "show_notes",
        "suggestions",
    }
)
_OVERRIDE_KEYS = frozenset({"specs", "severity", "ignore", "min_coverage", "min_plan_coverage"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Override:
    """Settings for the specs whose folder or name matches one of ``specs``."""

    specs: tuple[str, ...]
    """Glob patterns (``legacy/*``), matched against the spec's folder and its name."""
    severity: tuple[tuple[str, Severity], ...] = ()
    """Finding code and the severity it takes in these specs."""
    ignore: frozenset[str] = frozenset()
    """Finding codes suppressed in these specs."""
    min_coverage: float | None = None
    """Each matching spec fails the run when its own coverage is below this."""
    min_plan_coverage: float | None = None
    """Each matching spec fails the run when its own plan coverage is below this (or it has no
    task list)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """Everything the configuration file can set; empty when there is no file."""

    source: str = ""
    """The file it was read from ("" when none)."""
    root: Path | None = None
    """The file's folder: ``specs`` patterns of overrides are relative to it."""
    paths: tuple[Path, ...] = ()
    """Spec folders or roots checked when the command line names none (relative to the file)."""
    links: str | None = None
    """Link mode."""
    min_coverage: float | None = None
    """Fail when total coverage (%) is below this."""
    min_plan_coverage: float | None = None
    """Fail when total plan coverage (%) is below this, or a spec has no task list."""
    fail_on: str | None = None
    """Lowest severity that fails the run."""
    severity: tuple[tuple[str, Severity], ...] = ()
    """Finding code and the severity it takes everywhere."""
    ignore: frozenset[str] = frozenset()
    """Finding codes suppressed everywhere (reported as suppressed, never counted)."""
    baseline: Path | None = None
    """Baseline file used when ``--baseline`` is not given (relative to the file)."""
    lock: Path | None = None
    """Lock file used when ``--lock`` is not given (relative to the file); by default
    ``spectrace.lock`` at the repository's root."""
    overrides: tuple[Override, ...] = ()
    """Per-spec settings, applied in order after the global ones."""
    show_notes: bool | None = None
    """List notes in ``check``'s text report (else only their count)."""
    suggestions: str | None = None
    """Hints per gap or orphan in ``check``'s text report: best, all or none."""


def find_config(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the nearest one up to the repository root.

    A spectrace.toml always counts; a pyproject.toml only when it has ``[tool.spectrace]`` (as ruff
    treats ``[tool.ruff]``). The search stops at the folder holding ``.git``.
    """
    folder = start.absolute()
    for current in (folder, *folder.parents):
        own = current / CONFIG_NAMES[0]
        if own.is_file():
            return own
        project = current / CONFIG_NAMES[1]
        if project.is_file() and "spectrace" in _read(project).get("tool", {}):
            return project
        if (current / ".git").exists():
            return None
    return None


def load_config(path: Path) -> Config:
    """Read a configuration file: pyproject.toml's ``[tool.spectrace]``, else the top level."""
    return config_from(_read(path), path)


def config_from(data: Mapping[str, Any], path: Path) -> Config:
    """The configuration in a file's parsed TOML (``path`` names the file, as ``load_config``)."""
    if path.name == CONFIG_NAMES[1]:
        table = data.get("tool", {}).get("spectrace", {})
        prefix = "tool.spectrace."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise ConfigError(f"{prefix or 'the file'} must be a table", file=str(path))
    return _config(table, path, prefix)


def read_config(explicit: Path | None, cwd: Path) -> Config:
    """The file given with ``--config``, else the one found from ``cwd``, else an empty config."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("no such configuration file", file=str(explicit))
        return load_config(explicit)
    found = find_config(cwd)
    return load_config(found) if found is not None else Config()


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=str(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", file=str(path)) from None


def _config(table: Mapping[str, Any], path: Path, prefix: str) -> Config:
    table = _normalised(table, _TOP_KEYS, path, prefix)
    folder = path.parent
    paths = table.get("paths", [])
    if isinstance(paths, str):
        paths = [paths]
    baseline = table.get("baseline")
    lock = table.get("lock")
    return Config(
        source=str(path),
        root=folder,
        paths=tuple(folder / p for p in _strings(paths, path, f"{prefix}paths")),
        links=_choice(table.get("links"), LINK_MODES, path, f"{prefix}links"),
        min_coverage=_percentage(table.get("min_coverage"), path, f"{prefix}min_coverage"),
        min_plan_coverage=_percentage(
            table.get("min_plan_coverage"), path, f"{prefix}min_plan_coverage"
        ),
        fail_on=_choice(table.get("fail_on"), FAIL_ON, path, f"{prefix}fail_on"),
        severity=_severities(table.get("severity", {}), path, f"{prefix}severity"),
        ignore=_codes(table.get("ignore", []), path, f"{prefix}ignore"),
        baseline=None if baseline is None else folder / _string(baseline, path, "baseline"),
        lock=None if lock is None else folder / _string(lock, path, f"{prefix}lock"),
        overrides=tuple(
            _override(entry, path, f"{prefix}overrides[{index}].")
            for index, entry in enumerate(_tables(table.get("overrides", []), path, prefix))
        ),
        show_notes=_flag(table.get("show_notes"), path, f"{prefix}show_notes"),
        suggestions=_choice(table.get("suggestions"), SUGGESTIONS, path, f"{prefix}suggestions"),
    )


def _override(table: Mapping[str, Any], path: Path, prefix: str) -> Override:
    table = _normalised(table, _OVERRIDE_KEYS, path, prefix)
    specs = table.get("specs")
    if isinstance(specs, str):
        specs = [specs]
    if not specs:
        raise ConfigError(
            f"{prefix}specs is required: the spec folders it applies to", file=str(path)
        )
    return Override(
        specs=tuple(_strings(specs, path, f"{prefix}specs")),
        severity=_severities(table.get("severity", {}), path, f"{prefix}severity"),
        ignore=_codes(table.get("ignore", []), path, f"{prefix}ignore"),
        min_coverage=_percentage(table.get("min_coverage"), path, f"{prefix}min_coverage"),
        min_plan_coverage=_percentage(
            table.get("min_plan_coverage"), path, f"{prefix}min_plan_coverage"
        ),
    )


def _normalised(
    table: Mapping[str, Any], known: frozenset[str], path: Path, prefix: str
) -> dict[str, Any]:
    # Keys are accepted in kebab-case too (`min-coverage`), as ruff and coverage.py users write.
    result = {key.replace("-", "_"): value for key, value in table.items()}
    unknown = sorted(set(result) - known)
    if unknown:
        raise ConfigError(
            f"unknown key {prefix}{unknown[0]} (known: {', '.join(sorted(known))})", file=str(path)
        )
    return result


def _tables(value: Any, path: Path, prefix: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ConfigError(f"{prefix}overrides must be an array of tables", file=str(path))
    return value


def _string(value: Any, path: Path, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a non-empty string", file=str(path))
    return value


def _strings(value: Any, path: Path, key: str) -> list[str]:
    if not isinstance(value, list):
        raise ConfigError(f"{key} must be a list of strings", file=str(path))
    return [_string(v, path, key) for v in value]


def _choice(value: Any, allowed: tuple[str, ...], path: Path, key: str) -> str | None:
    if value is None:
        return None
    if value not in allowed:
        raise ConfigError(f"{key} takes one of {', '.join(allowed)}, not {value!r}", file=str(path))
    return str(value)


def _flag(value: Any, path: Path, key: str) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise ConfigError(f"{key} takes true or false, not {value!r}", file=str(path))


def _percentage(value: Any, path: Path, key: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise ConfigError(f"{key} takes a percentage from 0 to 100", file=str(path))
    return float(value)


def _code(value: Any, path: Path, key: str) -> str:
    found = lookup(value) if isinstance(value, str) else None
    if found is None:
        raise ConfigError(
            f"{key}: unknown finding code {value!r} (known: {', '.join(CODES)})", file=str(path)
        )
    return found.code


def _codes(value: Any, path: Path, key: str) -> frozenset[str]:
    if isinstance(value, str):
        value = [value]
    return frozenset(_code(v, path, key) for v in _strings(value, path, key))


def _severities(value: Any, path: Path, key: str) -> tuple[tuple[str, Severity], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{key} must be a table of code = severity", file=str(path))
    result: dict[str, Severity] = {}
    for code, level in value.items():
        if level not in {s.value for s in Severity}:
            raise ConfigError(
                f"{key}.{code} takes error, warning or note, not {level!r}", file=str(path)
            )
        result[_code(code, path, key)] = Severity(level)
    return tuple(sorted(result.items()))
