"""JSON text: the fast writer gives the standard library's bytes for the data reports hold."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from spectrace.jsontext import dumps

# What reports hold: text of any script, ids, counts, and scores or percentages (rounded).
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(min_value=0.0, max_value=100.0).map(lambda value: round(value, 3))
    | st.text()
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_DATA)
def test_the_same_bytes_as_the_standard_library(data: Any) -> None:
    assert dumps(data) == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_keys_sort_by_code_point_and_text_stays_unescaped() -> None:
    text = dumps({"é": "要件 <script>", "Z": [], "a": {}, "b": 0.5})
    assert text == '{\n  "Z": [],\n  "a": {},\n  "b": 0.5,\n  "é": "要件 <script>"\n}\n'
