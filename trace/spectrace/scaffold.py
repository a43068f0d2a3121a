"""What ``spectrace init`` writes: a commented configuration naming the spec folders it found.

Pure but for reading the folder: the command decides where the text goes and writes it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from spectrace.config import CONFIG_NAMES, config_from
from spectrace.discover import discover
from spectrace.errors import ConfigError, InputError, SpectraceError

#: A table header (``[tool.spectrace]``, ``[[tool.spectrace.overrides]]``) and a key's (dotted)
#: name at the start of a line: enough to point at the table in an error.
_HEADER = re.compile(r"^\s*\[\[?(?P<name>[^\]]+)\]")
_KEY = re.compile(r"^\s*(?P<name>[A-Za-z0-9_.\-]+)\s*=")

#: The keys, each with the comment a newcomer needs; ``{paths}`` is filled in.
_BODY = """\
# spectrace: requirements-to-design traceability. Every key: docs/configuration.md in spectrace's
# repository; options given on the command line win over these.

# Spec folders, or folders holding them, checked when `spectrace check` names no path.
{paths}
# Which links count: explicit (references written in the design), inferred, both, or auto
# (references where the design has them, confident inference where it has none).
links = "auto"
# Lowest severity that fails `spectrace check`: error, warning, note or never.
fail_on = "error"
# Fail when the total coverage (%) is below this.
# min_coverage = 80
# Findings of these codes or names are reported as suppressed and never fail the run.
# ignore = ["endpoint-without-entity"]
# Findings recorded by `spectrace check --update-baseline FILE` do not fail the run.
# baseline = "spectrace-baseline.json"
# The text report: list notes (not only count them); hints per gap or orphan: best, all, none.
show_notes = false
suggestions = "best"

# The severity a finding code takes (codes or names).
# [{prefix}severity]
# orphan = "error"

# Settings for some specs only (glob patterns on the spec folder or name).
# [[{prefix}overrides]]
# specs = ["specs/legacy-*"]
# ignore = ["orphan"]
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """Where ``init`` writes, and what."""

    path: Path
    """pyproject.toml, or spectrace.toml."""
    text: str
    """The whole new content of the file."""
    paths: tuple[str, ...]
    """The spec folders (or roots) written into ``paths``."""
    replaces: bool
    """An existing configuration is replaced (``--force``)."""


def plan(folder: Path, *, force: bool = False) -> Plan:
    """The configuration for ``folder``: a ``[tool.spectrace]`` table added to its pyproject.toml,
    else a spectrace.toml. An existing one is replaced only when ``force`` says so."""
    paths = spec_roots(folder)
    own, project = folder / CONFIG_NAMES[0], folder / CONFIG_NAMES[1]
    if own.exists() or not project.is_file():
        if own.exists() and not force:
            raise SpectraceError("already exists: --force replaces it", file=str(own.name))
        return _checked(Plan(path=own, text=body(paths), paths=paths, replaces=own.exists()))
    current = _read(project)
    table = "spectrace" in tomllib.loads(current).get("tool", {})
    if table and not force:
        raise SpectraceError(
            "already has a [tool.spectrace] table: --force replaces it",
            file=project.name,
            line=_table_line(current),
        )
    rest = _without_table(current) if table else current
    text = f"{rest.rstrip()}\n\n" if rest.strip() else ""
    text += "[tool.spectrace]\n" + body(paths, prefix="tool.spectrace.")
    return _checked(Plan(path=project, text=text, paths=paths, replaces=table))


def body(paths: tuple[str, ...], prefix: str = "") -> str:
    """The commented keys, for the top level of spectrace.toml or under ``[tool.spectrace]``."""
    if paths:
        listed = f"paths = [{', '.join(_quoted(p) for p in paths)}]"
    else:
        listed = '# No spec folder found yet: name where they will be.\n# paths = ["specs"]'
    return _BODY.format(paths=listed, prefix=prefix)


def spec_roots(folder: Path) -> tuple[str, ...]:
    """The folders holding the specs found under ``folder``, relative to it, outermost only:
    ``.kiro/specs`` for ``.kiro/specs/auth`` and ``.kiro/specs/billing``."""
    try:
        specs = discover([folder])
    except InputError:  # no spec yet: init still writes the rest
        return ()
    roots: set[Path] = set()
    for spec in specs:
        place = spec.requirements.absolute().parent.relative_to(folder.absolute())
        # A spec right under the folder is named itself: its parent would be the whole folder.
        roots.add(place.parent if len(place.parts) > 1 else place)
    outermost = {r for r in roots if not any(o in r.parents for o in roots if o != r)}
    return tuple(sorted(r.as_posix() for r in outermost))


def _table_line(text: str) -> int:
    """The line where the table starts (``[tool.spectrace]`` or a sub-table's header, a
    ``spectrace`` key under ``[tool]``, a dotted ``tool.spectrace`` key), for the error."""
    header = ""
    for number, line in enumerate(text.splitlines(), 1):
        named = _HEADER.match(line)
        if named:
            header = re.sub(r"\s+", "", named["name"]).strip('"')
            if header == "tool.spectrace" or header.startswith("tool.spectrace."):
                return number
            continue
        key = _KEY.match(line)
        if key and f"{header}.{key['name']}".strip(".").startswith("tool.spectrace"):
            return number
    return 0


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _read(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", file=path.name) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", file=path.name) from None
    return text


def _without_table(text: str) -> str:
    """pyproject.toml without its ``[tool.spectrace]`` table, everything else as written.

    tomlkit (style-preserving) rather than cutting lines by hand: the table may be split into
    sub-tables anywhere in the file, written inline (``spectrace = {...}`` under ``[tool]``) or
    with dotted keys, and a multi-line string may hold a line that looks like a header.
    """
    import tomlkit

    document = tomlkit.parse(text)
    tool = document["tool"]
    del tool["spectrace"]
    if not tool:  # `[tool]` held nothing else: no empty header left behind
        del document["tool"]
    return tomlkit.dumps(document)


def _checked(planned: Plan) -> Plan:
    """The plan, once its text reads back as the configuration it means: never write a file the
    next run would reject."""
    config_from(tomllib.loads(planned.text), planned.path)
    return planned
