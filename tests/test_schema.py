"""The JSON Schema: committed copy up to date, valid 2020-12, shipped scenarios pass it, typos fail it,
and every shipped scenario points VS Code at it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from game.cli import main
from game.scenario.loader import scenario_files
from game.scenario.schema import schema_json, scenario_schema
from game.tools.starter import starter_files

from .conftest import ROOT, SCENARIOS

jsonschema = pytest.importorskip("jsonschema")
COMMITTED = ROOT / "schema" / "scenario.schema.json"
HEADER = "# yaml-language-server: $schema=../schema/scenario.schema.json"
SHIPPED = scenario_files([SCENARIOS])
VALID = """\
format: 1
id: demo
title: Demo
languages: [nl]
start: a
scenes:
  a:
    lines: [{text: Hallo}]
    ending: {rating: good, title: Einde, text: Klaar}
"""


def _validator() -> object:
    """A 2020-12 validator for the generated schema."""
    return jsonschema.Draft202012Validator(scenario_schema())


def test_committed_schema_is_up_to_date() -> None:
    """schema/scenario.schema.json is exactly what `python main.py schema` writes (regenerate it if not)."""
    assert COMMITTED.read_text(encoding="utf-8") == schema_json(), "run: python main.py schema --output schema/scenario.schema.json"


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema itself passes the 2020-12 meta-schema."""
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenario_passes_the_schema_and_points_at_it(path: Path) -> None:
    """Each shipped scenario validates and starts with the yaml-language-server line."""
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    errors = [f"{list(e.path)}: {e.message}" for e in _validator().iter_errors(yaml.safe_load(text))]
    assert errors == []


def test_starter_passes_the_schema(tmp_path: Path) -> None:
    """The `new` starter is schema-valid too."""
    text = next(iter(starter_files("demo", tmp_path).values()))
    assert list(_validator().iter_errors(yaml.safe_load(text))) == []


@pytest.mark.parametrize("change, where", [
    (("title: Demo", "titel: Demo\ntitle: Demo"), "titel"),                          # unknown key (WB201)
    (("title: Demo\n", ""), "title"),                                               # missing key (WB202)
    (("format: 1", "format: 2"), "format"),                                         # WB204
    (("lines: [{text: Hallo}]", "lines: [{text: Hallo}]\n    next: a"), "oneOf"),   # two ways on (WB210)
    (("lines: [{text: Hallo}]", "lines: [{text: Hallo}]\n    headline: Kop"), "Kop"),  # WB211
    (("    lines: [{text: Hallo}]", "    type: feed\n    lines: [{text: Hallo}]"), "posts"),  # feed needs posts
    (("rating: good", "rating: great"), "great"),                                   # WB209
    (("[nl]", "[nl, en]\nsummary: {nl: a, EN: b}"), "EN"),                          # not a language code
    (("lines: [{text: Hallo}]", "lines: [{spreker: x, text: Hallo}]"), "spreker"),  # typo in a line
])
def test_typical_mistakes_fail_the_schema(change: tuple[str, str], where: str) -> None:
    """What a trainer types wrong is flagged by the editor too, naming the key or rule."""
    assert list(_validator().iter_errors(yaml.safe_load(VALID))) == []
    text = VALID.replace(*change)
    assert text != VALID
    errors = list(_validator().iter_errors(yaml.safe_load(text)))
    assert errors, text
    assert any(where in " ".join([e.message, *map(str, e.absolute_schema_path), *map(str, e.absolute_path),
                                  *(map(str, e.instance) if isinstance(e.instance, dict) else [])])
               for e in errors), \
        [e.message for e in errors]


def test_schema_describes_every_key_for_completion() -> None:
    """Scene, choice and text definitions list their keys (what VS Code offers while typing)."""
    defs = scenario_schema()["$defs"]
    assert {"type", "choices", "next", "ending", "posts", "messages", "headline", "quiz", "timer", "note"} <= set(
        defs["scene"]["properties"])
    assert {"id", "text", "if", "effects", "set", "quality", "correct", "feedback", "next"} == set(
        defs["choice"]["properties"])
    assert [s.get("type") for s in defs["text"]["oneOf"]] == ["string", "object"]
    assert all(re.search(r" / ", d["description"]) for d in (defs["text"], defs["expression"]))


def test_cli_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`schema` prints the schema, or writes it with --output."""
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Weerbaar scenario"
    out = tmp_path / "s.json"
    assert main(["schema", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == schema_json()
