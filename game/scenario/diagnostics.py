"""Diagnostics: located, coded problems in a scenario file, and their catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    """How bad a diagnostic is: errors reject a file, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


# Every diagnostic the loader and linter can emit: code -> (severity, short title).
# docs/diagnostics.md has an entry for each, with a bad example and the fix;
# tests/test_diagnostics_catalogue.py keeps the two in step.
CATALOGUE: dict[str, tuple[Severity, str]] = {
    "WB101": (Severity.ERROR, "file too large"),
    "WB102": (Severity.ERROR, "not a UTF-8 text file"),
    "WB103": (Severity.ERROR, "YAML syntax error"),
    "WB104": (Severity.ERROR, "YAML anchors and aliases are not allowed"),
    "WB105": (Severity.ERROR, "YAML tags are not allowed"),
    "WB106": (Severity.ERROR, "nested too deeply"),
    "WB107": (Severity.ERROR, "duplicate key"),
    "WB108": (Severity.ERROR, "file is not a scenario mapping"),
    "WB109": (Severity.ERROR, "scenario id used by two files"),
    "WB110": (Severity.ERROR, "file cannot be read"),
    "WB201": (Severity.ERROR, "unknown key"),
    "WB202": (Severity.ERROR, "required key missing"),
    "WB203": (Severity.ERROR, "wrong kind of value"),
    "WB204": (Severity.ERROR, "unsupported format version"),
    "WB205": (Severity.ERROR, "invalid id"),
    "WB206": (Severity.ERROR, "text not in every language"),
    "WB207": (Severity.ERROR, "invalid languages list"),
    "WB208": (Severity.ERROR, "number out of range"),
    "WB209": (Severity.ERROR, "value not one of the allowed words"),
    "WB210": (Severity.ERROR, "scene needs exactly one way on"),
    "WB211": (Severity.ERROR, "key does not belong to this scene type"),
    "WB212": (Severity.ERROR, "duplicate id"),
    "WB213": (Severity.ERROR, "invalid colour"),
    "WB214": (Severity.ERROR, "branch order"),
    "WB215": (Severity.ERROR, "empty list"),
    "WB216": (Severity.ERROR, "quiz marking"),
    "WB217": (Severity.ERROR, "timer problem"),
    "WB218": (Severity.ERROR, "placeholder problem in a text"),
    "WB219": (Severity.ERROR, "value does not fit the flag"),
    "WB301": (Severity.ERROR, "unknown scene"),
    "WB302": (Severity.ERROR, "unknown character"),
    "WB303": (Severity.ERROR, "unknown technique"),
    "WB304": (Severity.ERROR, "unknown meter or flag"),
    "WB305": (Severity.ERROR, "glossary id clashes with a built-in technique"),
    "WB401": (Severity.ERROR, "expression syntax error"),
    "WB402": (Severity.ERROR, "unknown name in expression"),
    "WB403": (Severity.ERROR, "unknown function or wrong arguments"),
    "WB404": (Severity.ERROR, "unknown scene in expression"),
    "WB405": (Severity.ERROR, "unknown choice in expression"),
    "WB406": (Severity.ERROR, "type mismatch in expression"),
    "WB407": (Severity.ERROR, "division by zero"),
    "WB408": (Severity.ERROR, "condition is not true/false"),
    "WB501": (Severity.ERROR, "asset path not allowed"),
    "WB502": (Severity.ERROR, "asset not found"),
    "WB503": (Severity.ERROR, "asset outside its folders"),
    "WB504": (Severity.ERROR, "unsupported asset type"),
    "WB601": (Severity.WARNING, "unreachable scene"),
    "WB602": (Severity.WARNING, "ending no path reaches"),
    "WB603": (Severity.WARNING, "unused meter"),
    "WB604": (Severity.WARNING, "meter never changes"),
    "WB605": (Severity.WARNING, "unused flag"),
    "WB606": (Severity.WARNING, "no ending can be reached"),
    "WB701": (Severity.ERROR, "dead end: no choice to offer"),
    "WB702": (Severity.WARNING, "ending no play-through reaches"),
    "WB703": (Severity.WARNING, "loop with no way to an ending"),
    "WB704": (Severity.WARNING, "condition always true or always false"),
    "WB705": (Severity.WARNING, "deep check stopped early"),
    "WB706": (Severity.WARNING, "scene no play-through reaches"),
}


class Say(NamedTuple):
    """A message in English and Dutch; diagnostics keep both and print the one asked for."""

    en: str
    nl: str

    def get(self, lang: str) -> str:
        """The text in `lang` ('nl' or 'en')."""
        return self.nl if lang == "nl" else self.en


LANGUAGES = ("nl", "en")


def say_in(text: str | Say, lang: str) -> str:
    """`text` in `lang`; a plain string is English only and is returned as it is."""
    return text.get(lang) if isinstance(text, Say) else text


def join_say(*parts: str | Say) -> Say:
    """Concatenate plain strings (the same in both languages) and Says."""
    return Say("".join(say_in(p, "en") for p in parts), "".join(say_in(p, "nl") for p in parts))


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem at one place in one file."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)
    message_nl: str = field(default="", compare=False)
    hint_nl: str = field(default="", compare=False)

    def what(self, lang: str = "en") -> str:
        """What is wrong, in `lang` (English when no Dutch was written for it)."""
        return self.message_nl if lang == "nl" and self.message_nl else self.message

    def how(self, lang: str = "en") -> str:
        """How to fix it, in `lang` (English when no Dutch was written for it)."""
        return self.hint_nl if lang == "nl" and self.hint_nl else self.hint

    def explain(self, lang: str = "en") -> str:
        """`what — how to fix`, in `lang`."""
        how = self.how(lang)
        return self.what(lang) + (f" — {how}" if how else "")

    def format(self, strict: bool = False, lang: str = "en") -> str:
        """Render as `file:line:col: error: what — how to fix [code]` (the words error/warning stay English,
        so editors and CI recognise the line in either language)."""
        severity = Severity.ERROR if strict else self.severity
        return f"{self.file}:{self.line}:{self.column}: {severity.value}: {self.explain(lang)} [{self.code}]"

    def to_json(self, strict: bool = False, lang: str = "en") -> dict[str, object]:
        """The JSON form printed by `validate --format json`."""
        severity = Severity.ERROR if strict else self.severity
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": severity.value,
            "code": self.code,
            "message": self.explain(lang),
        }


class DiagnosticSink:
    """Collects diagnostics for one file; severity comes from the catalogue."""

    def __init__(self, file: str) -> None:
        """Start an empty list of diagnostics for `file`."""
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, code: str, pos: tuple[int, int], message: str | Say, hint: str | Say = "") -> None:
        """Record a diagnostic with the catalogue's severity for `code`; a Say gives it a Dutch text too."""
        severity = CATALOGUE[code][0]
        self.items.append(Diagnostic(self.file, pos[0], pos[1], code, say_in(message, "en"), say_in(hint, "en"),
                                     severity, say_in(message, "nl") if isinstance(message, Say) else "",
                                     say_in(hint, "nl") if isinstance(hint, Say) else ""))

    @property
    def has_errors(self) -> bool:
        """True when any recorded diagnostic is an error."""
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """The diagnostics in file order."""
        return sorted(self.items, key=lambda d: (d.line, d.column, d.code))
