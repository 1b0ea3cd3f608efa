"""Play every valid scenario from the menu to an ending and the debrief: once by mouse, once by keyboard."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from tests.test_ui_support import click, find_button, make_app, playable_ids, press, step

IDS = playable_ids()
MAX_STEPS = 600


def test_example_scenario_is_playable() -> None:
    """The example scenario must be among the playable ones (the play-throughs below rely on it)."""
    assert "example" in IDS


def menu_button_for(app, scenario_id: str) -> str:  # type: ignore[no-untyped-def]
    """The menu card's button id of a scenario."""
    screen = app.screen
    screen.ensure_layout()
    for button_id, result in screen.results.items():
        if result.ok and result.scenario.id == scenario_id:
            return button_id
    raise AssertionError(f"{scenario_id} is not in the menu")


@pytest.mark.parametrize("scenario_id", IDS)
def test_mouse_only(tmp_path: Path, scenario_id: str) -> None:
    """Title → menu → intro → scenes and choices → ending → debrief → menu, with clicks only."""
    app = make_app(tmp_path, (1280, 720))
    rng = random.Random(scenario_id)
    step(app)
    assert app.screen.name == "title"
    click(app, "start")
    assert app.screen.name == "menu"
    click(app, menu_button_for(app, scenario_id))
    assert app.screen.name == "intro"
    click(app, "begin")
    assert app.screen.name == "play"
    session = app.session
    scenes_seen = set()
    for _ in range(MAX_STEPS):
        screen = app.screen
        if screen.name != "play":
            break
        scenes_seen.add(screen.scene.id)
        if screen.phase == "choosing":
            click(app, rng.choice(screen.choice_buttons).id)
            assert app.screen.phase == "feedback"
        else:
            click(app, "continue")
    assert app.screen.name == "ending", f"stuck on {app.screen.name}"
    assert session.engine.ended and session.engine.ending is not None
    assert session.engine.state.history, "no decision was made"
    assert len(scenes_seen) > 2
    click(app, "debrief")
    assert app.screen.name == "debrief"
    app.screen.ensure_layout()
    assert app.screen.view.content_height > app.screen.view.viewport.height // 2
    click(app, "menu")
    assert app.screen.name == "menu"
    app.close()


@pytest.mark.parametrize("scenario_id", IDS)
def test_keyboard_only(tmp_path: Path, scenario_id: str) -> None:
    """The same journey with keys only (Enter, arrows, number keys), in a 4:3 window (stacked layout)."""
    app = make_app(tmp_path, (1024, 768))
    rng = random.Random(scenario_id + "keys")
    step(app)
    press(app, pygame.K_RETURN)
    assert app.screen.name == "menu"
    target = menu_button_for(app, scenario_id)
    for _ in range(40):
        if app.screen.focus == target and app.screen.focus_visible:
            break
        press(app, pygame.K_DOWN)
    assert app.screen.focus == target
    press(app, pygame.K_RETURN)
    assert app.screen.name == "intro"
    press(app, pygame.K_RETURN)
    assert app.screen.name == "play"
    session = app.session
    for _ in range(MAX_STEPS):
        screen = app.screen
        if screen.name != "play":
            break
        if screen.phase == "choosing":
            number = rng.randrange(len(screen.choice_buttons)) + 1
            press(app, getattr(pygame, f"K_{number}"))
            assert app.screen.phase == "feedback"
        else:
            press(app, pygame.K_SPACE if rng.random() < 0.5 else pygame.K_RETURN)
    assert app.screen.name == "ending"
    assert session.engine.ended and session.engine.state.history
    press(app, pygame.K_RETURN)
    assert app.screen.name == "debrief"
    offset = app.screen.view.offset
    press(app, pygame.K_PAGEDOWN)
    if app.screen.view.max_offset:
        assert app.screen.view.offset > offset
    press(app, pygame.K_RETURN)
    assert app.screen.name == "menu"
    app.close()


def test_enter_does_not_choose_by_accident(tmp_path: Path) -> None:
    """On the choice screen the first Enter only shows the focus; the second takes the focused choice."""
    from game.ui import preview

    app = make_app(tmp_path)
    scenario = preview.first_ok(app.catalog.results, "example")
    screen = preview.play_at(app, scenario, "timeline", "choosing")
    step(app)
    press(app, pygame.K_RETURN)
    assert screen.phase == "choosing" and screen.focus == screen.choice_buttons[0].id
    press(app, pygame.K_DOWN)
    assert screen.focus == screen.choice_buttons[1].id
    press(app, pygame.K_RETURN)
    assert screen.phase == "feedback" and screen.result.choice.key == "react_now"
    assert find_button(app, "continue") is not None
    app.close()
