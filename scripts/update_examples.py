"""Rewrite the example outputs of the README and the docs from what the commands print now.

    python scripts/update_examples.py [FILE ...]   (default: README.md docs/diagrams.md)

Every ```text block that opens with ``$ spectrace ...`` gets that command's real output (run with
``--no-cache`` from the repository root), as tests/test_docs.py and tests/test_diagrams.py check
it. Review the diff: an example that changed is a behaviour that changed.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = re.compile(r"```text\n\$ (spectrace [^\n]*)\n(.*?)```", re.S)


def output_of(command: str) -> str:
    """What a documented command prints (argument list, no shell)."""
    arguments = [sys.executable, "-m", "spectrace", *shlex.split(command)[1:], "--no-cache"]
    result = subprocess.run(arguments, cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout


def update(path: Path) -> bool:
    """Rewrite one file's examples; whether it changed."""
    text = path.read_text(encoding="utf-8")
    new = EXAMPLE.sub(lambda m: f"```text\n$ {m.group(1)}\n{output_of(m.group(1))}```", text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> int:
    # docs/changes.md's examples run in a scratch repository, one after another: not here.
    files = [Path(a) for a in argv] or [ROOT / "README.md", ROOT / "docs" / "diagrams.md"]
    for path in files:
        if update(path):
            print(f"updated {path.relative_to(ROOT) if path.is_absolute() else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
