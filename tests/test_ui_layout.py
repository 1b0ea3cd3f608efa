"""Every screen at 1024×576, 1280×720, 1920×1080 (and 4:3), at 100 % and 200 % text: no text leaves its box."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui import preview
from tests.test_ui_support import check_layout, make_app, step

SIZES = [(1024, 576), (1280, 720), (1920, 1080)]
SCALES = [1.0, 2.0]
SCENE_SCREENS = {"dialogue", "feed", "chat", "news", "document", "choices-timer", "feedback"}


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{round(s * 100)}pct")
@pytest.mark.parametrize("size", SIZES + [(1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_fits(tmp_path: Path, size: tuple[int, int], scale: float) -> None:
    """Each screen type lays out inside the window with every text inside its box."""
    app = make_app(tmp_path, size, text_scale=scale, reduced_motion=True)
    openers = preview.screen_openers(app)
    assert SCENE_SCREENS <= set(openers)
    checked = {}
    for name, open_screen in openers.items():
        open_screen()
        checked[name] = check_layout(app)
    thin = [name for name, count in checked.items() if count < 2]
    assert not thin, f"screens that drew (almost) no text: {thin}"
    app.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_high_contrast_and_languages(tmp_path: Path, lang: str) -> None:
    """High contrast at 150 % in both languages also fits."""
    app = make_app(tmp_path, (1280, 720), text_scale=1.5, high_contrast=True, language=lang, reduced_motion=True)
    for open_screen in preview.screen_openers(app).values():
        open_screen()
        check_layout(app)
    assert app.ui_lang() == lang
    app.close()


def test_resized_window_lays_out_again(tmp_path: Path) -> None:
    """Resizing the window (as a player dragging its corner) lays the screen out for the new size."""
    app = make_app(tmp_path, (1280, 720))
    preview.play_at(app, preview.first_ok(app.catalog.results, "example"), "timeline", "choosing")
    step(app)
    before = [b.rect.copy() for b in app.screen.buttons()]
    app.surface = pygame.display.set_mode((1100, 800), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1100, 800), w=1100, h=800))
    step(app)
    assert app.theme.size == (1100, 800)
    assert [b.rect for b in app.screen.buttons()] != before
    check_layout(app)
    app.close()


def test_long_dutch_words_wrap_inside(tmp_path: Path) -> None:
    """An over-long word is broken, every piece fits, and no letters are lost."""
    from game.ui import fonts
    from game.ui.textlayout import wrap

    pygame.font.init()
    font = fonts.get("regular", 40)
    word = "gemeenteraadsverkiezingsuitslagenberekeningscommissie"
    lines = wrap(f"De {word} vergadert.", font, 300)
    assert len(lines) > 2
    assert all(font.size(line)[0] <= 300 for line in lines)
    assert "".join(line.rstrip("-") for line in lines).replace(" ", "") == f"De{word}vergadert."
    assert wrap("één ĳsje, één ijsje", font, 2000) == ["één ĳsje, één ijsje"]
