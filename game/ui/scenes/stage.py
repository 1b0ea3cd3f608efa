"""The stage: where a scene is shown — backdrop, the scene type's content, the spoken line and a title chip."""

from __future__ import annotations

import pygame

from ...scenario.model import Line
from .. import images
from ..textlayout import TextBlock
from ..theme import mix
from ..widgets import Item, ScrollView, panel
from .chat import ChatContent
from .context import Content, SceneContext
from .document import DocumentContent
from .feed import FeedContent
from .linebox import LineBox
from .news import NewsContent

CONTENT_TYPES: dict[str, type[Content]] = {
    "feed": FeedContent,
    "chat": ChatContent,
    "news": NewsContent,
    "document": DocumentContent,
}


def make_content(ctx: SceneContext) -> Content | None:
    """The content builder for the scene's type (None for dialogue, which is all background and lines)."""
    kind = CONTENT_TYPES.get(ctx.scene.type)
    return kind(ctx) if kind else None


class Stage:
    """Lays out one scene in a rectangle and draws it."""

    def __init__(self, ctx: SceneContext, rect: pygame.Rect, backdrop: pygame.Rect, content: Content | None,
                 line: Line | None, cache: dict[int, tuple[list[Item], int]], view: ScrollView) -> None:
        """Lay out the scene in `rect` over a `backdrop`; `cache` keeps content per width, `view` its scroll."""
        self.ctx = ctx
        self.rect = pygame.Rect(rect)
        self.backdrop = pygame.Rect(backdrop)
        self.content = content
        theme = ctx.theme
        margin = theme.sp("m")
        title = ctx.t(ctx.scene.title) if ctx.scene.title else ""
        self.chip: TextBlock | None = None
        top = self.rect.y + margin
        if title:
            font = theme.font("small", "bold")
            self.chip = TextBlock.make(title, font, theme.palette.text, self.rect.width - 2 * margin - 2 * theme.tsp("m"))
            self.chip_rect = pygame.Rect(self.rect.x + margin, top, self.chip.width + 2 * theme.tsp("m"),
                                         self.chip.height + 2 * theme.tsp("xs"))
            top = self.chip_rect.bottom + theme.sp("s")
        self.linebox: LineBox | None = None
        if line is not None:
            area = pygame.Rect(self.rect.x, top, self.rect.width, self.rect.bottom - top)
            self.linebox = LineBox(ctx, line, area, big_portrait=content is None,
                                   max_share=0.7 if content is None else 0.45)
        bottom = (self.linebox.box.top - theme.sp("s")) if self.linebox else self.rect.bottom - margin
        self.view = view
        self._base: pygame.Surface | None = None
        self.device: pygame.Rect | None = None
        self.header: Item | None = None
        if content is not None:
            width = content.column_width(self.rect.width)
            x = self.rect.x + (self.rect.width - width) // 2
            header = content.header(width)
            y = top
            self.device = pygame.Rect(x, y, width, max(1, bottom - y))
            if header is not None:
                header.rect.topleft = (x, y)
                header.rect.height = min(header.rect.height, self.device.height)
                self.header = header
                y += header.rect.height
            if width not in cache:
                flow = content.build(width)
                cache[width] = (flow.items, flow.height)
            items, height = cache[width]
            view.set_content(pygame.Rect(x, y, width, max(1, bottom - y)), items, height)

    def draw(self, surface: pygame.Surface, text_done: bool, more: bool) -> None:
        """Everything that does not animate: the cached base, the scrolled content, the line's text once typed."""
        theme = self.ctx.theme
        if self._base is None or self._base.get_size() != surface.get_size():
            self._base = pygame.Surface(surface.get_size())
            if pygame.display.get_surface() is not None:
                self._base = self._base.convert()
            self._draw_base(self._base)
        surface.blit(self._base, self.backdrop, self.backdrop)
        old = surface.get_clip()
        surface.set_clip(self.rect.clip(old))
        if self.device is not None:
            self.view.draw(surface, theme)
        if self.linebox is not None and text_done:
            self.linebox.draw_text(surface, None, more)
        surface.set_clip(old)

    def _draw_base(self, surface: pygame.Surface) -> None:
        """What stays put while the scene is shown: backdrop, device frame and header, title chip, line box."""
        ctx, theme, pal = self.ctx, self.ctx.theme, self.ctx.theme.palette
        draw_backdrop(surface, ctx, self.backdrop)
        surface.set_clip(self.rect)
        if self.device is not None and self.content is not None:
            panel(surface, theme, self.device, fill=self.content.surface_color(), radius=theme.radius(12))
            if self.header is not None:
                surface.blit(self.header.surface(), self.header.rect)
        if self.chip is not None:
            panel(surface, theme, self.chip_rect, fill=pal.surface, radius=theme.radius(8), shadow=False)
            self.chip.draw(surface, self.chip_rect.x + theme.tsp("m"), self.chip_rect.y + theme.tsp("xs"),
                           self.chip_rect)
        if self.linebox is not None:
            self.linebox.draw_static(surface)
        surface.set_clip(None)

    def draw_dynamic(self, surface: pygame.Surface, chars: int | None, more: bool, elapsed: float) -> bool:
        """The typewriter and count-ups; True while something moves."""
        moving = False
        if self.linebox is not None and chars is not None:
            self.linebox.draw_text(surface, chars, more)
            moving = True
        if self.content is not None and self.device is not None:
            moving = self.content.draw_dynamic(surface, self.view.to_screen, self.view.viewport, elapsed) or moving
        return moving


def draw_backdrop(surface: pygame.Surface, ctx: SceneContext, rect: pygame.Rect) -> None:
    """The scene's background picture (cover), or a calm flat colour."""
    pal = ctx.theme.palette
    background = ctx.scene.background.path if ctx.scene.background else None
    if background is not None and not pal.high_contrast:
        surface.blit(images.get(background, rect.size, "cover", "background"), rect)
    else:
        surface.blit(images.solid(rect.size, mix(pal.bg, pal.surface_alt, 0.6) if not pal.high_contrast else pal.bg),
                     rect)
