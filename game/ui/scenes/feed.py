"""The feed scene: a social-media timeline of post cards whose counts count up when it opens."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from ...i18n import tr
from ...scenario.model import Post
from .. import images
from ..flow import Flow
from ..icons import icon
from ..textlayout import TextBlock, render_line
from ..theme import Color
from .context import Content, round_image

COUNT_UP_SECONDS = 1.4


def format_count(value: int, lang: str) -> str:
    """A count the way a timeline shows it: 1.234 (nl) or 1,234 (en); 12,3K above ten thousand."""
    if value >= 10_000:
        text = f"{value / 1000:.1f}K"
        return text.replace(".", ",") if lang == "nl" else text
    text = f"{value:,}"
    return text.replace(",", ".") if lang == "nl" else text


@dataclass
class Counter:
    """A count on a card: where its number sits (content coordinates) and the final value."""

    rect: pygame.Rect
    value: int
    color: Color
    fill: Color


class FeedContent(Content):
    """A timeline: avatar, name, handle, verified mark, text, image and counts per post."""

    kind = "feed"

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        """A feed for the scene in `ctx`."""
        super().__init__(ctx)
        self.counters: list[Counter] = []

    def surface_color(self) -> Color:
        """The timeline's background."""
        return self.theme.palette.feed_bg

    def build(self, width: int) -> Flow:
        """One card per post, stacked with gaps."""
        flow = Flow(self.theme, width, self.surface_color())
        self.counters = []
        for post in self.ctx.scene.posts:
            self._card(flow, post)
            flow.gap("m")
        return flow

    def _card(self, flow: Flow, post: Post) -> None:
        """Lay out and add one post card."""
        theme, pal, ctx = self.theme, self.theme.palette, self.ctx
        width = flow.width
        pad = theme.tsp("l")
        gap = theme.tsp("m")
        name_font = theme.font("body", "bold")
        small = theme.font("small")
        body_font = theme.font("body")
        avatar = round(name_font.get_height() * 2.1)
        text_x = pad + avatar + gap if width > 18 * theme.text_px("body") else pad
        inner_w = width - text_x - pad
        badge = round(name_font.get_height() * 0.85)
        head_x = pad + avatar + gap
        head_w = max(10, width - head_x - pad)
        name_block = TextBlock.make(post.author, name_font, pal.text, head_w - (badge + theme.tsp("xs") if post.verified else 0),
                                    line_height=theme.line_height(name_font))
        handle_block = TextBlock.make(post.handle, small, pal.muted, head_w)
        tags: list[str] = []
        if ctx.facilitator:
            if post.fake:
                tags.append(tr("fake", ctx.lang).upper())
            technique = ctx.engine.scenario.technique(post.technique) if post.technique else None
            if technique:
                tags.append(technique.name.get(ctx.lang))
        tag_block = TextBlock.make(" · ".join(tags), theme.font("small", "bold"), pal.bad, head_w) if tags else None
        head_h = name_block.height + theme.tsp("xxs") + handle_block.height
        if tag_block:
            head_h += theme.tsp("xxs") + tag_block.height
        head_h = max(avatar, head_h)
        text_block = TextBlock.make(ctx.t(post.text), body_font, pal.text, inner_w, line_height=theme.line_height(body_font))
        y = pad + head_h + theme.tsp("s")
        text_y = y
        y += text_block.height
        image_rect = None
        if post.image is not None:
            y += theme.tsp("m")
            img_h = min(round(inner_w * 9 / 16), theme.px(380))
            image_rect = pygame.Rect(text_x, y, inner_w, img_h)
            y += img_h
        y += theme.tsp("m")
        icon_size = small.get_height()
        cells = [("reply", post.replies), ("share", post.shares), ("like", post.likes)]
        cell_w = max(icon_size + theme.tsp("xs") + small.size(format_count(v, ctx.lang))[0] for _, v in cells)
        per_row = max(1, min(3, (inner_w + gap) // (cell_w + gap * 2)))
        rows = (len(cells) + per_row - 1) // per_row
        counts_y = y
        row_h = max(icon_size, small.get_height())
        y += rows * row_h + (rows - 1) * theme.tsp("xs")
        height = y + pad
        top = flow.y
        step = inner_w // per_row
        counter_specs = []
        for index, (name, value) in enumerate(cells):
            cx = text_x + (index % per_row) * step
            cy = counts_y + (index // per_row) * (row_h + theme.tsp("xs"))
            counter_specs.append((name, value, cx, cy))
        card_fill = pal.card
        muted = pal.muted
        lang = ctx.lang
        avatar_path = ctx.avatar_path(post.author, post.handle)

        def render(surface: pygame.Surface) -> None:
            rect = surface.get_rect()
            pygame.draw.rect(surface, card_fill, rect, border_radius=theme.radius(12))
            pygame.draw.rect(surface, pal.border, rect, width=theme.border(), border_radius=theme.radius(12))
            pic = round_image(images.get(avatar_path, (avatar, avatar), "cover", "avatar"))
            surface.blit(pic, (pad, pad))
            name_rect = name_block.draw(surface, head_x, pad, pygame.Rect(head_x, pad, head_w, name_block.height))
            if post.verified:
                last_w = name_font.size(name_block.lines[-1])[0] if name_block.lines else 0
                bx = head_x + last_w + theme.tsp("xs")
                by = name_rect.bottom - name_font.get_height() + (name_font.get_height() - badge) // 2
                surface.blit(icon("verified", badge, pal.link), (bx, by))
            hy = pad + name_block.height + theme.tsp("xxs")
            handle_block.draw(surface, head_x, hy, pygame.Rect(head_x, hy, head_w, handle_block.height))
            if tag_block:
                ty = hy + handle_block.height + theme.tsp("xxs")
                tag_block.draw(surface, head_x, ty, pygame.Rect(head_x, ty, head_w, tag_block.height))
            text_block.draw(surface, text_x, text_y, pygame.Rect(text_x, text_y, inner_w, text_block.height))
            if image_rect is not None:
                pic = images.get(post.image.path if post.image else None, image_rect.size, "cover", "image")
                surface.blit(pic, image_rect)
                pygame.draw.rect(surface, pal.border, image_rect, width=theme.border())
            for name, value, cx, cy in counter_specs:
                surface.blit(icon(name, icon_size, muted), (cx, cy))
                text = format_count(value, lang)
                surface.blit(render_line(small, text, muted), (cx + icon_size + theme.tsp("xs"), cy))

        for name, value, cx, cy in counter_specs:
            number = pygame.Rect(cx + icon_size + theme.tsp("xs"), top + cy,
                                 small.size(format_count(value, lang))[0] + 2, small.get_height())
            self.counters.append(Counter(number, value, muted, card_fill))
        flow.add(height, render, "post")

    def draw_dynamic(self, surface: pygame.Surface, to_screen: Callable[[pygame.Rect], pygame.Rect],
                     clip: pygame.Rect, elapsed: float) -> bool:
        """Count the numbers up from zero when the feed opens (not under reduced motion)."""
        if self.ctx.reduced_motion or elapsed >= COUNT_UP_SECONDS:
            return False
        t = max(0.0, elapsed / COUNT_UP_SECONDS)
        eased = 1 - (1 - t) ** 3
        font = self.theme.font("small")
        old = surface.get_clip()
        surface.set_clip(clip)
        for counter in self.counters:
            rect = to_screen(counter.rect)
            if not rect.colliderect(clip):
                continue
            surface.fill(counter.fill, rect)
            text = format_count(round(counter.value * eased), self.ctx.lang)
            surface.blit(render_line(font, text, counter.color), rect.topleft)
        surface.set_clip(old)
        return True


