"""Deep lint: from the explored game states, report dead ends (WB701), endings no play reaches (WB702),
loops with no way out (WB703), conditions that never change (WB704), a stopped exploration (WB705) and
scenes no play reaches (WB706). The state space itself is in statespace.py."""

from __future__ import annotations

import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Say
from .graph import reachable_scenes
from .model import Choice, Pos, Scenario
from .statespace import Condition, Explorer, Plan

DEFAULT_MAX_STATES = 200_000
DEFAULT_MAX_SECONDS = 30.0

Finding = tuple[str, Pos, Say, Say]     # (code, position, message, hint) in English and Dutch, as graph_warnings


@dataclass
class DeepLintReport:
    """What the exploration found, with its size and time."""

    findings: list[Finding] = field(default_factory=list)
    states: int = 0             # states the breadth-first search stored (after the play-throughs)
    walks: int = 0              # play-throughs made first, random and steered
    complete: bool = True
    seconds: float = 0.0
    reached_scenes: set[str] = field(default_factory=set)


def deep_lint(scenario: Scenario, max_states: int = DEFAULT_MAX_STATES,
              max_seconds: float = DEFAULT_MAX_SECONDS) -> DeepLintReport:
    """Explore the reachable states of a loaded scenario and report what the graph checks cannot see."""
    started = time.perf_counter()
    plan = Plan(scenario)
    explorer = Explorer(plan, max_states, max_seconds)
    explorer.probe()
    explorer.run()
    report = DeepLintReport(states=len(explorer.states), walks=explorer.walks, complete=not explorer.stopped)
    report.reached_scenes = {plan.scene_ids[i] for i in explorer.reached}
    report.findings.extend(_dead_ends(explorer))
    report.findings.extend(_loops(explorer))
    if explorer.stopped:
        report.findings.append(_bound_hit(explorer, time.perf_counter() - started))
    else:
        report.findings.extend(_never_reached(scenario, report.reached_scenes))
        report.findings.extend(_constant_conditions(plan))
    report.seconds = time.perf_counter() - started
    return report


# ---- WB701 dead ends -----------------------------------------------------------------------------

def _dead_ends(explorer: Explorer) -> list[Finding]:
    """WB701: a choices scene where no choice is available in some reachable state, with the way there."""
    plan = explorer.plan
    findings: list[Finding] = []
    for scene_index, state_index in sorted(explorer.dead_ends.items(), key=lambda item: item[1]):
        sid = plan.scene_ids[scene_index]
        scene = plan.scenario.scenes[sid]
        decisions = explorer.decisions(state_index)
        values = _replay(plan.scenario, decisions)
        read: dict[str, Any] = {}
        for choice in scene.choices:
            if choice.condition is not None:
                for name in sorted(choice.condition.names()):
                    read[name] = values["values"].get(name)
                for other in sorted(choice.condition.visited_scenes()):
                    read[f"visited('{other}')"] = values["visits"].get(other, 0)
        values = _values_text(read)
        when = Say(f" when {values}", f" bij deze stand: {values}") if read else Say("", "")
        hint = Say("give one choice no if (a way out that is always there), or change the ifs so one of them "
                   "holds here",
                   "geef één keuze geen if (een uitweg die er altijd is), of verander de ifs zodat er hier één "
                   "klopt")
        if decisions:
            replay = (f"python main.py play {_shown(plan.scenario)} --text --choices "
                      f"{','.join(str(d[2]) for d in decisions)}")
            hint = Say(f"{hint.en}; replay it with: {replay}", f"{hint.nl}; speel het na met: {replay}")
        path = _path_text(plan.scenario, decisions)
        findings.append(("WB701", scene.pos, Say(f"the scene '{sid}' has no choice to offer{when.en} ({path.en})",
                                                 f"de scène '{sid}' heeft geen keuze om aan te bieden{when.nl} "
                                                 f"({path.nl})"), hint))
    return findings


def _shown(scenario: Scenario) -> str:
    """The scenario's file as diagnostics show it (relative to the working folder when below it)."""
    from .loader import display_path

    return display_path(scenario.path)


def _replay(scenario: Scenario, decisions: list[tuple[str, str, int]]) -> dict[str, dict[str, Any]]:
    """The real meter/flag values and visit counts at the end of a path, played on the engine."""
    from ..engine.engine import Engine, EngineError

    engine = Engine(scenario, clock=lambda: 0.0)
    try:
        engine.run_automatic()
        for _, key, _ in decisions:
            engine.choose(key)
            engine.run_automatic()
    except EngineError:
        pass
    state = engine.state
    return {"values": {**state.meters, **state.flags}, "visits": dict(state.visits)}


def choice_label(choice: Choice) -> str:
    """A choice as a trainer recognises it: its id, or its position and the start of its text."""
    if choice.id is not None:
        return f"'{choice.id}'"
    text = next(iter(choice.text.by_lang.values()), "")
    return f"{choice.key} \"{text[:30]}{'…' if len(text) > 30 else ''}\""


def _path_text(scenario: Scenario, decisions: list[tuple[str, str, int]]) -> Say:
    """'after timeline: react_now → chat: wait', or 'right at the start' (and in Dutch)."""
    if not decisions:
        return Say("right at the start", "meteen aan het begin")
    steps = []
    for scene, key, _ in decisions:
        choice = scenario.scenes[scene].choice_by_id(key)
        steps.append(f"{scene}: {choice_label(choice).strip(chr(39)) if choice else key}")
    return Say("after " + " → ".join(steps), "na " + " → ".join(steps))


def _values_text(values: dict[str, Any]) -> str:
    """'trust is 30, reach is 70' (the same in Dutch)."""
    return ", ".join(f"{name} is {_show(value)}" for name, value in values.items())


def _show(value: Any) -> str:
    """A value as a trainer writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# ---- WB703 loops ---------------------------------------------------------------------------------

def _loops(explorer: Explorer) -> list[Finding]:
    """WB703: states that can go on for ever but never reach an ending (dead ends are WB701)."""
    count = len(explorer.states)
    plan = explorer.plan
    reverse: list[list[int]] = [[] for _ in range(count)]
    forward: list[list[int]] = [[] for _ in range(count)]
    for source, target in zip(explorer.edges_from, explorer.edges_to):
        reverse[target].append(source)
        forward[source].append(target)
    good = bytearray(count)
    queue = deque(explorer.endings)
    queue.extend(range(explorer.expanded, count))      # unexplored states may still reach an ending
    queue.extend(i for i in range(count) if explorer.pruned_exit[i])   # so may ways on not explored
    for index in queue:
        good[index] = 1
    while queue:
        current = queue.popleft()
        for source in reverse[current]:
            if not good[source]:
                good[source] = 1
                queue.append(source)
    findings: list[Finding] = []
    reported: set[frozenset[str]] = set()
    for cycle in _cycles(explorer.expanded, forward, good):
        scenes = [explorer.scene_of(i) for i in cycle]
        if frozenset(scenes) in reported:
            continue
        reported.add(frozenset(scenes))
        turn = cycle.index(min(cycle))
        entry = cycle[turn]
        ordered = _collapse(scenes[turn:] + scenes[:turn])
        first = ordered[0]
        loop = " → ".join(ordered + [first])
        path = _path_text(plan.scenario, explorer.decisions(entry))
        findings.append(("WB703", plan.scenario.scenes[first].pos,
                         Say(f"from the scene '{first}' the player can only go round the loop {loop} and never "
                             f"reach an ending ({path.en})",
                             f"vanaf de scène '{first}' kan de speler alleen het rondje {loop} blijven lopen en komt "
                             f"hij nooit bij een einde ({path.nl})"),
                         Say("give a scene in the loop a choice or branch that leads on towards an ending",
                             "geef een scène in het rondje een keuze of tak die verder leidt naar een einde")))
        if len(findings) >= 5:
            break
    return findings


def _cycles(expanded: int, forward: list[list[int]], good: bytearray) -> list[list[int]]:
    """Cycles among explored states that cannot reach an ending (one iterative DFS, O(states + edges))."""
    colour = bytearray(len(forward))
    cycles: list[list[int]] = []
    for root in range(expanded):
        if good[root] or colour[root]:
            continue
        colour[root] = 1
        stack: list[tuple[int, int]] = [(root, 0)]
        order: list[int] = [root]
        while stack:
            node, position = stack[-1]
            successors = forward[node]
            if position < len(successors):
                stack[-1] = (node, position + 1)
                nxt = successors[position]
                if good[nxt]:
                    continue
                if colour[nxt] == 1:
                    cycles.append(order[order.index(nxt):])
                elif colour[nxt] == 0:
                    colour[nxt] = 1
                    stack.append((nxt, 0))
                    order.append(nxt)
            else:
                colour[node] = 2
                stack.pop()
                order.pop()
    return cycles


def _collapse(scenes: list[str]) -> list[str]:
    """Collapse immediate repeats (several states of one scene in a row)."""
    out: list[str] = []
    for scene in scenes:
        if not out or out[-1] != scene:
            out.append(scene)
    if len(out) > 1 and out[-1] == out[0]:
        out.pop()
    return out


# ---- WB705 bound ---------------------------------------------------------------------------------

def _bound_hit(explorer: Explorer, seconds: float) -> Finding:
    """WB705: the exploration stopped early."""
    scenario = explorer.plan.scenario
    start = scenario.scenes[scenario.start]
    count = f"{len(explorer.states):,}"
    count_nl = count.replace(",", ".")
    hint = Say("what it did report is real, but it may have missed problems; compare counters and visited() "
               "directly with a number (calls >= 3) so it can tell that more rounds change nothing",
               "wat hij wel meldt, klopt, maar hij kan problemen gemist hebben; vergelijk tellers en visited() "
               "direct met een getal (calls >= 3), dan ziet hij dat nog meer rondes niets veranderen")
    if explorer.stopped == "states":
        why = Say(f"after {count} game situations (the limit)", f"na {count_nl} spelsituaties (de ingestelde grens)")
        hint = Say(f"{hint.en}, or raise the limit with validate --max-states N",
                   f"{hint.nl}; of verhoog de grens met validate --max-states N")
    else:
        why = Say(f"after {seconds:.0f} seconds ({count} game situations)",
                  f"na {seconds:.0f} seconden ({count_nl} spelsituaties)")
    return ("WB705", start.pos, Say(f"the deep check stopped {why.en}, before it had seen every situation",
                                    f"de controle van alle spelverlopen stopte {why.nl}, voordat hij elke situatie "
                                    "had gezien"), hint)


# ---- WB702 / WB706 never reached -----------------------------------------------------------------

def _never_reached(scenario: Scenario, reached: set[str]) -> list[Finding]:
    """WB702 for endings and WB706 for the first scenes on each way that the map reaches but no play does."""
    on_map = reachable_scenes(scenario)
    scenes = scenario.scenes
    findings: list[Finding] = []
    for sid, scene in scenes.items():
        if sid not in on_map or sid in reached:
            continue
        if scene.ending is not None:
            findings.append(("WB702", scene.pos,
                             Say(f"the ending '{sid}' is on the map, but no play-through reaches it: "
                                 "the ifs on every way there never let the player through",
                                 f"het einde '{sid}' staat op de plattegrond, maar de speler komt er in geen enkel "
                                 "spelverloop: de ifs op elke weg erheen laten hem nooit door"),
                             Say("check the numbers in the ifs and effects on the way (see the warnings about ifs "
                                 "that never hold), or try it with play --start SCENE --set name=value",
                                 "controleer de getallen in de ifs en effects onderweg (zie de waarschuwingen over "
                                 "ifs die nooit kloppen), of probeer het met play --start SCÈNE --set naam=waarde")))
            continue
        sources = sorted(s for s in reached if sid in scenes[s].successors())
        if sources:
            where = ", ".join(repr(s) for s in sources)
            findings.append(("WB706", scene.pos,
                             Say(f"the scene '{sid}' is on the map, but no play-through reaches it: "
                                 f"the ifs on the way from {where} never lead here",
                                 f"de scène '{sid}' staat op de plattegrond, maar de speler komt er in geen enkel "
                                 f"spelverloop: "
                                 f"de ifs op de weg vanaf {where} leiden nooit hierheen"),
                             Say("check the numbers in those ifs (see the warnings about ifs that never hold), "
                                 "or remove the scene",
                                 "controleer de getallen in die ifs (zie de waarschuwingen over ifs die nooit "
                                 "kloppen), of haal de scène weg")))
    return findings


# ---- WB704 constant conditions -------------------------------------------------------------------

def _constant_conditions(plan: Plan) -> list[Finding]:
    """WB704: conditions that give the same answer in every state that evaluates them."""
    findings: list[Finding] = []
    for cond in plan.conds:
        if cond.outcomes not in (1, 2):
            continue
        always = cond.outcomes == 1
        source = cond.expr.source
        seen = _seen_text(cond, plan)
        if cond.kind == "choice":
            label = choice_label(cond.choice) if cond.choice else "?"
            which = Say(f"the if \"{source}\" of choice {label} in '{cond.scene}'",
                        f"de if \"{source}\" van keuze {label} in de scène '{cond.scene}'")
            if always:
                message = Say(f"{which.en} always holds{seen.en}, so it changes nothing",
                              f"{which.nl} klopt altijd{seen.nl}, dus die if maakt geen verschil")
                hint = Say("remove the if, or check the numbers it compares with",
                           "haal de if weg, of controleer de getallen waarmee hij vergelijkt")
            else:
                message = Say(f"{which.en} never holds{seen.en}, so the choice is never offered",
                              f"{which.nl} klopt nooit{seen.nl}, dus de keuze wordt nooit aangeboden")
                hint = Say("check the numbers it compares with and the effects before it, or remove the choice",
                           "controleer de getallen waarmee hij vergelijkt en de effects ervoor, of haal de keuze weg")
        else:
            branches = cond.branches or []
            where = (Say(f"choice {choice_label(cond.choice)} of '{cond.scene}'",
                         f"keuze {choice_label(cond.choice)} van de scène '{cond.scene}'") if cond.choice
                     else Say(f"the next: of '{cond.scene}'", f"de next: van de scène '{cond.scene}'"))
            if always:
                later = ", ".join(f"'{b.goto}'" for b in branches[cond.branch_index + 1:])
                message = Say(f"the branch if \"{source}\" in {where.en} always holds{seen.en}, so the branches "
                              f"after it (to {later}) are never taken",
                              f"de tak met if \"{source}\" in {where.nl} klopt altijd{seen.nl}, dus de takken erna "
                              f"(naar {later}) worden nooit genomen")
                hint = Say("check the numbers it compares with, or remove the branches that can never be taken",
                           "controleer de getallen waarmee hij vergelijkt, of haal de takken weg die nooit genomen "
                           "worden")
            else:
                target = branches[cond.branch_index].goto
                message = Say(f"the branch if \"{source}\" in {where.en} never holds{seen.en}, so it never goes to "
                              f"'{target}'",
                              f"de tak met if \"{source}\" in {where.nl} klopt nooit{seen.nl}, dus hij gaat nooit "
                              f"naar '{target}'")
                hint = Say("check the numbers it compares with and the effects before it, or remove the branch",
                           "controleer de getallen waarmee hij vergelijkt en de effects ervoor, of haal de tak weg")
        findings.append(("WB704", cond.pos, message, hint))
    return findings


def _seen_text(cond: Condition, plan: Plan) -> Say:
    """' (wherever it is checked, trust is between 40 and 60)' from the exact values the condition read (and in
    Dutch)."""
    parts: list[Say] = []
    for name, record in sorted(cond.seen.items()):
        slot = plan.visit_slot.get(name[len("visited('"):-2], -1) if name.startswith("visited(") else plan.slot[name]
        cap = plan.caps.get(slot)
        if len(record) == 2 and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in record):
            low, high = record
            top = (Say(f"{_show(cap[1] + 1)} or more", f"{_show(cap[1] + 1)} of meer")
                   if cap and cap[0] == "hi" and high > cap[1] else Say(_show(high), _show(high)))
            bottom = (Say(f"{_show(cap[1] - 1)} or less", f"{_show(cap[1] - 1)} of minder")
                      if cap and cap[0] == "lo" and low < cap[1] else Say(_show(low), _show(low)))
            if low == high and cap is None:
                parts.append(Say(f"{name} is {top.en}", f"{name} is {top.nl}"))
            elif low != high:
                parts.append(Say(f"{name} is between {bottom.en} and {top.en}",
                                 f"{name} ligt tussen {bottom.nl} en {top.nl}"))
            else:
                one = top if cap and cap[0] == "hi" else bottom
                parts.append(Say(f"{name} is {one.en}", f"{name} is {one.nl}"))
        else:
            parts.append(Say(f"{name} is {' or '.join(_show(v) for v in record)}",
                             f"{name} is {' of '.join(_show(v) for v in record)}"))
    if not parts:
        return Say("", "")
    return Say(f" ({'for example, ' if cond.partial else 'wherever it is checked, '}{'; '.join(p.en for p in parts)})",
               f" ({'bijvoorbeeld ' if cond.partial else 'overal waar hij getest wordt: '}"
               f"{'; '.join(p.nl for p in parts)})")
