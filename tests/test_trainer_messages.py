"""Messages improved after a trainer's dry run: each typical mistake gets a hint that says how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import load_text

BASE = """\
format: 1
id: demo
title: Demo
languages: [nl]
characters:
  fenna: {name: "Fenna", color: "#1f7a5c"}
start: a
scenes:
  a:
    type: chat
    messages:
      - {from: fenna, text: Hallo, time: "09:14"}
    choices:
      - {id: go, text: Verder, next: b}
  b:
    type: news
    outlet: Krant
    headline: Kop
    lede: "Het gerucht klopt niet."
    ending: {rating: good, title: Einde, text: Klaar}
"""


@pytest.mark.parametrize("old, new, code, line, hint", [
    ('color: "#1f7a5c"', "color: #1f7a5c", "WB103", 7, 'a # on the line before starts a comment'),
    ("text: Hallo,", "text: Let op: nep,", "WB103", 12, "inside { } or [ ]"),
    ("    outlet: Krant", "     outlet: Krant", "WB103", 17, "this line starts 5 spaces in, the line above 4"),
    ('time: "09:14"', "time: 9:14", "WB203", 12, 'YAML read 9:14 as the number 554 — put it in quotes: time: "09:14"'),
    ("id: go", "id: on", "WB205", 14, "choose another id, or put it in quotes"),
    ('lede: "Het gerucht klopt niet."', "lede: Let op: nep", "WB103", 19, 'must be put in quotes'),
])
def test_typical_mistake_gets_a_fix(old: str, new: str, code: str, line: int, hint: str, tmp_path: Path) -> None:
    """The mistake is reported at its line with a hint that names the fix."""
    assert load_text(tmp_path, BASE).ok
    result = load_text(tmp_path, BASE.replace(old, new))
    found = [d for d in result.diagnostics if d.code == code]
    assert found and found[0].line == line, [d.format() for d in result.diagnostics]
    assert hint in found[0].format()
