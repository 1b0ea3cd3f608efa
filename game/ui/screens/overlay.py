"""Overlays: a dimmed view of the screen below with a centred panel on top (scrolling if it must)."""

from __future__ import annotations

import pygame

from ..flow import Flow
from ..textlayout import TextBlock
from ..widgets import Button, ScrollView, panel
from .base import Screen


class Overlay(Screen):
    """A modal panel (pause, confirm) over the screen below, which stays visible but dimmed."""

    modal = True
    name = "overlay"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """An overlay of `app`."""
        super().__init__(app)
        self.view = ScrollView("overlay")
        self._dimmed: pygame.Surface | None = None

    def title_text(self) -> str:
        """The panel's heading."""
        return ""

    def body_text(self) -> str | None:
        """A paragraph under the heading."""
        return None

    def panel_buttons(self) -> list[Button]:
        """The buttons, top to bottom."""
        return []

    def below(self) -> Screen | None:
        """The screen this overlay covers."""
        stack = self.app.stack
        if self in stack:
            index = stack.index(self)
            return stack[index - 1] if index > 0 else None
        return None

    def layout(self) -> None:
        """A centred panel sized to its content; the body scrolls when the window is too small."""
        theme = self.theme
        w, h = theme.size
        self._dimmed = None
        pad = theme.tsp("xl") if theme.text_scale < 1.5 else theme.tsp("l")
        width = min(w - 2 * theme.sp("m"), max(theme.px(520), 20 * theme.text_px("body")))
        inner = width - 2 * pad
        font = theme.font("h2", "bold")
        self.title_block = TextBlock.make(self.title_text(), font, self.pal.text, inner, line_height=theme.line_height(font))
        room = h - 2 * theme.sp("s")
        head = pad + self.title_block.height + theme.tsp("m")
        for columns in (1, 2):
            flow = Flow(theme, inner - theme.px(10), self.pal.surface)
            body = self.body_text()
            if body:
                flow.text(body, "body")
                flow.gap("l")
            if columns == 1:
                for button in self.panel_buttons():
                    flow.button(button)
                    flow.gap("s")
            else:
                flow.grid(self.panel_buttons(), columns)
            if head + flow.height + pad <= room:
                break
        height = min(room, head + flow.height + pad)
        self.rect = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        self.title_pos = (self.rect.x + pad, self.rect.y + pad)
        viewport = pygame.Rect(self.rect.x + pad, self.rect.y + head, inner, max(1, height - head - pad))
        self.view.set_content(viewport, flow.items, flow.height)

    def buttons(self) -> list[Button]:
        """The panel's buttons."""
        return self.view.buttons()

    def scroll_views(self) -> list[ScrollView]:
        """The panel body."""
        return [self.view]

    def reveal(self, button_id: str) -> None:
        """Scroll a focused button into view."""
        for item in self.view.items:
            if item.button is not None and item.button.id == button_id:
                self.view.ensure_visible(item.rect)

    def on_escape(self) -> None:
        """Esc closes the overlay."""
        self.app.pop()

    def shade(self, size: tuple[int, int]) -> pygame.Surface:
        """A see-through dark layer the size of the window (made once per size and palette)."""
        key = (size, self.pal.shade, self.pal.high_contrast)
        if getattr(self, "_shade_key", None) != key:
            shade = pygame.Surface(size)
            shade.fill(self.pal.shade)
            shade.set_alpha(200 if self.pal.high_contrast else 150)
            self._shade, self._shade_key = shade, key
        return self._shade

    def compose(self, frame: pygame.Surface) -> None:
        """The screen below, dimmed, and the panel."""
        if self._dimmed is None or self._dimmed.get_size() != frame.get_size():
            # the screen below does not change while it is covered: dim it once
            self._dimmed = pygame.Surface(frame.get_size())
            if pygame.display.get_surface() is not None:
                self._dimmed = self._dimmed.convert()
            below = self.below()
            if below is not None:
                below.draw(self._dimmed)
            self._dimmed.blit(self.shade(frame.get_size()), (0, 0))
        frame.blit(self._dimmed, (0, 0))
        panel(frame, self.theme, self.rect, radius=self.theme.radius(14))
        x, y = self.title_pos
        self.title_block.draw(frame, x, y, pygame.Rect(x, y, self.rect.right - x, self.title_block.height))
        self.view.draw(frame, self.theme, self.hover, self.focus if self.focus_visible else None)
