"""The engine: plays a Scenario on a transitions state machine, knowing nothing of drawing."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from transitions import Machine

from ..i18n import tr
from ..scenario.expressions import Expression
from ..scenario.gcpause import paused_gc
from ..scenario.model import Branch, Choice, Ending, Scenario, Scene, Text, Value
from ..scenario.placeholders import fill, format_value
from .state import Decision, GameState


class EngineError(Exception):
    """Something the scenario's author should have prevented (the linter catches these)."""


class NoChoiceError(EngineError):
    """A scene with choices offers none in the current state."""


class InvalidChoiceError(EngineError):
    """A choice that is not on offer was asked for."""


@dataclass
class ChoiceResult:
    """What taking a choice did, for the feedback screen."""

    scene: str
    choice: Choice
    feedback: Text | None
    deltas: dict[str, tuple[float, float]]
    correct: bool | None
    timed_out: bool
    next_scene: str
    ended: bool


@dataclass
class _Story:
    """The model object transitions drives; its `state` is the current scene id."""

    state: str = ""
    callbacks: dict[str, Any] = field(default_factory=dict)


def _number(value: float) -> float:
    """Store integral numbers as int so saves and JSON stay tidy."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Engine:
    """Plays one scenario: current scene, choices, effects, branches, history."""

    ADVANCE = "advance"

    def __init__(self, scenario: Scenario, state: GameState | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """Build the machine for `scenario` and start it (or resume `state`)."""
        self.scenario = scenario
        self.clock = clock
        self._story = _Story()
        with paused_gc():
            self.machine = self._build_machine()
            self._distance = self._decisions_to_ending()
        self._entered_at = clock()
        if state is None:
            self.state = GameState(
                scenario=scenario.id,
                scene=scenario.start,
                meters={m.id: _number(m.start) for m in scenario.meters.values()},
                flags={f.id: f.start for f in scenario.flags.values()},
            )
            self._chosen: set[tuple[str, str]] = set()
            self._enter(scenario.start)
        else:
            self._check_state(state)
            self.state = state
            self._chosen = set(state.chosen)
            self.machine.set_state(state.scene, model=self._story)

    # ---- the machine -----------------------------------------------------
    def _build_machine(self) -> Machine:
        """One state per scene; one trigger per choice position plus 'advance'."""
        scenario = self.scenario
        machine = Machine(model=self._story, states=list(scenario.scenes), initial=scenario.start,
                          auto_transitions=False, send_event=False, ignore_invalid_triggers=False,
                          after_state_change=self._after_change)
        for scene in scenario.scenes.values():
            if scene.next:
                self._add_branches(machine, self.ADVANCE, scene.id, scene.next)
            for choice in scene.choices:
                self._add_branches(machine, self._trigger(choice), scene.id, choice.next)
        return machine

    def _add_branches(self, machine: Machine, trigger: str, source: str, branches: list[Branch]) -> None:
        """Add a transition per branch, in order; transitions takes the first whose condition holds."""
        for branch in branches:
            conditions = [self._condition(branch.condition)] if branch.condition is not None else []
            machine.add_transition(trigger, source, branch.goto, conditions=conditions)

    def _condition(self, expression: Expression) -> Callable[..., bool]:
        """Bind an expression to this engine's state as a transitions condition."""
        return lambda *args, **kwargs: bool(expression.evaluate(self))

    @staticmethod
    def _trigger(choice: Choice) -> str:
        """The trigger for a choice: its position in the scene."""
        return f"choice_{choice.index}"

    def _after_change(self, *args: Any, **kwargs: Any) -> None:
        """Called by transitions after every transition: count the visit."""
        self._enter(self._story.state)

    def _enter(self, scene_id: str) -> None:
        """Record entering a scene."""
        state = self.state
        state.scene = scene_id
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        state.path.append(scene_id)
        if self.scenario.scenes[scene_id].ending is not None:
            state.ended = True
        self._entered_at = self.clock()

    # ---- what a front end reads -------------------------------------------
    @property
    def scene(self) -> Scene:
        """The current scene."""
        return self.scenario.scenes[self.state.scene]

    @property
    def ended(self) -> bool:
        """True once an ending scene has been entered."""
        return self.state.ended

    @property
    def ending(self) -> Ending | None:
        """The ending reached, if any."""
        return self.scene.ending if self.state.ended else None

    def available_choices(self) -> list[Choice]:
        """The choices shown now: those whose condition holds."""
        return [c for c in self.scene.choices if c.condition is None or c.condition.evaluate(self)]

    def needs_choice(self) -> bool:
        """True when the current scene waits for the player to choose."""
        return bool(self.scene.choices) and not self.state.ended

    def can_advance(self) -> bool:
        """True when the current scene goes on by itself (it has `next`)."""
        return bool(self.scene.next) and not self.state.ended

    def text(self, text: Text | None, lang: str) -> str:
        """A text in `lang` with its {placeholders} filled in from the current state."""
        if text is None:
            return ""
        return fill(text.get(lang), lambda name: self._placeholder(name, lang))

    def _placeholder(self, name: str, lang: str) -> str:
        """The value shown for {name}."""
        character = self.scenario.characters.get(name)
        if character is not None:
            return character.name
        if name in self.state.meters:
            return format_value(self.state.meters[name], lang)
        if name in self.state.flags:
            return format_value(self.state.flags[name], lang)
        return "{" + name + "}"

    def scene_label(self, scene_id: str, lang: str) -> str:
        """A short name for a scene in lists such as the debrief and the export, in the player's language: its
        title, headline or heading, the ending's title, the app or outlet, else who speaks or its kind."""
        scene = self.scenario.scenes[scene_id]
        for text in (scene.title, scene.headline, scene.heading):
            if text is not None:
                return self.text(text, lang)
        if scene.ending is not None:
            return self.text(scene.ending.title, lang)
        if scene.app or scene.outlet:
            return scene.app or scene.outlet or ""
        characters = self.scenario.characters
        speaker = next((line.speaker for line in scene.lines if line.speaker in characters), None)
        if speaker is not None and scene.type == "dialogue":
            return tr("scene_dialogue_with", lang, name=characters[speaker].name)
        return tr(f"scene_{scene.type}", lang)

    def progress(self) -> float:
        """A 0..1 estimate of how far the player is: decisions made against the fewest still to come."""
        made = len(self.state.history)
        left = self._distance.get(self.state.scene, 0)
        if self.state.ended:
            return 1.0
        return made / (made + left) if made + left else 0.0

    def techniques_seen(self) -> list[str]:
        """Technique ids of the posts in every scene entered, in order of first sight."""
        seen: dict[str, None] = {}
        for scene_id in self.state.path:
            for post in self.scenario.scenes[scene_id].posts:
                if post.technique:
                    seen[post.technique] = None
        return list(seen)

    # ---- EvalState protocol for expressions --------------------------------
    def value(self, name: str) -> Value:
        """A meter's or flag's current value."""
        if name in self.state.meters:
            return self.state.meters[name]
        return self.state.flags[name]

    def visited(self, scene_id: str) -> int:
        """How many times a scene has been entered (the current one included)."""
        return self.state.visits.get(scene_id, 0)

    def chose(self, scene_id: str, choice_id: str) -> bool:
        """Whether a choice was ever taken."""
        return (scene_id, choice_id) in self._chosen

    # ---- acting ------------------------------------------------------------
    def choose(self, choice: Choice | str | int, timed_out: bool = False,
               votes: dict[str, int] | None = None) -> ChoiceResult:
        """Take a choice (object, id, or 0-based index among the available ones); `votes` records a group's show
        of hands (choice key -> hands) with the decision, for the debrief."""
        if self.state.ended:
            raise InvalidChoiceError("the scenario has ended")
        available = self.available_choices()
        if not available and self.scene.choices:
            raise NoChoiceError(f"the scene '{self.scene.id}' offers no choice in this state")
        picked = self._find(choice, available)
        if votes is not None:
            offered = {c.key for c in available}
            if set(votes) - offered or any(isinstance(n, bool) or not isinstance(n, int) or n < 0
                                           for n in votes.values()):
                raise InvalidChoiceError(f"votes must count hands (0 or more) for choices on offer ({', '.join(offered)})")
            votes = {c.key: votes.get(c.key, 0) for c in available}
        scene = self.scene
        scene_id = scene.id
        correct = picked.correct if scene.quiz else None
        meters_before = dict(self.state.meters)
        self._apply(picked)
        seconds = round(max(0.0, self.clock() - self._entered_at), 3)
        if correct is not None:
            self.state.quiz_asked += 1
            self.state.quiz_right += int(correct)
        if (scene_id, picked.key) not in self._chosen:
            self._chosen.add((scene_id, picked.key))
            self.state.chosen.append((scene_id, picked.key))
        self.state.history.append(Decision(scene_id, picked.key, picked.index, seconds, timed_out, meters_before,
                                           dict(self.state.meters), correct, votes))
        if not self._story.trigger(self._trigger(picked)):
            raise EngineError(f"no branch of '{picked.key}' in '{scene_id}' could be taken")
        deltas = {k: (meters_before[k], v) for k, v in self.state.meters.items() if meters_before[k] != v}
        return ChoiceResult(scene_id, picked, picked.feedback, deltas, correct, timed_out, self.state.scene,
                            self.state.ended)

    def _find(self, choice: Choice | str | int, available: list[Choice]) -> Choice:
        """Resolve a choice reference against those on offer."""
        if isinstance(choice, Choice):
            if choice in available:
                return choice
        elif isinstance(choice, int) and not isinstance(choice, bool):
            if 0 <= choice < len(available):
                return available[choice]
        else:
            for candidate in available:
                if candidate.key == choice:
                    return candidate
        offered = ", ".join(c.key for c in available)
        raise InvalidChoiceError(f"'{getattr(choice, 'key', choice)}' is not on offer in '{self.scene.id}' "
                                 f"(offered: {offered})")

    def _apply(self, choice: Choice) -> None:
        """Effects first (clamped), then set (each value sees the meters as just changed)."""
        meters = self.state.meters
        for meter_id, delta in choice.effects.items():
            meter = self.scenario.meters[meter_id]
            meters[meter_id] = _number(min(meter.max, max(meter.min, meters[meter_id] + delta)))
        if choice.sets:
            new_values = {flag: (value.evaluate(self) if isinstance(value, Expression) else value)
                          for flag, value in choice.sets.items()}
            for flag, value in new_values.items():
                self.state.flags[flag] = _number(value) if isinstance(value, float) else value

    def advance(self) -> str:
        """Leave a scene that has `next`, following the first branch that holds."""
        if not self.can_advance():
            raise InvalidChoiceError(f"the scene '{self.scene.id}' does not go on by itself")
        if not self._story.trigger(self.ADVANCE):
            raise EngineError(f"no branch of the next of '{self.scene.id}' could be taken")
        return self.state.scene

    def jump(self, scene_id: str) -> None:
        """Go straight to a scene (trainers' tools): counts as entering it, takes no choice."""
        if scene_id not in self.scenario.scenes:
            raise InvalidChoiceError(f"there is no scene '{scene_id}'")
        self.machine.set_state(scene_id, model=self._story)
        self.state.ended = False
        self._enter(scene_id)

    def expire_timer(self) -> ChoiceResult:
        """The scene's timer ran out: take its choice."""
        timer = self.scene.timer
        if timer is None:
            raise InvalidChoiceError(f"the scene '{self.scene.id}' has no timer")
        return self.choose(timer.choice, timed_out=True)

    def run_automatic(self) -> None:
        """Follow `next` scenes until a choice or an ending (scripted play)."""
        guard = 0
        while self.can_advance():
            self.advance()
            guard += 1
            if guard > 10_000:
                raise EngineError(f"the scenes loop by themselves without a choice (at '{self.scene.id}')")

    # ---- saving ------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The state as JSON-ready data."""
        return self.state.to_dict()

    @classmethod
    def from_dict(cls, scenario: Scenario, data: dict[str, Any],
                  clock: Callable[[], float] = time.monotonic) -> Engine:
        """Resume a saved state of this scenario."""
        return cls(scenario, GameState.from_dict(data), clock)

    def _check_state(self, state: GameState) -> None:
        """A restored state must fit this scenario."""
        if state.scenario != self.scenario.id:
            raise ValueError(f"the saved game is of '{state.scenario}', not '{self.scenario.id}'")
        if state.scene not in self.scenario.scenes:
            raise ValueError(f"the saved scene '{state.scene}' is not in this scenario")
        if set(state.meters) != set(self.scenario.meters) or set(state.flags) != set(self.scenario.flags):
            raise ValueError("the saved meters and flags do not match this scenario")
        scenes = self.scenario.scenes
        for name, value in state.meters.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ValueError(f"the saved meter '{name}' is not a number")
        for name, value in state.flags.items():
            start = self.scenario.flags[name].start
            if type(value) is not type(start) and not (isinstance(start, float) and type(value) is int):
                raise ValueError(f"the saved flag '{name}' is not of the kind this scenario gives it")
        unknown = [s for s in [*state.path, *state.visits] if s not in scenes]
        if unknown:
            raise ValueError(f"the saved game went through '{unknown[0]}', which is not in this scenario")
        for scene_id, choice_id in [*state.chosen, *((d.scene, d.choice) for d in state.history)]:
            if scene_id not in scenes or scenes[scene_id].choice_by_id(choice_id) is None:
                raise ValueError(f"the saved choice '{choice_id}' in '{scene_id}' is not in this scenario")

    def _decisions_to_ending(self) -> dict[str, int]:
        """For each scene, the fewest decisions still needed to reach an ending (reverse BFS)."""
        incoming: dict[str, list[tuple[str, int]]] = {sid: [] for sid in self.scenario.scenes}
        for scene in self.scenario.scenes.values():
            cost = 1 if scene.choices else 0
            for target in scene.successors():
                incoming[target].append((scene.id, cost))
        distance = {sid: 0 for sid, s in self.scenario.scenes.items() if s.ending is not None}
        queue = deque(distance)
        while queue:
            current = queue.popleft()
            for source, cost in incoming[current]:
                candidate = distance[current] + cost
                if candidate < distance.get(source, 1 << 30):
                    distance[source] = candidate
                    if cost == 0:
                        queue.appendleft(source)
                    else:
                        queue.append(source)
        return distance
