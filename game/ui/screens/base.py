"""The screen base class: layout on demand, a cached frame, buttons with mouse and keyboard focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ...i18n import tr
from ..theme import Palette, Theme
from ..widgets import Button, ScrollView, draw_button

if TYPE_CHECKING:
    from ..app import App

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Screen:
    """One screen: lays itself out for the app's theme, composes a cached frame, handles input."""

    modal = False
    name = "screen"

    def __init__(self, app: App) -> None:
        """A screen of `app`; laid out when first drawn."""
        self.app = app
        self.hover: str | None = None
        self.focus: str | None = None
        self.focus_visible = False
        self.revision = 0
        self._pressed: str | None = None
        self._layout_key: object = None
        self._frame: pygame.Surface | None = None
        self._frame_key: object = None

    # ---- shorthands ---------------------------------------------------------
    @property
    def theme(self) -> Theme:
        """The app's current theme."""
        return self.app.theme

    @property
    def pal(self) -> Palette:
        """The current palette."""
        return self.app.theme.palette

    @property
    def lang(self) -> str:
        """The language to show."""
        return self.app.ui_lang()

    def tr(self, key: str, **values: object) -> str:
        """A UI string in the current language."""
        return tr(key, self.lang, **values)

    def touch(self) -> None:
        """Something visible changed: compose the frame again."""
        self.revision += 1
        self.app.invalidate()

    # ---- layout -------------------------------------------------------------
    def ensure_layout(self) -> None:
        """Lay out again when the window, text size, contrast or language changed."""
        key = (self.app.theme.key, self.lang, self.app.layout_generation)
        if key != self._layout_key:
            self._layout_key = key
            self.layout()
            self.revision += 1

    def layout(self) -> None:
        """Compute rectangles and content for the current theme."""

    def relayout(self) -> None:
        """Force a new layout at the next draw."""
        self._layout_key = None
        self.app.invalidate()

    # ---- buttons and focus ----------------------------------------------------
    def buttons(self) -> list[Button]:
        """Every button in focus order, with screen rectangles."""
        return []

    def default_focus(self) -> str | None:
        """The button Enter activates before the player moved the focus."""
        for button in self.buttons():
            if button.style == "primary" and button.enabled:
                return button.id
        enabled = [b for b in self.buttons() if b.enabled]
        return enabled[0].id if enabled else None

    def on_button(self, button_id: str) -> None:
        """A button was activated."""

    def on_escape(self) -> None:
        """Escape was pressed."""

    def button_at(self, pos: tuple[int, int]) -> Button | None:
        """The enabled button under a screen position."""
        for button in self.buttons():
            if button.enabled and button.rect.collidepoint(pos):
                return button
        return None

    def move_focus(self, step: int) -> None:
        """Move the keyboard focus to the next (+1) or previous (-1) button."""
        enabled = [b for b in self.buttons() if b.enabled]
        if not enabled:
            return
        ids = [b.id for b in enabled]
        current = self.focus if self.focus in ids else self.default_focus()
        if current in ids and (self.focus_visible or self.focus in ids):
            index = (ids.index(current) + step) % len(ids)
        elif current in ids:
            index = ids.index(current)
        else:
            index = 0 if step > 0 else len(ids) - 1
        self.focus = ids[index]
        self.focus_visible = True
        self.reveal(self.focus)
        self.touch()

    def reveal(self, button_id: str) -> None:
        """Scroll so that a focused button is visible (screens with scroll views override)."""

    def activate_focus(self) -> None:
        """Activate the focused (or default) button."""
        target = self.focus or self.default_focus()
        for button in self.buttons():
            if button.id == target and button.enabled:
                self.on_button(button.id)
                return

    # ---- scrolling --------------------------------------------------------------
    def scroll_views(self) -> list[ScrollView]:
        """The scroll views, the main one first."""
        return []

    def view_at(self, pos: tuple[int, int]) -> ScrollView | None:
        """The scroll view under a position, else the main one."""
        views = self.scroll_views()
        for view in views:
            if view.contains(pos):
                return view
        return views[0] if views else None

    def scroll(self, view: ScrollView | None, dy: int) -> None:
        """Scroll a view and redraw when it moved."""
        if view is not None and view.scroll_by(dy):
            self.touch()

    def line_step(self) -> int:
        """How far one wheel notch or arrow key scrolls."""
        return self.theme.line_height(self.theme.font("body")) * 2

    # ---- events -------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        """Mouse and keyboard handling shared by every screen."""
        self.ensure_layout()  # input can arrive before the screen's first frame was drawn
        if event.type == pygame.MOUSEMOTION:
            button = self.button_at(event.pos)
            new = button.id if button else None
            if new != self.hover or self.focus_visible:
                self.hover = new
                self.focus_visible = False
                self.touch()
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            button = self.button_at(event.pos)
            self._pressed = button.id if button else None
            if button is None:
                self.on_background_click(event.pos)
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            button = self.button_at(event.pos)
            pressed, self._pressed = self._pressed, None
            if button is not None and button.id == pressed:
                self.focus = button.id
                self.focus_visible = False
                self.on_button(button.id)
        elif event.type == pygame.MOUSEWHEEL:
            pos = self.app.mouse_pos
            self.scroll(self.view_at(pos), -int(event.y) * self.line_step())
        elif event.type == pygame.KEYDOWN:
            self.on_key(event)

    def on_background_click(self, pos: tuple[int, int]) -> None:
        """A click that hit no button."""

    def on_key(self, event: pygame.event.Event) -> None:
        """Keyboard handling: focus, activation, scrolling, escape."""
        key = event.key
        shift = bool(getattr(event, "mod", 0) & pygame.KMOD_SHIFT)
        views = self.scroll_views()
        main = views[0] if views else None
        if key == pygame.K_ESCAPE:
            self.on_escape()
        elif key in ACTIVATE_KEYS:
            self.activate_focus()
        elif key == pygame.K_TAB:
            self.move_focus(-1 if shift else 1)
        elif key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.move_focus(1)
        elif key in (pygame.K_UP, pygame.K_LEFT):
            self.move_focus(-1)
        elif key == pygame.K_PAGEDOWN and main:
            if main.page(1):
                self.touch()
        elif key == pygame.K_PAGEUP and main:
            if main.page(-1):
                self.touch()
        elif key == pygame.K_HOME and main:
            self.scroll(main, -main.content_height)
        elif key == pygame.K_END and main:
            self.scroll(main, main.content_height)

    def update(self, dt: float) -> bool:
        """Advance animations by `dt` seconds; True while something moves."""
        return False

    # ---- drawing -------------------------------------------------------------------
    def frame_key(self) -> object:
        """What the cached frame depends on."""
        return (self.revision, self._layout_key, self.hover, self.focus, self.focus_visible)

    def draw(self, surface: pygame.Surface) -> None:
        """Compose the frame when it changed, blit it, then draw what animates."""
        self.ensure_layout()
        size = surface.get_size()
        key = (self.frame_key(), size)
        if self._frame is None or self._frame.get_size() != size or key != self._frame_key:
            if self._frame is None or self._frame.get_size() != size:
                self._frame = pygame.Surface(size).convert() if pygame.display.get_surface() else pygame.Surface(size)
            self.compose(self._frame)
            self._frame_key = key
        surface.blit(self._frame, (0, 0))
        self.draw_dynamic(surface)

    def compose(self, frame: pygame.Surface) -> None:
        """Draw everything that does not animate."""
        frame.fill(self.pal.bg)

    def draw_dynamic(self, surface: pygame.Surface) -> None:
        """Draw what changes every frame (typewriter, countdown, count-ups)."""

    def draw_buttons(self, surface: pygame.Surface, buttons: list[Button]) -> None:
        """Draw fixed buttons with their hover and focus state."""
        for button in buttons:
            draw_button(surface, self.theme, button, button.rect, hover=button.id == self.hover,
                        focus=self.focus_visible and button.id == self.focus)
