"""Endpoint names and keys through the endpoint readers."""

from __future__ import annotations

import pytest

from spectrace.parse.endpoints import endpoint_key, endpoint_name, in_code, in_prose, in_row


@pytest.mark.parametrize(
    "path",
    [
        "/users/{id}",
        "/users/:id",
        "/users/<int:id>",
        "/users/[id]",
        "/Users/${id}/",
        "/users/{uid}",
    ],
)
def test_path_parameters_of_any_spelling_are_one_endpoint(path: str) -> None:
    assert endpoint_key(endpoint_name("get", path)) == "GET /users/{}"


def test_name_drops_host_query_and_trailing_slash_but_keeps_spelling() -> None:
    assert endpoint_name("post", "https://api.example.org/v1/Items/?draft=1") == "POST /v1/Items"


def test_prose_defines_endpoints_it_leads_with_or_quotes() -> None:
    assert in_prose("`POST /api/items` - create") == ["POST /api/items"]
    assert in_prose("1. **GET /api/items/{id}**: one item") == ["GET /api/items/{id}"]
    assert in_prose("Later, call `DELETE /api/items/{id}` to remove it.") == [
        "DELETE /api/items/{id}"
    ]
    assert in_prose("The page calls GET /api/items on load.") == []
    assert in_prose("Both GET / POST are allowed") == []


def test_rows_with_method_and_path_columns_or_a_route_cell() -> None:
    header = ("Method", "Endpoint", "Purpose")
    assert in_row(("GET", "`/api/items`", "list"), header) == ["GET /api/items"]
    assert in_row(("`/lists`", "POST", "handler"), ("Route", "Verb", "Handler")) == ["POST /lists"]
    assert in_row(("create", "`PUT /api/items/{id}`"), ("Action", "Call")) == [
        "PUT /api/items/{id}"
    ]
    assert in_row(("GET", "list items"), header) == []


def test_code_lines_and_route_decorators() -> None:
    code = """// Items
GET    /api/items          // list
│   ├── POST /api/items/import
@app.post("/api/items/{item_id}/archive")
@cache.delete("/not-a-route-key")
router.put('/api/items/:id', handler)
client.get(url)
"""
    assert list(in_code(code)) == [
        (1, "GET /api/items"),
        (2, "POST /api/items/import"),
        (3, "POST /api/items/{item_id}/archive"),
        (5, "PUT /api/items/:id"),
    ]


def test_controller_prefix_joins_method_mappings() -> None:
    code = """@RestController
@RequestMapping("/api/loans")
public class LoanController {
    @GetMapping("/{id}")
    public Loan one(@PathVariable long id) { return null; }
}
"""
    assert list(in_code(code)) == [(3, "GET /api/loans/{id}")]
