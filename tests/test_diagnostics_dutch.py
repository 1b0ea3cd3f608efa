"""Diagnostics from the loader have a Dutch text too, for `validate --lang nl` and the developer screens."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from game.scenario.deeplint import DEFAULT_MAX_STATES
from game.scenario.diagnostics import Diagnostic
from game.scenario.loader import load_file

from .conftest import ROOT
from .helpers import load_text
from .test_diagnostics_catalogue import EXAMPLES

# The codes whose diagnostics must have Dutch: those raised by loader.py (and assets.py). Codes from
# yamlread (WB1xx), expressions (WB4xx), graph (WB6xx) and the deep lint (WB7xx) join when they have Dutch.
CHECKED_PREFIXES = ("WB2", "WB3", "WB5")


def _missing_dutch(diagnostics: list[Diagnostic]) -> list[str]:
    """The diagnostics of checked codes without a Dutch message, or without a Dutch hint where there is an
    English one; Dutch that is just the English again counts as missing."""
    missing = []
    for d in diagnostics:
        if not d.code.startswith(CHECKED_PREFIXES):
            continue
        if not d.message_nl or d.message_nl == d.message:
            missing.append(f"message: {d.format()}")
        if d.hint and (not d.hint_nl or d.hint_nl == d.hint):
            missing.append(f"hint: {d.format()}")
    return missing


def _only(result_diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    """The one diagnostic with `code`."""
    found = [d for d in result_diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in result_diagnostics]
    return found[0]


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_documented_example_has_dutch_for_loader_codes(code: str, tmp_path: Path) -> None:
    """Every loader diagnostic of a documented bad example has a Dutch message (and hint when there is one)."""
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLES[code], encoding="utf-8")
    result = load_file(path, max_states=DEFAULT_MAX_STATES)
    assert result.diagnostics
    assert _missing_dutch(result.diagnostics) == []


BASE = """\
format: 1
id: proef
title: {nl: "Proef", en: "Trial"}
languages: [nl, en]
start: begin
scenes:
  begin:
    lines: [{text: {nl: "Hallo", en: "Hello"}}]
    next: einde
  einde:
    lines: [{text: {nl: "Klaar", en: "Done"}}]
    ending: {rating: good, title: {nl: Klaar, en: Done}, text: {nl: "Goed.", en: "Good."}}
"""


def test_unknown_key_says_so_in_dutch_with_a_suggestion(tmp_path: Path) -> None:
    """A misspelt key: 'onbekende sleutel' and a Dutch 'bedoel je ...?'; the English stays as it was."""
    result = load_text(tmp_path, BASE.replace("title:", "titel:", 1))
    d = _only(result.diagnostics, "WB201")
    assert d.message == "unknown key 'titel' in the scenario"
    assert d.message_nl == "onbekende sleutel 'titel' in het scenario"
    assert d.hint == "did you mean 'title'? (keys starting with x- are free for your own notes)"
    assert d.hint_nl == "bedoel je 'title'? (sleutels die met x- beginnen zijn vrij voor je eigen notities)"
    assert d.format(lang="nl").endswith(
        ":3:1: error: onbekende sleutel 'titel' in het scenario — bedoel je 'title'? "
        "(sleutels die met x- beginnen zijn vrij voor je eigen notities) [WB201]")
    assert d.format() == d.format(lang="en")
    assert "unknown key 'titel'" in d.format()


def test_unknown_key_without_a_close_match_lists_the_allowed_keys_in_dutch(tmp_path: Path) -> None:
    """With no close match the hint lists what is allowed here."""
    result = load_text(tmp_path, BASE.replace("    next: einde", "    next: einde\n    zzz: 1"))
    d = _only(result.diagnostics, "WB201")
    assert d.message_nl == "onbekende sleutel 'zzz' in de scène 'begin'"
    assert d.hint_nl.startswith("hier mag: background, choices, ending")


def test_missing_required_key(tmp_path: Path) -> None:
    """A missing key: '... heeft geen ...' and 'voeg ... toe'."""
    result = load_text(tmp_path, BASE.replace('title: {nl: "Proef", en: "Trial"}\n', ""))
    d = _only(result.diagnostics, "WB202")
    assert (d.message, d.hint) == ("the scenario has no 'title'", "add 'title:'")
    assert (d.message_nl, d.hint_nl) == ("het scenario heeft geen 'title'", "voeg 'title:' toe")


def test_wrong_kind_of_value(tmp_path: Path) -> None:
    """A text where a number belongs: the kinds are named in Dutch, the key stays as written."""
    result = load_text(tmp_path, BASE.replace("start: begin", "start: begin\nminutes: tien"))
    d = _only(result.diagnostics, "WB203")
    assert d.message == "minutes should be a number such as 20, not a text"
    assert d.message_nl == "minutes moet een getal zoals 20 zijn, maar is een tekst"
    assert d.hint_nl == "schrijf het als een getal zoals 20"


def test_yes_read_as_true_gets_the_dutch_quotes_hint(tmp_path: Path) -> None:
    """A bare No in a text is read as false; the Dutch hint says to use quotes."""
    result = load_text(tmp_path, BASE.replace('{nl: "Klaar", en: "Done"}}]', '{nl: "Klaar", en: No}}]'))
    d = _only(result.diagnostics, "WB203")
    assert d.message_nl == "de en-versie van een tekstregel moet \"een tekst tussen aanhalingstekens\" zijn, " \
                           "maar is true/false"
    assert "aanhalingstekens" in d.hint_nl


def test_nested_description_of_a_place(tmp_path: Path) -> None:
    """Descriptions built from parts (the title of the scene 'x') read as Dutch as a whole."""
    result = load_text(tmp_path, BASE.replace("  begin:\n", "  begin:\n    title: {nl: Begin}\n"))
    d = _only(result.diagnostics, "WB206")
    assert d.message == "the title of the scene 'begin' has no 'en' text"
    assert d.message_nl == "de titel van de scène 'begin' heeft geen tekst in de taal 'en'"
    assert d.hint_nl == "voeg en: \"...\" toe"


def test_key_of_another_scene_type(tmp_path: Path) -> None:
    """WB211 names the scene types in Dutch word order."""
    result = load_text(tmp_path, BASE.replace("    next: einde", "    next: einde\n    headline: Kop"))
    d = _only(result.diagnostics, "WB211")
    assert d.message == "'headline' belongs to news scenes, but 'begin' is a dialogue scene"
    assert d.message_nl == "'headline' hoort bij scènes van het type news, maar 'begin' is een dialogue-scène"
    assert d.hint_nl == "verander het type, of haal de sleutel weg"


def test_unknown_scene_in_a_choice(tmp_path: Path) -> None:
    """A goto to a scene that does not exist, with a Dutch suggestion."""
    text = BASE.replace("    next: einde", "    choices:\n      - {id: ok, text: {nl: Ja, en: Yes}, next: eind}")
    d = _only(load_text(tmp_path, text).diagnostics, "WB301")
    assert d.message_nl == "de next van keuze 'ok' in de scène 'begin' gaat naar de scène 'eind', maar die bestaat niet"
    assert d.hint_nl == "bedoel je 'einde'?"


def test_expression_problem_gets_a_dutch_place(tmp_path: Path) -> None:
    """An expression problem names its place in Dutch; the problem itself is Dutch once expressions.py has it."""
    text = BASE.replace("    next: einde", "    next:\n      - {if: \"trust > 1\", goto: einde}\n      - {goto: einde}")
    d = _only(load_text(tmp_path, text).diagnostics, "WB402")
    assert d.message.startswith("in the if of a branch in the next of the scene 'begin': ")
    assert d.message_nl.startswith("in de voorwaarde van een tak in de next van de scène 'begin': ")


def test_asset_problem_in_dutch(tmp_path: Path) -> None:
    """Asset problems (assets.py) have Dutch too."""
    text = BASE.replace("  begin:\n", "  begin:\n    background: plaatjes/kantoor.gif\n")
    d = _only(load_text(tmp_path, text).diagnostics, "WB504")
    assert d.message == "'plaatjes/kantoor.gif' is not an SVG, PNG or JPEG file"
    assert d.message_nl == "'plaatjes/kantoor.gif' is geen SVG-, PNG- of JPEG-bestand"
    assert d.hint_nl == "gebruik een .svg-, .png- of .jpg-bestand"


# ---- many bad files at once: damage a valid scenario in random ways -----------------------------------
_VALUES = [None, True, False, 0, -5, 3.5, "", "No", "x y", "#zz", [], [1, "a"], {}, {"nl": "a"}, {"foo": 1},
           "trust <", "bogus", "09:14", 554, "../x.svg", "C:\\a.png", "a.txt", "img/none.png", "{nope}", "a { b",
           "ja", "Intro Scene", "@h"]
_KEYS = ["titel", "text", "if", "goto", "next", "choices", "ending", "timer", "quiz", "posts", "body", "type",
         "correct", "set", "effects", "id", "speaker", "time", "from", "color", "rating"]


def _damage(tree: object, rng: random.Random) -> None:
    """Replace, drop, rename or add one key or value somewhere in `tree`."""
    places: list[tuple[object, object]] = []

    def walk(node: object) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            places.append((node, key))
            walk(value)

    walk(tree)
    parent, key = rng.choice(places)
    roll = rng.random()
    if roll < 0.4 or not isinstance(parent, dict):
        parent[key] = rng.choice(_VALUES)  # type: ignore[index]
    elif roll < 0.6:
        del parent[key]
    elif roll < 0.85:
        parent[rng.choice(_KEYS)] = parent.pop(key)
    else:
        parent[rng.choice(_KEYS)] = rng.choice(_VALUES)


def test_damaged_scenarios_get_dutch_for_every_loader_diagnostic(tmp_path: Path) -> None:
    """Reach the loader's less common checks too: every diagnostic of a checked code has Dutch."""
    source = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8").split("## Spiekbrief")[1]
    base = yaml.safe_load(source.split("```yaml\n")[1].split("```")[0])
    rng = random.Random(20240611)
    path = tmp_path / "damaged.yaml"
    seen: set[str] = set()
    for _ in range(150):
        tree = yaml.safe_load(yaml.safe_dump(base))
        for _ in range(rng.randint(1, 3)):
            _damage(tree, rng)
        path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
        diagnostics = load_file(path).diagnostics
        seen.update(d.code for d in diagnostics)
        assert _missing_dutch(diagnostics) == []
    assert len({c for c in seen if c.startswith(CHECKED_PREFIXES)}) >= 10, seen
