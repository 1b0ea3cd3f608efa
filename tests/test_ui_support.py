"""Helpers for the UI tests: a headless app on a temporary config folder, and real input events.

(Imported by the test_ui_* modules; it has no tests of its own.)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["WEERBAAR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="weerbaar-test-config-")

import pygame  # noqa: E402

from game.scenario.loader import load_paths  # noqa: E402
from game.ui import preview  # noqa: E402
from game.ui.app import App  # noqa: E402
from game.ui.probe import PROBE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
FRAME = 0.05


class FakeClock:
    """A clock the tests move by hand."""

    def __init__(self) -> None:
        """Start at zero."""
        self.now = 0.0

    def __call__(self) -> float:
        """The current time."""
        return self.now


def playable_ids() -> list[str]:
    """The ids of every valid scenario in scenarios/ (example.yaml at least)."""
    return [r.scenario.id for r in load_paths([SCENARIOS]) if r.ok and r.scenario is not None]


def make_app(tmp: Path, size: tuple[int, int] = (1280, 720), broken: bool = True, **settings: object) -> App:
    """A headless app on a copy of scenarios/ (plus a broken file), with its own settings folder."""
    os.environ["WEERBAAR_CONFIG_DIR"] = str(tmp / "config")
    folder = preview.scenario_folder(tmp / "scenarios", SCENARIOS, broken=broken)
    clock = FakeClock()
    app = App(scenario_dirs=[folder], size=size, clock=clock)
    for key, value in settings.items():
        setattr(app.settings, key, value)
    app.apply_settings(save=False)
    app.catalog.wait(60)
    return app


def step(app: App, frames: int = 1) -> None:
    """Run frames, moving the fake clock with them."""
    for _ in range(frames):
        app.clock.now += FRAME  # type: ignore[attr-defined]
        app.frame(FRAME)


def press(app: App, key: int, mod: int = 0, unicode: str = "") -> None:
    """Post a real key press (down and up) and run a frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode, scancode=0))
    step(app)


def find_button(app: App, button_id: str):  # type: ignore[no-untyped-def]
    """The button with this id on the screen on top, or None."""
    app.screen.ensure_layout()
    for button in app.screen.buttons():
        if button.id == button_id:
            return button
    return None


def click(app: App, button_id: str) -> None:
    """Move the mouse to a button (scrolling with the wheel until it shows) and click it."""
    for _ in range(200):
        button = find_button(app, button_id)
        assert button is not None, f"no button '{button_id}' on {app.screen.name}: {[b.id for b in app.screen.buttons()]}"
        if button.rect.width > 4 and button.rect.height > 4:
            break
        view = next((v for v in app.screen.scroll_views() if any(
            i.button is not None and i.button.id == button_id for i in v.items)), None)
        assert view is not None, f"'{button_id}' is hidden and not in a scroll view"
        item = next(i for i in view.items if i.button is not None and i.button.id == button_id)
        direction = -1 if view.to_screen(item.rect).bottom <= view.viewport.top else 1
        pos = view.viewport.center
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-direction, flipped=False, precise_x=0.0,
                                             precise_y=float(-direction)))
        step(app)
    pos = button.rect.center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    step(app)


def check_layout(app: App) -> int:
    """Draw the screen with the probe on and check every text stays in its box and every view can show all.

    Returns how many blocks of text were checked."""
    PROBE.clear()
    PROBE.active = True
    try:
        app.screen.relayout()
        app.screen.update(0.0)
        app.draw()
    finally:
        PROBE.active = False
    screen = app.surface.get_rect()
    problems = []
    for record in PROBE.texts:
        if not record.box.inflate(2, 2).contains(record.rect):
            problems.append(f"text {record.text[:40]!r} at {record.rect} leaves its box {record.box}")
        if not record.surface.inflate(2, 2).contains(record.box):
            problems.append(f"box of {record.text[:40]!r} {record.box} leaves its surface {record.surface}")
    for view in PROBE.views:
        if not screen.contains(view.viewport):
            problems.append(f"view {view.name} {view.viewport} leaves the window {screen}")
        if view.scroll_max < view.content_height - view.viewport.height:
            problems.append(f"view {view.name} cannot scroll to the end of its content")
    for button in app.screen.buttons():
        if button.rect.width and not screen.contains(button.rect):
            problems.append(f"button {button.id} {button.rect} leaves the window")
    assert not problems, f"{app.screen.name} at {screen.size}:\n" + "\n".join(problems[:12])
    return sum(1 for r in PROBE.texts if not r.text.startswith("["))
