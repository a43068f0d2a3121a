"""Validation schema blocks (zod, Joi, yup, JSON schema): their fields, line by line.

Hand-written: the blocks are sketches in Markdown, often not valid code, and one line per field
is all the design reading needs (a JavaScript parser would reject half of them).
"""

from __future__ import annotations

import re

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
# ``export const UserSchema = z.object({`` / ``const user = Joi.object().keys({``.
_SCHEMA_NAME = re.compile(
    r"^\s{0,8}(?:export\s{1,4})?(?:const|let|var)\s{1,4}([A-Za-z_$][\w$]{0,63})"
    r"\s{0,4}(?::[^=]{0,80})?=\s{0,4}(?:z|zod|Joi|joi|yup|Yup)\.object\b"
)


def schema_fields(code: str) -> list[tuple[str, int]]:
    """(field, 0-based line) of a validation schema block: zod, Joi, yup, JSON schema.

    A field inside a named schema (``const UserSchema = z.object({``) is ``UserSchema.email``:
    two schemas that both validate an ``id`` hold two rules, not one.
    """
    found: list[tuple[str, int]] = []
    json_schema = '"properties"' in code
    schema = ""
    for number, line in enumerate(code.splitlines()):
        named = _SCHEMA_NAME.match(line)
        if named:
            schema = named.group(1)
            continue
        match = _SCHEMA_FIELD.match(line) or (_JSON_PROPERTY.match(line) if json_schema else None)
        if match and match.group(1) not in _SCHEMA_KEYWORDS:
            field = match.group(1)
            found.append((f"{schema}.{field}" if schema else field, number))
    return found
