"""The reachable states of a scenario, explored breadth-first over a finite abstraction (for the deep lint).

A state is the scene plus what a later condition can still observe: meters, flags, visit counts of scenes
named in visited(), and the chose() pairs taken. Four abstractions keep the space small without changing
any condition's answer on any path (so dead ends, endings and loops found here are real):

1. Dead values: a value no condition at or after this scene reads is forgotten (None).
2. Visit counts and number flags that only grow (or only shrink) and are only compared with literals are
   capped just past the largest (smallest) literal: beyond it every comparison gives the same answer.
3. A meter compared only with literals is bucketed: its later comparisons, after the clamped changes on
   any way on, are comparisons of today's value with a finite set of critical values; values in the same
   place among them behave the same from here on, so the state key holds the place, not the number (the
   first state found keeps its real value for exploring on).
4. Meters are clamped to min..max, so they are finite anyway.

The search is also told what the deep lint still wants to know: is each scene reached, does each
condition take both answers, is there a dead end where every choice has an if. Play-throughs (random, then
steered towards each open question) answer most of that first; after that a state is stored only if some
open question lies ahead of it or it is on a loop, and values only the answered questions read are
forgotten too. Every answer still comes from a real state, so nothing reported is invented; a question
left open at the end is exactly a warning (an if that never changes, a scene no play reaches).
"""

from __future__ import annotations

import random
import time
from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .expressions import Expression
from .model import Branch, Choice, Pos, Scenario, Scene, Value

@dataclass
class Condition:
    """A condition whose outcomes are recorded: where it is and what it says."""

    expr: Expression
    pos: Pos
    scene: str
    kind: str                   # "choice" or "branch"
    choice: Choice | None
    branch_index: int = -1
    branches: list[Branch] | None = None
    outcomes: int = 0           # bit 1: seen true, bit 2: seen false
    seen: dict[str, list[Any]] = field(default_factory=dict)   # the real values it read
    reads: list[tuple[str, int]] | None = None      # (name shown, slot) of the values it reads
    partial: bool = False       # some values it read were bucketed, so `seen` holds examples, not ranges


@dataclass
class _Step:
    """One compiled choice: condition, effects, sets, chosen bit and branches."""

    choice: Choice
    cond: int                   # index into Plan.conds, or -1
    effects: list[tuple[int, float, float, float]]
    literal_sets: list[tuple[int, Value]]
    expr_sets: list[tuple[int, Expression]]
    bit: int
    branches: list[tuple[int, int, Expression | None]]   # (target index, cond index or -1, condition)
    capped: list[tuple[int, str, float]] = field(default_factory=list)   # (slot, 'hi'/'lo', literal) of set flags
    exact: bool = True          # all effects are whole numbers: no float tidying needed


def scene_expressions(scene: Scene) -> list[Expression]:
    """Every expression evaluated while the game is at this scene."""
    found: list[Expression] = [b.condition for b in scene.next or [] if b.condition is not None]
    for choice in scene.choices:
        if choice.condition is not None:
            found.append(choice.condition)
        found.extend(b.condition for b in choice.next if b.condition is not None)
        found.extend(v for v in choice.sets.values() if isinstance(v, Expression))
    return found


def _tidy(value: Any) -> Any:
    """Integral floats as ints, as the engine stores them."""
    if value.__class__ is float and value.is_integer():
        return int(value)
    return value


class Plan:
    """The scenario compiled for fast exploration: slots, caps, buckets, liveness and steps per scene."""

    def __init__(self, scenario: Scenario) -> None:
        """Compile `scenario`."""
        self.scenario = scenario
        self.scene_ids = list(scenario.scenes)
        self.index = {sid: i for i, sid in enumerate(self.scene_ids)}
        tests, other, increments, pairs = self._uses()
        visited = sorted({k[1:] for k in list(tests) + list(other) if k.startswith("@")})
        # slots: meters, flags, visit counts, then one bitmask of the chose() pairs
        self.names: list[str] = list(scenario.meters) + list(scenario.flags) + ["@" + s for s in visited]
        self.slot = {name: i for i, name in enumerate(self.names)}
        self.visit_slot = {name[1:]: i for i, name in enumerate(self.names) if name.startswith("@")}
        self.chosen_slot = len(self.names)
        self.bits = {pair: 1 << i for i, pair in enumerate(sorted(pairs))}
        self.start_values: list[Any] = ([_tidy(float(m.start)) for m in scenario.meters.values()]
                                        + [f.start for f in scenario.flags.values()] + [0] * len(visited) + [0])
        self.caps = {self.slot[n]: rule for n in self.names
                     if (rule := self._cap_rule(n, tests, other, increments)) is not None}
        self.conds: list[Condition] = []
        self.steps: list[list[_Step]] = []
        self.auto: list[list[tuple[int, int, Expression | None]] | None] = []
        self.ending = [scenario.scenes[s].ending is not None for s in self.scene_ids]
        for sid in self.scene_ids:
            scene = scenario.scenes[sid]
            self.steps.append([self._step(scene, c) for c in scene.choices])
            self.auto.append(self._branches(scene, None, scene.next) if scene.next else None)
        self.successors = [[self.index[t] for t in scenario.scenes[s].successors()] for s in self.scene_ids]
        live_slots, self.live_bits = self._liveness()
        self.dead_slots = [[i for i in range(self.chosen_slot) if i not in live] for live in live_slots]
        self.buckets = self._buckets(other, live_slots)
        self.future, self.loop_region = self._futures()
        self.reads = [self._masks(scene_expressions(scenario.scenes[s])) for s in self.scene_ids]

    def _futures(self) -> tuple[list[int], list[bool]]:
        """Per scene: a bitmask of the scenes reachable from it (itself included), and whether a cycle is."""
        count = len(self.scene_ids)
        future = [1 << i for i in range(count)]
        changed = True
        while changed:
            changed = False
            for i in range(count - 1, -1, -1):
                mask = future[i]
                for target in self.successors[i]:
                    mask |= future[target]
                if mask != future[i]:
                    future[i], changed = mask, True
        cyclic = [any(future[t] >> i & 1 for t in self.successors[i]) for i in range(count)]
        cyclic_mask = sum(1 << i for i in range(count) if cyclic[i])
        return future, [bool(future[i] & cyclic_mask) for i in range(count)]

    def questions(self) -> list[dict[tuple[Any, ...], tuple[int, int]]]:
        """Per scene, the deep lint's questions about it, each with the slots and chose() bits that can
        decide it there: is the scene reached; does each condition there take both answers; and (when every
        choice has an if) is there a dead end."""
        found: list[dict[tuple[Any, ...], tuple[int, int]]] = [{("reached",): (0, 0)} for _ in self.scene_ids]
        for number, cond in enumerate(self.conds):
            exprs = [cond.expr]
            if cond.choice is not None:
                exprs += [e for e in [cond.choice.condition] if e is not None]
                exprs += [v for v in cond.choice.sets.values() if isinstance(v, Expression)]
            exprs += [b.condition for b in (cond.branches or [])[:max(0, cond.branch_index)] if b.condition is not None]
            found[self.index[cond.scene]][("cond", number)] = self._masks(exprs)
        for i, steps in enumerate(self.steps):
            if steps and all(step.cond >= 0 for step in steps):
                found[i][("dead",)] = self._masks([step.choice.condition for step in steps])  # type: ignore[misc]
        return found

    def _masks(self, exprs: Iterable[Expression]) -> tuple[int, int]:
        """The slots (as a bitmask) and chose() bits the expressions read."""
        slots = bits = 0
        for expr in exprs:
            for name in expr.names():
                slots |= 1 << self.slot[name]
            for scene in expr.visited_scenes():
                if scene in self.visit_slot:
                    slots |= 1 << self.visit_slot[scene]
            for pair in expr.chose_pairs():
                bits |= self.bits[pair]
        return slots, bits

    # ---- analysis of the expressions --------------------------------------------------------------
    def _uses(self) -> tuple[dict[str, set[float]], set[str], dict[str, list[float]], set[tuple[str, str]]]:
        """Literals each name/'@scene' is compared with, names used otherwise, flag increments, chose() pairs."""
        tests: dict[str, set[float]] = {}
        other: set[str] = set()
        increments: dict[str, list[float]] = {}
        pairs: set[tuple[str, str]] = set()
        for scene in self.scenario.scenes.values():
            assigned = {id(v): f for c in scene.choices for f, v in c.sets.items() if isinstance(v, Expression)}
            for expr in scene_expressions(scene):
                pairs |= expr.chose_pairs()
                flag = assigned.get(id(expr))
                step = expr.increment_of(flag) if flag else None
                if step is not None:
                    increments.setdefault(flag, []).append(step)   # type: ignore[arg-type]
                    continue
                found, rest = expr.number_tests()
                for key, values in found.items():
                    tests.setdefault(key, set()).update(values)
                other |= rest
        return tests, other, increments, pairs

    def _cap_rule(self, name: str, tests: dict[str, set[float]], other: set[str],
                  increments: dict[str, list[float]]) -> tuple[str, float] | None:
        """('hi', top) or ('lo', bottom) when values past the literals are indistinguishable for ever."""
        if name in other or name not in tests:
            return None
        if name.startswith("@"):
            return ("hi", max(tests[name]))         # visit counts only grow
        flag = self.scenario.flags.get(name)
        if flag is None or isinstance(flag.start, bool) or not isinstance(flag.start, (int, float)):
            return None
        steps = increments.get(name, [])
        if all(step >= 0 for step in steps):
            return ("hi", max(tests[name]))
        if all(step <= 0 for step in steps):
            return ("lo", min(tests[name]))
        return None

    def _cond(self, expr: Expression | None, pos: Pos, scene: str, kind: str, choice: Choice | None,
              branch_index: int = -1, branches: list[Branch] | None = None) -> int:
        """Register a condition; -1 when there is none."""
        if expr is None:
            return -1
        self.conds.append(Condition(expr, pos, scene, kind, choice, branch_index, branches))
        return len(self.conds) - 1

    def _branches(self, scene: Scene, choice: Choice | None,
                  branches: list[Branch]) -> list[tuple[int, int, Expression | None]]:
        """Compile a list of branches."""
        return [(self.index[b.goto], self._cond(b.condition, b.condition_pos, scene.id, "branch", choice, i, branches),
                 b.condition) for i, b in enumerate(branches)]

    def _step(self, scene: Scene, choice: Choice) -> _Step:
        """Compile one choice."""
        meters = self.scenario.meters
        effects = [(self.slot[m], d, meters[m].min, meters[m].max) for m, d in choice.effects.items()]
        literal_sets = [(self.slot[f], v) for f, v in choice.sets.items() if not isinstance(v, Expression)]
        expr_sets = [(self.slot[f], v) for f, v in choice.sets.items() if isinstance(v, Expression)]
        bit = self.bits.get((scene.id, choice.key), 0)
        cond = self._cond(choice.condition, choice.condition_pos, scene.id, "choice", choice)
        step = _Step(choice, cond, effects, literal_sets, expr_sets, bit, self._branches(scene, choice, choice.next))
        step.capped = [(slot, *self.caps[slot]) for slot, _ in [*expr_sets, *literal_sets] if slot in self.caps]
        step.exact = all(isinstance(x, int) for _, d, lo, hi in effects for x in (d, lo, hi))
        return step

    # ---- backward analyses over the scene graph ------------------------------------------------------
    def _backward(self, local: list[Any], join: Callable[[Any, Any], Any]) -> list[Any]:
        """Propagate per-scene facts to every scene that can reach them (fixpoint of join over successors)."""
        predecessors: list[list[int]] = [[] for _ in self.scene_ids]
        for source, targets in enumerate(self.successors):
            for target in targets:
                predecessors[target].append(source)
        facts = list(local)
        work = deque(range(len(facts)))
        queued = [True] * len(facts)
        while work:
            current = work.popleft()
            queued[current] = False
            for source in predecessors[current]:
                joined = join(facts[source], facts[current])
                if joined != facts[source]:
                    facts[source] = joined
                    if not queued[source]:
                        queued[source] = True
                        work.append(source)
        return facts

    def _liveness(self) -> tuple[list[frozenset[int]], list[int]]:
        """Per scene: the slots and chose() bits some condition at or after it may still read."""
        local: list[tuple[frozenset[int], int]] = []
        for sid in self.scene_ids:
            slots: set[int] = set()
            mask = 0
            for expr in scene_expressions(self.scenario.scenes[sid]):
                slots |= {self.slot[n] for n in expr.names()}
                slots |= {self.visit_slot[s] for s in expr.visited_scenes() if s in self.visit_slot}
                for pair in expr.chose_pairs():
                    mask |= self.bits[pair]
            local.append((frozenset(slots), mask))
        facts = self._backward(local, lambda a, b: (a[0] | b[0], a[1] | b[1]))
        return [f[0] for f in facts], [f[1] for f in facts]

    def _buckets(self, other: set[str], live: list[frozenset[int]]) -> list[list[tuple[int, list[float]]]]:
        """Per scene: (slot, sorted critical values) of each meter compared only with literals (see
        critical_points), over every way on through the scene graph."""
        result: list[list[tuple[int, list[float]]]] = [[] for _ in self.scene_ids]
        self.meter_local: dict[int, list[frozenset[float]]] = {}
        self.meter_bounds: dict[int, tuple[float, float]] = {}
        for meter in self.scenario.meters.values():
            if meter.id in other:
                continue
            slot = self.slot[meter.id]
            local: list[frozenset[float]] = []
            moves: list[list[tuple[float, list[int]]]] = []
            for sid in self.scene_ids:
                scene = self.scenario.scenes[sid]
                points: set[float] = set()
                for branch in scene.next or []:
                    if branch.condition is not None:
                        points |= branch.condition.number_tests()[0].get(meter.id, frozenset())
                out = [(0.0, [self.index[b.goto] for b in scene.next])] if scene.next else []
                for choice in scene.choices:
                    delta = choice.effects.get(meter.id, 0)
                    if choice.condition is not None:
                        points |= choice.condition.number_tests()[0].get(meter.id, frozenset())
                    for branch in choice.next:
                        if branch.condition is not None:
                            points |= _preimage(branch.condition.number_tests()[0].get(meter.id, ()), delta,
                                                meter.min, meter.max)
                    out.append((delta, [self.index[b.goto] for b in choice.next]))
                local.append(frozenset(points))
                moves.append(out)
            facts = critical_points(local, moves, meter.min, meter.max)
            if facts is None:
                continue
            self.meter_local[slot] = local
            self.meter_bounds[slot] = (meter.min, meter.max)
            for i, points in enumerate(facts):
                if points and slot in live[i]:
                    result[i].append((slot, points))
        return result


def _preimage(points: Iterable[float], delta: float, low: float, high: float) -> frozenset[float]:
    """The critical values before a clamped change by `delta`, of those after it (outside min..max: none)."""
    return frozenset(round(p - delta, 9) for p in points if low <= p <= high)


def critical_points(local: list[frozenset[float]], moves: list[list[tuple[float, list[int]]]], low: float,
                    high: float, limit: int = 5000) -> list[list[float]] | None:
    """Per node, the sorted critical values of a meter; None when they grow past `limit` (no bucketing).

    Every later comparison of the meter with a literal c, after clamped changes d1..dn on the way, is a
    comparison of today's value with c - d1 - ... - dn (while the clamping leaves it inside min..max), so
    two values in the same place among these critical values (equal to the same one, or strictly between
    the same two) give every later condition the same answer."""
    facts = [frozenset(p for p in points if low <= p <= high) for points in local]
    changed = True
    while changed:                      # a finite lattice inside min..max: this ends
        changed = False
        for i in range(len(facts) - 1, -1, -1):
            grown = set(facts[i])
            for delta, targets in moves[i]:
                for target in targets:
                    grown |= {p for p in _preimage(facts[target], delta, low, high) if low <= p <= high}
            if len(grown) != len(facts[i]):
                if len(grown) > limit:
                    return None
                facts[i], changed = frozenset(grown), True
    return [sorted(points) for points in facts]


class View:
    """What expressions read in the explorer: a list of slot values (the EvalState protocol)."""

    __slots__ = ("vals", "slot", "visit_slot", "chosen_slot", "bits")

    def __init__(self, plan: Plan) -> None:
        """A view over `plan`'s slots."""
        self.vals: list[Any] = []
        self.slot, self.visit_slot, self.chosen_slot, self.bits = plan.slot, plan.visit_slot, plan.chosen_slot, plan.bits

    def value(self, name: str) -> Value:
        """A meter's or flag's value."""
        return self.vals[self.slot[name]]

    def visited(self, scene_id: str) -> int:
        """A scene's (possibly capped) visit count."""
        return self.vals[self.visit_slot[scene_id]]

    def chose(self, scene_id: str, choice_id: str) -> bool:
        """Whether the choice was taken."""
        return bool(self.vals[self.chosen_slot] & self.bits[(scene_id, choice_id)])


class Explorer:
    """Breadth-first search over abstract states, keeping parents for paths and edges for loops."""

    def __init__(self, plan: Plan, max_states: int, max_seconds: float,
                 clock: Callable[[], float] = time.perf_counter) -> None:
        """Prepare to explore `plan` up to `max_states` states or `max_seconds`."""
        self.plan = plan
        self.max_states = max(1, max_states)
        self.max_seconds = max_seconds
        self.clock = clock
        self.view = View(plan)
        self.keys: dict[tuple[Any, ...], int] = {}
        self.states: list[tuple[Any, ...]] = []          # the keys, in order of discovery
        self.values: list[list[Any]] = []                # the real values explored from each state
        self.parent = array("i")
        self.how: list[tuple[str, int] | None] = []      # (choice key, 1-based position) or None for 'next'
        self.edges_from = array("i")
        self.edges_to = array("i")
        self.dead_ends: dict[int, int] = {}              # scene index -> first state index
        self.endings: list[int] = []
        self.expanded = 0
        self.stopped = ""                                # "", "states" or "seconds"
        self._buckets: list[tuple[int, list[float]]] = []
        self.questions = plan.questions()                # per scene: questions not answered yet
        self.open = [len(q) for q in self.questions]
        self.open_mask = (1 << len(plan.scene_ids)) - 1  # scenes with an open question
        self.dead_slots = [list(d) for d in plan.dead_slots]
        self.live_bits = list(plan.live_bits)
        self.entry: list[tuple[int, float | None, list[int], int]] = []
        self._build_entry()
        self._stale = True                               # relevance needs recomputing
        self.pruned_exit = bytearray()                   # per state: it has a way on that was not explored
        self.pruned = 0
        self.walks = 0                                   # play-throughs made by probe()
        self.reached: set[int] = set()

    def scene_of(self, index: int) -> str:
        """The scene id of state `index`."""
        return self.plan.scene_ids[self.states[index][0]]

    def run(self) -> None:
        """Explore from the start until every state is seen or a bound is hit."""
        plan = self.plan
        start = plan.index[plan.scenario.start]
        self._refresh()
        self._add(start, list(plan.start_values), -1, None)
        view = self.view
        edges_from, edges_to = self.edges_from, self.edges_to
        started = self.clock()
        while self.expanded < len(self.states):
            if len(self.states) > self.max_states:
                self.stopped = "states"
                break
            if self.expanded % 512 == 0 and self.clock() - started > self.max_seconds:
                self.stopped = "seconds"
                break
            if self._stale:
                self._refresh()
            current = self.expanded
            self.expanded += 1
            key = self.states[current]
            scene = key[0]
            self._buckets = plan.buckets[scene]
            values = self.values[current]
            if plan.ending[scene]:
                self.endings.append(current)
                continue
            auto = plan.auto[scene]
            if auto is not None:
                view.vals = values
                self._edge(current, self._add(self._resolve(auto), list(values), current, None))
                continue
            offered = 0
            for step in plan.steps[scene]:
                view.vals = values
                if step.cond >= 0 and not self._test(step.cond, step.choice.condition):  # type: ignore[arg-type]
                    continue
                offered += 1
                after = self._take(step, values)
                view.vals = after
                target = self._add(self._resolve(step.branches), after, current, (step.choice.key, offered))
                if target < 0:
                    self.pruned_exit[current] = 1
                else:
                    edges_from.append(current)
                    edges_to.append(target)
            if not offered and plan.steps[scene] and scene not in self.dead_ends:
                self.dead_ends[scene] = current
                self._answer(scene, ("dead",))

    def _answer(self, scene: int, question: tuple[Any, ...]) -> None:
        """A question about `scene` is answered: states that could only answer it again need no exploring."""
        if self.questions[scene].pop(question, None) is None:
            return
        self.open[scene] -= 1
        self._stale = True
        if self.open[scene] == 0:
            self.open_mask &= ~(1 << scene)

    def _refresh(self) -> None:
        """Forget, per scene, the values that no scene still worth exploring reads (a scene is worth it
        while it or a scene after it has an open question, or it lies on a loop)."""
        plan = self.plan
        self._stale = False
        count = len(plan.scene_ids)
        explored = [bool(plan.future[u] & self.open_mask) or plan.loop_region[u] for u in range(count)]
        for s in range(count):
            if plan.loop_region[s]:
                continue
            slots = bits = 0
            future = plan.future[s]
            for u in range(count):
                if explored[u] and future >> u & 1:
                    slots |= plan.reads[u][0]
                    bits |= plan.reads[u][1]
            self.dead_slots[s] = [i for i in range(plan.chosen_slot) if not slots >> i & 1]
            self.live_bits[s] = bits
        self._build_entry()

    def _build_entry(self) -> None:
        """Per scene: (visit slot or -1, visit cap or None, dead slots, live chose() bits) for entering it."""
        plan = self.plan
        self.entry = []
        for scene, sid in enumerate(plan.scene_ids):
            visit = plan.visit_slot.get(sid, -1)
            cap = plan.caps.get(visit)
            self.entry.append((visit, cap[1] if cap else None, self.dead_slots[scene], self.live_bits[scene]))

    def probe(self, walks: int = 3000, patience: int = 300, per_question: int = 200, seed: int = 1,
              seconds: float | None = None) -> None:
        """Play-throughs before the search: random ones, then ones steered towards each question still open
        (a condition not yet seen both ways, a scene not yet reached). They answer most questions cheaply,
        so the search can skip the states that could only answer them again."""
        rng = random.Random(seed)
        deadline = self.clock() + (self.max_seconds / 3 if seconds is None else seconds)
        quiet = 0
        for number in range(walks):
            if number % 64 == 0 and self.clock() > deadline:
                return
            before = sum(self.open)
            self._walk(lambda options: rng.choice(options))
            quiet = quiet + 1 if sum(self.open) == before else 0
            if quiet >= patience or not self.open_mask:
                break
        for cond in self.plan.conds:
            if cond.outcomes == 3:
                continue
            if self.clock() > deadline:
                return
            policy = self._steer(cond, rng)
            for _ in range(per_question):
                self._walk(policy)
                if cond.outcomes == 3:
                    break

    def _steer(self, cond: Condition, rng: random.Random) -> Callable[[list[_Step]], _Step]:
        """A policy that heads for the condition's scene and pushes its meters and flags the way not seen yet."""
        plan = self.plan
        target = plan.index[cond.scene]
        want_true = cond.outcomes != 1
        push: dict[str, float] = {}
        flags: dict[str, Any] = {}
        for name, op, literal in cond.expr.atoms():
            if not want_true:
                op = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "==": "!=", "!=": "=="}[op]
            if name in plan.scenario.meters and op in "<=>=":
                push[name] = push.get(name, 0.0) + (1.0 if op[0] == ">" else -1.0 if op[0] == "<" else 0.0)
            elif name in plan.scenario.flags and op == "==":
                flags[name] = literal
        spans = {m.id: max(1.0, m.max - m.min) for m in plan.scenario.meters.values()}

        def score(step: _Step) -> float:
            """Higher for steps that keep the scene in reach and move the values the wanted way."""
            value = 0.0 if any(plan.future[t] >> target & 1 for t, _, _ in step.branches) else -1000.0
            value += sum(push.get(m, 0.0) * d / spans[m] * 10 for m, d in step.choice.effects.items())
            for flag, wanted in flags.items():
                if flag in step.choice.sets:
                    set_to = step.choice.sets[flag]
                    value += 5.0 if set_to == wanted else -5.0 if not isinstance(set_to, Expression) else 0.0
            if cond.choice is not None and step.choice is cond.choice:
                value += 50.0
            return value

        def policy(options: list[_Step]) -> _Step:
            """Mostly the best step, sometimes a random one."""
            if rng.random() < 0.15:
                return rng.choice(options)
            return max(options, key=lambda step: score(step) + rng.random())
        return policy

    def _walk(self, policy: Callable[[list[_Step]], _Step]) -> None:
        """One play-through from the start, recording what it observes (no states are stored)."""
        plan, view = self.plan, self.view
        self.walks += 1
        self._buckets = []                  # walks hold real values only
        scene = plan.index[plan.scenario.start]
        vals = self._enter(scene, list(plan.start_values))
        for _ in range(4 * len(plan.scene_ids) + 10):
            if scene not in self.reached:
                self.reached.add(scene)
                self._answer(scene, ("reached",))
            if plan.ending[scene]:
                return
            view.vals = vals
            auto = plan.auto[scene]
            if auto is not None:
                scene = self._resolve(auto)
                vals = self._enter(scene, list(vals))
                continue
            options = [step for step in plan.steps[scene]
                       if step.cond < 0 or self._test(step.cond, step.choice.condition)]  # type: ignore[arg-type]
            if not options:
                return
            step = policy(options)
            after = self._take(step, vals)
            view.vals = after
            scene = self._resolve(step.branches)
            vals = self._enter(scene, after)

    def _enter(self, scene: int, vals: list[Any]) -> list[Any]:
        """The values on entering `scene` (changed in place): visit counted, dead values forgotten."""
        visit, top, dead, bits = self.entry[scene]
        if visit >= 0 and vals[visit] is not None:
            vals[visit] += 1
            if top is not None and vals[visit] > top:
                vals[visit] = top + 1
        for i in dead:
            vals[i] = None
        vals[-1] &= bits
        return vals

    def _add(self, scene: int, vals: list[Any], parent: int, how: tuple[str, int] | None) -> int:
        """Enter `scene` with `vals` (changed in place); the index of the resulting state, added when new."""
        self._enter(scene, vals)
        buckets = self.plan.buckets[scene]
        if buckets:
            key_vals = list(vals)
            for slot, points in buckets:
                value = vals[slot]
                if value is not None:
                    place = bisect_left(points, value)
                    key_vals[slot] = 2 * place + 1 if place < len(points) and points[place] == value else 2 * place
            key = (scene, *key_vals)
        else:
            key = (scene, *vals)
        found = self.keys.get(key)
        if found is not None:
            return found
        plan = self.plan
        if not plan.future[scene] & self.open_mask and not plan.loop_region[scene]:
            self.pruned += 1
            return -1                       # nothing it could lead to is still in question
        index = len(self.states)
        self.keys[key] = index
        self.states.append(key)
        self.values.append(vals)
        self.pruned_exit.append(0)
        if scene not in self.reached:
            self.reached.add(scene)
            self._answer(scene, ("reached",))
        self.parent.append(parent)
        self.how.append(how)
        return index

    def _test(self, cond_index: int, expr: Expression) -> bool:
        """Evaluate a condition in the current view and record the outcome and the values it read."""
        result = bool(expr.evaluator(self.view))
        cond = self.plan.conds[cond_index]
        if cond.outcomes != 3:
            cond.outcomes |= 1 if result else 2
            if cond.outcomes != 3:
                self._remember(cond)
            else:
                self._answer(self.plan.index[cond.scene], ("cond", cond_index))
        return result

    def _remember(self, cond: Condition) -> None:
        """Widen the record of each real value the condition read (a bucketed one marks the record partial)."""
        plan, view = self.plan, self.view
        if cond.reads is None:
            found, rest = cond.expr.number_tests()
            visits = sorted({k[1:] for k in [*found, *rest] if k.startswith("@")})
            cond.reads = [(n, plan.slot[n]) for n in sorted(cond.expr.names())]
            cond.reads += [(f"visited('{s}')", plan.visit_slot[s]) for s in visits if s in plan.visit_slot]
        for name, slot in cond.reads:
            if any(slot == s for s, _ in self._buckets):     # only its place among critical values is known
                cond.partial = True
                continue
            _note(cond.seen, name, view.vals[slot])

    def _resolve(self, branches: list[tuple[int, int, Expression | None]]) -> int:
        """The target of the first branch whose condition holds."""
        for target, cond_index, expr in branches:
            if expr is None or self._test(cond_index, expr):
                return target
        return branches[-1][0]

    def _take(self, step: _Step, values: list[Any]) -> list[Any]:
        """The values after a choice's effects, sets and chosen mark (in the engine's order)."""
        after = list(values)
        for slot, delta, low, high in step.effects:
            value = after[slot]
            if value is not None:
                value += delta
                value = low if value < low else high if value > high else value
                after[slot] = value if step.exact else _tidy(value)
        if step.expr_sets:
            self.view.vals = after
            new = [(slot, expr.evaluator(self.view)) for slot, expr in step.expr_sets]
            for slot, value in new:
                after[slot] = _tidy(value)
        for slot, value in step.literal_sets:
            after[slot] = value
        for slot, kind, bound in step.capped:
            value = after[slot]
            if value is not None:
                if kind == "hi" and value > bound:
                    after[slot] = bound + 1
                elif kind == "lo" and value < bound:
                    after[slot] = bound - 1
        after[-1] |= step.bit
        return after

    def _edge(self, source: int, target: int) -> None:
        """Record a transition between states (target -1: a way on that needed no exploring)."""
        if target < 0:
            self.pruned_exit[source] = 1
            return
        self.edges_from.append(source)
        self.edges_to.append(target)

    def decisions(self, index: int) -> list[tuple[str, str, int]]:
        """The (scene, choice key, 1-based position among those offered) decisions from the start to `index`."""
        steps: list[tuple[str, str, int]] = []
        while index >= 0:
            how = self.how[index]
            parent = self.parent[index]
            if how is not None:
                steps.append((self.scene_of(parent), how[0], how[1]))
            index = parent
        steps.reverse()
        return steps


def _note(seen: dict[str, list[Any]], name: str, value: Any) -> None:
    """Widen the record of `name` by `value`: [low, high] for numbers, the distinct values otherwise."""
    record = seen.get(name)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if record is None:
            seen[name] = [value, value]
        else:
            record[0], record[1] = min(record[0], value), max(record[1], value)
    elif record is None:
        seen[name] = [value]
    elif value not in record:
        record.append(value)
