"""The title screen: the game's name, what it is for, and Start / Settings / Quit."""

from __future__ import annotations

import pygame

from .. import images
from ..textlayout import TextBlock
from ..theme import mix
from ..widgets import Button, button_height, panel
from .base import Screen


class TitleScreen(Screen):
    """The first screen of `python main.py`."""

    name = "title"
    _base: pygame.Surface | None = None
    _base_key: object = None

    def layout(self) -> None:
        """A panel with the name, a tagline and the buttons, the town hall behind; compacted step by step
        (no audience line, buttons in two columns, no tagline, smaller name) until it fits the window."""
        theme, pal = self.theme, self.pal
        w, h = theme.size
        margin = theme.sp("xl")
        width = min(w - 2 * theme.sp("m"), max(theme.px(560), 22 * theme.text_px("body")))
        other = "en" if self.lang == "nl" else "nl"
        self._buttons = [Button("start", self.tr("start"), "primary"), Button("settings", self.tr("settings")),
                         Button("language", self.tr("switch_language_" + other)), Button("quit", self.tr("quit"))]
        ring = theme.focus_width() + 2
        for who, columns, tag, name_role, pad_step in ((True, 1, True, "display", "xl"), (False, 1, True, "display", "l"),
                                                       (False, 2, True, "display", "m"), (False, 2, False, "h1", "m"),
                                                       (False, 2, False, "h2", "s")):
            pad = theme.tsp(pad_step)
            inner = width - 2 * pad
            name_color = pal.primary if not pal.high_contrast else pal.text
            self.name_block = TextBlock.make("Weerbaar", theme.font(name_role, "bold"), name_color, inner)
            large, small = theme.font("large"), theme.font("small")
            self.tag_block = TextBlock.make(self.tr("tagline"), large, pal.text, inner, line_height=theme.line_height(large)) \
                if tag else None
            self.who_block = TextBlock.make(self.tr("audience"), small, pal.muted, inner,
                                            line_height=theme.line_height(small)) if who else None
            gap = theme.tsp("m" if columns == 1 else "s")
            col_w = (inner - 2 * ring - (columns - 1) * gap) // columns
            heights = [button_height(theme, b, col_w) for b in self._buttons]
            rows = [max(heights[i:i + columns]) for i in range(0, len(heights), columns)]
            blocks = [b for b in (self.name_block, self.tag_block, self.who_block) if b is not None]
            height = (2 * pad + sum(b.height for b in blocks) + theme.tsp("m") * (len(blocks) - 1) + theme.tsp("l")
                      + sum(rows) + gap * (len(rows) - 1))
            if height <= h - 2 * theme.sp("s"):
                break
        height = min(height, h - 2 * theme.sp("s"))
        left = margin if w > width + 2 * margin else (w - width) // 2
        self.rect = pygame.Rect(left, max(theme.sp("s"), (h - height) // 2), width, height)
        y = self.rect.y + pad
        self.placed: list[tuple[TextBlock, tuple[int, int]]] = []
        for block in blocks:
            self.placed.append((block, (self.rect.x + pad, y)))
            y += block.height + theme.tsp("m")
        y += theme.tsp("l") - theme.tsp("m")
        for index, button in enumerate(self._buttons):
            row, col = divmod(index, columns)
            top = y + sum(rows[:row]) + gap * row
            button.rect = pygame.Rect(self.rect.x + pad + ring + col * (col_w + gap), top, col_w, rows[row])
        self.inner = inner

    def buttons(self) -> list[Button]:
        """Start, settings, language, quit."""
        return self._buttons

    def on_button(self, button_id: str) -> None:
        """Go where the button says."""
        if button_id == "start":
            self.app.open_menu()
        elif button_id == "settings":
            self.app.open_settings()
        elif button_id == "language":
            self.app.settings.language = "en" if self.lang == "nl" else "nl"
            self.app.apply_settings()
        elif button_id == "quit":
            self.app.quit()

    def on_escape(self) -> None:
        """Esc on the title screen quits."""
        self.app.quit()

    def compose(self, frame: pygame.Surface) -> None:
        """The town hall, the panel and its contents."""
        if self._base is None or self._base.get_size() != frame.get_size() or self._base_key != self._layout_key:
            self._base = pygame.Surface(frame.get_size())
            if pygame.display.get_surface() is not None:
                self._base = self._base.convert()
            self._base_key = self._layout_key
            self._draw_base(self._base)
        frame.blit(self._base, (0, 0))
        self.draw_buttons(frame, self._buttons)

    def _draw_base(self, frame: pygame.Surface) -> None:
        """The town hall, the panel and its texts (all but the buttons)."""
        theme, pal = self.theme, self.pal
        backdrop = images.asset("backgrounds/town-hall.svg")
        if not pal.high_contrast and images.exists(backdrop):
            frame.blit(images.get(backdrop, theme.size, "cover", "background"), (0, 0))
        else:
            frame.fill(pal.bg)
            if not pal.high_contrast:
                band = pygame.Rect(0, theme.size[1] * 2 // 3, theme.size[0], theme.size[1] // 3)
                frame.fill(mix(pal.bg, pal.primary, 0.12), band)
        panel(frame, theme, self.rect, radius=theme.radius(16))
        for block, (x, y) in self.placed:
            block.draw(frame, x, y, pygame.Rect(x, y, self.inner, block.height))
