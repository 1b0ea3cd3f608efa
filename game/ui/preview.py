"""Open any screen directly, in any state: for screenshots, benchmarks and layout tests."""

from __future__ import annotations

import tempfile
import time

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from ..engine.engine import Engine
from ..scenario.loader import LoadResult
from ..scenario.model import Scenario
from .session import Session

BROKEN_SCENARIO = """format: 1
id: broken
title: {nl: Kapot, en: Broken}
languages: [nl, en]
start: begin
scenes:
  begin:
    type: dialog
    lines: [{text: {nl: Hallo}}]
    next: nowhere
"""


def scenario_folder(dest: Path, source: Path, broken: bool = True) -> Path:
    """Copy the scenario files of `source` into `dest`, plus (when `broken`) one file with errors."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        if not path.name.endswith(".test.yaml"):
            shutil.copy(path, dest / path.name)
    if broken:
        (dest / "zz-broken.yaml").write_text(BROKEN_SCENARIO, encoding="utf-8")
    return dest


def engine_at(scenario: Scenario, scene_id: str, clock: Callable[[], float]) -> Engine:
    """An engine standing in `scene_id` (as if resumed from a save there)."""
    engine = Engine(scenario, clock=clock)
    data = engine.to_dict()
    data["scene"] = scene_id
    data["path"].append(scene_id)
    data["visits"][scene_id] = data["visits"].get(scene_id, 0) + 1
    return Engine.from_dict(scenario, data, clock)


def scene_of_type(scenario: Scenario, kind: str, choices: bool | None = None, timer: bool | None = None,
                  ending: bool = False) -> str | None:
    """The first scene of a type (with or without choices / a timer / an ending), if any."""
    for scene in scenario.scenes.values():
        if scene.type != kind or (scene.ending is not None) != ending:
            continue
        if choices is not None and bool(scene.choices) != choices:
            continue
        if timer is not None and (scene.timer is not None) != timer:
            continue
        return scene.id
    return None


def busiest_feed(scenario: Scenario) -> str | None:
    """The feed scene with the most posts."""
    feeds = [s for s in scenario.scenes.values() if s.type == "feed"]
    return max(feeds, key=lambda s: len(s.posts)).id if feeds else None


def play_at(app, scenario: Scenario, scene_id: str, phase: str = "reading", choice: int = 0):  # type: ignore[no-untyped-def]
    """Show the play screen at a scene: 'reading' (first line typed out), 'last' line, 'choosing' or 'feedback'."""
    from .screens.play import PlayScreen

    app.session = Session(scenario, engine_at(scenario, scene_id, app.clock), app.facilitator)
    screen = PlayScreen(app, app.session)
    app.show(screen)
    screen.ensure_layout()
    screen.typed = None
    if phase in ("last", "choosing", "feedback"):
        while screen.phase == "reading" and screen.line_index < len(screen.scene.lines) - 1:
            screen.advance()
            screen.typed = None
        screen.ensure_layout()
    if phase in ("choosing", "feedback") and screen.phase == "reading":
        screen.typed = None
        screen.advance()
    if phase == "feedback" and screen.phase == "choosing":
        choices = screen.engine.available_choices()
        screen.choose(choices[min(choice, len(choices) - 1)])
        screen.elapsed_feedback = 10.0
        screen.hud_time = 10.0
    screen.elapsed = 10.0
    screen.relayout()
    return screen


def finished(scenario: Scenario, clock: Callable[[], float], seed: int = 1, facilitator: bool = False) -> Session:
    """A session played to an ending with seeded random choices (engine only, no window)."""
    engine = Engine(scenario, clock=clock)
    rng = random.Random(seed)
    guard = 0
    while not engine.ended and guard < 500:
        guard += 1
        if engine.needs_choice():
            engine.choose(rng.choice(engine.available_choices()))
        elif engine.can_advance():
            engine.advance()
        else:
            break
    return Session(scenario, engine, facilitator)


def first_ok(results: list[LoadResult], scenario_id: str | None = None) -> Scenario | None:
    """The first loaded scenario (with this id when given)."""
    for result in results:
        if result.ok and result.scenario is not None and (scenario_id is None or result.scenario.id == scenario_id):
            return result.scenario
    return None


def screen_openers(app) -> dict[str, Callable[[], None]]:  # type: ignore[no-untyped-def]
    """Every screen to capture, by name, each a function that opens it."""
    app.catalog.wait()
    results = app.catalog.results
    example = first_ok(results, "example") or first_ok(results)
    assert example is not None, "no valid scenario to show"
    scenarios = [r.scenario for r in results if r.ok]
    feed_owner = max(scenarios, key=lambda s: max((len(x.posts) for x in s.scenes.values()), default=0))
    letter_owner = next((s for s in scenarios if s.id == "forged-letter"), example)

    def play(scenario, kind: str, phase: str = "reading", **filters) -> Callable[[], None]:  # type: ignore[no-untyped-def]
        def open_it() -> None:
            scene = scene_of_type(scenario, kind, **filters) or scene_of_type(scenario, kind)
            assert scene is not None, f"{scenario.id} has no {kind} scene"
            screen = play_at(app, scenario, scene, phase)
            if phase == "choosing" and screen.timer_left is not None:
                screen.timer_left = min(screen.timer_left, 8.4)
        return open_it

    def feed() -> None:
        scene = busiest_feed(feed_owner)
        assert scene is not None
        play_at(app, feed_owner, scene, "reading")

    def ending() -> None:
        app.session = finished(example, app.clock, seed=3)
        app.show_ending(app.session)

    def debrief(scroll: float) -> Callable[[], None]:
        def open_it() -> None:
            app.session = finished(feed_owner, app.clock, seed=3)
            app.show_debrief(app.session)
            screen = app.screen
            screen.ensure_layout()
            screen.view.offset = screen.view.clamp(round(screen.view.max_offset * scroll))
        return open_it

    def debrief_exported() -> None:
        debrief(0.0)()
        app.screen.export_note = app.screen.tr("exported", path=str(Path(tempfile.gettempdir()) / "Weerbaar" /
                                                                  f"2026-11-28-1405-{app.session.scenario.id}.md"))
        app.screen.relayout()

    def overlay(kind: str) -> Callable[[], None]:
        def open_it() -> None:
            play(example, "dialogue", "last")()
            app.pause()
            if kind == "confirm":
                app.ask_quit()
        return open_it

    def error() -> None:
        app.fail(RuntimeError("a screenshot of the error screen"))

    def menu() -> None:
        app.save_store().clear()
        app.menu_notice = None
        app.open_menu()

    def menu_resume(notice: bool) -> Callable[[], None]:
        def open_it() -> None:
            from ..engine.engine import Engine
            from ..saves import snapshot

            engine = Engine(feed_owner, clock=app.clock)
            while len(engine.state.history) < 3 and not engine.ended:
                if engine.needs_choice():
                    engine.choose(engine.available_choices()[0])
                else:
                    engine.advance()
            app.save_store().write(snapshot(engine, False, "", now=lambda: time.time() - 3600))
            if notice:  # as after a save that no longer fitted its scenario: forgotten, and the menu says why
                app.save_store().clear()
            app.menu_notice = "resume_failed" if notice else None
            app.open_menu()
        return open_it

    def summary(scroll: float) -> Callable[[], None]:
        return lambda: summary_at(scroll)

    def summary_at(scroll: float) -> None:
        from datetime import datetime, timedelta

        from ..report import EXPORT_ENV, export_session

        folder = Path(tempfile.mkdtemp(prefix="weerbaar-exports-"))
        for seed in range(8):
            played = finished(feed_owner, app.clock, seed=seed)
            export_session(played.engine, app.ui_lang(), folder, datetime(2026, 11, 28, 14, 5) + timedelta(minutes=seed))
        before = os.environ.get(EXPORT_ENV)
        os.environ[EXPORT_ENV] = str(folder)
        try:
            app.open_summary()  # reads the exports now
        finally:
            if before is None:
                del os.environ[EXPORT_ENV]
            else:
                os.environ[EXPORT_ENV] = before
        screen = app.screen
        screen.ensure_layout()
        screen.view.offset = screen.view.clamp(round(screen.view.max_offset * scroll))

    def problems() -> None:
        app.open_menu()
        bad = next(r for r in app.catalog.results if not r.ok)
        app.open_problems(bad)

    def facilitator() -> None:
        app.facilitator = True
        try:
            scene = next(s.id for s in feed_owner.scenes.values() if s.note and s.type == "feed") \
                if any(s.note and s.type == "feed" for s in feed_owner.scenes.values()) else None
            play_at(app, feed_owner, scene or feed_owner.start, "choosing")
        finally:
            app.facilitator = False

    def hands(tie: bool) -> Callable[[], None]:
        def open_it() -> None:
            from .screens.hands import HandsScreen

            # the most choices of any scenario (the longest list to count), or the example's first decision on a tie
            owner, scene = (example, next(s.id for s in example.scenes.values() if len(s.choices) >= 3)) if tie else \
                max(((s, x.id) for s in scenarios for x in s.scenes.values()), key=lambda p: len(p[0].scenes[p[1]].choices))
            app.facilitator = True
            try:
                screen = play_at(app, owner, scene, "choosing")
            finally:
                app.facilitator = False
            offered = len(screen.engine.available_choices())
            counts = [6, 6, 2] if tie else [3, 11, 0, 4, 1, 0, 2, 0, 0]
            app.push(HandsScreen(app, screen, counts[:offered]))
            if tie:
                app.screen.index = 1
        return open_it

    def debrief_hands() -> None:
        # a room that counted hands at every decision (facilitator mode), the most hands on the choice taken
        engine = Engine(example, clock=app.clock)
        rng = random.Random(5)
        for _ in range(500):
            if engine.ended:
                break
            if engine.needs_choice():
                offered = engine.available_choices()
                hands = {c.key: rng.randint(0, 6) for c in offered}
                taken = rng.choice(offered)
                hands[taken.key] = max(hands.values()) + rng.randint(1, 4)
                engine.choose(taken, votes=hands)
            elif engine.can_advance():
                engine.advance()
            else:
                break
        app.session = Session(example, engine, True)
        app.show_debrief(app.session)

    return {
        "title": app.open_title,
        "menu-with-invalid-file": menu,
        "menu-resume": menu_resume(False),
        "menu-resume-failed": menu_resume(True),
        "problems": problems,
        "summary": summary(0.0),
        "summary-choices": summary(0.12),
        "intro": lambda: app.open_intro(example),
        "dialogue": play(example, "dialogue", "reading"),
        "dialogue-speaker": play(example, "dialogue", "last"),
        "feed": feed,
        "chat": play(example, "chat", "reading"),
        "news": play(example, "news", "reading"),
        "document": play(letter_owner, "document", "reading"),
        "choices-timer": play(example, "chat", "choosing", timer=True),
        "choices-quiz": lambda: play_at(app, example, next(s.id for s in example.scenes.values() if s.quiz), "choosing"),
        "feedback": play(example, "feed", "feedback"),
        "feedback-quiz": lambda: play_at(app, example, next(s.id for s in example.scenes.values() if s.quiz), "feedback"),
        "facilitator": facilitator,
        "hands": hands(False),
        "hands-tie": hands(True),
        "ending": ending,
        "debrief": debrief(0.0),
        "debrief-chart": debrief(0.45),
        "debrief-exported": debrief_exported,
        "debrief-hands": debrief_hands,
        "settings": app.open_settings,
        "pause": overlay("pause"),
        "confirm-quit": overlay("confirm"),
        "error": error,
    }
