"""`new`: the starter scenario validates strictly (deep check included), its test plan passes, it uses
every feature of the format once, and nothing is overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.deeplint import DEFAULT_MAX_STATES
from game.scenario.loader import load_file
from game.scenario.model import SCENE_TYPES
from game.testplan import run_plan
from game.tools.starter import StarterError, write_starter


def test_starter_validates_strictly_and_its_plan_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No error, no warning, and every run of the plan green (every ending reached)."""
    assert main(["new", "zwembad-gerucht", "--output", str(tmp_path)]) == 0
    scenario_path = tmp_path / "zwembad-gerucht.yaml"
    assert f"geschreven: {scenario_path}" in capsys.readouterr().out  # Dutch unless --lang/WEERBAAR_LANG say otherwise
    result = load_file(scenario_path, max_states=DEFAULT_MAX_STATES)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]
    assert main(["validate", "--strict", str(scenario_path)]) == 0
    report = run_plan(tmp_path / "zwembad-gerucht.test.yaml")
    assert report.passed and len(report.runs) == 5, report.problems
    plan_text = (tmp_path / "zwembad-gerucht.test.yaml").read_text(encoding="utf-8")
    for scene_id, scene in result.scenario.scenes.items():
        if scene.ending:
            assert f"ending: {scene_id}" in plan_text


def test_starter_shows_every_feature_once(tmp_path: Path) -> None:
    """Every scene type, a quiz, a timer, branches with visited() and chose(), every rating, meters with
    every option, all kinds of flags, a glossary entry, a debrief, placeholders and x- notes."""
    write_starter("demo", tmp_path)
    text = (tmp_path / "demo.yaml").read_text(encoding="utf-8")
    scenario = load_file(tmp_path / "demo.yaml").scenario
    scenes = scenario.scenes.values()
    assert {s.type for s in scenes} == set(SCENE_TYPES)
    assert any(s.quiz for s in scenes) and any(s.timer for s in scenes)
    assert {s.ending.rating for s in scenes if s.ending} == {"good", "mixed", "bad"}
    assert {type(f.start) for f in scenario.flags.values()} == {bool, int, str}
    assert any(m.hidden for m in scenario.meters.values()) and any(m.good == "low" for m in scenario.meters.values())
    assert scenario.glossary and scenario.debrief.sources and scenario.summary and scenario.minutes
    for piece in ("visited('", "chose('", "{{", "{reach}", "{spokesperson}", "x-auteur", "note:", "feedback:",
                  "quality:", "background:", "image:", "verified: true", "fake: true", "letterhead:", "signature:",
                  "app:", "# yaml-language-server: $schema="):
        assert piece in text, piece


def test_starter_points_at_the_schema_from_where_it_is_written(tmp_path: Path) -> None:
    """The schema line is relative to the folder the file is written to."""
    write_starter("demo", tmp_path / "deep" / "er")
    first = (tmp_path / "deep" / "er" / "demo.yaml").read_text(encoding="utf-8").splitlines()[0]
    target = (tmp_path / "deep" / "er" / first.split("$schema=")[1]).resolve()
    assert target == (Path(__file__).resolve().parents[1] / "schema" / "scenario.schema.json")


def test_new_refuses_bad_ids_and_overwriting(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad id and an existing file are usage errors with a plain message."""
    assert main(["new", "Mijn Scenario", "--output", str(tmp_path)]) == 2
    assert "geen geldig scenario-id" in capsys.readouterr().err
    write_starter("demo", tmp_path)
    with pytest.raises(StarterError, match="already exists"):
        write_starter("demo", tmp_path)
    assert main(["new", "demo", "--output", str(tmp_path)]) == 2


def test_new_speaks_english_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """WEERBAAR_LANG=en: the command's own lines are English."""
    monkeypatch.setenv("WEERBAAR_LANG", "en")
    assert main(["new", "demo", "--output", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'demo.yaml'}" in out and "next: open" in out
    assert main(["new", "Bad Id", "--output", str(tmp_path)]) == 2
    assert "is not a valid scenario id" in capsys.readouterr().err
