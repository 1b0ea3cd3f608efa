"""A page: a heading, a scrollable body and a row of buttons at the bottom."""

from __future__ import annotations

from pathlib import Path

import pygame

from .. import images
from ..flow import Flow
from ..textlayout import TextBlock
from ..widgets import Button, ScrollView, layout_row, panel
from .base import Screen


class PageScreen(Screen):
    """A screen of text in a readable column: heading, scrollable body, buttons below."""

    name = "page"
    card = False  # draw the page on a white card over a picture (see backdrop_image)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """An empty page."""
        super().__init__(app)
        self.view = ScrollView("page")
        self.footer: list[Button] = []
        self.header_blocks: list[tuple[TextBlock, int]] = []
        self.header_rect = pygame.Rect(0, 0, 0, 0)
        self.footer_rect = pygame.Rect(0, 0, 0, 0)
        self.column = pygame.Rect(0, 0, 0, 0)
        self._base: pygame.Surface | None = None

    # ---- what subclasses fill in -------------------------------------------------
    def title_text(self) -> str:
        """The page heading."""
        return ""

    def subtitle_text(self) -> str | None:
        """A line under the heading."""
        return None

    def build_body(self, flow: Flow) -> None:
        """Add the body's items."""

    def footer_buttons(self) -> list[Button]:
        """The buttons at the bottom."""
        return []

    # ---- layout -------------------------------------------------------------------
    def column_width(self) -> int:
        """The readable width of the text column."""
        theme = self.theme
        em = theme.text_px("body")
        edge = theme.sp("xl") + (theme.sp("l") if self.card else 0)
        return min(theme.size[0] - 2 * edge, max(theme.px(860), 36 * em))

    def layout(self) -> None:
        """Heading at the top, buttons at the bottom, the body scrolling in between."""
        theme = self.theme
        w, h = theme.size
        self._base = None
        col_w = self.column_width()
        left = (w - col_w) // 2
        margin = theme.sp("l")
        y = margin
        self.header_blocks = []
        header: list[tuple[str, str, str, tuple[int, int, int]]] = []
        if self.title_text():
            header.append((self.title_text(), "h1", "bold", self.pal.text))
        if self.subtitle_text():
            header.append((self.subtitle_text() or "", "large", "regular", self.pal.muted))
        for text, role, weight, color in header:
            font = theme.font(role, weight)
            block = TextBlock.make(text, font, color, col_w, line_height=theme.line_height(font))
            self.header_blocks.append((block, y))
            y += block.height + theme.tsp("xs")
        y += theme.tsp("s")
        # a tall heading (large text, small window) scrolls away with the body instead of staying
        scroll_header = y > h * 0.25
        if scroll_header:
            self.header_blocks = []
            y = margin
        self.header_rect = pygame.Rect(left, 0, col_w, y)
        self.column = pygame.Rect(left, 0, col_w, h)
        self.footer = self.footer_buttons()
        area = pygame.Rect(left, 0, col_w, h)
        footer_h = layout_row(theme, self.footer, area)
        footer_top = h - footer_h - margin
        for button in self.footer:
            button.rect.move_ip(0, footer_top)
        self.footer_rect = pygame.Rect(left, footer_top - theme.sp("s"), col_w, footer_h + margin + theme.sp("s"))
        body = pygame.Rect(left - theme.sp("s"), y, col_w + 2 * theme.sp("s"), max(1, self.footer_rect.y - y))
        flow = Flow(theme, body.width - 2 * theme.sp("s") - theme.px(10), self.pal.surface if self.card else self.pal.bg)
        if scroll_header:
            for text, role, weight, color in header:
                flow.text(text, role, weight, color, name="heading")
                flow.gap("xs")
            flow.gap("s")
        self.build_body(flow)
        for item in flow.items:
            item.rect.x += theme.sp("s")
        flow.gap("l")
        self.view.set_content(body, flow.items, flow.height)

    # ---- buttons ------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Body buttons (in the scroll view) then the footer."""
        return self.view.buttons() + self.footer

    def scroll_views(self) -> list[ScrollView]:
        """The body."""
        return [self.view]

    def reveal(self, button_id: str) -> None:
        """Scroll a focused body button into view."""
        for item in self.view.items:
            if item.button is not None and item.button.id == button_id:
                self.view.ensure_visible(item.rect, self.theme.sp("s"))

    def on_key(self, event: pygame.event.Event) -> None:
        """Up/Down scroll the body when it has no buttons of its own."""
        has_body_buttons = any(item.button is not None for item in self.view.items)
        if event.key in (pygame.K_UP, pygame.K_DOWN) and not has_body_buttons:
            self.scroll(self.view, self.line_step() * (1 if event.key == pygame.K_DOWN else -1))
            return
        super().on_key(event)

    # ---- drawing -------------------------------------------------------------------
    def compose(self, frame: pygame.Surface) -> None:
        """Background and heading (cached until the next layout), body, dividers and the buttons."""
        if self._base is None or self._base.get_size() != frame.get_size():
            self._base = pygame.Surface(frame.get_size())
            if pygame.display.get_surface() is not None:
                self._base = self._base.convert()
            self._base.blit(images.solid(frame.get_size(), self.pal.bg), (0, 0))
            self.draw_backdrop(self._base)
            for block, y in self.header_blocks:
                block.draw(self._base, self.header_rect.x, y, self.header_rect)
        frame.blit(self._base, (0, 0))
        self.view.draw(frame, self.theme, self.hover, self.focus if self.focus_visible else None)
        if self.view.offset > 0:
            pygame.draw.line(frame, self.pal.border, (self.view.viewport.x, self.view.viewport.y),
                             (self.view.viewport.right, self.view.viewport.y), self.theme.border())
        if self.view.offset < self.view.max_offset:
            y = self.view.viewport.bottom - 1
            pygame.draw.line(frame, self.pal.border, (self.view.viewport.x, y), (self.view.viewport.right, y),
                             self.theme.border())
        self.draw_buttons(frame, self.footer)

    def backdrop_image(self) -> Path | None:
        """A picture behind a card page."""
        return None

    def draw_backdrop(self, frame: pygame.Surface) -> None:
        """For a card page: the picture (if any) and the white card behind the column."""
        if not self.card:
            return
        theme = self.theme
        picture = self.backdrop_image()
        if picture is not None and images.exists(picture) and not self.pal.high_contrast:
            frame.blit(images.get(picture, theme.size, "cover", "background"), (0, 0))
        margin = theme.sp("s")
        rect = pygame.Rect(self.column.x - theme.sp("l"), margin, self.column.width + 2 * theme.sp("l"),
                           theme.size[1] - 2 * margin)
        panel(frame, theme, rect, radius=theme.radius(16))
