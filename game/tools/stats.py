"""`python main.py stats FILE`: size, words, play time, and the ways to each ending of a scenario."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..scenario.model import Choice, Scenario, Scene, Text

WORDS_PER_MINUTE = 200          # reading speed assumed for Dutch (and used for every language)
SECONDS_PER_DECISION = 10       # thinking time per choice
PATH_CAP = 1_000_000            # path counts above this are shown as "1,000,000+"
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass
class EndingStats:
    """One ending: its rating, how many ways through the map reach it, and the decisions on the way."""

    scene: str
    rating: str
    paths: int
    capped: bool
    fewest: int | None
    most: int | None


@dataclass
class ScenarioStats:
    """What `stats` prints."""

    scenes: int
    choices: int
    by_type: dict[str, int]
    quizzes: int
    timed: int
    words: dict[str, int]
    minutes_short: float
    minutes_long: float
    fewest: int
    most: int
    endings: list[EndingStats] = field(default_factory=list)
    loops: bool = False
    language: str = "nl"
    declared_minutes: float | None = None


def count_words(text: str) -> int:
    """Words in a text ({placeholders} count as one word)."""
    return len(_WORD.findall(text))


def _texts(scene: Scene) -> list[Text]:
    """Every player-facing text of a scene, its choices' texts included (not the feedback)."""
    found = [t for t in (scene.title, scene.headline, scene.lede, scene.body, scene.heading) if t]
    found += [line.text for line in scene.lines]
    found += [post.text for post in scene.posts]
    found += [message.text for message in scene.messages]
    found += [choice.text for choice in scene.choices]
    if scene.ending:
        found += [scene.ending.title, scene.ending.text]
    return found


def _all_texts(scenario: Scenario) -> list[Text]:
    """Every text in the scenario: scenes, feedback, notes, debrief."""
    found: list[Text] = [scenario.title] + ([scenario.summary] if scenario.summary else [])
    for scene in scenario.scenes.values():
        found += _texts(scene)
        found += [c.feedback for c in scene.choices if c.feedback]
        found += [scene.note] if scene.note else []
    found += scenario.debrief.questions + scenario.debrief.takeaways
    return found


def _edges(scene: Scene) -> list[tuple[Choice | None, str]]:
    """Every way out of a scene: (choice or None for next:, target)."""
    if scene.next:
        return [(None, b.goto) for b in scene.next]
    return [(c, b.goto) for c in scene.choices for b in c.next]


def _forward_order(scenario: Scenario) -> tuple[list[str], set[tuple[str, str]]]:
    """Scenes reachable from the start in an order where every edge goes forward, and the back edges
    (the ones that close a loop) left out to make that possible."""
    order: list[str] = []
    back: set[tuple[str, str]] = set()
    state: dict[str, int] = {scenario.start: 1}
    stack = [(scenario.start, iter(scenario.scenes[scenario.start].successors()))]
    while stack:
        scene_id, successors = stack[-1]
        target = next(successors, None)
        if target is None:
            state[scene_id] = 2
            order.append(scene_id)
            stack.pop()
        elif state.get(target) == 1:
            back.add((scene_id, target))
        elif target not in state:
            state[target] = 1
            stack.append((target, iter(scenario.scenes[target].successors())))
    order.reverse()
    return order, back


def scenario_stats(scenario: Scenario, cap: int = PATH_CAP) -> ScenarioStats:
    """Count scenes, choices and words, and walk the map (loops left out) for paths and play time."""
    lang = scenario.default_language
    words = {code: 0 for code in scenario.languages}
    for text in _all_texts(scenario):
        for code, value in text.by_lang.items():
            words[code] = words.get(code, 0) + count_words(value)
    scenes = scenario.scenes
    order, back = _forward_order(scenario)
    reading = {sid: sum(count_words(t.get(lang)) for t in _texts(scene)) for sid, scene in scenes.items()}
    # per scene, from the start: number of paths, fewest/most decisions, least/most seconds
    paths: dict[str, int] = {sid: 0 for sid in scenes}
    fewest: dict[str, float] = {sid: float("inf") for sid in scenes}
    most: dict[str, float] = {sid: float("-inf") for sid in scenes}
    quick: dict[str, float] = {sid: float("inf") for sid in scenes}
    slow: dict[str, float] = {sid: float("-inf") for sid in scenes}
    start = scenario.start
    paths[start], fewest[start], most[start] = 1, 0, 0
    quick[start] = slow[start] = reading[start] * 60 / WORDS_PER_MINUTE
    for sid in order:
        for choice, target in _edges(scenes[sid]):
            if (sid, target) in back:
                continue
            decision = 0 if choice is None else 1
            seconds = reading[target] * 60 / WORDS_PER_MINUTE + decision * SECONDS_PER_DECISION
            if choice is not None and choice.feedback:
                seconds += count_words(choice.feedback.get(lang)) * 60 / WORDS_PER_MINUTE
            paths[target] = min(cap + 1, paths[target] + paths[sid])
            fewest[target] = min(fewest[target], fewest[sid] + decision)
            most[target] = max(most[target], most[sid] + decision)
            quick[target] = min(quick[target], quick[sid] + seconds)
            slow[target] = max(slow[target], slow[sid] + seconds)
    endings = [EndingStats(sid, scene.ending.rating, min(paths[sid], cap), paths[sid] > cap,
                           int(fewest[sid]) if paths[sid] else None, int(most[sid]) if paths[sid] else None)
               for sid, scene in scenes.items() if scene.ending is not None]
    reached = [e.scene for e in endings if e.paths]
    by_type: dict[str, int] = {}
    for scene in scenes.values():
        by_type[scene.type] = by_type.get(scene.type, 0) + 1
    return ScenarioStats(
        scenes=len(scenes), choices=sum(len(s.choices) for s in scenes.values()), by_type=by_type,
        quizzes=sum(1 for s in scenes.values() if s.quiz), timed=sum(1 for s in scenes.values() if s.timer),
        words=words,
        minutes_short=min((quick[s] for s in reached), default=0.0) / 60,
        minutes_long=max((slow[s] for s in reached), default=0.0) / 60,
        fewest=int(min((fewest[s] for s in reached), default=0)), most=int(max((most[s] for s in reached), default=0)),
        endings=endings, loops=bool(back), language=lang, declared_minutes=scenario.minutes)


def format_stats(scenario: Scenario, stats: ScenarioStats) -> str:
    """The report printed by `stats`."""
    types = ", ".join(f"{count} {kind}" for kind, count in sorted(stats.by_type.items()))
    lines = [
        f"{scenario.title.get(stats.language)} ({scenario.id})",
        f"  scenes:    {stats.scenes} ({types}); {stats.quizzes} quiz, {stats.timed} with a timer",
        f"  choices:   {stats.choices}",
        "  words:     " + ", ".join(f"{lang} {count:,}" for lang, count in stats.words.items())
        + " (every text, including feedback, notes and debrief)",
        f"  play time: about {_minutes(stats.minutes_short, stats.minutes_long)} minutes "
        f"(quickest and slowest way to an ending)"
        + (f"; the file says minutes: {stats.declared_minutes:g}" if stats.declared_minutes else ""),
        f"             assumes reading {WORDS_PER_MINUTE} words a minute ({stats.language} texts of the scenes on "
        f"the way, choices and feedback) and {SECONDS_PER_DECISION} seconds per decision; "
        "facilitator notes, the debrief and discussion not included",
        f"  decisions: fewest {stats.fewest}, most {stats.most} to an ending",
        "  endings:",
    ]
    for ending in stats.endings:
        count = f"{ending.paths:,}{'+' if ending.capped else ''}"
        way = (f"{count} way{'s' * (ending.paths != 1)} through the map, {ending.fewest}–{ending.most} decisions"
               if ending.paths else "no way through the map reaches it")
        lines.append(f"    {ending.scene:<24} {ending.rating:<6} {way}")
    notes = ["ways are counted on the map: ifs are not checked, so some may not be playable (validate checks that)"]
    if stats.loops:
        notes.append("the map has loops; ways that go round a loop again are not counted")
    if any(e.capped for e in stats.endings):
        notes.append(f"counts above {PATH_CAP:,} are shown as {PATH_CAP:,}+")
    lines += [f"  note: {note}" for note in notes]
    return "\n".join(lines)


def _minutes(low: float, high: float) -> str:
    """'19–24', or '1.3–2.1' for short scenarios."""
    digits = 1 if high < 10 else 0
    return f"{low:.{digits}f}–{high:.{digits}f}"
