"""The news scene: an online article with the outlet's masthead, headline, lede, image and body."""

from __future__ import annotations

import pygame

from ..flow import Flow
from .. import images
from ..textlayout import TextBlock
from ..theme import Color, readable_on
from .context import Content, stable_index

OUTLET_COLORS: tuple[Color, ...] = ((139, 20, 32), (18, 52, 96), (20, 20, 20), (0, 92, 75), (190, 68, 0))


class NewsContent(Content):
    """A news site: a coloured masthead with the outlet's name, then the article."""

    kind = "news"

    def column_width(self, stage_width: int) -> int:
        """An article column."""
        theme = self.theme
        em = theme.text_px("body")
        return min(stage_width - 2 * theme.sp("l"), max(theme.px(820), 32 * em))

    def surface_color(self) -> Color:
        """White paper."""
        return self.theme.palette.surface

    def outlet_color(self) -> Color:
        """The outlet's brand colour (stable per outlet name)."""
        if self.theme.palette.high_contrast:
            return self.theme.palette.surface
        return OUTLET_COLORS[stable_index(self.ctx.scene.outlet or "", len(OUTLET_COLORS))]

    def build(self, width: int) -> Flow:
        """Masthead, headline, lede, image and body."""
        theme, pal, ctx = self.theme, self.theme.palette, self.ctx
        scene = ctx.scene
        flow = Flow(theme, width, pal.surface)
        brand = self.outlet_color()
        pad = theme.tsp("l")
        mast_font = theme.font("h2", "bold")
        mast = TextBlock.make(scene.outlet or "", mast_font, readable_on(brand), width - 2 * pad)
        mast_h = mast.height + 2 * theme.tsp("m")

        def masthead(surface: pygame.Surface) -> None:
            surface.fill(brand)
            if pal.high_contrast:
                pygame.draw.line(surface, pal.border, (0, mast_h - 1), (width, mast_h - 1), theme.border())
            mast.draw(surface, pad, theme.tsp("m"), pygame.Rect(pad, 0, width - 2 * pad, mast_h))

        flow.add(mast_h, masthead, "masthead", transparent=False)
        inner = Flow(theme, width - 2 * pad, pal.surface)
        inner.gap("l")
        inner.text(ctx.t(scene.headline), "h1", "bold", pal.text, name="headline")
        inner.gap("m")
        inner.text(ctx.t(scene.lede), "large", "semibold", pal.text, name="lede")
        if scene.image is not None:
            inner.gap("l")
            img_w = inner.width
            img_h = round(img_w * 9 / 16)
            path = scene.image.path

            def picture(surface: pygame.Surface) -> None:
                surface.blit(images.get(path, (img_w, img_h), "cover", "image"), (0, 0))

            inner.add(img_h, picture, "image", transparent=False)
        if scene.body:
            inner.gap("l")
            for paragraph in [p for p in ctx.t(scene.body).split("\n") if p.strip()]:
                inner.text(paragraph, "body", "regular", pal.text, name="body")
                inner.gap("m")
        inner.gap("l")
        for item in inner.items:
            item.rect.move_ip(pad, flow.y)
        flow.items.extend(inner.items)
        flow.y += inner.height
        return flow
