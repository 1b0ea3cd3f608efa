"""Every diagnostic from the YAML reader, the expressions, the graph checks and the deep lint has a Dutch text."""

from __future__ import annotations

import pickle
import textwrap
from pathlib import Path

import pytest

from game.scenario import expressions as ex
from game.scenario.deeplint import DEFAULT_MAX_STATES, deep_lint
from game.scenario.diagnostics import Diagnostic, DiagnosticSink, Say
from game.scenario.graph import graph_warnings
from game.scenario.loader import load_file
from game.scenario.yamlread import _problem_nl, parse_yaml

from .test_diagnostics_catalogue import EXAMPLES

CORE = ("WB1", "WB4", "WB6", "WB7")     # yamlread, expressions, graph and deeplint (and the loader's WB1xx)


def _load(tmp_path: Path, text: str, max_states: int = DEFAULT_MAX_STATES) -> list[Diagnostic]:
    path = tmp_path / "scenario.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_file(path, max_states=max_states).diagnostics


def _assert_dutch(diagnostic: Diagnostic) -> None:
    """A Dutch message (and hint, when there is an English one), each different from the English."""
    assert diagnostic.message_nl and diagnostic.message_nl != diagnostic.message, diagnostic
    if diagnostic.hint:
        assert diagnostic.hint_nl and diagnostic.hint_nl != diagnostic.hint, diagnostic
    assert diagnostic.explain("nl") in diagnostic.format(lang="nl")


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_documented_examples_say_it_in_dutch(code: str, tmp_path: Path) -> None:
    """The bad examples of docs/diagnostics.md: each WB1xx, WB4xx, WB6xx and WB7xx diagnostic has Dutch."""
    found = [d for d in _load(tmp_path, EXAMPLES[code]) if d.code.startswith(CORE)]
    for diagnostic in found:
        _assert_dutch(diagnostic)
    if code.startswith(CORE):
        assert code in {d.code for d in found}


def test_unclosed_quotes_get_a_dutch_hint_about_quotes(tmp_path: Path) -> None:
    """'s avonds without double quotes, and a double-quoted text never closed: Dutch about aanhalingstekens."""
    single = _load(tmp_path, """\
        format: 1
        id: quote
        title: Quote
        languages: [nl]
        start: a
        scenes:
          a:
            lines: [{text: 's avonds belt Sanne}]
            ending: {rating: good, title: Einde, text: Klaar}
        """, max_states=0)
    assert [d.code for d in single] == ["WB103"]
    assert "aanhalingstekens" in single[0].hint_nl and "'s Avonds" in single[0].hint_nl
    assert single[0].message_nl.startswith("YAML-syntaxis: ")

    sink = DiagnosticSink("x.yaml")
    parse_yaml('title: "Het zwembad\nid: x\n', sink)
    (double,) = sink.items
    assert double.code == "WB103" and "aanhalingsteken" in double.message_nl and "aanhalingstekens" in double.hint_nl


def test_single_equals_in_a_condition_says_use_double_equals_in_dutch(tmp_path: Path) -> None:
    """trust = 5 in an if: the Dutch hint says to use == to compare."""
    found = _load(tmp_path, """\
        format: 1
        id: equals
        title: Equals
        languages: [nl]
        meters: {trust: {label: Vertrouwen, start: 50}}
        start: a
        scenes:
          a:
            lines: [{text: Hallo}]
            choices:
              - {text: Verder, if: "trust = 5", effects: {trust: -5}, next: b}
              - {text: Anders, next: b}
          b:
            lines: [{text: Klaar}]
            ending: {rating: good, title: Einde, text: Klaar}
        """)
    (error,) = [d for d in found if d.code == "WB401"]
    assert "use == to compare" in error.hint
    assert "gebruik == om te vergelijken" in error.hint_nl
    assert "== om te vergelijken" in error.format(lang="nl") and error.format().endswith("[WB401]")


def test_expression_error_pickles_and_keeps_its_english() -> None:
    """ExpressionError keeps English message/hint (and str) and gains message_nl/hint_nl; pickling keeps all."""
    with pytest.raises(ex.ExpressionError) as caught:
        ex.parse_expression("trust = 5")
    error = caught.value
    assert error.message == "'=' is not an operator" and error.hint.startswith("use == to compare")
    assert error.message_nl == "'=' werkt hier niet" and error.hint_nl.startswith("gebruik == om te vergelijken")
    assert str(error) == f"{error.message} — {error.hint}"
    copy = pickle.loads(pickle.dumps(error))
    assert copy == error and (copy.message_nl, copy.hint_nl) == (error.message_nl, error.hint_nl)
    plain = ex.ExpressionError("only English", 3, "a hint", "WB401")
    assert (plain.message, plain.hint, plain.message_nl, plain.hint_nl) == ("only English", "a hint", "", "")
    said = ex.ExpressionError(Say("en", "nl"), 0, Say("hint", "tip"), "WB401")
    assert (said.message, said.message_nl, said.hint, said.hint_nl) == ("en", "nl", "hint", "tip")
    assert pickle.loads(pickle.dumps(said)) == said


NAMES = {"trust": ex.ExprType.NUMBER, "met": ex.ExprType.BOOL, "who": ex.ExprType.STRING}
SCENES = {"press": ["ignore", "answer"], "hall": []}


@pytest.mark.parametrize("source", [
    # tokenizer (_BAD_CHARS and _bad_char)
    'who == "anna"', "who == 'anna", "trust = 5", "met && met", "met & met", "met || met", "met | met", "!met",
    "trust ** 2", "trust // 2", "trust % 2", "trust.value", "[1]", "{1}", "who == ‘anna’", "trust =< 5",
    "trust => 5",
    "lambda x: x", "vérité", "trust ~ 1", "1.2.3", ".5", "2trust", "1" * 101,
    # parser
    "", "(" * 200 + "1" + ")" * 200, "trust == not met", "(trust > 1", "trust >", "trust > )", "trust > ,",
    "trust > *", "len('x')", "visited('press', 'hall')", "visited(press)", "visited('press'", "trust 5",
    "met is met", "trust if met else 1", "trust in 5", "1)", "met not met", "1 < trust < 3", "1 < trust <",
    # checker
    "trsut > 1", "True", "visited('pers') > 0", "chose('press', 'ignor')", "chose('hall', 'x')", "not trust",
    "-who == 1", "met and trust", "who and met", "trust == who", "who < 'b'", "met > true", "trust / 0",
    "trust + who", "who - 'x'", "met * 2",
])
def test_every_expression_error_has_dutch(source: str) -> None:
    """Each problem the tokenizer, parser and checker report has a Dutch message and hint."""
    expr, kind, errors = ex.compile_expression(source, NAMES, SCENES)
    assert errors, source
    for error in errors:
        assert error.message_nl and error.message_nl != error.message, error
        assert error.hint_nl and error.hint_nl != error.hint, error


@pytest.mark.parametrize("text", [
    "a: b: c\n", "a:\n  b: 1\n c: 2\n", "a:\n\tb: 1\n", 'a: "abc\n', "a:\n  - 1\n  b: 2\n", "a: {b: c: d}\n",
    "a: [b, c\n", "a: *x\n", "a: %x\n", "a: |x\n  b\n", 'a: "\\q"\n', "a: ]\n", "a: 1\n...\nb: 2\n",
    "a: 1\n---\nb: 2\n", "a: !!python/object:os.system x\n", "a: 1\na: 2\n", "<<: {a: 1}\n", "? [a]\n: 1\n",
])
def test_yaml_problems_are_in_dutch(text: str) -> None:
    """The YAML reader's diagnostics have Dutch, and the common PyYAML problems are translated, not quoted."""
    sink = DiagnosticSink("x.yaml")
    parse_yaml(text, sink)
    assert sink.items, text
    for diagnostic in sink.items:
        _assert_dutch(diagnostic)
        assert "in het Engels" not in diagnostic.message_nl


def test_unknown_yaml_problems_keep_the_english_inside_dutch() -> None:
    """A PyYAML problem not in the table is quoted in English inside a Dutch sentence."""
    assert _problem_nl("mapping values are not allowed here") != "mapping values are not allowed here"
    assert _problem_nl("found character '\\t' that cannot start any token").startswith("hier staat een tab")
    assert _problem_nl("while scanning something new") == \
        "YAML kan dit niet lezen (in het Engels: while scanning something new)"
    assert "aanhalingsteken" in _problem_nl("found unexpected end of stream", "while scanning a quoted scalar")


def test_graph_and_deep_lint_findings_are_says(tmp_path: Path) -> None:
    """graph_warnings and deep_lint give (code, pos, Say, Say), and validate --lang nl can print them."""
    path = tmp_path / "scenario.yaml"
    path.write_text(textwrap.dedent(EXAMPLES["WB701"]), encoding="utf-8")
    scenario = load_file(path, max_states=0).scenario
    assert scenario is not None
    findings = deep_lint(scenario).findings + graph_warnings(scenario, (set(), set()))
    assert findings
    for code, pos, message, hint in findings:
        assert isinstance(message, Say) and isinstance(hint, Say)
        assert message.nl and message.nl != message.en and hint.nl and hint.nl != hint.en
    dead = next(f for f in findings if f[0] == "WB701")
    assert "heeft geen keuze om aan te bieden" in dead[2].nl and "--choices" in dead[3].nl
