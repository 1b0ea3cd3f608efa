"""Engine behaviour: clamping, branch order, visited/chose, quiz, timers, saves, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.engine import Engine, InvalidChoiceError, NoChoiceError
from game.scenario.loader import load_file

from .conftest import SCENARIOS
from .helpers import scenario_from

LOOP = """
format: 1
id: loop
title: Loop
languages: [nl]
meters:
  trust: {label: Vertrouwen, start: 90, min: 0, max: 100}
  reach: {label: Bereik, start: 5, good: low}
flags: {calls: 0, who: "", asked: false}
start: hub
scenes:
  hub:
    lines: [{text: "Vertrouwen {trust}, bereik {reach}, gesprekken {calls}"}]
    choices:
      - id: boost
        text: Meer
        effects: {trust: 30, reach: -20}
        set: {calls: "calls + 1", who: "'anna'", asked: "trust == 100"}
        next: hub
      - id: drop
        text: Minder
        effects: {trust: -70}
        next:
          - {if: "trust < 30", goto: low}
          - {if: "visited('hub') > 2 and chose('hub', 'boost')", goto: veteran}
          - {goto: hub}
      - id: never
        text: Nooit
        if: "reach > 50"
        next: low
  low:
    type: dialogue
    quiz: true
    lines: [{text: "Welke techniek?"}]
    timer: {seconds: 10, choice: wrong}
    choices:
      - {id: right, text: Emotie, correct: true, next: veteran}
      - {id: wrong, text: Imitatie, correct: false, next: veteran}
  veteran:
    lines: [{text: Klaar}]
    ending: {rating: good, title: Einde, text: "Klaar met {calls}"}
"""


@pytest.fixture()
def engine(tmp_path: Path) -> Engine:
    """A fresh engine on the loop scenario, with a fake clock."""
    ticks = iter(range(0, 10_000, 2))
    return Engine(scenario_from(tmp_path, LOOP), clock=lambda: float(next(ticks)))


def test_start_counts_a_visit(engine: Engine) -> None:
    """Entering the start scene counts as a visit and starts the path."""
    assert engine.state.scene == "hub"
    assert engine.visited("hub") == 1
    assert engine.state.path == ["hub"]


def test_effects_clamp_and_set_sees_changed_meters(engine: Engine) -> None:
    """Effects are clamped to min..max; set expressions see the meters after the effects."""
    result = engine.choose("boost")
    assert engine.state.meters == {"trust": 100, "reach": 0}
    assert engine.state.flags == {"calls": 1, "who": "anna", "asked": True}
    assert result.deltas == {"trust": (90, 100), "reach": (5, 0)}
    assert engine.visited("hub") == 2  # re-entering through its own choice counts


def test_branches_are_tried_in_order(engine: Engine) -> None:
    """The first branch whose condition holds wins; the last is the fallback."""
    engine.choose("drop")  # trust 90 -> 20: first branch
    assert engine.state.scene == "low"


def test_fallback_and_visited_chose_branch(tmp_path: Path) -> None:
    """visited() and chose() steer branches after several visits."""
    engine = Engine(scenario_from(tmp_path, LOOP))
    engine.choose("boost")  # trust 100
    engine.choose("drop")  # trust 30: not < 30; visited(hub) == 2 -> fallback to hub
    assert engine.state.scene == "hub" and engine.visited("hub") == 3
    engine.choose("boost")  # 60
    engine.choose("drop")  # -10 -> 0 < 30 -> low
    assert engine.state.scene == "low"


def test_conditions_hide_choices(engine: Engine) -> None:
    """A choice whose if is false is not offered and cannot be taken."""
    assert [c.key for c in engine.available_choices()] == ["boost", "drop"]
    with pytest.raises(InvalidChoiceError):
        engine.choose("never")


def test_quiz_score_and_timer(engine: Engine) -> None:
    """Quiz answers count; an expired timer takes its choice and is recorded as timed out."""
    engine.choose("drop")
    result = engine.expire_timer()
    assert result.timed_out and result.correct is False
    assert engine.state.quiz_asked == 1 and engine.state.quiz_right == 0
    assert engine.ended and engine.ending is not None and engine.ending.rating == "good"
    assert engine.state.history[-1].timed_out
    assert engine.text(engine.ending.text, "nl") == "Klaar met 0"


def test_decisions_record_time_taken(engine: Engine) -> None:
    """Each decision records the seconds since its scene was entered (fake clock ticks by 2)."""
    engine.choose("boost")
    assert engine.state.history[0].seconds == 2.0


def test_placeholders_fill_with_current_values(engine: Engine) -> None:
    """Texts show current meter and flag values."""
    line = engine.scene.lines[0].text
    assert engine.text(line, "nl") == "Vertrouwen 90, bereik 5, gesprekken 0"
    engine.choose("boost")
    assert engine.text(line, "nl") == "Vertrouwen 100, bereik 0, gesprekken 1"


def test_json_round_trip_mid_game(tmp_path: Path) -> None:
    """A mid-game state survives JSON and plays on identically."""
    scenario = scenario_from(tmp_path, LOOP)
    first = Engine(scenario)
    first.choose("boost")
    first.choose("drop")
    saved = json.loads(json.dumps(first.to_dict()))
    second = Engine.from_dict(scenario, saved)
    assert second.to_dict() == first.to_dict()
    assert second.state.scene == first.state.scene
    for engine in (first, second):
        engine.choose("boost")
    assert second.state.meters == first.state.meters and second.state.path == first.state.path
    assert second.chose("hub", "boost")


def test_restore_rejects_other_scenario(tmp_path: Path) -> None:
    """A save of another scenario is refused with a clear message."""
    scenario = scenario_from(tmp_path, LOOP)
    data = Engine(scenario).to_dict()
    data["scenario"] = "other"
    with pytest.raises(ValueError, match="other"):
        Engine.from_dict(scenario, data)


def test_same_choices_same_result() -> None:
    """Determinism: the example played twice with the same choices ends identically."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    runs = []
    for _ in range(2):
        engine = Engine(scenario, clock=lambda: 0.0)
        engine.run_automatic()
        while not engine.ended:
            engine.choose(0)
            engine.run_automatic()
        runs.append(engine.to_dict())
    assert runs[0] == runs[1]


def test_no_choice_at_run_time_is_an_engine_error(tmp_path: Path) -> None:
    """If every choice is hidden (a lint should catch it), choose raises NoChoiceError instead of hanging."""
    scenario = scenario_from(tmp_path, """
        format: 1
        id: stuck
        title: Vast
        languages: [nl]
        meters: {trust: {label: V, start: 10}}
        start: a
        scenes:
          a:
            lines: [{text: Hallo}]
            choices:
              - {text: Alleen bij vertrouwen, if: "trust > 50", effects: {trust: 1}, next: b}
          b:
            lines: [{text: Klaar}]
            ending: {rating: good, title: Einde, text: Klaar}
        """)
    engine = Engine(scenario)
    assert engine.available_choices() == []
    with pytest.raises(NoChoiceError):
        engine.choose(0)


def test_machine_uses_no_auto_transitions(engine: Engine) -> None:
    """transitions is configured without the quadratic to_<state> triggers."""
    assert not hasattr(engine._story, "to_hub")
    assert engine.machine.auto_transitions is False


def test_progress_grows_to_one(tmp_path: Path) -> None:
    """Progress starts at 0 and is 1 at an ending."""
    engine = Engine(scenario_from(tmp_path, LOOP))
    assert engine.progress() == 0.0
    engine.choose("drop")
    assert 0 < engine.progress() < 1
    engine.choose("right")
    assert engine.progress() == 1.0


def test_a_show_of_hands_is_kept_with_the_decision() -> None:
    """choose(votes=...) records every offered choice's hands (0 where none), survives JSON, and reaches the export."""
    import json
    from datetime import datetime

    from game.report import session_data, session_markdown

    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    engine = Engine(scenario, clock=lambda: 0.0)
    while not engine.needs_choice():
        engine.advance()
    offered = [c.key for c in engine.available_choices()]
    engine.choose(offered[0], votes={offered[0]: 7, offered[1]: 3})
    decision = engine.state.history[-1]
    assert decision.votes == {offered[0]: 7, offered[1]: 3, **{k: 0 for k in offered[2:]}}
    again = Engine.from_dict(scenario, json.loads(json.dumps(engine.to_dict())))
    assert again.state.history[-1].votes == decision.votes
    data = session_data(engine, "nl", datetime(2026, 11, 28, 14, 5))
    assert [v["hands"] for v in data["decisions"][0]["votes"]][:2] == [7, 3]
    assert "Handen in de zaal: 7 × " in session_markdown(data)


@pytest.mark.parametrize("votes", [{"nope": 2}, {"#1": -1}, {"#1": True}, {"#1": 1.5}])
def test_votes_must_be_hands_for_choices_on_offer(votes: dict) -> None:  # type: ignore[type-arg]
    """Unknown choices, negative, true/false or fractional hands are refused, and nothing is recorded."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    engine = Engine(scenario, clock=lambda: 0.0)
    while not engine.needs_choice():
        engine.advance()
    first = engine.available_choices()[0].key
    votes = {first if k == "#1" else k: v for k, v in votes.items()}
    with pytest.raises(InvalidChoiceError):
        engine.choose(first, votes=votes)
    assert not engine.state.history
