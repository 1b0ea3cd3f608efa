"""The HUD packs itself tighter on short windows with large text: it stays low, every label and value shows whole
inside its cell and the window, the menu button still works by mouse and keyboard, and the large windows at
100 % keep the regular HUD."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.scenario.loader import load_paths
from game.scenario.model import Scenario
from game.ui import preview
from game.ui.hud import HUD_BUDGET, HUD_LIMIT, Hud, ellipsize
from game.ui.meters import format_value
from game.ui.probe import PROBE
from game.ui.screens.play import HUD_MAX_TEXT
from game.ui.theme import Theme
from tests.test_ui_support import SCENARIOS, check_layout, click, make_app, press, step

ELECTION = "election-night"  # four meters with long labels
SHORT = (1024, 576)


def open_play(app, scenario_id: str, phase: str = "choosing", facilitator: bool = False):  # type: ignore[no-untyped-def]
    """The play screen of a scenario at its first quiz scene (else its first scene with choices)."""
    scenario = preview.first_ok(app.catalog.results, scenario_id)
    assert scenario is not None
    scene = next((s.id for s in scenario.scenes.values() if s.quiz), None) or \
        next(s.id for s in scenario.scenes.values() if s.choices)
    app.facilitator = facilitator
    try:
        return preview.play_at(app, scenario, scene, phase)
    finally:
        app.facilitator = False


def hud_records(app) -> list:  # type: ignore[no-untyped-def]
    """The text the last check_layout drew inside the HUD."""
    hud = app.screen.hud
    return [r for r in PROBE.texts if hud.rect.contains(r.rect) and not r.text.startswith("[")]


def scenarios() -> list[Scenario]:
    """Every valid scenario in scenarios/."""
    return [r.scenario for r in load_paths([SCENARIOS]) if r.ok and r.scenario is not None]


def assert_cells_whole(app) -> None:  # type: ignore[no-untyped-def]
    """Each meter's label (on one line) and value are drawn inside its cell and the window, not over each other."""
    hud = app.screen.hud
    window = app.surface.get_rect()
    records = hud_records(app)
    values = app.screen.hud_values()
    assert len(hud.cells) == len(hud.meters) > 0
    for meter, cell, _ in hud.cells:
        assert window.contains(cell), f"{meter.id}: cell {cell} leaves the window"
        assert hud.rect.contains(cell), f"{meter.id}: cell {cell} leaves the HUD {hud.rect}"
        text = format_value(values[meter.id])
        value = [r for r in records if r.text == text and cell.inflate(2, 2).contains(r.rect)]
        assert value, f"{meter.id}: value {text!r} not drawn inside its cell {cell}"
        label = [r for r in records if r.text == meter.label.get(app.ui_lang()) and cell.inflate(2, 2).contains(r.rect)]
        assert label, f"{meter.id}: label not drawn inside its cell {cell}"
        assert label[0].rect.height == hud.small.get_height(), f"{meter.id}: label wraps: {label[0].rect}"
        assert label[0].rect.right <= value[-1].rect.left, f"{meter.id}: label runs into its value"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("contrast", [False, True], ids=["normal", "high-contrast"])
def test_short_window_large_text_hud_is_compact(tmp_path: Path, lang: str, contrast: bool) -> None:
    """1024×576 at 200 % with four meters: the HUD takes at most HUD_LIMIT (22 %) of the height (it took 36 %),
    everything stays in its box and each meter's label and value show whole inside their cell."""
    app = make_app(tmp_path, SHORT, text_scale=2.0, language=lang, high_contrast=contrast, reduced_motion=True)
    for phase in ("reading", "choosing", "feedback"):
        open_play(app, ELECTION, phase)
        check_layout(app)
        hud = app.screen.hud
        assert hud.compact
        assert hud.height <= HUD_LIMIT * SHORT[1], f"{phase}: HUD {hud.height}px of {SHORT[1]}"
        assert_cells_whole(app)
        assert not hud.title.text.endswith("…"), "the title was shortened though it fits"
    app.close()


def test_hud_text_never_smaller_than_small(tmp_path: Path) -> None:
    """In the compact HUD no text is drawn smaller than the HUD's 'small' size (the menu label neither)."""
    app = make_app(tmp_path, SHORT, text_scale=2.0, reduced_motion=True)
    open_play(app, ELECTION)
    check_layout(app)
    hud = app.screen.hud
    assert hud.compact
    smallest = hud.theme.font("small").get_height()
    records = hud_records(app)
    assert any(r.text == hud.menu.label for r in records)
    assert any(r.text == hud.title.text for r in records)
    for record in records:
        assert record.rect.height >= smallest - 1, f"{record.text!r} is drawn smaller than 'small'"
    app.close()


def test_meter_values_at_their_extremes_fit(tmp_path: Path) -> None:
    """Values at each meter's max and min (the widest numbers) still show whole, right of their labels."""
    app = make_app(tmp_path, SHORT, text_scale=2.0, reduced_motion=True)
    for scenario in scenarios():
        for end in ("max", "min"):
            screen = open_play(app, scenario.id)
            for meter in scenario.meters.values():
                screen.engine.state.meters[meter.id] = getattr(meter, end)
            screen.refresh_state()
            check_layout(app)
            assert_cells_whole(app)
    app.close()


def test_menu_button_works_by_mouse_and_keyboard(tmp_path: Path) -> None:
    """The compact HUD's menu button opens the pause menu by a click, and by Tab to it and Enter."""
    app = make_app(tmp_path, SHORT, text_scale=2.0, reduced_motion=True)
    open_play(app, ELECTION, "reading")
    step(app)
    assert app.screen.hud.compact
    menu = app.screen.hud.menu.rect
    assert menu.width >= 44 and menu.height >= 44, f"menu button {menu} is a small target"
    click(app, "menu")
    assert app.screen.name == "pause"
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "play"
    for _ in range(10):
        if app.screen.focus == "menu":
            break
        press(app, pygame.K_TAB)
    assert app.screen.focus == "menu"
    press(app, pygame.K_RETURN)
    assert app.screen.name == "pause"
    app.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_windows_at_100pct_keep_the_regular_hud(tmp_path: Path, size: tuple[int, int]) -> None:
    """At 100 % the HUD of 1280×720 and 1920×1080 is the regular one (within HUD_BUDGET), and fits."""
    app = make_app(tmp_path, size, text_scale=1.0, reduced_motion=True)
    for scenario_id in (ELECTION, "example"):
        open_play(app, scenario_id)
        check_layout(app)
        hud = app.screen.hud
        assert not hud.compact, f"{scenario_id} at {size}: the compact HUD where there is room"
        assert hud.height <= HUD_BUDGET * size[1]
        assert_cells_whole(app)
    app.close()


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_large_text_on_other_windows(tmp_path: Path, size: tuple[int, int]) -> None:
    """At 200 % the HUD stays within HUD_LIMIT on 16:9 windows and within 16 % on 4:3 (stacked layout), and
    fits; the facilitator's note shows under it."""
    app = make_app(tmp_path, size, text_scale=2.0, reduced_motion=True)
    bound = 0.16 if size == (1024, 768) else HUD_LIMIT
    for facilitator in (False, True):
        screen = open_play(app, ELECTION, facilitator=facilitator)
        check_layout(app)
        assert screen.hud.height <= bound * size[1], f"HUD {screen.hud.height}px of {size[1]}"
        assert screen.stacked is not None
        assert screen.stacked.rect.top >= screen.hud.height
        assert_cells_whole(app)
    app.close()


@pytest.mark.parametrize("size", [SHORT, (1280, 720), (1920, 1080), (1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5, 2.0], ids=lambda s: f"{round(s * 100)}pct")
def test_every_scenario_hud_stays_low_and_whole(size: tuple[int, int], scale: float) -> None:
    """For every scenario and language the HUD stays within HUD_LIMIT, keeps its title whole, and lays every cell
    inside the HUD without cells overlapping."""
    pygame.font.init()
    theme = Theme(size, min(scale, HUD_MAX_TEXT))
    for scenario in scenarios():
        for lang in ("nl", "en"):
            hud = Hud(theme, scenario, scenario.title.get(lang), lang, size[0])
            where = f"{scenario.id} {lang}"
            assert hud.height <= HUD_LIMIT * size[1], f"{where}: HUD {hud.height}px of {size[1]}"
            assert hud.title.text == scenario.title.get(lang), f"{where}: title shortened to {hud.title.text!r}"
            assert hud.rect.contains(hud.menu.rect)
            rects = [cell for _, cell, _ in hud.cells] + [hud.menu.rect]
            for i, a in enumerate(rects):
                assert hud.rect.contains(a), f"{where}: {a} leaves the HUD"
                assert not any(a.colliderect(b) for b in rects[i + 1:]), f"{where}: {a} overlaps another cell"


def test_long_title_is_shortened_with_an_ellipsis_only_when_needed() -> None:
    """A title far too long for the compact HUD ends in '…' on one line within its room; short ones stay whole."""
    pygame.font.init()
    scenario = next(s for s in scenarios() if s.id == ELECTION)
    title = "Verkiezingsavond in Lindeweerd: de foto van de verkeerde stembiljetten en het verhaal dat volgde"
    theme = Theme(SHORT, HUD_MAX_TEXT)
    hud = Hud(theme, scenario, title, "nl", SHORT[0])
    assert hud.compact and hud.height <= HUD_LIMIT * SHORT[1]
    assert hud.title.text.endswith("…") and len(hud.title.lines) == 1
    assert hud.title.width <= hud.title_w
    assert title.startswith(hud.title.text[:-1].rstrip())
    font = theme.font("small", "bold")
    assert ellipsize("Kort", font, 1000) == "Kort"
    assert font.size(ellipsize(title, font, 200))[0] <= 200


def test_no_meters_and_one_meter() -> None:
    """A scenario without visible meters, or with a single one, still lays out its HUD inside the window."""
    pygame.font.init()
    base = next(s for s in scenarios() if s.id == ELECTION)
    theme = Theme(SHORT, HUD_MAX_TEXT)
    for keep in (0, 1):
        meters = {k: replace(m, hidden=i >= keep) for i, (k, m) in enumerate(base.meters.items())}
        hud = Hud(theme, replace(base, meters=meters), base.title.get("nl"), "nl", SHORT[0])
        assert len(hud.cells) == keep
        assert hud.height <= HUD_LIMIT * SHORT[1]
        assert hud.rect.contains(hud.menu.rect)
        surface = hud.render({k: m.start for k, m in base.meters.items()}, 0.5, False, True)
        assert surface.get_size() == hud.rect.size
