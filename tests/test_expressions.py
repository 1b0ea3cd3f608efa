"""Tests for the scenario expression language (game.scenario.expressions)."""

from __future__ import annotations

import pickle
import random
import re
from pathlib import Path

import pytest

from game.scenario.expressions import (
    Expression,
    ExpressionError,
    ExprType,
    check_expression,
    compile_expression,
    parse_expression,
)

Value = bool | int | float | str
Names = dict[str, ExprType]
Scenes = dict[str, list[str]]
B, N, S = ExprType.BOOL, ExprType.NUMBER, ExprType.STRING
NAMES = {"trust": N, "unrest": N, "calls": N, "ratio": N, "a": B, "b": B, "c": B, "met": B, "who": S}
SCENES = {"press": ["ignore", "respond"], "intro": [], "council": ["vote"]}
VALUES = {"trust": 60, "unrest": 20, "calls": 0, "ratio": 2.5, "a": True, "b": False, "c": True,
          "met": False, "who": "anna"}


class FakeState:
    """A minimal EvalState that records which names were read."""

    def __init__(self, values: dict[str, Value] | None = None, visits: dict[str, int] | None = None,
                 chosen: set[tuple[str, str]] | None = None) -> None:
        self.values = {**VALUES, **(values or {})}
        self.visits = visits or {}
        self.chosen = chosen or set()
        self.reads: list[str] = []

    def value(self, name: str) -> Value:
        self.reads.append(name)
        if name == "boom":
            raise AssertionError("'boom' must never be evaluated")
        return self.values[name]

    def visited(self, scene_id: str) -> int:
        return self.visits.get(scene_id, 0)

    def chose(self, scene_id: str, choice_id: str) -> bool:
        return (scene_id, choice_id) in self.chosen


def ok(source: str, names: Names | None = None, scenes: Scenes | None = None) -> tuple[Expression, ExprType | None]:
    """Compile source and assert it has no errors."""
    expr, kind, errors = compile_expression(source, names or NAMES, scenes or SCENES)
    assert errors == [], [str(e) for e in errors]
    assert expr is not None
    return expr, kind


def ev(source: str, state: FakeState | None = None, **values: Value) -> Value:
    """Compile source without errors and evaluate it."""
    return ok(source)[0].evaluate(state or FakeState(values))


def errors_of(source: str, names: Names | None = None, scenes: Scenes | None = None) -> list[ExpressionError]:
    """All problems compile_expression reports for source (asserting there is at least one)."""
    _, _, errors = compile_expression(source, names or NAMES, scenes or SCENES)
    assert errors, f"{source!r} should have been rejected"
    return errors


def only_error(source: str, names: Names | None = None, scenes: Scenes | None = None) -> ExpressionError:
    errors = errors_of(source, names, scenes)
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


# ---- precedence and associativity ----------------------------------------------------------------

@pytest.mark.parametrize("source, expected", [
    ("1 + 2 * 3", 7),
    ("(1+2)*3", 9),
    ("10 - 2 - 3", 5),
    ("8 / 2 / 2", 2),
    ("2 * 3 + 4 * 5", 26),
    ("-2 * 3", -6),
    ("- (2 + 3) * 2", -10),
    ("- -4", 4),
    ("2 - -3", 5),
    ("100 / 10 / 5 * 2", 4),
    ("1 + 2 - 3 + 4", 4),
])
def test_arithmetic_precedence_and_left_associativity(source: str, expected: int) -> None:
    assert ev(source) == expected


def test_not_binds_looser_than_comparison_but_tighter_than_and() -> None:
    # (not a) and b  vs  not (a and b): differ when a and b are both false
    assert ev("not a and b", a=False, b=False) is False
    assert ev("not (a and b)", a=False, b=False) is True
    # not trust == 5  parses as  not (trust == 5), so it type-checks as a boolean
    assert ok("not trust == 5")[1] is B
    assert ev("not trust == 5", trust=5) is False


def test_and_binds_tighter_than_or() -> None:
    assert ev("true or false and false") is True
    assert ev("(true or false) and false") is False
    assert ev("a or b and c", a=True, b=False, c=False) is True


def test_not_not_and_parenthesised_not_in_comparison() -> None:
    assert ev("not not a", a=True) is True
    assert ev("a == (not b)", a=True, b=False) is True


# ---- arithmetic results ------------------------------------------------------------------------

def test_true_division_and_integral_results_are_ints() -> None:
    assert ev("3 / 2") == 1.5
    half = ev("4 / 2")
    assert half == 2 and type(half) is int
    total = ev("1.5 + 1.5")
    assert total == 3 and type(total) is int
    assert type(ev("2.0")) is int
    assert type(ev("0.1 + 0.2")) is float
    assert ev("ratio * 2") == 5 and type(ev("ratio * 2")) is int


def test_runtime_division_by_zero_yields_zero() -> None:
    assert ev("trust / calls", calls=0) == 0
    assert ev("trust / calls > 1", calls=0) is False


def test_huge_integers_never_raise() -> None:
    big = 10 ** 400
    assert ev("calls * 1.5", calls=big) == big * 3 // 2
    assert ev("calls + 0.5 > 1", calls=big) is True
    assert ev("calls / 3", calls=big + 1) > 0


# ---- comparisons and strings ---------------------------------------------------------------------

@pytest.mark.parametrize("source, expected", [
    ("trust > 50", True), ("trust >= 60", True), ("trust < 60", False), ("trust <= 60", True),
    ("trust == 60", True), ("trust != 60", False), ("2 == 2.0", True), ("ratio > 2", True),
    ("a == true", True), ("a != b", True), ("trust + 1 > unrest * 3", True),
])
def test_comparisons(source: str, expected: bool) -> None:
    assert ev(source) is expected


def test_string_operations() -> None:
    assert ev("'ab' + 'cd'") == "abcd"
    assert ev("who == 'anna'") is True
    assert ev("who != 'anna'", who="bert") is True
    assert ev("who + '!' == 'anna!'") is True
    assert ev("''") == ""
    assert ev("'with spaces and \"double\" quotes'") == 'with spaces and "double" quotes'
    assert ok("who + 'x'")[1] is S


def test_types_of_expressions() -> None:
    assert ok("trust + 1")[1] is N
    assert ok("trust > 1")[1] is B
    assert ok("who")[1] is S
    assert ok("visited('press')")[1] is N
    assert ok("chose('press', 'ignore')")[1] is B


# ---- visited / chose -----------------------------------------------------------------------------

def test_visited_and_chose() -> None:
    state = FakeState(visits={"press": 2}, chosen={("press", "ignore")})
    assert ev("visited('press')", state) == 2
    assert ev("visited('intro')", state) == 0
    assert ev("visited('press') > 1 and chose('press', 'ignore')", state) is True
    assert ev("chose('press', 'respond')", state) is False
    assert ev("chose( 'press' , 'ignore' )", state) is True


def test_names_and_visited_scenes() -> None:
    expr = parse_expression("trust > 5 and visited('press') > 0 or chose('council', 'vote') and not met")
    assert expr.names() == frozenset({"trust", "met"})
    assert expr.visited_scenes() == frozenset({"press", "council"})
    assert expr.source == "trust > 5 and visited('press') > 0 or chose('council', 'vote') and not met"
    # a flag may be called "visited": without parentheses it is a plain name
    assert parse_expression("visited > 2").names() == frozenset({"visited"})


# ---- short circuit -------------------------------------------------------------------------------

def test_and_or_short_circuit() -> None:
    names = {**NAMES, "boom": B}
    state = FakeState()
    assert ok("false and boom", names)[0].evaluate(state) is False
    assert ok("true or boom", names)[0].evaluate(state) is True
    assert ok("met and boom", names)[0].evaluate(state) is False
    assert ok("not met or boom", names)[0].evaluate(state) is True
    assert "boom" not in state.reads
    with pytest.raises(AssertionError):     # the fake really raises when boom is read
        ok("a and boom", names)[0].evaluate(FakeState())


def test_evaluator_attribute_matches_evaluate() -> None:
    expr = ok("trust * 2 > unrest")[0]
    state = FakeState()
    assert expr.evaluator(state) is expr.evaluate(state) is True


# ---- diagnostics: codes and offsets --------------------------------------------------------------

def test_wb402_unknown_name_offset_and_suggestion() -> None:
    error = only_error("trust > 5 and trsut < 3")
    assert (error.code, error.offset) == ("WB402", 14)
    assert "trsut" in error.message
    assert "did you mean 'trust'" in error.hint


@pytest.mark.parametrize("word", ["True", "False", "None"])
def test_python_constants_are_unknown_names_with_hint(word: str) -> None:
    error = only_error(f"met == {word}")
    assert (error.code, error.offset) == ("WB402", 7)
    assert "true" in error.hint and "false" in error.hint


@pytest.mark.parametrize("source, offset, hint_part", [
    ("trust > ", 8, ""),
    ("(trust > 5", 0, ")"),
    ("((trust > 5)", 0, ")"),
    ("'abc", 0, "single quote"),
    ('"double"', 0, "single quotes"),
    ("who == \"anna\"", 7, "single quotes"),
    ("trust = 5", 6, "=="),
    ("trust => 5", 6, ">="),
    ("a && b", 2, "and"),
    ("a || b", 2, "or"),
    ("!a", 0, "not"),
    ("a & b", 2, "and"),
    ("a ** 2", 2, "+ - * /"),
    ("a // 2", 2, "+ - * /"),
    ("a % 2", 2, "+ - * /"),
    ("os.system", 2, "+ - * /"),
    ("os.system('rm')", 2, "+ - * /"),
    ("trust.real", 5, "+ - * /"),
    ("x[0]", 1, "+ - * /"),
    ("lambda: 1", 0, "+ - * /"),
    ("[x for x in y]", 0, "+ - * /"),
    ("{1: 2}", 0, "+ - * /"),
    ("1 < trust < 3", 10, "1 < trust and trust < 3"),
    ("trust == 1 == 1", 11, "and"),
    ("trust > 1 != a", 10, "and"),
    ("a == not b", 5, "parentheses"),
    ("trust 5", 6, "operator"),
    ("a is b", 2, "=="),
    ("a if b else c", 2, "branches"),
    ("trust in 5", 6, "in"),
    ("1)", 1, "("),
    ("()", 1, ""),
    ("", 0, ""),
    ("   ", 0, ""),
    ("+5", 0, "+"),
    ("* 2", 0, ""),
    (".5", 0, "0.5"),
    ("1.", 1, "1.5"),
    ("1.2.3", 3, "1.5"),
    ("2x", 1, "operator"),
    ("trust + ‘x’", 8, "single quote"),
    ("trust ~ 1", 6, ""),
    ("vérité", 1, "a-z"),
    ("1" * 101, 0, "digits"),
    ("a, b", 1, ","),
])
def test_wb401_syntax_errors(source: str, offset: int, hint_part: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse_expression(source)
    error = caught.value
    assert (error.code, error.offset) == ("WB401", offset), str(error)
    assert hint_part in error.hint
    assert error.message and error.hint
    # compile_expression reports the same problem instead of raising
    expr, kind, errors = compile_expression(source, NAMES, SCENES)
    assert (expr, kind, errors) == (None, None, [error])


@pytest.mark.parametrize("source, offset", [
    ("__import__('os')", 0),
    ("len(who)", 0),
    ("trust + eval('1')", 8),
    ("getattr(trust, 'real')", 0),
    ("trust(5)", 0),
    ("visited(trust)", 8),
    ("visited(press)", 8),
    ("visited('a' + 'b')", 12),
    ("visited(1)", 8),
    ("visited()", 0),
    ("visited('press', 'ignore')", 0),
    ("chose('press')", 0),
    ("chose('press', ignore)", 15),
    ("visited('press',)", 16),
])
def test_wb403_bad_calls(source: str, offset: int) -> None:
    error = only_error(source)
    assert (error.code, error.offset) == ("WB403", offset), str(error)
    assert "visited(" in error.hint or "chose(" in error.hint


def test_wb403_suggests_the_right_function() -> None:
    assert "did you mean 'visited'" in only_error("visted('press')").hint


def test_wb404_unknown_scene() -> None:
    error = only_error("visited('pres') > 0")
    assert (error.code, error.offset) == ("WB404", 8)
    assert "did you mean 'press'" in error.hint
    error = only_error("chose('nowhere', 'x')")
    assert (error.code, error.offset) == ("WB404", 6)


def test_wb405_unknown_choice() -> None:
    error = only_error("chose('press', 'ignor')")
    assert (error.code, error.offset) == ("WB405", 15)
    assert "did you mean 'ignore'" in error.hint
    assert only_error("chose('intro', 'x')").code == "WB405"


@pytest.mark.parametrize("source, offsets", [
    ("trust and 'x'", [0, 10]),
    ("'a' < 3", [4]),
    ("not trust", [4]),
    ("- 'x'", [2]),
    ("'a' * 2", [4]),
    ("who - 'x'", [4]),
    ("a < b", [2]),
    ("who >= 'b'", [4]),
    ("trust == 'x'", [6]),
    ("met != 1", [4]),
    ("who + 1", [4]),
    ("true + 1", [5]),
    ("a or 1", [5]),
    ("(1 < 2) < 3", [8]),
    ("visited('press') and a", [0]),
])
def test_wb406_type_mismatch(source: str, offsets: list[int]) -> None:
    errors = errors_of(source)
    assert [(e.code, e.offset) for e in errors] == [("WB406", o) for o in offsets], [str(e) for e in errors]


@pytest.mark.parametrize("source, offset", [("trust / 0", 8), ("trust / 0.0", 8), ("trust / (0)", 8), ("1 / -0", 4)])
def test_wb407_division_by_literal_zero(source: str, offset: int) -> None:
    error = only_error(source)
    assert (error.code, error.offset) == ("WB407", offset)


def test_all_problems_are_reported_in_source_order() -> None:
    errors = errors_of("trsut > 5 and visited('nope') > 0 and chose('press', 'x') or 'x' or unrest / 0 > 1")
    assert [(e.code, e.offset) for e in errors] == [
        ("WB402", 0), ("WB404", 22), ("WB405", 53), ("WB406", 61), ("WB407", 77)]


def test_type_is_known_despite_errors_when_the_operator_fixes_it() -> None:
    expr, kind, errors = compile_expression("trsut > 5", NAMES, SCENES)
    assert kind is B and [e.code for e in errors] == ["WB402"] and expr is not None
    assert compile_expression("nope + 1", NAMES, SCENES)[1] is N
    assert compile_expression("nope", NAMES, SCENES)[1] is None


def test_check_expression_is_separate_from_parsing() -> None:
    expr = parse_expression("flag_x and visited('later') > 0")
    kind, errors = check_expression(expr, {"flag_x": B}, {"later": []})
    assert (kind, errors) == (B, [])
    kind, errors = check_expression(expr, {}, {})
    assert [e.code for e in errors] == ["WB402", "WB404"]


def test_expression_error_behaves_like_an_exception() -> None:
    error = only_error("trsut > 1")
    assert isinstance(error, Exception)
    assert str(error) == f"{error.message} — {error.hint}"
    assert pickle.loads(pickle.dumps(error)) == error
    with pytest.raises(Exception):
        error.offset = 3  # type: ignore[misc]


def test_deep_nesting_is_a_clean_error() -> None:
    for source in ["(" * 500 + "1" + ")" * 500, " + ".join(["1"] * 500), "not " * 500 + "a", "-" * 500 + "1"]:
        expr, kind, errors = compile_expression(source, NAMES, SCENES)
        assert expr is None and [e.code for e in errors] == ["WB401"]
    assert ev("(" * 50 + "1" + ")" * 50) == 1


def test_constant_text_repetition_is_not_computed() -> None:
    # would allocate gigabytes if the folder computed it; the checker rejects it instead
    assert only_error("'a' * 999999999").code == "WB406"


def test_module_uses_no_eval_exec_compile_ast_or_pygame() -> None:
    source = Path(__file__).resolve().parents[1].joinpath("game/scenario/expressions.py").read_text("utf-8")
    assert not re.search(r"(?<![\w.])(eval|exec|compile)\(", source)
    assert not re.search(r"^\s*(import|from)\s+(ast|pygame|tokenize)\b", source, re.M)


# ---- property-style tests ------------------------------------------------------------------------

_OR, _AND, _NOT, _CMP, _ADD, _MUL, _NEG, _ATOM = range(1, 9)


def _num(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


class Generator:
    """Random well-typed expressions with their expected value and precedence (for minimal parentheses)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def sp(self) -> str:
        return self.rng.choice(["", " ", " ", "  ", "\t"])

    def wrap(self, part: tuple[str, object, int], need: int) -> str:
        """Parenthesise part unless its precedence is at least need (sometimes parenthesise anyway)."""
        source, _, prec = part
        if prec >= need and self.rng.random() > 0.15:
            return source
        return f"({self.sp()}{source}{self.sp()})"

    def binary(self, left: tuple[str, object, int], op: str, right: tuple[str, object, int], prec: int) -> str:
        # left-associative: the right operand needs a strictly higher precedence; comparisons on both sides
        left_need = prec + 1 if prec == _CMP else prec
        return f"{self.wrap(left, left_need)}{self.sp()} {op} {self.sp()}{self.wrap(right, prec + 1)}"

    def number(self, depth: int) -> tuple[str, object, int]:
        rng = self.rng
        pick = rng.randrange(7 if depth > 0 else 3)
        if pick == 0:
            value = rng.randrange(0, 1000)
            return str(value), value, _ATOM
        if pick == 1:
            text = f"{rng.randrange(0, 100)}.{rng.randrange(0, 100):02d}"
            return text, _num(float(text)), _ATOM
        if pick == 2:
            name = rng.choice(["trust", "unrest", "calls", "ratio"])
            return name, VALUES[name], _ATOM
        if pick == 3:
            return f"visited({self.sp()}'press'{self.sp()})", 3, _ATOM
        if pick == 4:
            inner = self.number(depth - 1)
            return "-" + self.sp() + self.wrap(inner, _NEG), _num(-inner[1]), _NEG
        op = rng.choice("+-*/")
        left, right = self.number(depth - 1), self.number(depth - 1)
        a, b = left[1], right[1]
        value = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b,
                 "/": lambda: 0 if b == 0 else a / b}[op]()
        prec = _ADD if op in "+-" else _MUL
        return self.binary(left, op, right, prec), _num(value), prec

    def text(self, depth: int) -> tuple[str, object, int]:
        pick = self.rng.randrange(3 if depth > 0 else 2)
        if pick == 0:
            value = self.rng.choice(["", "anna", "a b", "x\"y"])
            return f"'{value}'", value, _ATOM
        if pick == 1:
            return "who", VALUES["who"], _ATOM
        left, right = self.text(depth - 1), self.text(depth - 1)
        return self.binary(left, "+", right, _ADD), left[1] + right[1], _ADD

    def boolean(self, depth: int) -> tuple[str, object, int]:
        rng = self.rng
        pick = rng.randrange(8 if depth > 0 else 3)
        if pick == 0:
            value = rng.random() < 0.5
            return str(value).lower(), value, _ATOM
        if pick == 1:
            name = rng.choice(["a", "b", "c", "met"])
            return name, VALUES[name], _ATOM
        if pick == 2:
            return "chose('press', 'ignore')", True, _ATOM
        if pick == 3:
            inner = self.boolean(depth - 1)
            return "not " + self.wrap(inner, _NOT), not inner[1], _NOT
        if pick in (4, 5):
            op = rng.choice(["==", "!=", "<", "<=", ">", ">="])
            left, right = self.number(depth - 1), self.number(depth - 1)
            a, b = left[1], right[1]
            value = {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
            return self.binary(left, op, right, _CMP), value, _CMP
        if pick == 6:
            op = rng.choice(["==", "!="])
            left, right = (self.text(depth - 1), self.text(depth - 1)) if rng.random() < 0.5 else \
                (self.boolean(depth - 1), self.boolean(depth - 1))
            value = (left[1] == right[1]) == (op == "==")
            return self.binary(left, op, right, _CMP), value, _CMP
        op = rng.choice(["and", "or"])
        left, right = self.boolean(depth - 1), self.boolean(depth - 1)
        value = (left[1] and right[1]) if op == "and" else (left[1] or right[1])
        return self.binary(left, op, right, _AND if op == "and" else _OR), value, _AND if op == "and" else _OR


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_well_formed_expressions_parse_check_and_evaluate(seed: int) -> None:
    rng = random.Random(seed)
    gen = Generator(rng)
    state = FakeState(visits={"press": 3}, chosen={("press", "ignore")})
    kinds = {"number": N, "text": S, "boolean": B}
    for _ in range(50):                     # 4 seeds x 50 = 200 expressions
        kind = rng.choice(list(kinds))
        source, expected, _ = getattr(gen, kind)(rng.randrange(1, 5))
        expr, found = ok(source)
        assert found is kinds[kind], source
        value = expr.evaluate(state)
        if isinstance(expected, float):
            assert value == pytest.approx(expected), source
        else:
            assert value == expected and type(value) is type(expected), source
        # parsing the same text again gives an expression that behaves the same
        assert parse_expression(" " + source + " ").evaluate(state) == value


def test_random_garbage_never_raises_anything_but_reports_errors() -> None:
    rng = random.Random(7)
    alphabet = list("abtrus_01 .'\"()+-*/<>=!&|,[]:%") + ["and ", "or ", "not ", "visited(", "chose(", "true"]
    for _ in range(2000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        expr, kind, errors = compile_expression(source, NAMES, SCENES)
        assert all(isinstance(e, ExpressionError) and e.code.startswith("WB40") for e in errors)
        assert all(0 <= e.offset <= len(source) for e in errors)
        if expr is not None and not errors:
            expr.evaluate(FakeState({"a": True, "b": False}))
