"""Code, Prisma and mermaid blocks through their readers."""

from __future__ import annotations

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead
from spectrace.parse.code.languages import read_code
from spectrace.parse.code.mermaid import read_mermaid
from spectrace.parse.code.prisma import read_prisma


def names(read: CodeRead) -> list[tuple[str, str]]:
    return [(e.kind.value, e.name) for e in read.entries]


def test_typescript_keeps_declarations_that_parse_next_to_broken_code() -> None:
    code = """export interface Shelf { id: string }
const draft = ;
export enum Size { Small, Large }
"""
    assert names(read_code(code, "ts")) == [("interface", "Shelf"), ("interface", "Size")]


def test_typescript_block_without_declarations_is_no_error() -> None:
    read = read_code("GET /api/shelves   // list\n", "typescript")
    assert read.entries == () and read.errors == ()


def test_java_jpa_entity_is_a_table_with_its_foreign_keys() -> None:
    code = """@Entity
@Table(name = "loans")
public class Loan {
    @Id private Long id;
    @ManyToOne private Member member;
    private String note;
}

public interface LoanRepository extends JpaRepository<Loan, Long> {}
"""
    read = read_code(code, "java")
    loan, repository = read.entries
    assert (loan.kind, loan.name, loan.uses) == (ItemKind.ENTITY, "loans", ("Member",))
    assert [name for name, _ in loan.fields] == ["id", "member", "note"]
    assert loan.line == 0
    assert (repository.kind, repository.name) == (ItemKind.INTERFACE, "LoanRepository")


def test_csharp_declarations_inside_namespaces() -> None:
    code = """namespace Library.Api;

public class ShelfDto { public string Name { get; set; } }
public interface IShelfService { }
"""
    read = read_code(code, "csharp")
    assert names(read) == [("interface", "ShelfDto"), ("interface", "IShelfService")]
    assert "Name" in read.entries[0].words


def test_php_laravel_migration_and_eloquent_model() -> None:
    code = """Schema::create('loans', function (Blueprint $table) {
    $table->id();
    $table->foreignId('member_id')->constrained();
    $table->date('due_on');
});

class Loan extends Model
{
    public function member() { return $this->belongsTo(Member::class); }
}
"""
    migration, model = read_code(code, "php").entries
    assert (migration.name, migration.uses) == ("loans", ("member",))
    assert [name for name, _ in migration.fields] == ["member_id", "due_on"]
    assert (model.kind, model.name, model.uses) == (ItemKind.ENTITY, "Loan", ("Member",))


def test_prisma_model_fields_and_owning_relations() -> None:
    code = """model Member {
  id    String @id
  loans Loan[]
}

model Loan {
  id       String @id
  memberId String
  member   Member @relation(fields: [memberId], references: [id])
  @@index([memberId])
}
"""
    member, loan = read_prisma(code).entries
    assert member.uses == ()
    assert loan.uses == ("Member",)
    assert [name for name, _ in loan.fields] == ["id", "memberId", "member"]
    assert (loan.line, loan.end) == (5, 10)


def test_mermaid_er_relationship_many_side_uses_the_one_side() -> None:
    code = """erDiagram
    MEMBER }o--|| CLUB : joins
    %% the club itself
    CLUB {
        uuid id PK
        string name
    }
"""
    entries = read_mermaid(code).entries
    uses = {(e.name, e.uses) for e in entries}
    assert ("MEMBER", ("CLUB",)) in uses
    club = next(e for e in entries if e.name == "CLUB" and e.fields)
    assert (club.lead, club.line, club.end) == (2, 3, 6)
    assert club.fields == (("id", 4), ("name", 5))


def test_mermaid_flowcharts_define_nothing() -> None:
    assert read_mermaid("flowchart TD\n  A[GET /api/x] --> B\n").entries == ()
