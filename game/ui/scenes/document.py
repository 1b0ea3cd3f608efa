"""The document scene: a letter or memo on paper, with letterhead, logo, heading, body and signature."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pygame

from ...i18n import tr
from ...scenario.assets import ASSET_SUFFIXES, GAME_ASSETS_DIR
from .. import images
from ..flow import Flow
from ..textlayout import TextBlock
from ..theme import Color
from .context import Content

INK_BLUE: Color = (24, 44, 110)
MUNICIPAL_GREEN: Color = (31, 106, 72)


def letterhead_logo(letterhead: str, scenario_dir: Path) -> tuple[Path | None, str]:
    """The logo file and the organisation name to print for a letterhead (a name or a logo path)."""
    text = letterhead.strip()
    if PurePosixPath(text).suffix.lower() in ASSET_SUFFIXES and " " not in text:
        pure = PurePosixPath(text)
        if ".." in pure.parts or pure.is_absolute():
            return None, ""
        for root in (scenario_dir, GAME_ASSETS_DIR):
            candidate = root / pure
            if candidate.is_file():
                name = "Gemeente Lindeweerd" if "lindeweerd" in pure.name.lower() else ""
                return candidate, name
        return None, ""
    low = text.lower()
    if "lindeweerd" in low and ("gemeente" in low or "municipality" in low):
        return images.asset("logos/lindeweerd.svg"), text
    return None, text


class DocumentContent(Content):
    """A sheet of paper: letterhead, a rule, the heading, the body and a signature."""

    kind = "document"

    def column_width(self, stage_width: int) -> int:
        """A page, a little narrower than wide text would like."""
        theme = self.theme
        em = theme.text_px("body")
        return min(stage_width - 2 * theme.sp("l"), max(theme.px(760), 30 * em))

    def surface_color(self) -> Color:
        """Paper."""
        return self.theme.palette.paper

    def build(self, width: int) -> Flow:
        """The letter, top to bottom."""
        theme, pal, ctx = self.theme, self.theme.palette, self.ctx
        scene = ctx.scene
        flow = Flow(theme, width, pal.paper)
        margin = max(theme.tsp("xl"), round(width * 0.07))
        inner = Flow(theme, width - 2 * margin, pal.paper)
        inner.gap("xl")
        brand = pal.text if pal.high_contrast else MUNICIPAL_GREEN
        logo_asset = getattr(scene, "letterhead_logo", None)
        if scene.letterhead or logo_asset is not None:
            if logo_asset is not None:
                logo_path = logo_asset.path
                org = "Gemeente Lindeweerd" if "lindeweerd" in logo_asset.path.name.lower() else ""
            else:
                logo_path, org = letterhead_logo(scene.letterhead or "", ctx.engine.scenario.path.parent)
            font = theme.font("h3", "bold")
            logo = round(font.get_height() * 2.2)
            text_x = logo + theme.tsp("m")
            block = TextBlock.make(org, font, brand, inner.width - text_x) if org else None
            head_h = max(logo, block.height if block else 0)

            def letterhead(surface: pygame.Surface) -> None:
                surface.blit(images.get(logo_path, (logo, logo), "contain", "emblem"), (0, (head_h - logo) // 2))
                if block:
                    block.draw(surface, text_x, (head_h - block.height) // 2,
                               pygame.Rect(text_x, 0, inner.width - text_x, head_h))

            inner.add(head_h, letterhead, "letterhead")
            inner.gap("m")
            rule = max(2, theme.px(3))
            inner.add(rule, lambda s: s.fill(brand), "rule")
            inner.gap("xl")
        inner.text(ctx.t(scene.heading), "h3", "bold", pal.ink, name="heading")
        inner.gap("l")
        for paragraph in ctx.t(scene.body).split("\n"):
            if paragraph.strip():
                inner.text(paragraph, "body", "regular", pal.ink, name="body")
            inner.gap("s")
        if scene.signature:
            inner.gap("l")
            inner.text(tr("regards", ctx.lang), "body", "regular", pal.ink, name="regards")
            inner.gap("m")
            name = scene.signature.split(",")[0].split("·")[0].strip()
            ink = pal.text if pal.high_contrast else INK_BLUE
            inner.text(name, "h2", "italic", ink, name="signature")
            inner.add(max(2, theme.px(2)), lambda s: s.fill(ink), "signature-line",
                      width=min(inner.width, theme.font("h2", "italic").size(name)[0]))
            inner.gap("s")
            inner.text(scene.signature, "small", "regular", pal.ink, name="signed-by")
        inner.gap("xl")
        for item in inner.items:
            item.rect.move_ip(margin, 0)
        flow.items.extend(inner.items)
        flow.y = inner.height
        return flow
