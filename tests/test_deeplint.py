"""The deep lint: planted problems are found with their paths, the bound is reported, the shipped
scenarios are checked completely and quickly, and on random scenarios it agrees with a plain search."""

from __future__ import annotations

import random
import time
from collections import deque
from pathlib import Path
from typing import Any

import pytest

from game.cli import main
from game.engine.engine import Engine
from game.scenario.deeplint import deep_lint
from game.scenario.expressions import Expression
from game.scenario.loader import load_file, scenario_files
from game.scenario.model import Scenario

from .conftest import SCENARIOS
from .helpers import load_text, scenario_from

LOW_TRUST_DEAD_END = """\
    format: 1
    id: planted
    title: Planted
    languages: [nl]
    meters:
      trust: {label: Vertrouwen, start: 50}
      reach: {label: Bereik, start: 10, good: low}
    flags: {met: false}
    start: post
    scenes:
      post:
        lines: [{text: Er gaat een bericht rond.}]
        choices:
          - {id: check, text: Nagaan, effects: {trust: 5}, next: press}
          - {id: react, text: Reageren, effects: {trust: -15, reach: 10}, next: press}
      press:
        lines: [{text: De pers belt.}]
        choices:
          - {id: answer, text: Antwoorden, set: {met: true}, next: council}
          - {id: hide, text: Niet opnemen, effects: {trust: -10}, next: council}
      council:
        lines: [{text: De raad vergadert.}]
        choices:
          - {id: speak, text: Het woord nemen, if: "trust >= 40", next: done}
          - {id: explain, text: Uitleggen, if: "met and reach < 30", next: done}
      done:
        lines: [{text: Klaar}]
        ending: {rating: good, title: Einde, text: Klaar}
"""


def test_planted_low_meter_dead_end_is_found_with_its_path(tmp_path: Path) -> None:
    """Trust only drops below 40 after react then hide: the error names that path and the values."""
    result = load_text(tmp_path, LOW_TRUST_DEAD_END)
    assert result.ok and not result.diagnostics          # the loader alone cannot see it
    report = deep_lint(result.scenario)
    dead = [f for f in report.findings if f[0] == "WB701"]
    assert len(dead) == 1
    code, pos, (message, _), (hint, _) = dead[0]            # message and hint are Say(en, nl)
    assert pos == (21, 3)                                 # the line of council:
    assert "the scene 'council' has no choice to offer" in message
    assert "trust is 25" in message and "met is false" in message and "reach is 20" in message
    assert "after post: react → press: hide" in message
    assert "--choices 2,2" in hint


def test_dead_end_rejects_the_file_in_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """validate reports WB701 as an error with file:line, and exits 1; --max-states 0 skips the check."""
    path = load_text(tmp_path, LOW_TRUST_DEAD_END).path
    assert load_file(path, max_states=1000).scenario is None
    assert main(["validate", "--lang", "en", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path.name}:21:3: error: the scene 'council' has no choice to offer" in out and "[WB701]" in out
    assert main(["validate", "--max-states", "0", str(path)]) == 0


def test_the_replay_in_the_hint_reaches_the_dead_end(tmp_path: Path) -> None:
    """Playing the positions from the hint on the real engine ends in a scene with nothing on offer."""
    scenario = scenario_from(tmp_path, LOW_TRUST_DEAD_END)
    hint = next(f[3].en for f in deep_lint(scenario).findings if f[0] == "WB701")
    engine = Engine(scenario, clock=lambda: 0.0)
    for number in hint.rsplit("--choices ", 1)[1].split(","):
        engine.choose(int(number) - 1)
    assert engine.scene.id == "council" and engine.available_choices() == []


def test_dead_end_that_needs_a_visit_count(tmp_path: Path) -> None:
    """A choice offered only on the first two visits leaves a dead end on the third."""
    scenario = scenario_from(tmp_path, """\
        format: 1
        id: visits
        title: Visits
        languages: [nl]
        start: hall
        scenes:
          hall:
            lines: [{text: Gang}]
            choices:
              - {id: again, text: Nog eens, if: "visited('hall') < 3", next: hall}
              - {id: leave, text: Weg, if: "visited('hall') == 1", next: done}
          done:
            lines: [{text: Klaar}]
            ending: {rating: good, title: Einde, text: Klaar}
    """)
    dead = [f for f in deep_lint(scenario).findings if f[0] == "WB701"]
    assert len(dead) == 1 and "visited('hall') is 3" in dead[0][2].en
    assert "after hall: again → hall: again" in dead[0][2].en


def test_ending_never_reached_loop_and_constant_conditions(tmp_path: Path) -> None:
    """WB702, WB703 and WB704 each at the right line, with plain messages."""
    scenario = scenario_from(tmp_path, """\
        format: 1
        id: mixed
        title: Mixed
        languages: [nl]
        meters:
          trust: {label: Vertrouwen, start: 50}
        flags: {inside: false}
        start: a
        scenes:
          a:
            lines: [{text: Hallo}]
            choices:
              - {id: up, text: Omhoog, if: "trust < 90", effects: {trust: 10}, next: b}
              - {id: in, text: Naar binnen, set: {inside: true}, next: hall}
          b:
            lines: [{text: Uitslag}]
            next:
              - {if: "trust > 70", goto: top}
              - {goto: done}
          hall:
            lines: [{text: Gang}]
            choices:
              - {id: walk, text: Lopen, next: hall}
              - {id: out, text: Naar buiten, if: "not inside", next: done}
          top:
            lines: [{text: Top}]
            ending: {rating: good, title: Top, text: Top}
          done:
            lines: [{text: Klaar}]
            ending: {rating: mixed, title: Einde, text: Klaar}
    """)
    report = deep_lint(scenario)
    found = {(code, pos[0]) for code, pos, _, _ in report.findings}
    assert report.complete
    assert found == {("WB704", 13), ("WB704", 18), ("WB702", 25), ("WB703", 20), ("WB704", 24)}
    messages = {pos[0]: message.en for _, pos, message, _ in report.findings}
    assert "always holds" in messages[13] and "changes nothing" in messages[13]
    assert "never holds" in messages[18] and "never goes to 'top'" in messages[18]
    assert "loop hall → hall" in messages[20] and "after a: in" in messages[20]
    assert "the choice is never offered" in messages[24] and "inside is true" in messages[24]


def test_bound_hit_is_a_warning_and_leaves_out_never_claims(tmp_path: Path) -> None:
    """A counter used in a sum grows without end: WB705, and no WB702/WB704 from an incomplete search."""
    scenario = scenario_from(tmp_path, """\
        format: 1
        id: rounds
        title: Rounds
        languages: [nl]
        flags: {rounds: 0}
        start: a
        scenes:
          a:
            lines: [{text: "Ronde {rounds}"}]
            choices:
              - {text: Nog een ronde, set: {rounds: "rounds + 1"}, next: a}
              - {text: Stoppen, if: "rounds * 2 > 10", next: b}
          b:
            lines: [{text: Klaar}]
            ending: {rating: good, title: Einde, text: Klaar}
    """)
    report = deep_lint(scenario, max_states=500)
    assert not report.complete and 500 <= report.states <= 510
    assert [f[0] for f in report.findings] == ["WB705"]
    assert "stopped after 50" in report.findings[0][2].en and "--max-states" in report.findings[0][3].en


def test_counter_compared_with_a_number_is_capped(tmp_path: Path) -> None:
    """The same loop with `rounds > 5` is explored completely: beyond 6 rounds nothing changes."""
    scenario = scenario_from(tmp_path, """\
        format: 1
        id: rounds
        title: Rounds
        languages: [nl]
        flags: {rounds: 0}
        start: a
        scenes:
          a:
            lines: [{text: "Ronde {rounds}"}]
            choices:
              - {text: Nog een ronde, set: {rounds: "rounds + 1"}, next: a}
              - {text: Stoppen, if: "rounds > 5", next: b}
          b:
            lines: [{text: Klaar}]
            ending: {rating: good, title: Einde, text: Klaar}
    """)
    report = deep_lint(scenario, max_states=500)
    assert report.complete and report.findings == [] and report.states < 20


SHIPPED = [p for p in scenario_files([SCENARIOS]) if load_file(p).ok]


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_scenarios_are_explored_completely_and_fast(path: Path) -> None:
    """Every shipped scenario: complete within the default bound, no dead end, in well under 5 seconds."""
    scenario = load_file(path).scenario
    started = time.perf_counter()
    report = deep_lint(scenario)
    assert report.complete, report.findings
    assert not [f for f in report.findings if f[0] in ("WB701", "WB705")]
    assert time.perf_counter() - started < 5


# ---- agreement with a plain exhaustive search on random scenarios ----------------------------------

def _random_scenario(rng: random.Random, number: int) -> str:
    """A small random scenario: meters, a flag, a counter, conditions of every kind, guarded loops."""
    count = rng.randint(3, 7)
    scenes = [f"s{i}" for i in range(count)]
    ids = {s: [c for c in "abc"[: rng.randint(1, 3)]] for s in scenes}
    auto = {s for s in scenes[1:] if rng.random() < 0.25}
    for s in auto:
        ids[s] = []

    def condition() -> str:
        atoms = [f"m0 >= {rng.choice([30, 45, 50, 60, 75])}", f"m1 < {rng.choice([20, 40, 55])}", "f0", "not f0",
                 f"c0 >= {rng.randint(1, 3)}", f"visited('{rng.choice(scenes)}') > {rng.randint(0, 1)}"]
        pairs = [(s, c) for s in scenes for c in ids[s]]
        if pairs:
            atoms.append("chose('%s', '%s')" % rng.choice(pairs))
        text = rng.choice(atoms)
        if rng.random() < 0.4:
            text = f"{text} {rng.choice(['and', 'or'])} {rng.choice(atoms)}"
        return text

    def target(i: int) -> str:
        later = scenes[i + 1:] + ["e0", "e1"]
        return rng.choice(later)

    def next_value(i: int) -> str:
        if rng.random() < 0.5:
            return target(i)
        branches = [f"{{if: \"{condition()}\", goto: {target(i)}}}" for _ in range(rng.randint(1, 2))]
        return "[" + ", ".join(branches + [f"{{goto: {target(i)}}}"]) + "]"

    lines = ["format: 1", f"id: random-{number}", "title: R", "languages: [nl]",
             "meters:", f"  m0: {{label: M0, start: {rng.choice([40, 50, 60])}}}",
             f"  m1: {{label: M1, start: {rng.choice([10, 30, 50])}, good: low}}",
             "flags: {f0: false, c0: 0}", "start: s0", "scenes:"]
    for i, s in enumerate(scenes):
        lines.append(f"  {s}:")
        lines.append("    lines: [{text: T}]")
        if s in auto:
            lines.append(f"    next: {next_value(i)}")
            continue
        lines.append("    choices:")
        for c in ids[s]:
            parts = [f"id: {c}", "text: K"]
            if rng.random() < 0.5:
                parts.append(f"if: \"{condition()}\"")
            effects = {m: rng.choice([-20, -10, -5, 5, 10, 20]) for m in ("m0", "m1") if rng.random() < 0.6}
            if effects:
                parts.append("effects: {" + ", ".join(f"{m}: {d}" for m, d in effects.items()) + "}")
            sets = []
            if rng.random() < 0.3:
                sets.append(f"f0: {rng.choice(['true', 'false'])}")
            if rng.random() < 0.3:
                sets.append("c0: \"c0 + 1\"")
            if sets:
                parts.append("set: {" + ", ".join(sets) + "}")
            if rng.random() < 0.15:       # a loop back, guarded by a visit count: each is taken a few times
                back = rng.choice(scenes[: i + 1])
                parts = [p for p in parts if not p.startswith("if:")]
                parts += [f"if: \"visited('{back}') < {rng.randint(2, 3)}\"", f"next: {back}"]
            else:
                parts.append(f"next: {next_value(i)}")
            lines.append("      - {" + ", ".join(parts) + "}")
    for e, rating in (("e0", "good"), ("e1", "bad")):
        lines += [f"  {e}:", "    lines: [{text: E}]", f"    ending: {{rating: {rating}, title: E, text: E}}"]
    return "\n".join(lines) + "\n"


class _Plain:
    """The reference: states are whole dictionaries, no abstraction, no pruning (the contract's rules)."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.vals: dict[str, Any] = {}
        self.visits: dict[str, int] = {}
        self.chosen: frozenset[tuple[str, str]] = frozenset()

    def value(self, name: str) -> Any:
        return self.vals[name]

    def visited(self, scene: str) -> int:
        return self.visits.get(scene, 0)

    def chose(self, scene: str, choice: str) -> bool:
        return (scene, choice) in self.chosen

    def load(self, state: tuple[Any, ...]) -> None:
        _, vals, visits, chosen = state
        self.vals, self.visits, self.chosen = dict(vals), dict(visits), chosen

    def explore(self) -> tuple[set[str], set[str], dict[tuple[int, int], set[bool]], bool]:
        """Reached scenes, dead-end scenes, outcomes per condition position, and an inescapable loop."""
        scenario = self.scenario
        start_vals = {m.id: m.start for m in scenario.meters.values()} | {f.id: f.start for f in scenario.flags.values()}
        first = (scenario.start, tuple(sorted(start_vals.items())), ((scenario.start, 1),), frozenset())
        seen, queue, edges = {first}, deque([first]), {}
        reached, dead, outcomes, endings = set(), set(), {}, set()

        def test(expr: Expression, pos: tuple[int, int]) -> bool:
            result = bool(expr.evaluate(self))
            outcomes.setdefault(pos, set()).add(result)
            return result

        def resolve(branches: list) -> str:
            for branch in branches:
                if branch.condition is None or test(branch.condition, branch.condition_pos):
                    return branch.goto
            raise AssertionError("the last branch has no if")

        def enter(scene: str) -> tuple[Any, ...]:
            visits = dict(self.visits)
            visits[scene] = visits.get(scene, 0) + 1
            return (scene, tuple(sorted(self.vals.items())), tuple(sorted(visits.items())), self.chosen)

        while queue:
            state = queue.popleft()
            scene = scenario.scenes[state[0]]
            reached.add(scene.id)
            edges[state] = []
            if scene.ending:
                endings.add(state)
                continue
            self.load(state)
            if scene.next:
                edges[state].append(enter(resolve(scene.next)))
            offered = [c for c in scene.choices if c.condition is None or (self.load(state), test(c.condition, c.condition_pos))[1]]
            if scene.choices and not offered:
                dead.add(scene.id)
            for choice in offered:
                self.load(state)
                for meter, delta in choice.effects.items():
                    spec = scenario.meters[meter]
                    self.vals[meter] = min(spec.max, max(spec.min, self.vals[meter] + delta))
                new = {f: (v.evaluate(self) if isinstance(v, Expression) else v) for f, v in choice.sets.items()}
                self.vals.update(new)
                self.chosen = self.chosen | {(scene.id, choice.key)}
                edges[state].append(enter(resolve(choice.next)))
            for target in edges[state]:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        good = set(endings)
        changed = True
        while changed:
            changed = False
            for state, targets in edges.items():
                if state not in good and any(t in good for t in targets):
                    good.add(state)
                    changed = True
        stuck = {s for s, targets in edges.items() if s not in good and targets}
        loop = any(any(t in stuck for t in edges[s]) for s in stuck)
        return reached, dead, outcomes, loop


@pytest.mark.parametrize("seed", range(60))
def test_agrees_with_a_plain_search_on_random_scenarios(seed: int, tmp_path: Path) -> None:
    """Reached scenes, dead ends, constant conditions and loops match an exhaustive search without
    abstractions; this checks the caps, buckets, forgetting and pruning."""
    rng = random.Random(seed)
    result = load_text(tmp_path, _random_scenario(rng, seed))
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    scenario = result.scenario
    reached, dead, outcomes, loop = _Plain(scenario).explore()
    report = deep_lint(scenario)
    assert report.complete
    assert report.reached_scenes == reached
    found_dead = {message.en.split("'")[1] for code, _, message, _ in report.findings if code == "WB701"}
    assert found_dead == dead
    constant = {pos for pos, seen in outcomes.items() if len(seen) == 1}
    assert {pos for code, pos, _, _ in report.findings if code == "WB704"} == constant
    if not dead:
        assert any(code == "WB703" for code, *_ in report.findings) == loop


def test_time_bound_is_reported_too(tmp_path: Path) -> None:
    """With no time at all the check stops at once and says it stopped after some seconds."""
    scenario = scenario_from(tmp_path, LOW_TRUST_DEAD_END)
    report = deep_lint(scenario, max_seconds=0.0)
    assert not report.complete
    assert [f[0] for f in report.findings] == ["WB705"] and "seconds" in report.findings[0][2].en


def test_the_text_replay_of_a_dead_end_says_the_player_is_stuck(tmp_path: Path) -> None:
    """play --text --choices <the hint's numbers> ends with a line saying no choice is to be seen, in Dutch."""
    from game.textplayer import play_scripted

    scenario = scenario_from(tmp_path, LOW_TRUST_DEAD_END)
    hint = next(f[3].en for f in deep_lint(scenario).findings if f[0] == "WB701")
    numbers = [int(n) for n in hint.rsplit("--choices ", 1)[1].split(",")]
    lines: list[str] = []
    play_scripted(Engine(scenario, clock=lambda: 0.0), numbers, "nl", lines.append)
    assert lines[-1] == "(Geen keuze te zien: hier loopt de speler vast.)"
