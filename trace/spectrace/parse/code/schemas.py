"""Validation schema blocks (zod, Joi, yup, JSON schema): their fields, line by line.

Hand-written: the blocks are sketches in Markdown, often not valid code, and one line per field
is all the design reading needs (a JavaScript parser would reject half of them).
"""

from __future__ import annotations

import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import Entry, comment_lead

_SCHEMA_FIELD = re.compile(
    r"^\s*[\"']?([A-Za-z_]\w{0,63})[\"']?\??\s{0,2}:\s{0,4}"
    r"(?:z\.|Joi\.|yup\.|v\.|t\.|Type\.|\{\s{0,4}[\"']?type"
    r"|(?:string|number|integer|int|boolean|bool"
    r"|date|datetime|email|uuid|array|object|float|decimal)\b)",
    re.IGNORECASE,
)
# A JSON-schema property opening its own object: `"email": {`.
_JSON_PROPERTY = re.compile(r'^\s*"([A-Za-z_]\w{0,63})"\s{0,2}:\s{0,2}\{')
_SCHEMA_KEYWORDS = frozenset(
    {
        "type",
        "properties",
        "required",
        "message",
        "items",
        "definitions",
        "$defs",
        "additionalProperties",
    }
)
# ``export const UserSchema = z.object({`` / ``const user = Joi.object().keys({``, and the
# sketch designs write for them, a name ending in Schema opening a bare object
# (``SyncOperationSchema = {`` over ``entityType: string (required),`` lines).
_SCHEMA_NAME = re.compile(
    r"^\s{0,8}(?:export\s{1,4})?(?:const|let|var)\s{1,4}([A-Za-z_$][\w$]{0,63})"
    r"\s{0,4}(?::[^=]{0,80})?=\s{0,4}(?:z|zod|Joi|joi|yup|Yup)\.object\b"
    r"|^\s{0,8}(?:export\s{1,4})?(?:(?:const|let|var)\s{1,4})?([A-Za-z_$][\w$]{0,57}Schema)"
    r"\s{0,4}=\s{0,4}\{\s{0,4}$"
)


def schema_fields(code: str) -> list[tuple[str, int]]:
    """(field, 0-based line) of the fields of a validation block that belong to no named schema
    (a JSON schema, loose ``email: z.string()`` lines): each is a rule of its own."""
    found: list[tuple[str, int]] = []
    json_schema = '"properties"' in code
    named = False
    for number, line in enumerate(code.splitlines()):
        if _SCHEMA_NAME.match(line):
            named = True
            continue
        if named:
            continue  # members of a named schema are parts of it (see ``named_schemas``)
        match = _SCHEMA_FIELD.match(line) or (_JSON_PROPERTY.match(line) if json_schema else None)
        if match and match.group(1) not in _SCHEMA_KEYWORDS:
            found.append((match.group(1), number))
    return found


def named_schemas(code: str) -> list[Entry]:
    """Each named schema (``const UserSchema = z.object({``) as one interface-like entry: its
    members (``email``, ``password``) are parts of it, named in its words, never items."""
    found: list[Entry] = []
    lines = code.splitlines()
    starts = [
        (number, match.group(1) or match.group(2))
        for number, line in enumerate(lines)
        if (match := _SCHEMA_NAME.match(line))
    ]
    for position, (start, name) in enumerate(starts):
        stop = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        members: list[str] = []
        end = start
        for number in range(start + 1, stop):
            field = _SCHEMA_FIELD.match(lines[number])
            if field and field.group(1) not in _SCHEMA_KEYWORDS:
                members.append(field.group(1))
                end = number
            if lines[number].strip().startswith(("})", "});")):
                end = number
                break
        found.append(
            Entry(
                kind=ItemKind.INTERFACE,
                name=name,
                line=start,
                end=end,
                lead=comment_lead(lines, start),
                words=" ".join([name, *members]),
            )
        )
    return found
