"""Graph checks on a scenario: reachability, endings, unused meters and flags (warnings)."""

from __future__ import annotations

from collections import deque

from .diagnostics import Say
from .model import Pos, Scenario

Warning_ = tuple[str, Pos, Say, Say]    # (code, position, message, hint) in English and Dutch


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
        lead = Say("lead a choice or next: to it, or remove it",
                   "laat een keuze of next: ernaartoe leiden, of haal de scène weg")
        if scene.ending is not None:
            warnings.append(("WB602", scene.pos, Say(f"no path from the start reaches the ending '{sid}'",
                                                     f"het einde '{sid}' is vanaf het begin langs geen enkele weg te "
                                                     f"bereiken"),
                             lead))
        else:
            warnings.append(("WB601", scene.pos, Say(f"the scene '{sid}' can never be reached from the start",
                                                     f"de scène '{sid}' is vanaf het begin nooit te bereiken"),
                             lead))
    if not any(scenario.scenes[s].ending is not None for s in reached if s in scenario.scenes):
        warnings.append(("WB606", scenario.scenes[scenario.start].pos if scenario.start in scenario.scenes else (1, 1),
                         Say("no ending can be reached from the start",
                             "vanaf het begin is geen enkel einde te bereiken"),
                         Say("add a scene with ending: and lead a path to it",
                             "maak een scène met ending: en laat een weg ernaartoe leiden")))
    read, shown = uses
    changed = {m for s in scenario.scenes.values() for c in s.choices for m in c.effects}
    assigned = {f for s in scenario.scenes.values() for c in s.choices for f in c.sets}
    for meter in scenario.meters.values():
        used = meter.id in read or meter.id in shown
        if meter.id not in changed and not used:
            warnings.append(("WB603", meter.pos, Say(f"the meter '{meter.id}' is never changed or used",
                                                     f"de meter '{meter.id}' wordt nooit veranderd of gebruikt"),
                             Say("change it in a choice's effects:, use it in an if, or remove it",
                                 "verander hem in de effects: van een keuze, gebruik hem in een if, of haal hem weg")))
        elif meter.id not in changed:
            warnings.append(("WB604", meter.pos, Say(f"no effect ever changes the meter '{meter.id}'",
                                                     f"geen enkel effect verandert de meter '{meter.id}'"),
                             Say("add it to some choice's effects:, or make it a flag",
                                 "zet hem in de effects: van een keuze, of maak er een flag van")))
    for flag in scenario.flags.values():
        if flag.id not in read and flag.id not in shown:
            what = (Say("set but never read", "krijgt wel een waarde, maar wordt nergens "
                                              "gebruikt") if flag.id in assigned
                    else Say("never used", "wordt nooit gebruikt"))
            warnings.append(("WB605", flag.pos, Say(f"the flag '{flag.id}' is {what.en}",
                                                    f"de flag '{flag.id}' {what.nl}"),
                             Say("use it in an if or a {placeholder}, or remove it",
                                 f"gebruik hem in een if of als {{{flag.id}}} in een tekst, of haal hem weg")))
    return warnings
