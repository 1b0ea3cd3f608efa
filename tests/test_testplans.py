"""Test plans: every shipped scenario's plan passes, and a wrong plan fails with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.engine.jump import JumpError, parse_assignments, start_engine
from game.scenario.loader import load_file
from game.testplan import format_report, run_plan

from .conftest import SCENARIOS

PLANS = sorted(SCENARIOS.glob("*.test.yaml"))


@pytest.mark.parametrize("plan", PLANS, ids=[p.name for p in PLANS])
def test_shipped_plan_passes(plan: Path) -> None:
    """Each shipped test plan runs green against the real engine."""
    report = run_plan(plan)
    text, passed, failed = format_report([report])
    assert report.passed and passed > 0 and failed == 0, text


def test_every_shipped_scenario_has_a_plan_reaching_every_ending() -> None:
    """Each scenario's plan reaches each of its endings in some run."""
    for path in sorted(SCENARIOS.glob("*.yaml")):
        if path.name.endswith(".test.yaml"):
            continue
        scenario = load_file(path).scenario
        assert scenario is not None, path
        plan = path.with_name(path.stem + ".test.yaml")
        assert plan.exists(), f"{path.name} has no test plan"
        text = plan.read_text(encoding="utf-8")
        for scene_id, scene in scenario.scenes.items():
            if scene.ending is not None:
                assert f"ending: {scene_id}" in text, f"{plan.name} never expects the ending '{scene_id}'"


def test_a_wrong_expectation_fails_with_file_line_and_reason(tmp_path: Path) -> None:
    """A plan that expects the wrong thing fails, naming the step and what was found."""
    (tmp_path / "example.yaml").write_text((SCENARIOS / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "example.test.yaml"
    plan.write_text("runs:\n  - name: wrong\n    steps:\n      - choose: check\n      - expect: {scene: quiz}\n"
                    "  - name: not offered\n    steps:\n      - choose: ask_again\n", encoding="utf-8")
    report = run_plan(plan)
    if report.problems:  # assets resolve against the game's assets folder, so this should not happen
        pytest.fail("\n".join(report.problems))
    assert [r.passed for r in report.runs] == [False, False]
    assert "step 2: expected scene 'quiz', but it is 'chat'" in report.runs[0].failures[0]
    assert ":5:" in report.runs[0].failures[0]
    assert "'ask_again' is not offered in 'timeline'" in report.runs[1].failures[0]
    assert main(["test", str(plan)]) == 1
    dutch = run_plan(plan, "nl")
    assert "stap 2: verwacht: scène 'quiz', maar het is 'chat'" in dutch.runs[0].failures[0]
    assert "'ask_again' is niet te kiezen in 'timeline' (te kiezen: " in dutch.runs[1].failures[0]
    text, passed, failed = format_report([dutch], "nl")
    assert (passed, failed) == (0, 2) and "  FOUT  wrong" in text and text.endswith("0 geslaagd, 2 mislukt")


def test_assignments_are_parsed_and_checked() -> None:
    """--set values are typed and checked against the declared meters and flags."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    values = parse_assignments(["trust=40", "checked_source=true", "spokesperson_said='x'"])
    assert values == {"trust": 40, "checked_source": True, "spokesperson_said": "x"}
    engine = start_engine(scenario, "chat", values)
    assert engine.state.scene == "chat" and engine.state.meters["trust"] == 40
    assert [c.key for c in engine.available_choices()] == ["answer", "wait", "ask_again"]
    for bad in (["trust=400"], ["trust=true"], ["checked_source=3"], ["nobody=1"]):
        with pytest.raises(JumpError):
            start_engine(scenario, None, parse_assignments(bad))
    with pytest.raises(JumpError, match="no scene 'nowhere'"):
        start_engine(scenario, "nowhere", {})
    with pytest.raises(JumpError):
        parse_assignments(["trust"])


def test_plan_messages_use_yaml_spelling_and_explain_comparisons(tmp_path: Path) -> None:
    """A plan compares flags in YAML spelling (false, not False) and rejects a comparison it cannot read."""
    (tmp_path / "example.yaml").write_text((SCENARIOS / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "example.test.yaml"
    plan.write_text("runs:\n  - name: a\n    steps:\n      - expect: {meters: {trust: \"meer dan 50\"}}\n"
                    "  - name: b\n    steps:\n      - expect: {flags: {checked_source: ja}}\n", encoding="utf-8")
    report = run_plan(plan)
    assert "is not a number or a comparison" in report.runs[0].failures[0]
    assert report.runs[1].failures[0].endswith("expected flag 'checked_source' 'ja', but it is false "
                                               "(write true or false, not ja or nee)")


def test_plan_typos_get_a_suggestion(tmp_path: Path) -> None:
    """expext: gets 'did you mean expect?'; a flag expected as ja gets 'write true or false'."""
    (tmp_path / "example.yaml").write_text((SCENARIOS / "example.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    plan = tmp_path / "example.test.yaml"
    plan.write_text("runs:\n  - name: typo\n    steps:\n      - expext: {scene: timeline}\n"
                    "  - name: ja\n    steps:\n      - choose: check\n      - expect: {flags: {checked_source: ja}}\n",
                    encoding="utf-8")
    report = run_plan(plan, "nl")
    assert report.runs[0].failures[0].endswith("bedoel je 'expect'?")
    assert report.runs[1].failures[0].endswith("(schrijf true of false, niet ja of nee)")
