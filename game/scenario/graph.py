"""Graph checks on a scenario: reachability, endings, unused meters and flags (warnings)."""

from __future__ import annotations

from collections import deque

from .model import Pos, Scenario

Warning_ = tuple[str, Pos, str, str]


def reachable_scenes(scenario: Scenario) -> set[str]:
    """Scene ids reachable from the start by following every branch."""
    seen = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        scene = scenario.scenes.get(queue.popleft())
        if scene is None:
            continue
        for target in scene.successors():
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def graph_warnings(scenario: Scenario, uses: tuple[set[str], set[str]]) -> list[Warning_]:
    """Warnings about unreachable scenes and endings and unused meters and flags."""
    warnings: list[Warning_] = []
    reached = reachable_scenes(scenario)
    for sid, scene in scenario.scenes.items():
        if sid in reached:
            continue
        if scene.ending is not None:
            warnings.append(("WB602", scene.pos, f"no path from the start reaches the ending '{sid}'",
                             "lead a choice or next: to it, or remove it"))
        else:
            warnings.append(("WB601", scene.pos, f"the scene '{sid}' can never be reached from the start",
                             "lead a choice or next: to it, or remove it"))
    if not any(scenario.scenes[s].ending is not None for s in reached if s in scenario.scenes):
        warnings.append(("WB606", scenario.scenes[scenario.start].pos if scenario.start in scenario.scenes else (1, 1),
                         "no ending can be reached from the start", "add a scene with ending: and lead a path to it"))
    read, shown = uses
    changed = {m for s in scenario.scenes.values() for c in s.choices for m in c.effects}
    assigned = {f for s in scenario.scenes.values() for c in s.choices for f in c.sets}
    for meter in scenario.meters.values():
        used = meter.id in read or meter.id in shown
        if meter.id not in changed and not used:
            warnings.append(("WB603", meter.pos, f"the meter '{meter.id}' is never changed or used",
                             "change it in a choice's effects:, use it in an if, or remove it"))
        elif meter.id not in changed:
            warnings.append(("WB604", meter.pos, f"no effect ever changes the meter '{meter.id}'",
                             "add it to some choice's effects:, or make it a flag"))
    for flag in scenario.flags.values():
        if flag.id not in read and flag.id not in shown:
            what = "set but never read" if flag.id in assigned else "never used"
            warnings.append(("WB605", flag.pos, f"the flag '{flag.id}' is {what}",
                             "use it in an if or a {placeholder}, or remove it"))
    return warnings
