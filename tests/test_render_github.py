"""GitHub workflow commands: one annotation per counted finding, escaped as the runner expects."""

from __future__ import annotations

from dataclasses import replace

from spectrace.model import Span
from spectrace.render.github import escape_data, escape_property, render

from .render_sample import empty_report, lending_spec, sample_report


def test_one_command_per_counted_finding_at_its_level() -> None:
    lines = render(sample_report()).splitlines()
    assert lines[0] == (
        "::error file=specs/lending/design.md,line=14,title=ST101::"
        "reference to 9.1, which no requirement defines"
    )
    assert "::notice file=specs/lending/requirements.md,line=17,title=ST203::" in "\n".join(lines)
    # 9 findings, of which one suppressed and one baselined: not annotated.
    assert len(lines) == 7
    assert not [line for line in lines if "legacy_cards" in line or "alert(1)" in line]


def test_escaping_of_data_and_properties() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    spec = lending_spec()
    odd = replace(
        spec.findings[0],
        message="line one\nline two: 50%",
        span=Span(file="specs/a,b:c/design.md", line=3, end_line=5),
    )
    text = render(replace(sample_report(), specs=(replace(spec, findings=(odd,)),)))
    assert text == (
        "::error file=specs/a%2Cb%3Ac/design.md,line=3,endLine=5,title=ST101::"
        "line one%0Aline two: 50%25\n"
    )


def test_nothing_to_say_is_empty() -> None:
    assert render(empty_report()) == ""
