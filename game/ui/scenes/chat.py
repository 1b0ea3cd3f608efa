"""The chat scene: a messaging app with a header bar, bubbles, sender names and times."""

from __future__ import annotations

import pygame

from ...scenario.model import Message
from ..flow import Flow
from ..icons import icon
from ..textlayout import TextBlock
from ..theme import Color, mix, readable_on
from ..widgets import Item
from .context import Content

PLAYER_IDS = ("player",)


class ChatContent(Content):
    """A messaging app: the player's messages on the right, everyone else's on the left."""

    kind = "chat"

    def column_width(self, stage_width: int) -> int:
        """A phone-like column, wider with larger text."""
        theme = self.theme
        em = theme.text_px("body")
        return min(stage_width - 2 * theme.sp("l"), max(theme.px(640), 26 * em))

    def surface_color(self) -> Color:
        """The chat wallpaper."""
        return self.theme.palette.chat_bg

    def header(self, width: int) -> Item | None:
        """The app bar: back arrow, group avatar and the app's name."""
        theme, pal = self.theme, self.theme.palette
        font = theme.font("large", "bold")
        pad = theme.tsp("m")
        dot = font.get_height()
        title = self.ctx.scene.app or self.ctx.t(self.ctx.scene.title) or "Chat"
        x = pad + dot + pad + dot + pad
        block = TextBlock.make(title, font, readable_on(pal.chat_header), width - x - pad)
        height = block.height + 2 * pad
        bar = pal.chat_header

        def render(surface: pygame.Surface) -> None:
            surface.fill(bar)
            if pal.high_contrast:
                pygame.draw.line(surface, pal.border, (0, height - 1), (width, height - 1), theme.border())
            fg = readable_on(bar)
            surface.blit(icon("back", dot, fg), (pad, pad + (block.height - dot) // 2))
            cx = pad + dot + pad
            pygame.draw.circle(surface, mix(bar, fg, 0.35), (cx + dot // 2, pad + block.height // 2), dot // 2)
            block.draw(surface, x, pad, pygame.Rect(x, pad, width - x - pad, block.height))

        return Item(pygame.Rect(0, 0, width, height), render, "chat-header", False)

    def build(self, width: int) -> Flow:
        """One bubble per message."""
        flow = Flow(self.theme, width, self.surface_color())
        flow.gap("m")
        previous = None
        for message in self.ctx.scene.messages:
            self._bubble(flow, message, show_name=message.sender != previous)
            previous = message.sender
            flow.gap("s")
        flow.gap("s")
        return flow

    def _bubble(self, flow: Flow, message: Message, show_name: bool) -> None:
        """Lay out and add one message bubble."""
        theme, pal, ctx = self.theme, self.theme.palette, self.ctx
        character = ctx.character(message.sender) if message.is_character else None
        name = character.name if character else message.sender
        own = message.is_character and message.sender in PLAYER_IDS
        margin = theme.tsp("m")
        pad = theme.tsp("m")
        max_w = round((flow.width - 2 * margin) * 0.82)
        body = theme.font("body")
        small = theme.font("caption")
        name_font = theme.font("small", "bold")
        text_block = TextBlock.make(ctx.t(message.text), body, pal.text, max_w - 2 * pad, line_height=theme.line_height(body))
        name_block = TextBlock.make(name, name_font, ctx.name_color(name, character), max_w - 2 * pad) \
            if show_name and not own else None
        time_w = small.size(message.time)[0]
        last_w = body.size(text_block.lines[-1])[0] if text_block.lines else 0
        inner_w = max(text_block.width, name_block.width if name_block else 0)
        time_inline = last_w + theme.tsp("m") + time_w <= max_w - 2 * pad
        if time_inline:
            inner_w = max(inner_w, last_w + theme.tsp("m") + time_w)
        else:
            inner_w = max(inner_w, time_w)
        bubble_w = min(max_w, inner_w + 2 * pad)
        height = pad + (name_block.height + theme.tsp("xxs") if name_block else 0) + text_block.height + pad
        if not time_inline:
            height += small.get_height()
        fill = pal.bubble_out if own else pal.bubble_in
        x = flow.width - margin - bubble_w if own else margin
        time_color = pal.muted

        def render(surface: pygame.Surface) -> None:
            rect = surface.get_rect()
            r = theme.radius(14)
            pygame.draw.rect(surface, fill, rect, border_radius=r)
            if pal.high_contrast:
                pygame.draw.rect(surface, pal.border, rect, width=theme.border(), border_radius=r)
            y = pad
            inner = pygame.Rect(pad, pad, bubble_w - 2 * pad, rect.height - 2 * pad)
            if name_block:
                name_block.draw(surface, pad, y, inner)
                y += name_block.height + theme.tsp("xxs")
            text_block.draw(surface, pad, y, inner)
            tb = TextBlock.make(message.time, small, time_color, time_w + 1)
            tb.draw(surface, bubble_w - pad - time_w, rect.height - pad - small.get_height() + theme.tsp("xxs"), rect)

        flow.add(height, render, "bubble", indent=x, width=bubble_w)
