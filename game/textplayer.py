"""The terminal player: plain text for screen readers, interactive or scripted."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import IO, Any

from .engine.engine import ChoiceResult, Engine, EngineError, NoChoiceError
from .i18n import count_label, tr
from .scenario.model import Scene

Out = Callable[[str], None]


def scene_text(engine: Engine, lang: str, facilitator: bool = False) -> list[str]:
    """The current scene's content as plain lines of text."""
    scene: Scene = engine.scene
    t = lambda text: engine.text(text, lang)  # noqa: E731 - a local shorthand
    out: list[str] = []
    if scene.title:
        out += [t(scene.title).upper(), ""]
    if scene.type == "feed":
        for post in scene.posts:
            marks = [tr("verified", lang)] if post.verified else []
            out.append(f"{post.author} ({post.handle}){' [' + ', '.join(marks) + ']' if marks else ''}:")
            out.append(f"  {t(post.text)}")
            if post.likes or post.shares or post.replies:  # a post without counts gets no line of zeros
                out.append(f"  {count_label(post.likes, 'likes', lang)}, {count_label(post.shares, 'shares', lang)}, "
                           f"{count_label(post.replies, 'replies', lang)}")
            out.append("")
    elif scene.type == "chat":
        if scene.app:
            out += [scene.app, ""]
        for message in scene.messages:
            sender = engine.scenario.characters[message.sender].name if message.is_character else message.sender
            out.append(f"[{message.time}] {sender}: {t(message.text)}")
        out.append("")
    elif scene.type == "news":
        out += [str(scene.outlet), t(scene.headline), "", t(scene.lede)]
        if scene.body:
            out += ["", t(scene.body)]
        out.append("")
    elif scene.type == "document":
        if scene.letterhead:
            out += [scene.letterhead, ""]
        elif scene.letterhead_logo:
            out += [f"[logo: {scene.letterhead_logo.ref}]", ""]
        out += [t(scene.heading), "", t(scene.body)]
        if scene.signature:
            out += ["", f"{tr('signed', lang)}: {scene.signature}"]
        out.append("")
    for line in scene.lines:
        if line.speaker:
            out.append(f"{engine.scenario.characters[line.speaker].name}: {t(line.text)}")
        else:
            out.append(t(line.text))
    if facilitator and scene.note:
        out += ["", f"{tr('facilitator_note', lang)}: {t(scene.note)}"]
    return out


def meter_line(engine: Engine, lang: str) -> str:
    """The visible meters on one line."""
    parts = [f"{engine.text(m.label, lang)} {engine.state.meters[m.id]:g}"
             for m in engine.scenario.meters.values() if not m.hidden]
    return f"{tr('meters', lang)}: " + ", ".join(parts) if parts else ""


def result_text(engine: Engine, result: ChoiceResult, lang: str) -> list[str]:
    """Feedback and meter changes after a choice."""
    out: list[str] = []
    if result.timed_out:
        out.append(tr("timed_out", lang))
    if result.correct is not None:
        out.append(tr("right", lang) if result.correct else tr("wrong", lang))
    if result.feedback:
        out.append(f"{tr('feedback', lang)}: {engine.text(result.feedback, lang)}")
    for meter_id, (before, after) in result.deltas.items():
        meter = engine.scenario.meters[meter_id]
        if not meter.hidden:
            out.append(f"  {engine.text(meter.label, lang)}: {before:g} -> {after:g} ({after - before:+g})")
    return out


def debrief_text(engine: Engine, lang: str) -> list[str]:
    """The ending and a short debrief."""
    scenario = engine.scenario
    ending = engine.ending
    out: list[str] = []
    if ending is not None:
        out += ["", f"{tr('ending', lang).upper()}: {engine.text(ending.title, lang)}",
                tr(f"rating_{ending.rating}", lang), engine.text(ending.text, lang)]
    out += ["", tr("debrief", lang).upper(), "", tr("your_decisions", lang) + ":"]
    for number, decision in enumerate(engine.state.history, 1):
        scene = scenario.scenes[decision.scene]
        choice = scene.choice_by_id(decision.choice)
        label = engine.scene_label(decision.scene, lang)
        quality = f" ({tr('quality_' + choice.quality, lang)})" if choice and choice.quality else ""
        text = engine.text(choice.text, lang) if choice else decision.choice
        timed = f" {tr('timed_out', lang)}" if decision.timed_out else ""
        out.append(f"{number}. {label}: {text}{quality}{timed}")
    seen = engine.techniques_seen()
    if seen:
        out += ["", tr("techniques_seen", lang) + ":"]
        for technique_id in seen:
            technique = scenario.technique(technique_id)
            if technique:
                out.append(f"- {technique.name.get(lang)}: {technique.explanation.get(lang)}")
    if engine.state.quiz_asked:
        out += ["", tr("quiz_score", lang, right=engine.state.quiz_right, asked=engine.state.quiz_asked)]
    for key, items in (("questions", scenario.debrief.questions), ("takeaways", scenario.debrief.takeaways)):
        if items:
            out += ["", tr(key, lang) + ":"] + [f"- {engine.text(item, lang)}" for item in items]
    if scenario.debrief.sources:
        out += ["", tr("sources", lang) + ":"] + [f"- {s}" for s in scenario.debrief.sources]
    return out


def result_json(engine: Engine) -> dict[str, Any]:
    """The JSON summary printed by scripted play with --json."""
    ending = engine.ending
    return {
        "scenario": engine.scenario.id,
        "ending": engine.state.scene if ending else None,
        "rating": ending.rating if ending else None,
        "meters": dict(engine.state.meters),
        "flags": dict(engine.state.flags),
        "path": list(engine.state.path),
        "quiz": {"right": engine.state.quiz_right, "asked": engine.state.quiz_asked},
    }


class ScriptError(Exception):
    """A scripted choice number that is not on offer."""


def _advance_printing(engine: Engine, lang: str, out: Out | None, facilitator: bool = False) -> None:
    """Follow scenes that go on by themselves, printing each one read on the way."""
    guard = 0
    while engine.can_advance():
        if out:
            out("\n".join(scene_text(engine, lang, facilitator)) + "\n")
        engine.advance()
        guard += 1
        if guard > 10_000:
            raise EngineError(f"the scenes loop by themselves without a choice (at '{engine.scene.id}')")


def play_scripted(engine: Engine, numbers: Sequence[int], lang: str, out: Out | None,
                  facilitator: bool = False) -> None:
    """Take the 1-based choices in `numbers`; stop when they run out or an ending is reached."""
    _advance_printing(engine, lang, out, facilitator)
    for number in numbers:
        if engine.ended:
            break
        if out:
            out("\n".join(scene_text(engine, lang, facilitator)))
        available = engine.available_choices()
        if not available:
            raise NoChoiceError(tr("script_dead_end", lang, scene=engine.scene.id))
        if not 1 <= number <= len(available):
            offered = ", ".join(f"{i}={c.key}" for i, c in enumerate(available, 1))
            raise ScriptError(tr("script_no_such_choice", lang, number=number, scene=engine.scene.id, offered=offered))
        result = engine.choose(available[number - 1])
        if out:
            out(f"> {number}. {engine.text(result.choice.text, lang)}")
            out("\n".join(result_text(engine, result, lang)) + "\n")
        _advance_printing(engine, lang, out, facilitator)
    if out:
        out("\n".join(scene_text(engine, lang, facilitator)))
        if engine.ended:
            out("\n".join(debrief_text(engine, lang)))
        elif engine.scene.choices and not engine.available_choices():
            out(tr("script_stuck", lang))  # where a deep-check replay (WB701) ends


def play_interactive(engine: Engine, lang: str, stdin: IO[str], out: Out, facilitator: bool = False) -> int:
    """Play in the terminal, reading choice numbers from `stdin`."""
    try:
        while True:
            out("\n".join(scene_text(engine, lang, facilitator)))
            if engine.ended:
                out("\n".join(debrief_text(engine, lang)))
                return 0
            if engine.can_advance():
                out(tr("press_enter", lang))
                if not stdin.readline():
                    out(tr("stopped", lang))
                    return 0
                engine.advance()
                continue
            available = engine.available_choices()
            if not available:
                out(tr("no_choice", lang))
                return 1
            meters = meter_line(engine, lang)
            if meters:
                out(meters)
            if engine.scene.timer:
                out(tr("timer", lang, seconds=f"{engine.scene.timer.seconds:g}"))
            out(tr("choices", lang))
            for number, choice in enumerate(available, 1):
                out(f"{number}. {engine.text(choice.text, lang)}")
            picked = _ask(stdin, out, lang, len(available))
            if picked is None:
                out(tr("stopped", lang))
                return 0
            result = engine.choose(available[picked - 1])
            out("\n".join(result_text(engine, result, lang)))
            out("")
    except EngineError as exc:
        out(f"{tr('no_choice', lang)} ({exc})")
        return 1


def _ask(stdin: IO[str], out: Out, lang: str, count: int) -> int | None:
    """Read a choice number; None when the player quits or input ends."""
    while True:
        out(tr("choose_prompt", lang))
        line = stdin.readline()
        if not line or line.strip().lower() in ("q", "quit", "stop"):
            return None
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= count:
            return int(text)
        out(tr("not_a_choice", lang, n=count))


def dumps(data: dict[str, Any]) -> str:
    """JSON as printed by the command line."""
    return json.dumps(data, ensure_ascii=False, indent=2)
