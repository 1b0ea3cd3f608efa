"""The stacked stage for narrow windows and large text: scene, spoken line and choices in one scrolling column."""

from __future__ import annotations

import pygame

from ...scenario.model import Line
from ..actions import ActionPanel
from ..flow import Flow
from ..textlayout import TextBlock
from ..theme import Theme
from ..widgets import Item, ScrollView, panel
from .context import Content, SceneContext
from .linebox import LineBox
from .stage import draw_backdrop


def column_width(theme: Theme, width: int) -> int:
    """The width of the stacked column in a window `width` wide."""
    em = theme.text_px("body")
    return min(width - 2 * theme.sp("m") - theme.px(10), max(theme.px(860), 36 * em))


class PinnedQuestion:
    """A quiz question held above the scrolling answers when the spoken line and the answers do not fit the
    window together (large text on a small window): the question stays in view whatever the player scrolls to."""

    MAX_SHARE = 0.55  # of the body's height; a longer question is not pinned (it scrolls with the answers)

    def __init__(self, ctx: SceneContext, line: Line, width: int, top: int) -> None:
        """The question of `line` in a band `width` wide whose top is at `top`."""
        theme = ctx.theme
        self.ctx = ctx
        col_w = column_width(theme, width)
        self.col_x = (width - col_w) // 2
        self.pad = theme.tsp("m")
        self.accent = max(3, theme.px(6))
        character = ctx.character(line.speaker)
        name = character.name if character else (line.speaker or "")
        self.color = ctx.name_color(name, character) if line.speaker else theme.palette.text
        self.text = ctx.t(line.text)
        self.text_w = col_w - 2 * self.pad - self.accent
        self.block = self._block("body")
        self.rect = pygame.Rect(0, top, width, self.block.height + 2 * self.pad)

    def _block(self, role: str) -> TextBlock:
        """The question's text in a type role."""
        theme = self.ctx.theme
        font = theme.font(role, "semibold")
        return TextBlock.make(self.text, font, theme.palette.text, self.text_w, line_height=theme.line_height(font))

    def fit(self, body_height: int) -> bool:
        """Shrink to small text when the band is too tall; False when even that takes too much of the body."""
        limit = body_height * self.MAX_SHARE
        if self.rect.height > limit:
            self.block = self._block("small")
            self.rect.height = self.block.height + 2 * self.pad
        return self.rect.height <= limit

    def draw(self, surface: pygame.Surface) -> None:
        """The band: a strip in the surface colour with a line under it, the question beside a speaker-coloured bar."""
        theme, pal = self.ctx.theme, self.ctx.theme.palette
        surface.fill(pal.surface, self.rect)
        pygame.draw.line(surface, pal.border, (self.rect.x, self.rect.bottom - 1),
                         (self.rect.right, self.rect.bottom - 1), theme.border())
        bar = pygame.Rect(self.rect.x + self.col_x, self.rect.y + self.pad, self.accent, self.block.height)
        pygame.draw.rect(surface, self.color, bar, border_radius=self.accent // 2)
        x = bar.right + self.pad
        box = pygame.Rect(x, self.rect.y + self.pad, self.text_w, self.block.height)
        self.block.draw(surface, x, box.y, box)


class StackedStage:
    """Everything of a scene in one column that scrolls; the panel's items come last."""

    def __init__(self, ctx: SceneContext, viewport: pygame.Rect, backdrop: pygame.Rect, content: Content | None,
                 line: Line | None, actions: ActionPanel, view: ScrollView) -> None:
        """Build the column inside `viewport`."""
        self.ctx = ctx
        self.rect = pygame.Rect(viewport)
        self.backdrop = pygame.Rect(backdrop)
        self.content = content
        self.view = view
        theme = ctx.theme
        col_w = column_width(theme, viewport.width)
        col_x = (viewport.width - col_w) // 2
        flow = Flow(theme, col_w)
        flow.gap("m")
        self.device_shift = (0, 0)
        self.device_items: list[Item] = []
        title = ctx.t(ctx.scene.title) if ctx.scene.title else ""
        if title:
            font = theme.font("small", "bold")
            chip = TextBlock.make(title, font, theme.palette.text, col_w - 2 * theme.tsp("m"))
            pad = theme.tsp("m")

            def render_chip(surface: pygame.Surface) -> None:
                panel(surface, theme, surface.get_rect(), radius=theme.radius(8), shadow=False)
                chip.draw(surface, pad, theme.tsp("xs"), surface.get_rect())

            flow.add(chip.height + 2 * theme.tsp("xs"), render_chip, "chip", width=chip.width + 2 * pad)
            flow.gap("s")
        if content is not None:
            width = min(col_w, content.column_width(col_w + 2 * theme.sp("l")))
            dx = (col_w - width) // 2
            top = flow.y
            fill = content.surface_color()
            frame = flow.add(1, lambda s: None, "device")
            header = content.header(width)
            if header is not None:
                header.rect.topleft = (dx, flow.y)
                flow.items.append(header)
                flow.y += header.rect.height
            built = content.build(width)
            self.device_shift = (dx, flow.y)
            for item in built.items:
                item.rect.move_ip(dx, flow.y)
                flow.items.append(item)
            flow.y += built.height
            frame.rect = pygame.Rect(dx, top, width, flow.y - top)
            frame.paint = lambda surface, rect: panel(surface, theme, rect, fill=fill, radius=theme.radius(12))
            flow.gap("m")
        self.linebox: LineBox | None = None
        self.line_item: Item | None = None
        if line is not None:
            box = LineBox(ctx, line, pygame.Rect(0, 0, col_w, 10_000), big_portrait=False, anchor_top=True)
            self.linebox = box
            self.line_item = flow.add(box.box.height, lambda s: box.draw_static(s), "line")
            flow.gap("l")
        self.actions_top = flow.y
        if actions.flow.items:
            pad = theme.tsp("m")
            card = flow.add(1, lambda s: None, "actions-card")
            card.paint = lambda surface, rect: panel(surface, theme, rect, radius=theme.radius(12))
            for item in actions.flow.items:
                item.rect.move_ip(pad, flow.y + pad)
                flow.items.append(item)
            card.rect = pygame.Rect(0, self.actions_top, col_w, actions.flow.height + 2 * pad)
            flow.y = card.rect.bottom
        flow.gap("m")
        for item in flow.items:
            item.rect.x += col_x
        view.set_content(viewport, flow.items, flow.height)
        self.col_x = col_x

    def show_actions(self) -> None:
        """Scroll to the spoken line (often the question) with the choices or feedback under it;
        to the panel's heading when both do not fit."""
        gap = self.ctx.theme.sp("s")
        target = self.actions_top - gap
        if self.line_item is not None:
            start = self.line_item.rect.top - gap
            first_lines = self.ctx.theme.line_height(self.ctx.theme.font("h3", "bold")) * 3
            if start + self.view.viewport.height >= self.actions_top + first_lines:
                target = start
        self.view.offset = self.view.clamp(target)

    def show_line(self) -> None:
        """Scroll so the spoken line is in view."""
        if self.line_item is not None:
            self.view.ensure_visible(self.line_item.rect, self.ctx.theme.sp("s"))

    def line_shift(self) -> tuple[int, int]:
        """Where the line box's own coordinates land on screen."""
        assert self.line_item is not None
        origin = self.view.to_screen(self.line_item.rect)
        return origin.x, origin.y

    def draw(self, surface: pygame.Surface, text_done: bool, more: bool, hover: str | None, focus: str | None) -> None:
        """Backdrop and the column (the line's text once typed)."""
        draw_backdrop(surface, self.ctx, self.backdrop)
        self.view.draw(surface, self.ctx.theme, hover, focus)
        if self.linebox is not None and text_done:
            self._line_text(surface, None, more)

    def _line_text(self, surface: pygame.Surface, chars: int | None, more: bool) -> None:
        """The line's text at its place in the scrolled column, clipped to the view."""
        assert self.linebox is not None
        old = surface.get_clip()
        surface.set_clip(self.view.viewport.clip(old))
        self.linebox.draw_text(surface, chars, more, self.line_shift())
        surface.set_clip(old)

    def draw_dynamic(self, surface: pygame.Surface, chars: int | None, more: bool, elapsed: float) -> bool:
        """Typewriter and count-ups."""
        moving = False
        if self.linebox is not None and chars is not None:
            self._line_text(surface, chars, more)
            moving = True
        if self.content is not None:
            dx, dy = self.device_shift
            dx += self.col_x

            def to_screen(rect: pygame.Rect) -> pygame.Rect:
                return self.view.to_screen(rect.move(dx, dy))

            moving = self.content.draw_dynamic(surface, to_screen, self.view.viewport, elapsed) or moving
        return moving
