"""SQL blocks through read_sql: tables, columns, foreign keys, dialects and broken statements."""

from __future__ import annotations

from spectrace.parse.code.sql import has_create_table, read_sql


def test_dialects_other_than_postgres() -> None:
    code = """CREATE TABLE `orders` (
  id BIGINT PRIMARY KEY AUTO_INCREMENT COMMENT 'id',
  customer_id BIGINT NOT NULL,
  INDEX idx_customer (customer_id),
  FOREIGN KEY (customer_id) REFERENCES customers(id)
) ENGINE=InnoDB COMMENT='orders';

CREATE TABLE [dbo].[Invoices] (
  [Id] INT IDENTITY(1,1) PRIMARY KEY,
  [OrderId] BIGINT NOT NULL
);
"""
    read = read_sql(code)
    assert read.errors == ()
    orders, invoices = read.entries
    assert (orders.name, orders.uses) == ("orders", ("customers",))
    assert [name for name, _ in orders.fields] == ["id", "customer_id"]
    assert invoices.name == "Invoices"
    assert [name for name, _ in invoices.fields] == ["Id", "OrderId"]


def test_lines_are_those_of_each_statement() -> None:
    code = """-- members of the club
CREATE TABLE members (
  id INT,
  name TEXT
);
-- not a table
CREATE INDEX members_name ON members (name);
CREATE TABLE visits (id INT, member_id INT REFERENCES members(id)); -- trailing note
"""
    members, visits = read_sql(code).entries
    assert (members.lead, members.line, members.end) == (0, 1, 4)
    assert members.fields == (("id", 2), ("name", 3))
    assert (visits.lead, visits.line, visits.end) == (7, 7, 7)
    assert visits.uses == ("members",)


def test_semicolons_in_strings_comments_and_function_bodies_do_not_split() -> None:
    code = """CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN NEW.at = now(); RETURN NEW; END;
$$ LANGUAGE plpgsql;
CREATE TABLE notes (body TEXT DEFAULT 'a;b' /* ; */);
"""
    (notes,) = read_sql(code).entries
    assert notes.name == "notes"
    assert notes.line == 3


def test_unparseable_table_keeps_its_name_and_reports_the_line() -> None:
    code = "\nCREATE TABLE wrecked (\n  id INT,\n  total NUMERIC(10,\n);\n"
    read = read_sql(code)
    assert [e.name for e in read.entries] == ["wrecked"]
    assert read.errors[0][0] == 1


def test_untagged_blocks_with_ddl_are_recognised() -> None:
    assert has_create_table("text first\n  create table t (id int);")
    assert not has_create_table("SELECT * FROM t;")


def test_sqlite_virtual_table_is_an_entity_without_a_note() -> None:
    read = read_sql("CREATE VIRTUAL TABLE book_search USING fts5(title, body);")
    assert [e.name for e in read.entries] == ["book_search"]
    assert read.errors == ()


def test_a_block_of_unreadable_statements_stops_asking_the_parser() -> None:
    broken = "CREATE TABLE ((( x REFERENCES ,, ;\n" * 30
    read = read_sql(broken + "CREATE TABLE orders (id INT PRIMARY KEY);\n")
    messages = [message for _line, message in read.errors]
    assert messages[:20] == ["SQL statement no dialect of sqlglot can parse"] * 20
    # Past the limit, every table statement, good or not, is said to be skipped ...
    assert len(messages) == 31 and all("not parsed" in m for m in messages[20:])
    # ... and still read, by the fallback reader.
    assert [entry.name for entry in read.entries if entry.name == "orders"] == ["orders"]
