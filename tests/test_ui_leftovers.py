"""UI leftovers: disabled buttons in high contrast, negative numbers in the state panel, the debrief's scene
names (the same as the export's), and the quiz question staying in view at 200 % text on a small window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pygame
import pytest

from game.report import session_data
from game.ui import preview
from game.ui.theme import Theme
from game.ui.widgets import Button, button_colors, button_height, draw_button, natural_width
from tests.test_ui_devmode import GATE, dev_app, texts_on_screen, type_text
from game.ui.probe import PROBE
from tests.test_ui_support import check_layout, click, find_button, make_app, press, step

# ---- 1. disabled buttons ---------------------------------------------------------------------------------


def _drawn(theme: Theme, button: Button) -> tuple[pygame.Surface, pygame.Rect]:
    """`button` drawn alone on the theme's background, with a margin around it."""
    w = natural_width(theme, button)
    h = button_height(theme, button, w)
    margin = theme.px(20)
    surface = pygame.Surface((w + 2 * margin, h + 2 * margin))
    surface.fill(theme.palette.bg)
    rect = pygame.Rect(margin, margin, w, h)
    draw_button(surface, theme, button, rect)
    return surface, rect


def _edge(surface: pygame.Surface, rect: pygame.Rect, theme: Theme) -> list[tuple[int, int, int]]:
    """The colours along the middle of the top border's straight part."""
    y = rect.top
    start, end = rect.x + theme.radius(10) + 2, rect.right - theme.radius(10) - 2
    return [tuple(surface.get_at((x, y)))[:3] for x in range(start, end)]


def _luminance(colour: tuple[int, int, int]) -> float:
    """Relative luminance (WCAG)."""
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = colour
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("high_contrast", [True, False], ids=["high-contrast", "normal"])
@pytest.mark.parametrize("style", ["secondary", "primary", "choice"])
def test_disabled_button_looks_different_but_stays_readable(high_contrast: bool, style: str) -> None:
    """A disabled button has a dashed (broken) outline where an enabled one has a solid one, a hatched fill,
    and a label of another colour that still reads at 4.5:1 or better on the hatching and on the background."""
    pygame.init()
    theme = Theme((1280, 720), 1.0, high_contrast)
    pal = theme.palette
    badge = "1" if style == "choice" else None
    enabled, rect = _drawn(theme, Button("b", "Kleiner (−)", style, badge=badge))
    disabled, rect_d = _drawn(theme, Button("b", "Kleiner (−)", style, badge=badge, enabled=False))
    assert rect == rect_d                                      # same size: no layout jump when it switches
    solid = _edge(enabled, rect, theme)
    broken = _edge(disabled, rect, theme)
    assert len(set(solid)) == 1, "an enabled button's outline is solid"
    assert pal.bg in broken and pal.disabled_border in broken, "a disabled button's outline is dashed"
    # the fill: hatched, so it differs from the enabled fill at many points
    inside = [(x, rect.y + rect.height // 4) for x in range(rect.x + 6, rect.x + theme.px(16))]
    hatch = {tuple(disabled.get_at(p))[:3] for p in inside}
    assert pal.disabled_hatch in hatch and pal.bg in hatch
    # the label: another colour than the enabled label, but readable
    label_on = button_colors(theme, Button("b", "x", style), False)[1]
    area = [(x, y) for x in range(rect.x, rect.right) for y in range(rect.y, rect.bottom)]
    assert label_on in {tuple(enabled.get_at(p))[:3] for p in area}
    assert pal.disabled_text in {tuple(disabled.get_at(p))[:3] for p in area} and pal.disabled_text != label_on
    for background in (pal.bg, pal.disabled_hatch):
        assert _contrast(pal.disabled_text, background) >= 4.5
    if high_contrast:
        # the outline is thinner than an enabled button's thick high-contrast border
        assert theme.border() > 2
        x = rect.x + theme.radius(10) + 2 + broken.index(pal.disabled_border)     # on a dash
        column = [tuple(disabled.get_at((x, y)))[:3] for y in range(rect.y, rect.y + theme.border())]
        assert pal.disabled_border in column[:2] and pal.disabled_border not in column[2:]


def test_disabled_zoom_button_on_the_map_in_high_contrast(tmp_path: Path) -> None:
    """On the developer map in high contrast, the zoom button at its limit is drawn differently from the other
    zoom button, and cannot be clicked."""
    app, _ = dev_app(tmp_path)
    app.settings.high_contrast = True
    app.apply_settings(save=False)
    press(app, pygame.K_m)
    screen = app.screen
    assert screen.name == "devmap"
    zoom_in = next(b for b in screen.buttons() if b.id == "zoom_in")
    zoom_out = next(b for b in screen.buttons() if b.id == "zoom_out")
    assert not zoom_in.enabled and zoom_out.enabled
    app.draw()
    pal = app.theme.palette

    def top_edge(button: Button) -> set[tuple[int, int, int]]:
        r = button.rect
        return {tuple(app.surface.get_at((x, r.top)))[:3] for x in range(r.x + r.width // 4, r.right - r.width // 4)}

    assert top_edge(zoom_out) == {pal.border}
    assert pal.disabled_border in top_edge(zoom_in) and pal.bg in top_edge(zoom_in)
    press(app, pygame.K_TAB)                                # Tab skips the disabled button
    assert screen.focus == "zoom_out"
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=zoom_in.rect.center, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=zoom_in.rect.center, button=1))
    step(app)
    assert screen.zoom_index == 0                           # a click on it does nothing
    app.close()


# ---- 2. negative numbers in the state panel ----------------------------------------------------------------

NEGATIVE = GATE.replace(
    "meters:\n",
    "meters:\n  balance: {label: {nl: Saldo, en: Balance}, start: 0, min: -50, max: 50, good: high}\n",
).replace("flags: {key: false}", "flags: {key: false, debt: 0}")


def _select(app, name: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a row of the state panel."""
    app.screen.select(app.screen.row_named(name))
    step(app)


def test_state_panel_types_negative_numbers(tmp_path: Path) -> None:
    """While typing, − puts a minus before the number (again: off; + also takes it off); Enter sets it.
    Out of range is said at once; a meter that cannot go below zero refuses the minus with a message."""
    app, _ = dev_app(tmp_path, NEGATIVE, "gate.yaml")
    engine = app.session.engine
    press(app, pygame.K_d)
    screen = app.screen
    assert screen.name == "devstate"
    _select(app, "balance")
    type_text(app, "20")
    press(app, pygame.K_MINUS, unicode="-")
    assert screen.buffer == "-20" and screen.message is None
    assert "−20" in texts_on_screen(app)                  # shown with a real minus sign
    press(app, pygame.K_RETURN)
    assert engine.state.meters["balance"] == -20 and screen.message[1] == "ok"
    # − again takes it off, + takes it off too
    type_text(app, "5")
    press(app, pygame.K_MINUS, unicode="-")
    press(app, pygame.K_MINUS, unicode="-")
    assert screen.buffer == "5"
    press(app, pygame.K_MINUS, unicode="-")
    press(app, pygame.K_PLUS, unicode="+")
    assert screen.buffer == "5"
    press(app, pygame.K_KP_MINUS, unicode="-")
    press(app, pygame.K_RETURN)
    assert engine.state.meters["balance"] == -5
    # out of range: said while typing, refused on Enter
    type_text(app, "60")
    press(app, pygame.K_MINUS, unicode="-")
    assert screen.buffer == "-60"
    assert screen.message is not None and screen.message[1] == "error" and "−50 tot 50" in screen.message[0]
    assert any("−60" in t and "−50 tot 50" in t for t in texts_on_screen(app))
    press(app, pygame.K_RETURN)
    assert engine.state.meters["balance"] == -5 and screen.message[1] == "error"
    # not typing: − still lowers the value by one
    press(app, pygame.K_MINUS, unicode="-")
    assert engine.state.meters["balance"] == -6
    # a whole-number flag takes negatives
    _select(app, "debt")
    type_text(app, "7")
    press(app, pygame.K_MINUS, unicode="-")
    press(app, pygame.K_RETURN)
    assert engine.state.flags["debt"] == -7
    # a meter from 0 cannot go negative: the minus is refused, with the reason
    _select(app, "trust")
    type_text(app, "3")
    press(app, pygame.K_MINUS, unicode="-")
    assert screen.buffer == "3"
    assert screen.message[1] == "error" and "negatief" in screen.message[0] and "0 tot 100" in screen.message[0]
    press(app, pygame.K_RETURN)
    assert engine.state.meters["trust"] == 3
    check_layout(app)
    app.close()


# ---- 3. the debrief's scene names ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_debrief_scene_names_are_the_exports(tmp_path: Path, lang: str) -> None:
    """Each decision on the debrief is headed by Engine.scene_label, as in the export and the terminal player
    (the example's chat is 'Buurtapp De Linde', its untitled quiz 'Gesprek met Fenna de Vries': not 'Chat' and
    'Gesprek')."""
    app = make_app(tmp_path, (1280, 720), language=lang, reduced_motion=True)
    example = preview.first_ok(app.catalog.results, "example")
    for seed in range(1, 12):
        session = preview.finished(example, app.clock, seed=seed)
        if {"chat", "quiz"} <= {d.scene for d in session.engine.state.history}:
            break
    app.session = session
    app.show_debrief(session)
    screen = app.screen
    screen.ensure_layout()
    engine = session.engine
    expected = [f"{n}. {engine.scene_label(d.scene, lang)}" for n, d in enumerate(engine.state.history, 1)]
    with_fenna = "Gesprek met Fenna de Vries" if lang == "nl" else "Conversation with Fenna de Vries"
    assert any("Buurtapp" in e for e in expected) and any(e.endswith(". " + with_fenna) for e in expected)
    exported = [d["scene_label"] for d in session_data(engine, lang, datetime(2026, 11, 28, 14, 5))["decisions"]]
    assert [e.split(". ", 1)[1] for e in expected] == exported
    shown = []
    for _ in range(40):
        shown += texts_on_screen(app)
        if not screen.view.page(1):
            break
        step(app)
    headings = [t for t in shown if t[:1].isdigit() and ". " in t]
    for label in expected:
        assert label in headings, f"{label!r} not on the debrief: {headings}"
    app.close()


# ---- 4. the quiz question at 200 % on 1024×576 -----------------------------------------------------------------

QUIZ_SIZE = (1024, 576)


def quiz_scenes(app) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(scenario id, scene id) of every quiz scene with a spoken question in the shipped scenarios."""
    found = []
    for result in app.catalog.results:
        if result.ok and result.scenario is not None:
            found += [(result.scenario.id, s.id) for s in result.scenario.scenes.values() if s.quiz and s.lines]
    return found


def question_on_screen(app) -> pygame.Rect:  # type: ignore[no-untyped-def]
    """Where the quiz question is drawn on the window, checked to be where the player can see all of it:
    below the HUD, above the footer, inside the window, and not under any answer."""
    screen = app.screen
    question = screen.engine.text(screen.scene.lines[-1].text, app.ui_lang())
    PROBE.clear()
    PROBE.active = True
    try:
        screen._frame_key = None
        app.draw()
    finally:
        PROBE.active = False
    window = app.surface.get_rect()
    drawn = [r.rect for r in PROBE.texts if r.text == question and r.surface == window]
    assert drawn, f"the question {question[:40]!r} is not drawn on the window"
    rect = drawn[-1]
    visible = pygame.Rect(0, screen.hud.height, window.width, window.height - screen.hud.height
                          - screen.footer_rect.height)
    assert visible.contains(rect), f"the question at {rect} is not in the visible area {visible}"
    for button in screen.choice_buttons:
        assert not button.rect.colliderect(rect), f"{button.id} at {button.rect} covers the question at {rect}"
    return rect


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_quiz_question_stays_in_view_with_the_keyboard(tmp_path: Path, lang: str) -> None:
    """At 200 % text on 1024×576, every quiz question stays fully in view while Tab and the arrows move the focus
    through all the answers, and each focused answer is fully in view too; the number keys still choose."""
    app = make_app(tmp_path, QUIZ_SIZE, text_scale=2.0, language=lang, reduced_motion=True)
    scenes = quiz_scenes(app)
    assert len(scenes) >= 5
    for scenario_id, scene_id in scenes:
        preview.play_at(app, preview.first_ok(app.catalog.results, scenario_id), scene_id, "choosing")
        step(app)
        screen = app.screen
        assert screen.phase == "choosing" and screen.stacked is not None
        question_on_screen(app)
        press(app, pygame.K_TAB)
        ids = [b.id for b in screen.choice_buttons]
        assert len(ids) >= 2
        for number, button_id in enumerate(ids):
            if number:
                press(app, pygame.K_DOWN)
            assert screen.focus == button_id and screen.focus_visible
            question_on_screen(app)
            button = find_button(app, button_id)
            item = next(i for i in screen.view.items if i.button is button)
            assert button.rect.size == item.rect.size, f"{scenario_id}/{scene_id}: {button_id} is cut off"
            assert screen.view.viewport.contains(button.rect)
        check_layout(app)
        press(app, pygame.K_1)
        assert screen.phase == "feedback" and f"choice:{screen.result.choice.index}" == ids[0]
    app.close()


def test_quiz_question_stays_in_view_with_the_mouse(tmp_path: Path) -> None:
    """With the mouse: the wheel scrolls the answers to the end, the question stays, and a click on the last
    answer chooses it."""
    app = make_app(tmp_path, QUIZ_SIZE, text_scale=2.0, reduced_motion=True)
    scenario = preview.first_ok(app.catalog.results, "election-night")
    screen = preview.play_at(app, scenario, "quiz_fringe", "choosing")
    step(app)
    assert screen.view.max_offset > 0
    pos = screen.view.viewport.center
    for _ in range(30):
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0,
                                             precise_y=-1.0))
        step(app)
    assert screen.view.offset == screen.view.max_offset
    question_on_screen(app)
    # the wheel over the question scrolls the answers too
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(QUIZ_SIZE[0] // 2, screen.hud.height + 5),
                                         rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    step(app)
    assert screen.view.offset < screen.view.max_offset
    last = screen.choice_buttons[-1].id
    click(app, last)
    assert screen.phase == "feedback" and f"choice:{screen.result.choice.index}" == last
    app.close()
