"""Developer mode in the game window (`play FILE --dev`): hot reload through good and broken saves, the map
(a click on a scene jumps there), the scene picker, the state panel, the dead-end notice. The real app,
headless, driven by posted events."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pygame
import pytest

from game.ui.app import App
from game.ui.probe import PROBE
from game.ui.screens.devproblems import DevProblemsScreen
from tests.test_ui_support import FakeClock, check_layout, click, press, step

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = (ROOT / "scenarios" / "example.yaml").read_text(encoding="utf-8")
GATE = """format: 1
id: gate
title: {nl: Poort, en: Gate}
languages: [nl, en]
meters:
  trust: {label: {nl: Vertrouwen, en: Trust}, start: 50, min: 0, max: 100, good: high}
flags: {key: false}
start: hall
scenes:
  hall:
    type: dialogue
    lines: [{text: {nl: Een hal., en: A hall.}}]
    choices:
      - id: take
        text: {nl: Pak de sleutel, en: Take the key}
        feedback: {nl: Je hebt hem., en: You have it.}
        effects: {trust: 5}
        set: {key: true}
        next: door
  door:
    type: dialogue
    lines: [{text: {nl: Een deur., en: A door.}}]
    choices:
      - id: open
        if: key
        text: {nl: Open de deur, en: Open the door}
        feedback: {nl: Open., en: Open.}
        next: done
  done:
    type: dialogue
    lines: [{text: {nl: Klaar., en: Done.}}]
    ending: {rating: good, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
debrief:
  questions: [{nl: Vraag?, en: Question?}]
  takeaways: [{nl: Les., en: Lesson.}]
"""


def save(path: Path, text: str, bump: int) -> None:
    """Write the file as an editor would, its modification time moved on (a same-second save is seen too)."""
    path.write_text(text, encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + bump * 1_000_000_000))


def dev_app(tmp_path: Path, text: str = EXAMPLE, name: str = "example.yaml", dev: bool = True,
            size: tuple[int, int] = (1280, 720), **args: object) -> tuple[App, Path]:
    """The app opened as `play FILE --dev` on a copy of a scenario in tmp_path."""
    os.environ["WEERBAAR_CONFIG_DIR"] = str(tmp_path / "config")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    namespace = argparse.Namespace(file=str(path), lang="nl", facilitator=False, text=False, start=None, set=[],
                                   dev=dev)
    for key, value in args.items():
        setattr(namespace, key, value)
    app = App(namespace, size=size, clock=FakeClock())
    app.settings.reduced_motion = True
    app.settings.timers = False
    app.apply_settings(save=False)
    step(app)
    return app, path


def wait_for_reload(app: App) -> None:
    """Run frames until the watcher has looked at the file again (it looks about three times a second)."""
    step(app, 10)


def play_to(app: App, scene_id: str, choice: str | None = None) -> None:
    """Click through the scenes (taking `choice` where offered, else the first) until `scene_id` shows."""
    for _ in range(60):
        screen = app.screen
        if screen.name == "play" and screen.scene.id == scene_id:
            return
        if screen.phase == "choosing":
            keys = {c.key: c.index for c in screen.engine.available_choices()}
            index = keys.get(choice, next(iter(keys.values())))
            click(app, f"choice:{index}")
        else:
            click(app, "continue")
    raise AssertionError(f"never reached {scene_id}")


def texts_on_screen(app: App) -> list[str]:
    """Every text the screen shows as it is laid out now (drawn again through the layout probe, without
    laying it out again: what the player sees, not what a fresh layout would show)."""
    PROBE.clear()
    PROBE.active = True
    try:
        app.screen._frame_key = None
        for view in app.screen.scroll_views():
            for item in view.items:
                item._surface = None        # rendered again from what the layout holds
        app.draw()
    finally:
        PROBE.active = False
    return [record.text for record in PROBE.texts]


def type_text(app: App, text: str) -> None:
    """Type characters as key presses."""
    for char in text:
        key = pygame.key.key_code(char) if char.isalnum() else 0
        press(app, key, unicode=char)


# ---- hot reload -------------------------------------------------------------------------------------

def test_save_reloads_and_keeps_the_scene_and_state(tmp_path: Path) -> None:
    """A save swaps in the new version at the same scene, with the same meters, and says so on screen."""
    app, path = dev_app(tmp_path)
    assert app.dev is not None and app.screen.name == "play"
    play_to(app, "chat", "check")
    while app.screen.phase != "choosing":
        click(app, "continue")
    engine = app.session.engine
    meters, flags = dict(engine.state.meters), dict(engine.state.flags)
    save(path, EXAMPLE.replace("Antwoord Ans met de feiten", "Antwoord Ans met de cijfers"), 1)
    wait_for_reload(app)
    new = app.session.engine
    assert new is not engine and app.screen.name == "play" and app.screen.scene.id == "chat"
    assert new.state.meters == meters and new.state.flags == flags
    assert app.screen.engine is new
    assert app.dev.notice is not None and "opnieuw geladen" in app.dev.notice.text
    assert any("opnieuw geladen" in t for t in texts_on_screen(app))
    assert app.screen.phase == "choosing"      # the lines had been read: the choices show again
    assert any(b.label == "Antwoord Ans met de cijfers" for b in app.screen.choice_buttons)
    step(app, 200)
    assert app.dev.notice is None               # the notice goes away by itself
    app.close()


def test_broken_save_shows_the_errors_and_play_goes_on_until_fixed(tmp_path: Path) -> None:
    """A broken save: its errors on screen (file:line:col), the old version still playable; a fix resumes."""
    app, path = dev_app(tmp_path)
    play_to(app, "chat", "check")
    old = app.session.engine
    broken = EXAMPLE.replace("next: article", "next: artikel", 1)
    save(path, broken, 1)
    wait_for_reload(app)
    assert isinstance(app.screen, DevProblemsScreen) and app.running
    assert [d.code for d in app.screen.result.diagnostics] == ["WB301"]
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "next: artikel" in text)
    shown = texts_on_screen(app)
    assert any(f"example.yaml:{line}:" in t and "WB301" in t for t in shown), shown
    assert any("did you mean 'article'" in t or "bedoel" in t for t in shown)
    assert app.session.engine is old            # nothing was swapped
    # the game keeps running: back to the previous version and play on
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "play" and app.screen.engine is old
    assert app.dev.problems is not None
    press(app, pygame.K_e)                      # E shows the errors again
    assert isinstance(app.screen, DevProblemsScreen)
    click(app, "back")
    assert app.screen.name == "play"
    # a second broken save updates the list; the fix takes over where play was
    save(path, broken.replace("goto: quiz}", "goto: quizz}", 1), 2)
    wait_for_reload(app)
    assert isinstance(app.screen, DevProblemsScreen) and len(app.screen.result.diagnostics) == 2
    save(path, EXAMPLE, 3)
    wait_for_reload(app)
    assert app.screen.name == "play" and app.session.engine is not old
    assert app.session.engine.state.scene == "chat" and app.dev.problems is None
    assert not any(isinstance(s, DevProblemsScreen) for s in app.stack)
    app.close()


def test_removed_scene_goes_on_at_the_nearest_point_and_says_so(tmp_path: Path) -> None:
    """When the current scene is gone, play goes on at the last scene on the path, said in the notice."""
    app, path = dev_app(tmp_path)
    play_to(app, "chat", "check")
    renamed = EXAMPLE.replace("  chat:\n", "  buurtapp:\n").replace("next: chat", "next: buurtapp").replace(
        "visited('chat')", "visited('buurtapp')").replace("chose('chat', 'wait')", "chose('buurtapp', 'wait')")
    save(path, renamed, 1)
    wait_for_reload(app)
    assert app.screen.name == "play" and app.screen.scene.id == "timeline"
    assert "bestaat niet meer" in app.dev.notice.text
    app.close()


def test_file_broken_from_the_start_starts_once_fixed(tmp_path: Path) -> None:
    """`play --dev` on a broken file shows its errors and waits; the first good save starts the game."""
    app, path = dev_app(tmp_path, EXAMPLE.replace("start: morning", "start: nergens"))
    assert isinstance(app.screen, DevProblemsScreen) and app.screen.waiting
    assert app.session is None and app.running
    save(path, EXAMPLE, 1)
    wait_for_reload(app)
    assert app.screen.name == "play" and app.session is not None
    assert app.session.engine.state.scene == app.session.scenario.start
    app.close()


def test_watcher_looks_at_the_file_only_a_few_times_a_second(tmp_path: Path) -> None:
    """Idle, the game does not keep reading the file: at most about three looks a second."""
    app, _ = dev_app(tmp_path)
    watcher = app.dev.reloader.watcher
    looks = []
    original = watcher._stat
    watcher._stat = lambda: looks.append(1) or original()   # type: ignore[method-assign]
    step(app, 100)                              # five seconds at 20 frames a second
    assert 5 <= len(looks) <= 18
    app.close()


def test_no_developer_keys_without_dev(tmp_path: Path) -> None:
    """Without --dev, M, J and D do nothing and nothing is watched."""
    app, _ = dev_app(tmp_path, dev=False)
    assert app.dev is None
    for key in (pygame.K_m, pygame.K_j, pygame.K_d):
        press(app, key)
        assert app.screen.name == "play"
    app.close()


# ---- the map -----------------------------------------------------------------------------------------

def test_map_opens_and_a_click_on_a_scene_jumps_there(tmp_path: Path) -> None:
    """M opens the map; every scene has a box; a click on one jumps there keeping meters and flags."""
    app, _ = dev_app(tmp_path)
    play_to(app, "chat", "check")
    meters = dict(app.session.engine.state.meters)
    flags = dict(app.session.engine.state.flags)
    press(app, pygame.K_m)
    screen = app.screen
    assert screen.name == "devmap"
    assert set(screen.plan.rects) == set(app.session.scenario.scenes)
    boxes = list(screen.plan.rects.values())
    assert all(not a.colliderect(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert screen.selected == "chat"
    target = "memo"
    screen.reveal_scene(target)
    step(app)
    rect = screen.node_rect(target)
    assert screen.viewport.contains(rect)
    pos = rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app)
    assert app.screen.name == "play" and app.session.engine.state.scene == target
    assert app.session.engine.state.meters == meters and app.session.engine.state.flags == flags
    assert "memo" in app.dev.notice.text
    app.close()


def test_map_keyboard_drag_zoom_and_escape(tmp_path: Path) -> None:
    """Arrows pick scenes and Enter jumps; dragging moves the map without jumping; +/− zoom; Esc closes."""
    app, _ = dev_app(tmp_path, size=(1024, 576))
    press(app, pygame.K_m)
    screen = app.screen
    start = app.session.scenario.start
    assert screen.selected == start
    press(app, pygame.K_DOWN)
    assert screen.selected != start and screen.plan.layer_of[screen.selected] == 1
    # drag: a press that moves is no click
    before = list(screen.offset)
    rect = screen.node_rect(screen.selected)
    start_pos = rect.center
    end_pos = (start_pos[0], max(screen.viewport.top + 2, start_pos[1] - 150))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start_pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=end_pos, rel=(0, -150), buttons=(1, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end_pos, button=1))
    step(app)
    assert app.screen is screen and screen.offset != before
    size = screen.plan.size
    press(app, pygame.K_MINUS, unicode="-")
    assert screen.zoom_index == 1 and screen.plan.size[1] < size[1]
    press(app, pygame.K_PLUS, unicode="+")
    assert screen.zoom_index == 0
    check_layout(app)
    target = screen.selected
    press(app, pygame.K_RETURN)
    assert app.screen.name == "play" and app.session.engine.state.scene == target
    press(app, pygame.K_m)
    assert app.screen.name == "devmap"
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "play"
    press(app, pygame.K_m)
    press(app, pygame.K_m)                      # M again closes it too
    assert app.screen.name == "play"
    app.close()


def test_map_of_every_shipped_scenario_has_no_line_through_a_box(tmp_path: Path) -> None:
    """For the shipped scenarios (25 to 45 scenes) no line passes through a scene's box."""
    from game.scenario.loader import load_file
    from game.tools.scenemap import layout_map
    from game.ui.screens.devmap import plan_map
    from game.ui.theme import Theme

    pygame.font.init()
    theme = Theme((1280, 720))
    loops = tmp_path / "loops.yaml"     # a way back, a scene leading to itself, a scene nothing reaches
    loops.write_text(GATE.replace("""        next: done
  done:""", """        next: done
      - id: back
        text: {nl: Terug, en: Back}
        feedback: {nl: Terug., en: Back.}
        next: hall
      - id: wait
        text: {nl: Wacht, en: Wait}
        feedback: {nl: Je wacht., en: You wait.}
        next: door
  lost:
    type: dialogue
    lines: [{text: {nl: Kwijt., en: Lost.}}]
    next: hall
  done:"""), encoding="utf-8")
    paths = [p for p in sorted((ROOT / "scenarios").glob("*.yaml")) if not p.name.endswith(".test.yaml")]
    kinds = set()
    for path in paths + [loops]:
        scenario = load_file(path).scenario
        assert scenario is not None, path
        plan = plan_map(layout_map(scenario), theme, {sid: sid for sid in scenario.scenes})
        kinds |= {edge.kind for edge in plan.edges}
        for edge in plan.edges:
            for sid, rect in plan.rects.items():
                inner = rect.inflate(-4, -4)
                for (x0, y0), (x1, y1) in zip(edge.points, edge.points[1:]):
                    for t in (0.0, 0.25, 0.5, 0.75, 1.0):
                        point = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
                        assert not inner.collidepoint(point), f"{path.name}: {edge.source}->{edge.target} crosses {sid}"
    assert kinds == {"forward", "same", "back", "self"}


# ---- the picker and the state panel -----------------------------------------------------------------------

def test_picker_filters_and_jumps(tmp_path: Path) -> None:
    """J opens the picker; typing filters (letters are text here, not keys); Enter jumps there."""
    app, _ = dev_app(tmp_path)
    press(app, pygame.K_j)
    screen = app.screen
    assert screen.name == "devpicker" and len(screen.shown) == len(app.session.scenario.scenes)
    type_text(app, "m")                         # not the map key here
    assert app.screen is screen and screen.query == "m"
    assert screen.shown[:3] == ["morning", "memo", "mixed_end"]     # ids that start with it first
    type_text(app, "emo")
    assert screen.shown == ["memo"]
    press(app, pygame.K_BACKSPACE, mod=pygame.KMOD_CTRL)
    assert screen.query == "" and len(screen.shown) == len(app.session.scenario.scenes)
    type_text(app, "qui")
    assert screen.shown == ["quiz"]
    type_text(app, "xyz")
    assert screen.shown == []
    assert any("Geen scène past" in t for t in texts_on_screen(app))
    for _ in range(3):
        press(app, pygame.K_BACKSPACE)
    press(app, pygame.K_RETURN)
    assert app.screen.name == "play" and app.session.engine.state.scene == "quiz"
    # by mouse, from the map's button
    press(app, pygame.K_m)
    click(app, "find")
    assert app.screen.name == "devpicker"
    type_text(app, "art")
    click(app, "goto:article")
    assert app.screen.name == "play" and app.session.engine.state.scene == "article"
    app.close()


def test_picker_arrows_choose(tmp_path: Path) -> None:
    """The arrows move the selection; Enter takes it; the current scene is selected first."""
    app, _ = dev_app(tmp_path)
    play_to(app, "timeline")
    press(app, pygame.K_j)
    screen = app.screen
    assert screen.shown[screen.index] == "timeline"
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    target = screen.shown[screen.index]
    assert target == list(app.session.scenario.scenes)[list(app.session.scenario.scenes).index("timeline") + 1]
    press(app, pygame.K_RETURN)
    assert app.session.engine.state.scene == target
    app.close()


def test_state_panel_edits_a_meter_within_its_bounds(tmp_path: Path) -> None:
    """D opens the state panel: + and Shift+Right move a meter, a typed value outside min..max is refused
    with a message, one inside is set; a flag switches with Space; a whole-number flag refuses 2.5."""
    app, _ = dev_app(tmp_path)
    engine = app.session.engine
    press(app, pygame.K_d)
    screen = app.screen
    assert screen.name == "devstate" and screen.selected.name == "trust"
    trust = engine.state.meters["trust"]
    press(app, pygame.K_PLUS, unicode="+")
    assert engine.state.meters["trust"] == trust + 1
    press(app, pygame.K_RIGHT, mod=pygame.KMOD_SHIFT)
    assert engine.state.meters["trust"] == trust + 11
    type_text(app, "150")
    assert screen.buffer == "150"
    press(app, pygame.K_RETURN)
    assert engine.state.meters["trust"] == trust + 11
    assert screen.message[1] == "error" and "0 tot 100" in screen.message[0]
    assert any("0 tot 100; 150" in t for t in texts_on_screen(app))
    type_text(app, "40")
    press(app, pygame.K_RETURN)
    assert engine.state.meters["trust"] == 40 and screen.message[1] == "ok"
    for _ in range(10):
        press(app, pygame.K_MINUS, mod=pygame.KMOD_SHIFT, unicode="-")
    assert engine.state.meters["trust"] == 0                 # clamped at min, never below
    assert screen.message[1] == "error"
    # flags
    screen.select(screen.row_named("checked_source"))
    step(app)
    press(app, pygame.K_d)                      # D is a developer key here (no text is being typed): it closes
    assert app.screen.name == "play"
    press(app, pygame.K_d)
    screen = app.screen
    screen.select(screen.row_named("checked_source"))
    step(app)
    press(app, pygame.K_SPACE)
    assert engine.state.flags["checked_source"] is True
    screen.select(screen.row_named("calls_taken"))
    step(app)
    type_text(app, "2.5")
    press(app, pygame.K_RETURN)
    assert engine.state.flags["calls_taken"] == 0 and screen.message[1] == "error"
    type_text(app, "2")
    press(app, pygame.K_RETURN)
    assert engine.state.flags["calls_taken"] == 2
    screen.select(screen.row_named("spokesperson_said"))
    step(app)
    type_text(app, "dam")                       # a text flag takes letters (d is not the panel key here)
    press(app, pygame.K_RETURN)
    assert engine.state.flags["spokesperson_said"] == "dam" and app.screen is screen
    # by mouse
    screen.select(screen.row_named("trust"))
    step(app)
    click(app, "inc:trust")
    assert engine.state.meters["trust"] == 1
    click(app, "close")
    assert app.screen.name == "play"
    assert app.screen.hud_values()["trust"] == 1
    app.close()


def test_dead_end_says_so_and_the_state_panel_opens_it(tmp_path: Path) -> None:
    """A scene with no choice in the current state: in dev mode a notice with the way out, not a crash."""
    app, _ = dev_app(tmp_path, GATE, "gate.yaml", start="door")
    screen = app.screen
    assert screen.name == "play" and screen.scene.id == "door"
    click(app, "continue")
    assert screen.phase == "stuck"
    assert any("geen enkele keuze" in t for t in texts_on_screen(app))
    click(app, "continue")
    assert app.screen.name == "devstate"
    app.screen.select(app.screen.row_named("key"))
    step(app)
    press(app, pygame.K_SPACE)
    press(app, pygame.K_ESCAPE)
    assert app.screen is screen and screen.phase == "choosing" and screen.choice_buttons
    app.close()


def test_warnings_are_counted_and_shown_with_e(tmp_path: Path) -> None:
    """A scenario with warnings plays; the hint counts them, E lists them with file:line:col."""
    app, _ = dev_app(tmp_path, GATE, "gate.yaml")
    assert app.dev.warnings and any("waarschuwing" in t for t in texts_on_screen(app))
    press(app, pygame.K_e)
    assert isinstance(app.screen, DevProblemsScreen) and not app.screen.errors
    assert any("gate.yaml:" in t and "WB704" in t for t in texts_on_screen(app))
    press(app, pygame.K_e)
    assert app.screen.name == "play"
    app.close()


@pytest.mark.parametrize("size", [(1024, 576), (1280, 720), (1920, 1080), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 2.0], ids=lambda s: f"{round(s * 100)}pct")
def test_developer_screens_fit(tmp_path: Path, size: tuple[int, int], scale: float) -> None:
    """The map, picker, state panel and errors lay out inside the window at small and large sizes (and in
    high contrast), every text inside its box."""
    app, path = dev_app(tmp_path, size=size)
    app.settings.text_scale = scale
    app.settings.high_contrast = size == (1280, 720)
    app.apply_settings(save=False)
    check_layout(app)                           # the play screen with the hint
    for key in (pygame.K_m, pygame.K_j):
        press(app, key)
        check_layout(app)
        press(app, pygame.K_ESCAPE)
    press(app, pygame.K_d)
    check_layout(app)
    press(app, pygame.K_ESCAPE)
    save(path, EXAMPLE.replace("next: article", "next: artikel", 1), 1)
    wait_for_reload(app)
    assert isinstance(app.screen, DevProblemsScreen)
    check_layout(app)
    app.close()
