"""Autosave in the real window: a game closed (or crashed) midway goes on from the menu; an ending forgets it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.saves import SaveStore
from game.ui.settings import data_dir
from tests.test_ui_playthrough import menu_button_for
from tests.test_ui_support import click, find_button, make_app, press, step


def _play_decisions(app, count: int) -> None:  # type: ignore[no-untyped-def]
    """From the menu: open the phantom-shelter scenario and take `count` decisions by mouse."""
    click(app, menu_button_for(app, "phantom-shelter"))
    click(app, "begin")
    taken = 0
    for _ in range(200):
        screen = app.screen
        assert screen.name == "play"
        if screen.phase == "choosing":
            if taken == count:
                return
            click(app, screen.choice_buttons[0].id)
            taken += 1
        else:
            click(app, "continue")
    raise AssertionError("did not reach enough decisions")


def test_a_game_closed_midway_goes_on_from_the_menu(tmp_path: Path) -> None:
    """Two decisions, close the window; a new window's menu offers to go on (focused), and Enter does."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    _play_decisions(app, 2)
    before = app.session.engine.to_dict()
    assert len(before["history"]) == 2
    app.close()  # as if the laptop's lid closed: no quit confirmation, no goodbye

    app = make_app(tmp_path)  # the same config folder: a new start of the game
    step(app)
    press(app, pygame.K_RETURN)  # keyboard only: Enter on the title, Enter on the menu's first card
    assert app.screen.name == "menu"
    resume = find_button(app, "resume")
    assert resume is not None and "Verder spelen" in resume.label
    assert app.screen.default_focus() == "resume"
    press(app, pygame.K_RETURN)
    assert app.screen.name == "play"
    after = app.session.engine.to_dict()
    assert after["scene"] == before["scene"] and after["history"] == before["history"]
    assert after["meters"] == before["meters"] and after["flags"] == before["flags"]
    app.close()


def test_reaching_an_ending_forgets_the_save(tmp_path: Path) -> None:
    """Play the tutorial to its ending: the autosave file is gone and the menu offers no 'go on'."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    click(app, menu_button_for(app, "tutorial"))
    click(app, "begin")
    store = SaveStore(data_dir())
    saw_save = False
    for _ in range(300):
        screen = app.screen
        if screen.name != "play":
            break
        if screen.phase == "choosing":
            click(app, screen.choice_buttons[0].id)
            saw_save = saw_save or store.read() is not None
        else:
            click(app, "continue")
    assert app.screen.name == "ending" and saw_save
    assert store.read() is None
    click(app, "debrief")
    click(app, "menu")
    assert find_button(app, "resume") is None
    app.close()


def test_a_save_that_no_longer_fits_is_explained_not_fatal(tmp_path: Path) -> None:
    """The trainer renames the scene the player was in: the menu says the game cannot go on, and plays on."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    _play_decisions(app, 2)
    scene = app.session.engine.state.scene
    app.close()

    app = make_app(tmp_path)  # a fresh copy of the scenarios; now the trainer edits one of them
    path = next(r.scenario.path for r in app.catalog.results if r.ok and r.scenario.id == "phantom-shelter")
    text = Path(path).read_text(encoding="utf-8")
    assert f"  {scene}:" in text
    Path(path).write_text(text.replace(f"  {scene}:", f"  {scene}_renamed:", 1).replace(
        f"goto: {scene}\n", f"goto: {scene}_renamed\n").replace(f"next: {scene}\n", f"next: {scene}_renamed\n"),
        encoding="utf-8")
    app.catalog = type(app.catalog)(app.catalog.folders)
    app.catalog.start()
    app.catalog.wait(60)
    assert any(r.ok and r.scenario.id == "phantom-shelter" for r in app.catalog.results), "the edit broke the file"
    step(app)
    click(app, "start")
    assert app.screen.name == "menu"
    assert find_button(app, "resume") is None
    notice = [item for item in app.screen.view.items if item.name == "notice"]
    assert notice and app.menu_notice == "resume_failed"
    assert SaveStore(data_dir()).read() is None
    click(app, menu_button_for(app, "phantom-shelter"))  # and the scenario itself still starts
    assert app.screen.name == "intro"
    app.close()


def test_developer_mode_and_jumps_do_not_touch_the_save(tmp_path: Path) -> None:
    """A trainer testing a scene with --start must not replace a player's unfinished game."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    _play_decisions(app, 1)
    saved = SaveStore(data_dir()).read()
    assert saved is not None
    scenario = app.session.scenario
    later = list(scenario.scenes)[3]
    app.start_scenario(scenario, later, {})
    step(app)
    if app.screen.phase == "choosing":
        click(app, app.screen.choice_buttons[0].id)
    assert SaveStore(data_dir()).read() == saved
    app.close()


def test_quitting_midway_says_the_game_is_kept(tmp_path: Path) -> None:
    """Before the first decision quitting loses nothing worth keeping; after it, the question says it is kept."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    click(app, menu_button_for(app, "phantom-shelter"))
    click(app, "begin")
    app.ask_quit()
    assert app.screen.name == "confirm" and app.screen.keys[1] == "confirm_quit_text"
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "play"
    app.close()

    app = make_app(tmp_path / "second")
    step(app)
    click(app, "start")
    _play_decisions(app, 1)
    app.ask_quit()
    assert app.screen.keys[1] == "confirm_quit_text_saved"
    assert "Verder spelen" in app.screen.tr("confirm_quit_text_saved")
    app.close()
