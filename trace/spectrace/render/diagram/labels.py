"""Text for boxes: labels cut to fit, tooltips, natural order of ids."""

from __future__ import annotations

import unicodedata

LABEL_WIDTH = 26
#: A requirement's label is one line: a tall requirement column is what made diagrams towers.
REQUIREMENT_WIDTH = 40
TOOLTIP_TEXT = 480


def short(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """At most ``lines`` lines of about ``width`` columns (wide CJK characters count two), broken
    at a space, else after a ``/``, ``-``, ``.`` or ``_`` (paths, dotted and snake_case names),
    else before a capital that follows a small letter (camelCase), else anywhere; an ellipsis when
    cut."""
    rest = " ".join(text.split())
    out: list[str] = []
    while rest and len(out) < lines:
        cut = fit(rest, width)
        if cut < len(rest):
            space = rest.rfind(" ", 0, cut + 1)
            joint = max(rest.rfind(mark, 0, cut) for mark in "/-._") + 1
            camel = next(
                (i for i in range(cut, 0, -1) if rest[i].isupper() and rest[i - 1].islower()), 0
            )
            if space > cut // 3:
                cut = space
            elif joint > cut // 3:
                cut = joint
            elif camel > cut // 3:
                cut = camel
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest and out:
        last = out[-1]
        out[-1] = last[: max(fit(last, width - 1), 1)].rstrip() + "…"
    return "\n".join(out)


def fit(text: str, width: int) -> int:
    """How many leading characters of ``text`` fit in ``width`` columns."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return index
    return len(text)


def tooltip(*parts: str) -> str:
    """Non-empty parts, one per line, whitespace folded, cut at ``TOOLTIP_TEXT`` characters."""
    lines = [" ".join(part.split()) for part in parts if part and part.strip()]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_TEXT else text[: TOOLTIP_TEXT - 1].rstrip() + "…"


def natural(ident: str) -> tuple[tuple[int, int | str], ...]:
    """``1.2`` before ``1.10``; ``FR-002`` before ``FR-010``."""
    parts: list[tuple[int, int | str]] = []
    for chunk in ident.replace("-", ".").split("."):
        parts.append((0, int(chunk)) if chunk.isdigit() else (1, chunk))
    return tuple(parts)
