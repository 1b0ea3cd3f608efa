"""The show of hands in facilitator mode: the trainer counts the room's hands per choice and the majority is
taken, with the hands kept in the decision (and shown in the debrief); a tie is the trainer's to settle."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui import preview
from game.ui.app import App
from game.ui.probe import PROBE
from tests.test_ui_support import check_layout, click, find_button, make_app, press, step


def choosing(app: App, facilitator: bool = True, least: int = 3):  # type: ignore[no-untyped-def]
    """The play screen at the first decision (of any scenario) offering at least `least` choices."""
    app.facilitator = facilitator
    for result in app.catalog.results:
        if not result.ok:
            continue
        scenario = result.scenario
        for scene in scenario.scenes.values():
            if len(scene.choices) < least or scene.ending is not None:
                continue
            screen = preview.play_at(app, scenario, scene.id, "choosing")
            if screen.phase == "choosing" and len(screen.engine.available_choices()) >= least:
                step(app)
                return screen
    raise AssertionError(f"no decision with {least} choices")


def type_number(app: App, number: int) -> None:
    """Type a count with the digit keys, as on a keyboard's top row."""
    for digit in str(number):
        press(app, getattr(pygame, f"K_{digit}"), unicode=digit)


def keys_of(screen) -> list[str]:  # type: ignore[no-untyped-def]
    """The keys of the choices on offer, in their order on the screen."""
    return [c.key for c in screen.engine.available_choices()]


def test_count_by_mouse_takes_the_majority_as_a_click_would(tmp_path: Path) -> None:
    """Open with the button, count with + and −, confirm: the majority is taken with exactly those hands, and
    the play screen shows that choice's feedback just as after clicking the choice itself."""
    app = make_app(tmp_path)
    play = choosing(app)
    keys = keys_of(play)
    click(app, "hands")
    assert app.screen.name == "hands"
    for _ in range(3):
        click(app, "inc:1")
    click(app, "inc:0")
    click(app, "inc:0")
    click(app, "dec:0")
    assert find_button(app, "confirm").enabled
    click(app, "confirm")
    assert app.screen is play and play.phase == "feedback"
    decision = play.engine.state.history[-1]
    assert decision.choice == keys[1]
    assert decision.votes == {keys[0]: 1, keys[1]: 3, **{k: 0 for k in keys[2:]}}
    assert play.result is not None and play.result.choice.key == keys[1]

    # the same choice by a click, in a second app: the same feedback, meters and buttons
    other = make_app(tmp_path / "other")
    again = choosing(other)
    click(other, "choice:" + str(again.engine.available_choices()[1].index))
    assert again.phase == "feedback"
    assert again.result.feedback == play.result.feedback and again.result.deltas == play.result.deltas
    assert again.engine.state.meters == play.engine.state.meters
    assert [b.id for b in again.buttons()] == [b.id for b in play.buttons()]
    assert [i.name for i in again.panel.flow.items] == [i.name for i in play.panel.flow.items]
    assert again.engine.state.history[-1].votes is None
    other.close()
    app.close()


def test_count_by_keyboard_with_h_arrows_plus_minus_and_digits(tmp_path: Path) -> None:
    """H opens; Down/Up pick rows; + − Left Right change; typed digits set a count; Enter takes the majority."""
    app = make_app(tmp_path)
    play = choosing(app)
    keys = keys_of(play)
    press(app, pygame.K_h, unicode="h")
    hands = app.screen
    assert hands.name == "hands" and hands.index == 0
    press(app, pygame.K_PLUS, unicode="+")
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_KP_PLUS)
    press(app, pygame.K_MINUS, unicode="-")
    assert hands.tally.counts[0] == 2
    press(app, pygame.K_DOWN)
    type_number(app, 12)
    assert hands.tally.counts[:2] == [2, 12]
    press(app, pygame.K_DOWN)
    type_number(app, 4)
    press(app, pygame.K_LEFT)
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)
    press(app, pygame.K_UP)       # stays on the first row
    assert hands.index == 0
    press(app, pygame.K_RETURN)
    assert app.screen is play and play.phase == "feedback"
    decision = play.engine.state.history[-1]
    assert decision.choice == keys[1]
    assert decision.votes == {keys[0]: 2, keys[1]: 12, keys[2]: 3, **{k: 0 for k in keys[3:]}}
    app.close()


def test_typing_replaces_then_appends_and_counts_stay_between_0_and_999(tmp_path: Path) -> None:
    """The first digit replaces the count, the next ones append; Backspace takes one off; never below 0 or
    above 999; moving to another row starts typing afresh."""
    app = make_app(tmp_path)
    choosing(app)
    press(app, pygame.K_h, unicode="h")
    hands = app.screen
    click(app, "inc:0")
    click(app, "inc:0")
    type_number(app, 7)
    assert hands.tally.counts[0] == 7
    type_number(app, 5)
    assert hands.tally.counts[0] == 75
    press(app, pygame.K_BACKSPACE)
    assert hands.tally.counts[0] == 7
    type_number(app, 12345)
    assert hands.tally.counts[0] == 999
    assert not find_button(app, "inc:0").enabled
    press(app, pygame.K_PLUS, unicode="+")
    assert hands.tally.counts[0] == 999
    press(app, pygame.K_KP3)        # after + a digit starts a new count; the number pad types too
    assert hands.tally.counts[0] == 3
    press(app, pygame.K_KP4)
    assert hands.tally.counts[0] == 34
    press(app, pygame.K_DOWN)
    press(app, pygame.K_UP)
    type_number(app, 3)
    assert hands.tally.counts[0] == 3
    for _ in range(5):
        press(app, pygame.K_MINUS, unicode="-")
    assert hands.tally.counts[0] == 0
    assert not find_button(app, "dec:0").enabled
    app.close()


def test_a_tie_is_for_the_trainer_to_settle(tmp_path: Path) -> None:
    """Two choices with the most hands: the confirm button waits, the message says why, only the tied rows offer
    'Take this one', and the one picked is taken with the hands."""
    app = make_app(tmp_path)
    play = choosing(app)
    keys = keys_of(play)
    click(app, "hands")
    hands = app.screen
    for row, count in ((0, 4), (1, 1), (2, 4)):
        if row:
            press(app, pygame.K_DOWN)
        type_number(app, count)
    assert hands.tally.tied()
    assert not find_button(app, "confirm").enabled
    assert hands.message_block is not None and hands.message_block.text == hands.tr("hands_tie")
    assert find_button(app, "pick:0") is not None and find_button(app, "pick:2") is not None
    assert find_button(app, "pick:1") is None
    press(app, pygame.K_RETURN)     # the selected row (the third) is tied: Enter takes it...
    assert app.screen is play and play.engine.state.history[-1].choice == keys[2]
    assert play.engine.state.history[-1].votes == {keys[0]: 4, keys[1]: 1, keys[2]: 4, **{k: 0 for k in keys[3:]}}
    app.close()

    app = make_app(tmp_path / "mouse")          # ... and by mouse, the other leader
    play = choosing(app)
    click(app, "hands")
    for _ in range(2):
        click(app, "inc:0")
        click(app, "inc:2")
    click(app, "confirm")                        # disabled: nothing happens
    assert app.screen.name == "hands" and not play.engine.state.history
    click(app, "pick:0")
    assert app.screen is play and play.phase == "feedback"
    assert play.engine.state.history[-1].choice == keys[0]
    assert play.engine.state.history[-1].votes[keys[2]] == 2
    app.close()


def test_tie_in_nl_reads_as_the_brief_says(tmp_path: Path) -> None:
    """The Dutch tie message and button texts."""
    app = make_app(tmp_path, language="nl")
    choosing(app)
    click(app, "hands")
    click(app, "inc:0")
    click(app, "inc:1")
    hands = app.screen
    hands.ensure_layout()
    assert hands.message_block.text == "Gelijke stand: kies zelf welke keuze de groep neemt"
    assert find_button(app, "pick:0").label == "Kies deze"
    assert find_button(app, "confirm").label == "Kies wat de meeste handen kreeg"
    app.close()


@pytest.mark.parametrize("how", ["escape", "cancel"])
def test_cancel_chooses_nothing(tmp_path: Path, how: str) -> None:
    """Esc (or Cancel) closes the count: no decision, still choosing; a new count starts at zero."""
    app = make_app(tmp_path)
    play = choosing(app)
    click(app, "hands")
    click(app, "inc:0")
    if how == "escape":
        press(app, pygame.K_ESCAPE)
    else:
        click(app, "cancel")
    assert app.screen is play and play.phase == "choosing"
    assert not play.engine.state.history
    press(app, pygame.K_h, unicode="h")
    assert app.screen.name == "hands" and app.screen.tally.counts[0] == 0
    app.close()


def test_nothing_counted_means_nothing_to_confirm(tmp_path: Path) -> None:
    """All at zero: the confirm button is disabled, Enter and a click do nothing, − is disabled."""
    app = make_app(tmp_path)
    play = choosing(app)
    click(app, "hands")
    confirm = find_button(app, "confirm")
    assert confirm is not None and not confirm.enabled
    assert not find_button(app, "dec:0").enabled
    press(app, pygame.K_RETURN)
    click(app, "confirm")
    press(app, pygame.K_MINUS, unicode="-")
    assert app.screen.name == "hands" and app.screen.tally.counts[0] == 0
    assert not play.engine.state.history
    app.close()


def test_tab_reaches_the_confirm_button_and_enter_activates_it(tmp_path: Path) -> None:
    """Keyboard only: Tab moves through the row buttons to confirm; Enter on it takes the majority."""
    app = make_app(tmp_path, (1024, 576), text_scale=2.0)
    play = choosing(app)
    keys = keys_of(play)
    press(app, pygame.K_h, unicode="h")
    press(app, pygame.K_DOWN)
    type_number(app, 9)
    for _ in range(40):
        if app.screen.focus == "confirm":
            break
        press(app, pygame.K_TAB)
    assert app.screen.focus == "confirm" and app.screen.focus_visible
    press(app, pygame.K_RETURN)
    assert app.screen is play and play.engine.state.history[-1].choice == keys[1]
    app.close()


def test_no_show_of_hands_outside_facilitator_mode(tmp_path: Path) -> None:
    """A player on their own sees no button, and H does nothing."""
    app = make_app(tmp_path)
    play = choosing(app, facilitator=False)
    assert find_button(app, "hands") is None
    press(app, pygame.K_h, unicode="h")
    assert app.screen is play and play.phase == "choosing"
    assert not play.engine.state.history
    app.close()


def test_trainer_mode_from_the_intro_offers_the_count(tmp_path: Path) -> None:
    """Switched on at the intro ('Trainersmodus'), the choice screen offers 'Count hands' (not while reading)."""
    app = make_app(tmp_path)
    example = preview.first_ok(app.catalog.results, "example")
    app.open_intro(example)
    step(app)
    click(app, "facilitator")
    assert app.facilitator
    click(app, "begin")
    play = app.screen
    assert play.name == "play"
    for _ in range(30):
        if play.phase == "choosing":
            break
        assert find_button(app, "hands") is None
        press(app, pygame.K_h, unicode="h")
        assert app.screen is play
        click(app, "continue")
    assert play.phase == "choosing"
    assert find_button(app, "hands").label == play.tr("hands_button")
    press(app, pygame.K_h, unicode="h")
    assert app.screen.name == "hands"
    app.close()


@pytest.mark.parametrize("size, scale", [((1024, 576), 2.0), ((1920, 1080), 1.0), ((1280, 720), 1.0)])
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("tie", [False, True])
def test_overlay_layout(tmp_path: Path, size: tuple[int, int], scale: float, lang: str, tie: bool) -> None:
    """Every text in its box, every button in the window, the view able to scroll to the last row."""
    app = make_app(tmp_path, size, text_scale=scale, language=lang)
    choosing(app, least=3)
    press(app, pygame.K_h, unicode="h")
    type_number(app, 5)
    if tie:
        press(app, pygame.K_DOWN)
        type_number(app, 5)
    assert check_layout(app) > 3
    app.settings.high_contrast = True
    app.apply_settings(save=False)
    check_layout(app)
    app.screen.view.offset = app.screen.view.max_offset      # the last row, scrolled to
    check_layout(app)
    app.close()


def test_the_most_choices_fit_at_200_percent(tmp_path: Path) -> None:
    """The longest list of choices of any scenario, counted at 200 % text in a small window."""
    app = make_app(tmp_path, (1024, 576), text_scale=2.0)
    preview.screen_openers(app)["hands"]()
    step(app)
    check_layout(app)
    rows = len(app.screen.tally.choices)
    for _ in range(rows):
        press(app, pygame.K_DOWN)
    assert app.screen.index == rows - 1
    check_layout(app)
    app.close()


def test_debrief_shows_the_hands_of_the_room(tmp_path: Path) -> None:
    """A decision taken by a show of hands is listed in the debrief with 'Handen in de zaal: 7 × …; 3 × …'."""
    app = make_app(tmp_path, language="nl")
    play = choosing(app)
    choices = play.engine.available_choices()
    click(app, "hands")
    type_number(app, 3)
    press(app, pygame.K_DOWN)
    type_number(app, 7)
    press(app, pygame.K_RETURN)
    engine = play.engine
    for _ in range(500):   # on to an ending, the engine's first choice each time
        if engine.ended:
            break
        if engine.needs_choice():
            engine.choose(engine.available_choices()[0])
        else:
            engine.advance()
    app.show_debrief(app.session)
    step(app)
    check_layout(app)
    texts = [r.text for r in PROBE.texts]
    first, second = (engine.text(c.text, "nl") for c in choices[:2])
    expected = f"Handen in de zaal: 7 × {second}; 3 × {first}"
    assert any(t.startswith(expected) for t in texts), texts[:20]
    assert sum(t.startswith("Handen in de zaal") for t in texts) == 1   # only the decision that was counted
    assert any(t.startswith("De groep koos: ") for t in texts) and not any(t.startswith("Je koos") for t in texts)
    app.close()
