"""A vertical flow of content items (text, headings, buttons, custom drawings) for scroll views."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from .textlayout import TextBlock
from .theme import Color, Theme
from .widgets import Button, Item, button_height, draw_button, natural_width


class Flow:
    """Stacks items top to bottom in a column `width` wide."""

    def __init__(self, theme: Theme, width: int, bg: Color | None = None) -> None:
        """An empty column; `bg` is the solid colour it sits on, if it has one."""
        self.theme = theme
        self.bg = bg
        self.width = max(10, width)
        self.items: list[Item] = []
        self.y = 0

    @property
    def height(self) -> int:
        """The height of everything added so far."""
        return self.y

    def gap(self, step: str = "m") -> None:
        """Vertical space (grows with the text size)."""
        self.y += self.theme.tsp(step)

    def add(self, height: int, render: Callable[[pygame.Surface], None], name: str = "item",
            indent: int = 0, width: int | None = None, button: Button | None = None,
            transparent: bool = True) -> Item:
        """Add an item of `height` drawn by `render` (onto its own surface)."""
        w = width if width is not None else self.width - indent
        item = Item(pygame.Rect(indent, self.y, w, max(1, height)), render, name, transparent, button,
                    bg=self.bg if transparent else None)
        self.items.append(item)
        self.y += item.rect.height
        return item

    def text(self, text: str, role: str = "body", weight: str = "regular", color: Color | None = None,
             align: str = "left", indent: int = 0, name: str = "text") -> Item:
        """A wrapped paragraph."""
        font = self.theme.font(role, weight)
        block = TextBlock.make(text, font, color or self.theme.palette.text, self.width - indent, align,
                               self.theme.line_height(font))

        def render(surface: pygame.Surface) -> None:
            block.draw(surface, 0, 0, surface.get_rect())

        return self.add(block.height, render, name, indent)

    def heading(self, text: str, role: str = "h2", color: Color | None = None) -> Item:
        """A heading with space above and below."""
        if self.y:
            self.gap("l")
        item = self.text(text, role, "bold", color or self.theme.palette.text, name="heading")
        self.gap("s")
        return item

    def button(self, button: Button, width: int | None = None, indent: int = 0) -> Item:
        """A button as wide as the column (or `width`)."""
        w = width if width is not None else self.width - indent
        ring = self.theme.focus_width() + 2
        h = button_height(self.theme, button, w - 2 * ring) + 2 * ring
        item = self._button_item(button, pygame.Rect(indent, self.y, w, h))
        self.items.append(item)
        self.y += h
        return item

    def row(self, buttons: list[Button]) -> list[Item]:
        """Buttons side by side (each its natural width), wrapping onto more rows when needed."""
        theme = self.theme
        ring = theme.focus_width() + 2
        gap = theme.tsp("s")
        placed: list[Item] = []
        x = 0
        row_top = self.y
        row_h = 0
        for button in buttons:
            inner_w = min(natural_width(theme, button), self.width - 2 * ring)
            h = button_height(theme, button, inner_w) + 2 * ring
            w = inner_w + 2 * ring
            if x and x + w > self.width:
                x = 0
                row_top += row_h + gap
                row_h = 0
            placed.append(self._button_item(button, pygame.Rect(x, row_top, w, h)))
            x += w + gap
            row_h = max(row_h, h)
        self.items.extend(placed)
        self.y = row_top + row_h
        return placed

    def _button_item(self, button: Button, rect: pygame.Rect) -> Item:
        """An item that draws `button` inside `rect`, with its focus ring margin."""
        return button_item(self.theme, button, rect, self.bg)

    def grid(self, buttons: list[Button], columns: int) -> list[Item]:
        """Buttons in equal columns, row by row."""
        theme = self.theme
        gap = theme.tsp("s")
        ring = theme.focus_width() + 2
        col_w = (self.width - gap * (columns - 1)) // columns
        placed: list[Item] = []
        for start in range(0, len(buttons), columns):
            row = buttons[start:start + columns]
            h = max(button_height(theme, b, col_w - 2 * ring) for b in row) + 2 * ring
            for index, button in enumerate(row):
                placed.append(self._button_item(button, pygame.Rect(index * (col_w + gap), self.y, col_w, h)))
            self.y += h + gap
        self.items.extend(placed)
        return placed


def button_item(theme: Theme, button: Button, rect: pygame.Rect, bg: Color | None = None) -> Item:
    """A scrollable item that draws `button` inside `rect`, leaving room for its focus ring."""
    ring = theme.focus_width() + 2
    holder: dict[str, Item] = {}

    def render(surface: pygame.Surface) -> None:
        hover, focus = holder["item"]._state or (False, False)
        draw_button(surface, theme, button, pygame.Rect(ring, ring, rect.width - 2 * ring, rect.height - 2 * ring),
                    hover, focus)

    holder["item"] = Item(rect, render, "button", True, button, bg=bg)
    return holder["item"]
