"""The scenario expression language: tokenizer, parser, type checker and closure compiler (never eval)."""

from __future__ import annotations

import difflib
import enum
import operator
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple, NoReturn, Protocol

from .diagnostics import Say

# Grammar, lowest precedence first; comparisons do not chain ("a < b < c" is an error):
#   expr    := expr 'or' expr | expr 'and' expr | 'not' expr | sum [cmp sum]
#   sum     := sum ('+' | '-') product        product := product ('*' | '/') unary
#   unary   := '-' unary | primary
#   primary := INT | DECIMAL | 'text' | true | false | name | '(' expr ')'
#            | visited('scene_id') | chose('scene_id', 'choice_id')
# Run-time semantics: '/' is true division and division by zero yields 0 (a literal zero divisor
# is rejected at load time, WB407); integral numbers are ints (4 / 2 -> 2, 2.0 -> 2); and/or
# short-circuit. Evaluating an expression that check_expression accepted never raises.

Value = bool | int | float | str
Evaluator = Callable[["EvalState"], Value]

SYNTAX, UNKNOWN_NAME, BAD_CALL, UNKNOWN_SCENE, UNKNOWN_CHOICE, TYPE_MISMATCH, ZERO_DIVISION = (
    "WB401", "WB402", "WB403", "WB404", "WB405", "WB406", "WB407")

_ONLY = Say("expressions only have + - * /, comparisons (== != < <= > >=), and/or/not, "
            "parentheses, visited('scene_id') and chose('scene_id', 'choice_id')",
            "in een voorwaarde of berekening kun je alleen + - * /, vergelijkingen (== != < <= > >=), "
            "and/or/not, haakjes, visited('scene_id') en chose('scene_id', 'choice_id') gebruiken")
_MAX_DEPTH = 100        # nesting limit: keeps parsing, checking and evaluation far from the recursion limit
_MAX_DIGITS = 100


class ExprType(enum.Enum):
    """Static type of an expression or of a meter/flag."""

    BOOL = "boolean"
    NUMBER = "number"
    STRING = "text"


@dataclass(frozen=True, init=False)
class ExpressionError(Exception):
    """A problem in an expression: what is wrong, where (0-based offset), how to fix it, and its code.

    `message` and `hint` are English; `message_nl` and `hint_nl` are the Dutch texts (empty: use the
    English). Pass a Say as message or hint to set both languages at once."""

    message: str
    offset: int
    hint: str
    code: str
    message_nl: str = ""
    hint_nl: str = ""

    def __init__(self, message: str | Say, offset: int, hint: str | Say, code: str,
                 message_nl: str = "", hint_nl: str = "") -> None:
        put = object.__setattr__
        if isinstance(message, Say):
            message, message_nl = message.en, message_nl or message.nl
        if isinstance(hint, Say):
            hint, hint_nl = hint.en, hint_nl or hint.nl
        put(self, "message", message)
        put(self, "offset", offset)
        put(self, "hint", hint)
        put(self, "code", code)
        put(self, "message_nl", message_nl)
        put(self, "hint_nl", hint_nl)

    def __str__(self) -> str:
        return f"{self.message} — {self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (self.message, self.offset, self.hint, self.code, self.message_nl, self.hint_nl)


class EvalState(Protocol):
    """What an expression reads at run time: meter/flag values and the scene history."""

    def value(self, name: str) -> Value:
        """Current value of a meter or flag."""

    def visited(self, scene_id: str) -> int:
        """How many times the scene has been entered."""

    def chose(self, scene_id: str, choice_id: str) -> bool:
        """Whether that choice of that scene was taken."""


def _suggest(word: str, candidates: Iterable[str], tail: Say) -> Say:
    """tail, preceded by "did you mean ...?" when a candidate is close to word."""
    close = difflib.get_close_matches(word.lower(), list(candidates), n=1, cutoff=0.6)
    if not close:
        return tail
    return Say(f"did you mean '{close[0]}'? {tail.en[0].upper()}{tail.en[1:]}",
               f"bedoel je '{close[0]}'? {tail.nl[0].upper()}{tail.nl[1:]}")


# ---- tokenizer ---------------------------------------------------------------------------------

class _Token(NamedTuple):
    kind: str               # "lit", "name", "op", "end" or "error"
    text: str               # the token's source text
    offset: int
    value: Value | None = None


_DIGITS = frozenset("0123456789")
_IDENT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789")
_BOOLS = {"true": True, "false": False}
_TOKEN_RE = re.compile(r"""\s*(?:      # everything after the spaces is optional: lastgroup None = no token
      (?P<number> [0-9]+ (?:\.[0-9]+)? )
    | (?P<word>   [A-Za-z_][A-Za-z0-9_]* )
    | (?P<text>   '[^']*' )
    | (?P<op>     == | != | <= | >= | [-+<>(),] | \*(?!\*) | /(?!/) ) )?""", re.VERBOSE)
def _not_operator(op: str, use: str) -> tuple[Say, Say]:
    """Message and hint for an operator from another language, such as && for and."""
    return Say(f"'{op}' is not an operator", f"'{op}' werkt hier niet"), Say(f"use {use}", f"schrijf {use}")


_BAD_CHARS: dict[str, tuple[Say, Say]] = {   # character (pair) that starts no token -> (message, hint)
    '"': (Say("text must be in single quotes", "een tekst moet tussen enkele aanhalingstekens staan"),
          Say("use single quotes: 'like this'", "gebruik enkele aanhalingstekens: 'zoals hier'")),
    "'": (Say("unclosed text: the closing ' is missing",
              "de tekst is niet afgesloten: het enkele aanhalingsteken (') aan het eind ontbreekt"),
          Say("end the text with a single quote (text cannot contain one)",
              "sluit de tekst af met een enkel aanhalingsteken (in de tekst zelf kan er geen staan)")),
    "=": (Say("'=' is not an operator", "'=' werkt hier niet"),
          Say("use == to compare; expressions cannot assign",
              "gebruik == om te vergelijken (een flag een waarde geven doe je met set:)")),
    "&&": _not_operator("&&", "and"), "&": _not_operator("&", "and"),
    "||": _not_operator("||", "or"), "|": _not_operator("|", "or"),
    "!": _not_operator("!", "not"),
    "**": (Say("'**' (power) is not supported", "'**' (machtsverheffen) kan niet"), _ONLY),
    "//": (Say("'//' (floor division) is not supported", "'//' (delen zonder rest) kan niet"), _ONLY),
    "%": (Say("'%' (remainder) is not supported", "'%' (rest na delen) kan niet"), _ONLY),
    ".": (Say("'.' is not allowed: expressions have no attributes or methods",
              "'.' mag hier niet: een punt staat alleen in een kommagetal, zoals 1.5"), _ONLY),
    **{c: (Say(f"'{c}' is not allowed: expressions have no lists, subscripts or comprehensions",
               f"'{c}' mag hier niet: " + ("een meter of flag schrijf je hier zonder accolades, bijvoorbeeld "
                                            "trust > 50" if c in "{}" else "een voorwaarde kent geen lijsten")),
           _ONLY) for c in "[]{}"},
    **{c: (Say(f"unexpected curly quote {c}", f"hier staat een gekruld aanhalingsteken {c}"),
           Say("use the plain single quote ' (editors like to curl it)",
               "gebruik het gewone enkele aanhalingsteken ' (tekstverwerkers maken er graag een krul van)"))
       for c in "‘’“”"},
}


def _tokenize(src: str) -> tuple[list[_Token], ExpressionError | None]:
    """Split src into tokens ending with an 'end' token, or with an 'error' token and its error."""
    toks: list[_Token] = []
    i, match = 0, _TOKEN_RE.match
    while True:
        m = match(src, i)
        assert m is not None
        kind, i = m.lastgroup, m.end()
        if kind is None:
            if i == len(src):
                toks.append(_Token("end", "", i))
                return toks, None
            error = _bad_char(src, i, toks)
            break
        text, start = m.group(kind), m.start(kind)
        if kind == "word":
            kind = "op" if text in ("and", "or", "not") else "lit" if text in _BOOLS else "name"
            toks.append(_Token(kind, text, start, _BOOLS.get(text)))
        elif kind == "number":
            if src[i:i + 1] in _IDENT:
                error = (i, Say("a number runs straight into a name", "een getal staat direct tegen een naam aan"),
                         Say("put an operator between them, e.g. 2 * x",
                             "zet er een rekenteken tussen, bijvoorbeeld 2 * x"))
                break
            if len(text) > _MAX_DIGITS:
                error = (start, Say("this number is too long", "dit getal is te lang"),
                         Say(f"numbers may have at most {_MAX_DIGITS} digits",
                             f"een getal mag hoogstens {_MAX_DIGITS} cijfers hebben"))
                break
            value = float(text) if "." in text else int(text)
            toks.append(_Token("lit", text, start, int(value) if value == int(value) else value))
        else:
            toks.append(_Token("lit", text, start, text[1:-1]) if kind == "text" else _Token("op", text, start))
    toks.append(_Token("error", "", error[0]))
    return toks, ExpressionError(error[1], error[0], error[2], SYNTAX)


def _bad_char(src: str, i: int, toks: list[_Token]) -> tuple[int, Say, Say]:
    """Offset, message and hint for a character that starts no token."""
    c, pair = src[i], src[i:i + 2]
    last = toks[-1] if toks else None
    if c == "." and last and last.kind == "lit" and last.text[0] in _DIGITS and last.offset + len(last.text) == i:
        return (i, Say("a decimal number has digits on both sides of one point",
                       "een kommagetal schrijf je met één punt en cijfers aan beide kanten"),
                Say("write it like 1.5", "schrijf het zoals 1.5"))
    if c == "." and src[i + 1:i + 2] in _DIGITS:
        return (i, Say("a decimal number needs a digit before the point", "een kommagetal heeft een cijfer vóór de "
                       "punt nodig"), Say("write 0.5, not .5", "schrijf 0.5, niet .5"))
    if pair in ("=<", "=>"):
        return i, Say("'=' is not an operator", "'=' werkt hier niet"), Say(f"did you mean {pair[1]}=?",
                                                                            f"bedoel je {pair[1]}=?")
    if c == ":" and any(tok.text == "lambda" for tok in toks):
        return (next(tok.offset for tok in toks if tok.text == "lambda"),
                Say("lambda is not allowed", "lambda mag niet"), _ONLY)
    if pair in _BAD_CHARS or c in _BAD_CHARS:
        return (i, *_BAD_CHARS[pair if pair in _BAD_CHARS else c])
    if c.isalpha():
        return (i, Say(f"unexpected character '{c}'", f"het teken '{c}' mag hier niet"),
                Say("names use only the letters a-z, digits and _", "namen bestaan alleen uit de letters a-z (zonder "
                    "accenten), cijfers en _"))
    return i, Say(f"unexpected character {c!r}", f"het teken {c!r} mag hier niet"), _ONLY


# ---- syntax tree: check() reports problems, build() compiles to a closure ----------------------

_DESCRIBE = {ExprType.BOOL: Say("true/false", "true/false"), ExprType.NUMBER: Say("a number", "een getal"),
             ExprType.STRING: Say("text", "een tekst")}
_KIND_NL = {ExprType.BOOL: "true/false", ExprType.NUMBER: "een getal", ExprType.STRING: "een tekst"}
_BOTH_NL = {ExprType.BOOL: "twee true/false-waarden", ExprType.NUMBER: "twee getallen", ExprType.STRING: "twee teksten"}


class _Checker:
    """Collects every problem found while type-checking one tree."""

    def __init__(self, names: Mapping[str, ExprType], scenes: Mapping[str, Collection[str]]) -> None:
        self.names, self.scenes = names, scenes
        self.errors: list[ExpressionError] = []

    def add(self, code: str, offset: int, message: Say, hint: Say) -> None:
        self.errors.append(ExpressionError(message, offset, hint, code))

    def need(self, node: _Node, found: ExprType | None, want: ExprType, what: str) -> None:
        """Report node when its known type is not want; what names the operator."""
        if found is None or found is want:
            return
        if want is ExprType.NUMBER:
            self.add(TYPE_MISMATCH, node.start,
                     Say(f"{what} needs a number, but this is {_DESCRIBE[found].en}",
                         f"{what} heeft een getal nodig, maar dit is {_DESCRIBE[found].nl}"),
                     Say(f"{what} works on numbers only", f"{what} werkt alleen met getallen"))
        else:
            example = "who == 'anna'" if found is ExprType.STRING else "trust > 50"
            self.add(TYPE_MISMATCH, node.start,
                     Say(f"{what} needs true/false, but this is {_DESCRIBE[found].en}",
                         f"{what} heeft true/false nodig, maar dit is {_DESCRIBE[found].nl}"),
                     Say(f"compare it to get true/false, e.g. {example} (values are never true by themselves)",
                         f"vergelijk het om true/false te krijgen, bijvoorbeeld {example} (een getal of tekst is "
                         "nooit vanzelf true)"))


class _Node:
    __slots__ = ("start", "end", "depth")

    def children(self) -> tuple[_Node, ...]:
        return ()

    def check(self, ck: _Checker) -> ExprType | None:
        raise NotImplementedError

    def build(self) -> Evaluator:
        """Compile this subtree into a closure over its children's closures."""
        raise NotImplementedError


class _Literal(_Node):
    __slots__ = ("value",)

    def __init__(self, tok: _Token) -> None:
        self.start, self.end, self.depth, self.value = tok.offset, tok.offset + len(tok.text), 1, tok.value

    def check(self, ck: _Checker) -> ExprType:
        v = self.value
        return ExprType.BOOL if isinstance(v, bool) else ExprType.STRING if isinstance(v, str) else ExprType.NUMBER

    def build(self) -> Evaluator:
        value = self.value
        return lambda s: value  # type: ignore[return-value]


class _Name(_Node):
    __slots__ = ("name",)

    def __init__(self, tok: _Token) -> None:
        self.start, self.end, self.depth, self.name = tok.offset, tok.offset + len(tok.text), 1, tok.text

    def check(self, ck: _Checker) -> ExprType | None:
        found = ck.names.get(self.name)
        if found is None:
            hint = (Say("write true or false (lowercase)", "schrijf true of false (met kleine letters)")
                    if self.name in ("True", "False", "None") else
                    _suggest(self.name, ck.names, Say("names are the meters and flags declared in this file",
                                                      "je kunt hier alleen de namen van meters en flags uit dit "
                                                      "bestand gebruiken")))
            ck.add(UNKNOWN_NAME, self.start, Say(f"unknown name '{self.name}'", f"onbekende naam '{self.name}'"),
                   hint)
        return found

    def build(self) -> Evaluator:
        name = self.name
        return lambda s: s.value(name)


class _Call(_Node):
    __slots__ = ("args",)               # [(id, offset)]: the scene, then for chose() the choice

    def __init__(self, start: int, end: int, args: list[_Token]) -> None:
        self.start, self.end, self.depth = start, end, 1
        self.args = [(tok.text[1:-1], tok.offset) for tok in args]

    def check(self, ck: _Checker) -> ExprType:
        (scene, at), *rest = self.args
        if scene not in ck.scenes:
            ck.add(UNKNOWN_SCENE, at, Say(f"unknown scene '{scene}'", f"onbekende scène '{scene}'"),
                   _suggest(scene, ck.scenes, Say("scene ids are the keys under scenes: in this file",
                                                  "gebruik het id van een scène onder scenes: in dit bestand")))
        elif rest and rest[0][0] not in ck.scenes[scene]:
            (choice, at), choices = rest[0], ck.scenes[scene]
            listed = ", ".join(sorted(choices))
            ck.add(UNKNOWN_CHOICE, at, Say(f"scene '{scene}' has no choice '{choice}'",
                                           f"de scène '{scene}' heeft geen keuze '{choice}'"),
                   _suggest(choice, choices, Say(f"its choice ids are: {listed or 'none'}",
                                                 f"de keuzes daar hebben deze id's: {listed}" if listed else
                                                 "de keuzes daar hebben geen id")))
        return ExprType.BOOL if rest else ExprType.NUMBER

    def build(self) -> Evaluator:
        scene, choice = self.args[0][0], self.args[-1][0]
        if len(self.args) == 1:
            return lambda s: s.visited(scene)
        return lambda s: s.chose(scene, choice)


class _Unary(_Node):
    __slots__ = ("op", "operand")

    def __init__(self, op: _Token, operand: _Node) -> None:
        self.start, self.end, self.depth = op.offset, operand.end, operand.depth + 1
        self.op, self.operand = op.text, operand

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)

    def check(self, ck: _Checker) -> ExprType:
        want = ExprType.BOOL if self.op == "not" else ExprType.NUMBER
        ck.need(self.operand, self.operand.check(ck), want, f"'{self.op}'")
        return want

    def build(self) -> Evaluator:
        f = self.operand.build()
        if self.op == "not":
            return lambda s: not f(s)

        def negate(s: EvalState) -> Value:
            r = -f(s)  # type: ignore[operator]
            return int(r) if r.__class__ is float and r.is_integer() else r
        return negate


class _Binary(_Node):
    __slots__ = ("op", "at", "left", "right")

    def __init__(self, op: _Token, left: _Node, right: _Node) -> None:
        self.start, self.end, self.depth = left.start, right.end, max(left.depth, right.depth) + 1
        self.op, self.at, self.left, self.right = op.text, op.offset, left, right

    def children(self) -> tuple[_Node, ...]:
        return self.left, self.right


class _Logic(_Binary):
    __slots__ = ()

    def check(self, ck: _Checker) -> ExprType:
        for side in (self.left, self.right):
            ck.need(side, side.check(ck), ExprType.BOOL, f"'{self.op}'")
        return ExprType.BOOL

    def build(self) -> Evaluator:
        fl, fr = self.left.build(), self.right.build()
        if self.op == "and":
            return lambda s: fl(s) and fr(s)
        return lambda s: fl(s) or fr(s)


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class _Compare(_Binary):
    __slots__ = ()

    def check(self, ck: _Checker) -> ExprType:
        lt, rt, op = self.left.check(ck), self.right.check(ck), self.op
        known = lt or rt
        if lt and rt and lt is not rt:
            ck.add(TYPE_MISMATCH, self.at,
                   Say(f"cannot compare {lt.value} with {rt.value} using '{op}'",
                       f"met '{op}' kun je {_KIND_NL[lt]} niet met {_KIND_NL[rt]} vergelijken"),
                   Say(f"'{op}' compares numbers only", f"'{op}' vergelijkt alleen getallen") if op[0] in "<>" else
                   Say(f"both sides of {op} must have the same type",
                       f"aan beide kanten van {op} moet dezelfde soort waarde staan"))
        elif op[0] in "<>" and known and known is not ExprType.NUMBER:
            ck.add(TYPE_MISMATCH, self.at,
                   Say(f"'{op}' compares numbers, not {_DESCRIBE[known].en}",
                       f"'{op}' vergelijkt alleen getallen, maar hier staat {_DESCRIBE[known].nl}"),
                   Say("text and true/false can only be compared with == and !=",
                       "tekst en true/false kun je alleen met == en != vergelijken"))
        return ExprType.BOOL

    def build(self) -> Evaluator:
        op, fl, fr = _COMPARE[self.op], self.left.build(), self.right.build()
        if isinstance(self.right, _Literal):    # the common "name < literal" shapes, with fewer calls
            c = self.right.value
            if isinstance(self.left, _Name):
                name = self.left.name
                return lambda s: op(s.value(name), c)
            return lambda s: op(fl(s), c)
        return lambda s: op(fl(s), fr(s))


def _exact(op: Callable[[Any, Any], Any], a: int | float, b: int | float) -> int | float:
    """Slow path for an int too large for a float: exact arithmetic, then a float if it fits."""
    try:
        r = op(Fraction(a), Fraction(b))
    except (OverflowError, ValueError):  # the other operand is inf or nan: saturate the int
        return op(*(x if isinstance(x, float) else float("inf") if x > 0 else float("-inf") for x in (a, b)))
    try:
        f = float(r)
    except OverflowError:
        return round(r)
    return int(r) if r.denominator == 1 else int(f) if f.is_integer() else f


_ARITH: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


class _Arith(_Binary):
    __slots__ = ()

    def check(self, ck: _Checker) -> ExprType | None:
        lt, rt, op = self.left.check(ck), self.right.check(ck), self.op
        divisor = self.right                    # "-0" and "(0)" are literals too
        if op == "/" and isinstance(divisor, _Literal) and divisor.value == 0 and divisor.value is not False:
            ck.add(ZERO_DIVISION, self.right.start, Say("division by zero", "delen door nul"),
                   Say("divide by another number", "deel door een ander getal"))
        allowed = (ExprType.NUMBER, ExprType.STRING) if op == "+" else (ExprType.NUMBER,)
        bad = [t for t in (lt, rt) if t and t not in allowed]
        if bad or (lt and rt and lt is not rt):
            types = f"{lt.value} and {rt.value}" if lt and rt else bad[0].value
            types_nl = ((_BOTH_NL[lt] if lt is rt else f"{_KIND_NL[lt]} en {_KIND_NL[rt]}") if lt and rt
                        else _KIND_NL[bad[0]])
            ck.add(TYPE_MISMATCH, self.at, Say(f"cannot use '{op}' on {types}", f"'{op}' werkt niet met {types_nl}"),
                   Say("'+' adds two numbers or joins two texts", "'+' telt twee getallen op of plakt twee teksten "
                       "aan elkaar") if op == "+" else
                   Say(f"'{op}' works on numbers only", f"'{op}' werkt alleen met getallen"))
            return None if op == "+" else ExprType.NUMBER
        return lt or rt if op == "+" else ExprType.NUMBER

    def build(self) -> Evaluator:
        op, fl, fr = _ARITH[self.op], self.left.build(), self.right.build()

        def arith(s: EvalState) -> Value:
            a, b = fl(s), fr(s)
            try:
                r = op(a, b)
            except OverflowError:
                return _exact(op, a, b)  # type: ignore[arg-type]
            return int(r) if r.__class__ is float and r.is_integer() else r

        def divide(s: EvalState) -> Value:
            a, b = fl(s), fr(s)
            if not b:
                return 0                # division by zero yields 0 at run time
            if a.__class__ is int and b.__class__ is int and not a % b:  # type: ignore[operator]
                return a // b  # type: ignore[operator]
            try:
                r = a / b  # type: ignore[operator]
            except OverflowError:
                return _exact(op, a, b)  # type: ignore[arg-type]
            return int(r) if r.is_integer() else r

        return divide if self.op == "/" else arith


# ---- parser ------------------------------------------------------------------------------------

_OR, _AND, _NOT, _CMP, _ADD, _MUL, _NEG = range(1, 8)
_BINARY = {"or": _OR, "and": _AND, "==": _CMP, "!=": _CMP, "<": _CMP, "<=": _CMP, ">": _CMP, ">=": _CMP,
           "+": _ADD, "-": _ADD, "*": _MUL, "/": _MUL}
_USAGE = {"visited": "visited('scene_id')", "chose": "chose('scene_id', 'choice_id')"}
_ARITY = {"visited": 1, "chose": 2}
_NO_VALUE_HINTS = {     # for a token found where a value was expected
    ")": Say("put a value or condition between the parentheses", "zet een waarde of voorwaarde tussen de haakjes"),
    "+": Say("write the number without +", "schrijf het getal zonder +"),
    ",": Say("',' only separates the two ids in chose('scene_id', 'choice_id')",
             "een ',' staat alleen tussen de twee id's in chose('scene_id', 'choice_id')")}
_NO_CONDITIONAL = Say("there are no conditional expressions; use a list of branches with if: instead",
                      "als-dan binnen een voorwaarde bestaat niet; gebruik een lijst takken met if:")
_UNEXPECTED_HINTS = {   # for a token found where an operator, ')' or the end was expected
    "is": Say("use == or != to compare", "gebruik == of != om te vergelijken"),
    "if": _NO_CONDITIONAL, "else": _NO_CONDITIONAL, "for": _ONLY,
    "in": Say("there is no 'in'; compare with == and combine the comparisons with or",
              "'in' bestaat niet; vergelijk met == en combineer de vergelijkingen met or"),
    ")": Say("remove it or add a matching (", "haal hem weg, of zet er eerder een ( bij die erbij hoort"),
    "(": Say("only visited() and chose() can be called", "alleen visited() en chose() hebben haakjes direct na "
             "hun naam"),
    "not": Say("put not in front of a condition, e.g. not (a == b)",
               "zet not vóór een voorwaarde, bijvoorbeeld not (a == b)"),
    ",": _NO_VALUE_HINTS[","],
}
_TOO_DEEP = (Say("the expression is too deeply nested", "de uitdrukking is te diep genest (te veel haakjes of "
                 "bewerkingen in elkaar)"), Say("split it up or simplify it", "splits hem op of maak hem eenvoudiger"))
_UNCLOSED = (Say("unclosed parenthesis", "dit haakje wordt nergens gesloten"),
             Say("add a closing ) to match this (", "zet verderop een ) die bij deze ( hoort"))


class _Parser:
    """Recursive-descent parser with precedence climbing for the binary operators."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.toks, self.lex_error = _tokenize(src)
        self.pos, self.tok, self.nesting = -1, self.toks[0], 0
        self.advance()

    def advance(self) -> _Token:
        """Consume the current token and return it; raise the lexical error once it is reached."""
        tok = self.tok
        self.pos += 1
        self.tok = self.toks[self.pos]
        if self.tok.kind == "error" and self.lex_error:
            raise self.lex_error
        return tok

    def at(self, text: str) -> bool:
        return self.tok.kind == "op" and self.tok.text == text

    @staticmethod
    def fail(offset: int, message: str | Say, hint: str | Say, code: str = SYNTAX) -> NoReturn:
        raise ExpressionError(message, offset, hint, code)

    def parse(self) -> _Node:
        if self.tok.kind == "end":
            self.fail(0, Say("the expression is empty", "de uitdrukking is leeg"),
                      Say("write a condition such as trust > 50", "schrijf een voorwaarde zoals trust > 50"))
        node = self.expr(0)
        if self.tok.kind != "end":
            self.unexpected()
        if node.depth > _MAX_DEPTH:
            self.fail(0, *_TOO_DEEP)
        return node

    def expr(self, min_prec: int) -> _Node:
        left = self.prefix(min_prec)
        while True:
            tok = self.tok
            prec = _BINARY.get(tok.text, 0) if tok.kind == "op" else 0
            if not prec or prec < min_prec:
                return left
            self.advance()
            right = self.expr(prec + 1)     # prec + 1: left-associative, and non-associative for _CMP
            if prec != _CMP:
                left = _Arith(tok, left, right) if prec >= _ADD else _Logic(tok, left, right)
                continue
            left = _Compare(tok, left, right)
            if self.tok.kind == "op" and _BINARY.get(self.tok.text) == _CMP:
                self.chained(left)

    def prefix(self, min_prec: int) -> _Node:
        tok = self.tok
        if tok.kind != "op" or tok.text not in ("not", "-", "("):
            return self.primary()
        self.nesting += 1
        if self.nesting > _MAX_DEPTH:
            self.fail(tok.offset, *_TOO_DEEP)
        if tok.text == "not" and min_prec > _NOT:
            self.fail(tok.offset, Say("'not' cannot stand inside a comparison or calculation",
                                      "'not' kan niet midden in een vergelijking of berekening staan"),
                      Say("put it in parentheses, e.g. a == (not b)", "zet het tussen haakjes, bijvoorbeeld "
                          "a == (not b)"))
        self.advance()
        if tok.text != "(":
            operand = self.expr(_NOT if tok.text == "not" else _NEG)
            if tok.text == "-" and isinstance(operand, _Literal) and type(operand.value) in (int, float):
                operand.start, operand.value = tok.offset, -operand.value  # type: ignore[operator]
                node: _Node = operand       # a negative number is a literal: cheaper to evaluate
            else:
                node = _Unary(tok, operand)
        else:
            node = self.expr(0)
            if self.tok.kind == "end":
                self.fail(tok.offset, *_UNCLOSED)
            if not self.at(")"):
                self.unexpected()
            node.start, node.end = tok.offset, self.advance().offset + 1
        self.nesting -= 1
        return node

    def primary(self) -> _Node:
        tok = self.tok
        if tok.kind == "lit":
            return _Literal(self.advance())
        if tok.kind == "name":
            self.advance()
            return self.call(tok) if self.at("(") else _Name(tok)
        if tok.kind == "end":
            self.fail(tok.offset, Say("the expression ends too early", "de uitdrukking houdt te vroeg op"),
                      Say("something is missing at the end", "aan het eind ontbreekt iets"))
        if tok.text in _NO_VALUE_HINTS:
            self.fail(tok.offset, Say(f"unexpected '{tok.text}'", f"'{tok.text}' staat hier onverwacht"),
                      _NO_VALUE_HINTS[tok.text])
        self.fail(tok.offset, Say(f"expected a value before '{tok.text}'", f"vóór '{tok.text}' ontbreekt een waarde"),
                  Say(f"'{tok.text}' needs a value on both sides", f"'{tok.text}' heeft aan beide kanten een waarde "
                      "nodig"))

    def call(self, name: _Token) -> _Node:
        fn = name.text
        if fn not in _USAGE:
            self.fail(name.offset, Say(f"unknown function '{fn}'", f"onbekende functie '{fn}'"),
                      _suggest(fn, _USAGE, Say(f"the only functions are {' and '.join(_USAGE.values())}",
                                               f"de enige functies zijn {' en '.join(_USAGE.values())}")), BAD_CALL)
        opening = self.advance()
        args: list[_Token] = []
        while not self.at(")"):
            if args:
                if not self.at(","):
                    self.bad_argument(fn, opening)
                self.advance()
            if self.tok.kind != "lit" or not isinstance(self.tok.value, str):
                self.bad_argument(fn, opening)
            args.append(self.advance())
        closing = self.advance()
        if len(args) != _ARITY[fn]:
            self.fail(name.offset, Say(f"{fn}() takes {_ARITY[fn]} argument{'s' * (_ARITY[fn] > 1)}, not {len(args)}",
                                       f"{fn}() heeft {_ARITY[fn]} id{chr(39) + 's' if _ARITY[fn] > 1 else ''} "
                                       f"tussen de haakjes nodig, niet {len(args)}"),
                      Say(f"write {_USAGE[fn]}", f"schrijf {_USAGE[fn]}"), BAD_CALL)
        return _Call(name.offset, closing.offset + 1, args)

    def bad_argument(self, fn: str, opening: _Token) -> NoReturn:
        if self.tok.kind == "end":
            self.fail(opening.offset, *_UNCLOSED)
        self.fail(self.tok.offset, Say(f"the arguments of {fn}() must be ids in single quotes",
                                       f"tussen de haakjes van {fn}() horen id's tussen enkele aanhalingstekens"),
                  Say(f"write {_USAGE[fn]}", f"schrijf {_USAGE[fn]}"), BAD_CALL)

    def unexpected(self) -> NoReturn:
        """Fail on the current token, found where an operator, ')' or the end was expected."""
        tok = self.tok
        what = f"name '{tok.text}'" if tok.kind == "name" else tok.text if tok.kind == "lit" else f"'{tok.text}'"
        what_nl = f"het woord '{tok.text}'" if tok.kind == "name" else what
        hint = _UNEXPECTED_HINTS.get(tok.text) if tok.kind != "lit" else None
        self.fail(tok.offset, Say(f"unexpected {what}", f"{what_nl} staat hier onverwacht"),
                  hint or Say("put an operator (+ - * / == < and or ...) between the two",
                              "zet er een rekenteken, vergelijking of and/or tussen (+ - * / == < and or ...)"))

    def chained(self, first: _Compare) -> NoReturn:
        """Fail on a chained comparison, suggesting the equivalent with and."""
        op = self.tok
        hint = Say("combine two comparisons with and, e.g. 1 < a and a < 3",
                   "combineer twee vergelijkingen met and, bijvoorbeeld 1 < a and a < 3")
        try:
            self.advance()
            third = self.expr(_CMP + 1)
            both = f"{self.src[first.start:first.end]} and {self.src[first.right.start:third.end]}"
            hint = Say(f"combine two comparisons with and: {both}", f"combineer twee vergelijkingen met and: {both}")
        except ExpressionError:
            pass
        self.fail(op.offset, Say("comparisons cannot be chained", "vergelijkingen kun je niet aan elkaar rijgen"),
                  hint)


# ---- public API --------------------------------------------------------------------------------

class Expression:
    """A parsed expression with its compiled evaluator; check it with check_expression before evaluating."""

    __slots__ = ("source", "evaluator", "_tree", "_names", "_scenes")

    def __init__(self, source: str, tree: _Node) -> None:
        self.source, self._tree = source, tree
        names: set[str] = set()
        scenes: set[str] = set()
        stack = [tree]
        while stack:
            node = stack.pop()
            if isinstance(node, _Name):
                names.add(node.name)
            elif isinstance(node, _Call):
                scenes.add(node.args[0][0])
            stack.extend(node.children())
        self._names, self._scenes = frozenset(names), frozenset(scenes)
        # The compiled closure itself: hot loops may call expr.evaluator(state) to save a call level.
        self.evaluator: Evaluator = tree.build()

    def names(self) -> frozenset[str]:
        """The meter and flag names this expression reads."""
        return self._names

    def visited_scenes(self) -> frozenset[str]:
        """The scene ids named in visited() and chose()."""
        return self._scenes

    def evaluate(self, state: EvalState) -> Value:
        """The expression's value in state; never raises for a checked expression."""
        return self.evaluator(state)

    def number_tests(self) -> tuple[dict[str, frozenset[int | float]], frozenset[str]]:
        """For the linter: the number literals each name (or '@scene' for visited('scene')) is compared
        with directly, and the names and '@scenes' read in any other way."""
        tests: dict[str, set[int | float]] = {}
        other: set[str] = set()
        stack: list[_Node] = [self._tree]
        while stack:
            node = stack.pop()
            if isinstance(node, _Compare):
                pair = _number_test(node.left, node.right) or _number_test(node.right, node.left)
                if pair is not None:
                    tests.setdefault(pair[0], set()).add(pair[1])
                    continue
            if isinstance(node, _Name):
                other.add(node.name)
            elif isinstance(node, _Call) and len(node.args) == 1:
                other.add("@" + node.args[0][0])
            stack.extend(node.children())
        return {key: frozenset(values) for key, values in tests.items()}, frozenset(other)

    def atoms(self) -> list[tuple[str, str, Value]]:
        """For the linter: every `name OP literal` comparison as (name or '@scene', OP, literal), the
        operator turned round when the literal is on the left and negated under `not`; a bare name used as
        true/false is (name, '==', True), or False under `not`."""
        flipped = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "==", "!=": "!="}
        negated = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "=="}
        found: list[tuple[str, str, Value]] = []
        stack: list[tuple[_Node, bool]] = [(self._tree, False)]
        while stack:
            node, negate = stack.pop()
            if isinstance(node, _Unary) and node.op == "not":
                stack.append((node.operand, not negate))
                continue
            if isinstance(node, _Compare):
                for side, other, op in ((node.left, node.right, node.op), (node.right, node.left, flipped[node.op])):
                    if isinstance(other, _Literal) and (isinstance(side, _Name) or (
                            isinstance(side, _Call) and len(side.args) == 1)):
                        key = side.name if isinstance(side, _Name) else "@" + side.args[0][0]
                        found.append((key, negated[op] if negate else op, other.value))  # type: ignore[arg-type]
                        break
                else:
                    stack.extend((child, negate) for child in node.children())
                continue
            if isinstance(node, _Name):
                found.append((node.name, "==", not negate))
            stack.extend((child, negate) for child in node.children())
        return found

    def chose_pairs(self) -> frozenset[tuple[str, str]]:
        """The (scene, choice) pairs named in chose() calls."""
        pairs: set[tuple[str, str]] = set()
        stack: list[_Node] = [self._tree]
        while stack:
            node = stack.pop()
            if isinstance(node, _Call) and len(node.args) == 2:
                pairs.add((node.args[0][0], node.args[1][0]))
            stack.extend(node.children())
        return frozenset(pairs)

    def increment_of(self, name: str) -> int | float | None:
        """For the linter: d when this expression is `name + d`, `d + name` or `name - d` (as -d), else None."""
        tree = self._tree
        if not isinstance(tree, _Arith) or tree.op not in "+-":
            return None
        left, right = tree.left, tree.right
        if tree.op == "+" and isinstance(left, _Literal):
            left, right = right, left
        if not (isinstance(left, _Name) and left.name == name and isinstance(right, _Literal)):
            return None
        value = right.value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return value if tree.op == "+" else -value

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


def _number_test(side: _Node, other: _Node) -> tuple[str, int | float] | None:
    """('name' or '@scene', literal) when `side` is a name or visited() and `other` a number literal."""
    if not isinstance(other, _Literal) or isinstance(other.value, bool) or not isinstance(other.value, (int, float)):
        return None
    if isinstance(side, _Name):
        return side.name, other.value
    if isinstance(side, _Call) and len(side.args) == 1:
        return "@" + side.args[0][0], other.value
    return None


@lru_cache(maxsize=4096)
def parse_expression(source: str) -> Expression:
    """Parse source into an Expression; raises ExpressionError (WB401 syntax, WB403 malformed call)."""
    try:
        return Expression(source, _Parser(source).parse())
    except RecursionError:
        raise ExpressionError(_TOO_DEEP[0], 0, _TOO_DEEP[1], SYNTAX) from None


def check_expression(expr: Expression, names: Mapping[str, ExprType],
                     scenes: Mapping[str, Collection[str]]) -> tuple[ExprType | None, list[ExpressionError]]:
    """Type-check expr against the meter/flag types and scene -> choice ids; return its type and all problems."""
    ck = _Checker(names, scenes)
    result = expr._tree.check(ck)
    return result, sorted(ck.errors, key=lambda error: error.offset)


def compile_expression(source: str, names: Mapping[str, ExprType], scenes: Mapping[str, Collection[str]]
                       ) -> tuple[Expression | None, ExprType | None, list[ExpressionError]]:
    """Parse and check in one call without raising; the expression is usable only if no errors came back."""
    try:
        expr = parse_expression(source)
    except ExpressionError as error:
        return None, None, [error]
    result, errors = check_expression(expr, names, scenes)
    return expr, result, errors
