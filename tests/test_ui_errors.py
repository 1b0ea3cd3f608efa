"""The safety net and the settings: a crash in a scene shows the error screen and logs it; invalid files
show their problems; settings are saved in WEERBAAR_CONFIG_DIR; timers expire; quit asks first."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame
import pytest

from game.ui import images, preview
from game.ui import settings as settings_store
from game.ui.screens.play import PlayScreen
from tests.test_ui_support import click, find_button, make_app, press, step


def test_exception_in_a_scene_shows_error_screen_and_returns_to_menu(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A renderer that raises: calm error screen, traceback in the log, the menu one click away."""
    app = make_app(tmp_path)
    step(app)
    click(app, "start")
    click(app, next(b for b, r in app.screen.results.items() if r.ok and r.scenario.id == "example"))
    click(app, "begin")
    assert app.screen.name == "play"

    def broken(self, frame):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer exploded")

    monkeypatch.setattr(PlayScreen, "compose", broken)
    click(app, "continue")
    assert app.screen.name == "error"
    log = Path(os.environ["WEERBAAR_CONFIG_DIR"]) / "logs" / "weerbaar-errors.log"
    assert log.is_file()
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: renderer exploded" in text and "Traceback" in text
    assert app.screen.log_file == log
    monkeypatch.undo()
    click(app, "menu")
    assert app.screen.name == "menu"
    app.close()


def test_engine_error_during_a_choice_shows_error_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An engine error (a scenario bug) on choosing also lands on the error screen, by keyboard."""
    from game.engine.engine import Engine, NoChoiceError

    app = make_app(tmp_path)
    screen = preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "timeline", "choosing")
    step(app)

    def no_choice(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise NoChoiceError("no choice")

    monkeypatch.setattr(Engine, "choose", no_choice)
    press(app, pygame.K_1)
    assert app.screen.name == "error"
    press(app, pygame.K_RETURN)
    assert app.screen.name == "menu"
    assert screen is not app.screen
    app.close()


def test_invalid_file_is_listed_and_its_problems_viewable(tmp_path: Path) -> None:
    """The broken file shows in the menu as having errors; choosing it lists the diagnostics."""
    app = make_app(tmp_path)
    app.open_menu()
    step(app)
    bad = [b for b, r in app.screen.results.items() if not r.ok]
    assert len(bad) == 1
    click(app, bad[0])
    assert app.screen.name == "problems"
    assert app.screen.result.diagnostics
    assert any(d.code == "WB209" or d.code == "WB301" for d in app.screen.result.diagnostics)
    click(app, "back")
    assert app.screen.name == "menu"
    app.close()


def test_settings_are_saved_in_the_config_dir(tmp_path: Path) -> None:
    """Changing a setting on the settings screen writes settings.json under WEERBAAR_CONFIG_DIR."""
    app = make_app(tmp_path)
    app.open_settings()
    step(app)
    target = next(b.id for b in app.screen.buttons() if b.id.startswith("text_scale:") and b.label.startswith("150"))
    click(app, target)
    saved = json.loads((Path(os.environ["WEERBAAR_CONFIG_DIR"]) / "settings.json").read_text())
    assert saved["text_scale"] == 1.5
    assert app.theme.text_scale == 1.5
    assert settings_store.load().text_scale == 1.5
    click(app, "high_contrast:0")
    assert settings_store.load().high_contrast is True and app.theme.palette.high_contrast
    click(app, "back")
    app.close()


def test_damaged_settings_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A broken settings.json never stops the game."""
    monkeypatch.setenv("WEERBAAR_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    assert settings_store.load() == settings_store.Settings()
    (tmp_path / "settings.json").write_text(json.dumps({"text_scale": 7, "text_speed": "warp"}), encoding="utf-8")
    loaded = settings_store.load()
    assert loaded.text_scale == 2.0 and loaded.text_speed == "normal"


def test_timer_runs_out_into_its_choice(tmp_path: Path) -> None:
    """An urgent choice left alone takes the timer's choice, marked as timed out."""
    app = make_app(tmp_path)
    screen = preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "chat", "choosing")
    assert screen.timer_left == 45
    step(app, 20)
    assert screen.phase == "choosing" and screen.timer_left < 45
    step(app, 900)
    assert screen.phase == "feedback"
    assert screen.result.timed_out and screen.result.choice.key == "wait"
    app.close()


def test_no_timer_in_facilitator_mode_or_when_switched_off(tmp_path: Path) -> None:
    """Timers off: the choice waits for the player."""
    app = make_app(tmp_path, timers=False)
    screen = preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "chat", "choosing")
    assert screen.timer_left is None
    step(app, 1000)
    assert screen.phase == "choosing"
    app.settings.timers = True
    app.facilitator = True
    screen = preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "chat", "choosing")
    assert screen.timer_left is None
    app.close()


def test_pause_stops_the_clock_and_quit_asks_first(tmp_path: Path) -> None:
    """Esc pauses (the countdown stops); Quit asks; No returns; Yes closes."""
    app = make_app(tmp_path)
    screen = preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "chat", "choosing")
    step(app)
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "pause"
    left = screen.timer_left
    step(app, 100)
    assert screen.timer_left == left
    click(app, "quit")
    assert app.screen.name == "confirm" and app.running
    click(app, "no")
    assert app.screen.name == "pause"
    click(app, "quit")
    click(app, "yes")
    assert not app.running
    app.close()


def test_svg_is_rasterised_at_the_size_drawn_and_missing_files_degrade(tmp_path: Path) -> None:
    """An SVG comes out at the requested size (viewBox kept); a missing file gives a neutral shape."""
    app = make_app(tmp_path)
    portrait = images.asset("portraits/mayor.svg")
    assert images.get(portrait, (300, 300)).get_size() == (300, 300)
    assert images.get(portrait, (300, 200), "contain").get_size() == (200, 200)
    assert images.get(portrait, (300, 200), "cover").get_size() == (300, 200)
    data = images.svg_at_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><rect/></svg>', 50, 100)
    assert b'width="50"' in data and b'height="100"' in data and b'viewBox="0 0 10 20"' in data
    assert images.get(images.asset("nope/missing.svg"), (64, 64), kind="portrait").get_size() == (64, 64)
    assert images.get(images.asset("portraits/mayor.svg"), (300, 300)) is images.get(portrait, (300, 300))
    app.close()


def test_play_command_starts_the_scenario_directly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`main.py play FILE --lang en --facilitator` opens that scenario at once, in English, with notes."""
    import argparse

    from game.ui.app import App

    monkeypatch.setenv("WEERBAAR_CONFIG_DIR", str(tmp_path))
    args = argparse.Namespace(file=str(Path(__file__).resolve().parents[1] / "scenarios" / "example.yaml"),
                              lang="en", facilitator=True, text=False)
    app = App(args, size=(1280, 720))
    app.frame(0.05)
    assert app.screen.name == "play" and app.ui_lang() == "en"
    assert app.session is not None and app.session.facilitator
    assert find_button(app, "continue") is not None
    app.close()


def test_f11_toggles_fullscreen_and_back(tmp_path: Path) -> None:
    """F11 goes full screen (saved) and back to the window size it had."""
    app = make_app(tmp_path, (1280, 720))
    step(app)
    press(app, pygame.K_F11)
    assert app.settings.fullscreen and settings_store.load().fullscreen
    press(app, pygame.K_F11)
    assert not app.settings.fullscreen
    assert app.surface.get_size() == (1280, 720) and app.theme.size == (1280, 720)
    assert app.screen.name == "title"
    app.close()


def test_play_command_with_start_and_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`play FILE --start SCENE --set trust=80` opens that scene with the meter set."""
    import argparse

    from game.ui.app import App

    monkeypatch.setenv("WEERBAAR_CONFIG_DIR", str(tmp_path))
    args = argparse.Namespace(file=str(Path(__file__).resolve().parents[1] / "scenarios" / "example.yaml"),
                              lang=None, facilitator=False, text=False, start="chat", set=["trust=80"])
    app = App(args, size=(1280, 720))
    app.frame(0.05)
    assert app.screen.name == "play" and app.session.engine.scene.id == "chat"
    assert app.session.engine.state.meters["trust"] == 80
    app.close()


@pytest.mark.parametrize("lang, words", [("nl", "maar die bestaat niet"), ("en", "which does not exist")])
def test_problems_screen_speaks_the_players_language(tmp_path: Path, lang: str, words: str) -> None:
    """The broken file's messages are shown in the language the game is set to."""
    from tests.test_ui_devmode import texts_on_screen

    app = make_app(tmp_path, language=lang)
    app.open_menu()
    step(app)
    bad = next(b for b, r in app.screen.results.items() if not r.ok)
    click(app, bad)
    shown = " ".join(texts_on_screen(app))
    expected = [d.explain(lang) for d in app.screen.result.diagnostics]
    assert expected and all(e.split(" — ")[0][:30] in shown for e in expected), (expected, shown[:400])
    assert words in shown.lower()
    app.close()
