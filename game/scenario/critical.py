"""Sharper meter buckets for the deep lint: critical values per flag situation instead of per scene.

First the game is explored without meters ("discrete" states: scene, flags, visit counts, chose() pairs),
taking both ways wherever a condition reads a meter. That over-approximates every real way on, so the
critical values computed over it (statespace.critical_points) are still sound, but they leave out the
ways that the flags rule out, which makes the buckets much coarser than the per-scene ones.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from .expressions import Expression
from .statespace import Plan, View, critical_points

UNKNOWN = object()      # a flag set from a meter: its value is not known without the meters
MAYBE = 2               # a condition outcome that depends on the meters


class DiscreteBuckets:
    """Critical values of every bucketable meter for each discrete situation the game can be in."""

    def __init__(self, plan: Plan, max_states: int) -> None:
        """Explore `plan` without meters (up to `max_states` situations) and compute the buckets."""
        self.plan = plan
        self.meter_names = set(plan.scenario.meters)
        self.tainted = _tainted_flags(plan)
        self.key_slots = self._key_slots()
        self.view = View(plan)
        self.nodes: dict[tuple[Any, ...], int] = {}
        self.scenes: list[int] = []
        self.moves: list[list[tuple[int, list[int]]]] = []      # (choice step index or -1, target nodes)
        self.complete = self._explore(max_states)
        self.buckets: dict[tuple[Any, ...], list[tuple[int, list[float]]]] = {}
        if self.complete:
            self._compute()

    def _key_slots(self) -> list[int]:
        """The slots that identify a discrete situation: flags (not tainted), visits and the chose() mask."""
        plan = self.plan
        meters = len(plan.scenario.meters)
        return [i for i in range(meters, plan.chosen_slot + 1)
                if i == plan.chosen_slot or plan.names[i] not in self.tainted]

    def key(self, scene: int, vals: list[Any]) -> tuple[Any, ...]:
        """The discrete situation of a (normalised) state."""
        return (scene, *[vals[i] for i in self.key_slots])

    def _explore(self, max_states: int) -> bool:
        """Breadth-first over discrete situations; False when the bound is hit."""
        plan = self.plan
        values: list[list[Any]] = []
        start = list(plan.start_values)
        for i, name in enumerate(plan.names):
            if name in self.meter_names:
                start[i] = None
            elif name in self.tainted:
                start[i] = UNKNOWN
        queue: deque[int] = deque()

        def enter(scene: int, vals: list[Any]) -> int:
            """Normalise like Explorer._add and return the node index."""
            slot = plan.visit_slot.get(plan.scene_ids[scene])
            if slot is not None and vals[slot] is not None:
                vals[slot] += 1
                cap = plan.caps.get(slot)
                if cap is not None and vals[slot] > cap[1]:
                    vals[slot] = cap[1] + 1
            for i in plan.dead_slots[scene]:
                if vals[i] is not UNKNOWN:
                    vals[i] = None
            vals[plan.chosen_slot] &= plan.live_bits[scene]
            key = self.key(scene, vals)
            found = self.nodes.get(key)
            if found is None:
                found = len(self.scenes)
                self.nodes[key] = found
                self.scenes.append(scene)
                self.moves.append([])
                values.append(vals)
                queue.append(found)
            return found

        enter(plan.index[plan.scenario.start], start)
        while queue:
            if len(self.scenes) > max_states:
                return False
            node = queue.popleft()
            scene, vals = self.scenes[node], values[node]
            auto = plan.auto[scene]
            if auto is not None:
                targets = self._targets(auto, vals)
                self.moves[node].append((-1, [enter(t, list(vals)) for t in targets]))
                continue
            for index, step in enumerate(plan.steps[scene]):
                if step.cond >= 0 and self._test(step.choice.condition, vals) is False:  # type: ignore[arg-type]
                    continue
                after = self._take(step, vals)
                targets = self._targets(step.branches, after)
                self.moves[node].append((index, [enter(t, list(after)) for t in targets]))
        return True

    def _test(self, expr: Expression, vals: list[Any]) -> bool | int:
        """True, False, or MAYBE when the expression reads a meter or a flag set from one."""
        if expr.names() & self.meter_names or any(vals[self.plan.slot[n]] is UNKNOWN for n in expr.names()):
            return MAYBE
        self.view.vals = vals
        return bool(expr.evaluator(self.view))

    def _targets(self, branches: list[tuple[int, int, Expression | None]], vals: list[Any]) -> list[int]:
        """Every scene the branches may lead to."""
        found: list[int] = []
        for target, _, expr in branches:
            outcome = True if expr is None else self._test(expr, vals)
            if outcome is not False:
                found.append(target)
            if outcome is True:
                break
        return found

    def _take(self, step: Any, vals: list[Any]) -> list[Any]:
        """The discrete values after a choice's sets and chosen mark."""
        plan = self.plan
        after = list(vals)
        new: list[tuple[int, Any]] = []
        for slot, expr in step.expr_sets:
            if expr.names() & self.meter_names or any(vals[plan.slot[n]] is UNKNOWN for n in expr.names()):
                new.append((slot, UNKNOWN))
            else:
                self.view.vals = vals
                value = expr.evaluator(self.view)
                new.append((slot, int(value) if value.__class__ is float and value.is_integer() else value))
        new.extend(step.literal_sets)
        for slot, value in new:
            cap = plan.caps.get(slot)
            if cap is not None and value is not UNKNOWN:
                if cap[0] == "hi" and value > cap[1]:
                    value = cap[1] + 1
                elif cap[0] == "lo" and value < cap[1]:
                    value = cap[1] - 1
            after[slot] = value
        after[plan.chosen_slot] |= step.bit
        return after

    def _compute(self) -> None:
        """Critical values per discrete situation, for every meter the plan buckets per scene."""
        plan = self.plan
        per_node: dict[int, list[tuple[int, list[float]]]] = {n: [] for n in range(len(self.scenes))}
        for slot, local_by_scene in plan.meter_local.items():
            low, high = plan.meter_bounds[slot]
            meter = plan.names[slot]
            local = [local_by_scene[scene] for scene in self.scenes]
            moves: list[list[tuple[float, list[int]]]] = []
            for node, scene in enumerate(self.scenes):
                steps = plan.steps[scene]
                moves.append([(steps[i].choice.effects.get(meter, 0) if i >= 0 else 0.0, targets)
                              for i, targets in self.moves[node]])
            facts = critical_points(local, moves, low, high)
            if facts is None:
                facts = [dict(plan.buckets[scene]).get(slot, []) for scene in self.scenes]
            for node, points in enumerate(facts):
                if points and any(s == slot for s, _ in plan.buckets[self.scenes[node]]):
                    per_node[node].append((slot, points))
        for key, node in self.nodes.items():
            self.buckets[key] = per_node[node]


def _tainted_flags(plan: Plan) -> set[str]:
    """Flags whose value can come from a meter (directly or through other such flags)."""
    meters = set(plan.scenario.meters)
    sets = [(flag, value) for scene in plan.scenario.scenes.values() for choice in scene.choices
            for flag, value in choice.sets.items() if isinstance(value, Expression)]
    tainted: set[str] = set()
    changed = True
    while changed:
        changed = False
        for flag, expr in sets:
            if flag not in tainted and expr.names() & (meters | tainted):
                tainted.add(flag)
                changed = True
    return tainted
