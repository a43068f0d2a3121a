"""Identity keys of names: case, separators and plurals do not matter."""

from __future__ import annotations

import pytest

from spectrace.parse.names import name_key, singular, split_identifier


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("userId", ("user", "id")),
        ("HTTPServer", ("http", "server")),
        ("password_reset_tokens", ("password", "reset", "tokens")),
        ("user-locations", ("user", "locations")),
        ("Survey Response", ("survey", "response")),
        ("public.users", ("public", "users")),
        ("用户表", ("用户表",)),
        ("", ()),
    ],
)
def test_split_identifier(name: str, words: tuple[str, ...]) -> None:
    assert split_identifier(name) == words


@pytest.mark.parametrize(
    ("plural", "one"),
    [
        ("books", "book"),
        ("categories", "category"),
        ("addresses", "address"),
        ("boxes", "box"),
        ("batches", "batch"),
        ("statuses", "status"),
        ("houses", "house"),
        ("people", "person"),
        ("caches", "cache"),
        ("status", "status"),
        ("news", "news"),
        ("analysis", "analysis"),
        ("class", "class"),
        ("sms", "sms"),
        ("データ", "データ"),
    ],
)
def test_singular(plural: str, one: str) -> None:
    assert singular(plural) == one


def test_one_key_for_every_spelling_of_a_name() -> None:
    spellings = ["books", "Book", "BOOK", "book", "Books"]
    assert {name_key(s) for s in spellings} == {"book"}
    assert name_key("PasswordResetTokens") == name_key("password_reset_token")
    assert name_key("password_reset_token") == "password_reset_token"


def test_different_names_keep_different_keys() -> None:
    assert name_key("book") != name_key("booking")
    assert name_key("user_role") != name_key("user")
