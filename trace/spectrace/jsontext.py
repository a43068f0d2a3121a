"""JSON text as every spectrace output writes it: keys sorted, two-space indent, UTF-8 as is.

orjson writes exactly what ``json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)``
writes, about fifteen times faster: the standard library indents in pure Python, and the JSON
report of a 5,000-requirement spec is 49 MB (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

import orjson


def dumps(data: Any) -> str:
    """``data`` as indented JSON text with sorted keys, ending with a newline."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS).decode() + "\n"
