"""The spoken-line box: portrait, a name plate in the speaker's colour and the line, typed out."""

from __future__ import annotations

import pygame

from ...scenario.model import Line
from .. import images
from ..textlayout import TextBlock
from ..theme import mix, readable_on
from ..widgets import panel
from .context import SceneContext


class LineBox:
    """One line of a scene, laid out at the bottom of the stage."""

    def __init__(self, ctx: SceneContext, line: Line, area: pygame.Rect, big_portrait: bool,
                 max_share: float = 0.6, anchor_top: bool = False) -> None:
        """Lay out `line` at the bottom of `area` (or its top); a large standing portrait when `big_portrait` fits."""
        self.ctx = ctx
        self.line = line
        theme, pal = ctx.theme, ctx.theme.palette
        self.character = ctx.character(line.speaker)
        self.name = self.character.name if self.character else (line.speaker or "")
        self.color = ctx.name_color(self.name, self.character)
        margin = 0 if anchor_top else theme.sp("m")
        pad = theme.tsp("l")
        self.pad = pad
        font = theme.font("large" if line.speaker else "large", "regular" if line.speaker else "italic")
        plate_font = theme.font("body", "bold")
        role = ctx.t(self.character.role) if self.character and self.character.role else ""
        box_w = area.width - 2 * margin
        portrait_path = ctx.portrait_path(self.character)
        self.portrait_path = portrait_path
        small = min(round(plate_font.get_height() * 3.2), max(theme.px(48), area.width // 6))
        self.small_portrait = 0
        text_x = pad
        if portrait_path is not None and not big_portrait:
            self.small_portrait = small
            text_x = pad + small + theme.tsp("l")
        text_w = max(20, box_w - text_x - pad)
        self.plate = None
        if line.speaker:
            label = self.name + (f" · {role}" if role else "")
            self.plate = TextBlock.make(label, plate_font, readable_on(self.color), text_w - 2 * theme.tsp("s"))
        self.block = TextBlock.make(ctx.t(line.text), font, pal.text, text_w, line_height=theme.line_height(font))
        plate_h = self.plate.height + 2 * theme.tsp("xs") if self.plate else 0
        text_top = pad + (plate_h + theme.tsp("s") if self.plate else 0)
        natural = text_top + self.block.height + pad
        natural = max(natural, pad + self.small_portrait + pad if self.small_portrait else 0)
        max_h = max(round(area.height * max_share), text_top + font.get_height() * 2 + pad)
        height = min(natural, max_h, area.height - margin)
        if anchor_top:
            height = natural
        self.box = pygame.Rect(area.x + margin, area.top if anchor_top else area.bottom - margin - height, box_w, height)
        self.text_rect = pygame.Rect(self.box.x + text_x, self.box.y + text_top, text_w,
                                     max(1, self.box.bottom - pad // 2 - (self.box.y + text_top)))
        self.plate_rect = pygame.Rect(self.box.x + text_x, self.box.y + pad, 0, plate_h)
        if self.plate:
            self.plate_rect.width = self.plate.width + 2 * theme.tsp("s")
        self.offset = 0
        self.big_rect: pygame.Rect | None = None
        room = self.box.top - area.top - margin
        if big_portrait and portrait_path is not None:
            if room >= theme.px(150):
                size = min(room, round(area.height * 0.62), theme.px(520))
                self.big_rect = pygame.Rect(self.box.x + theme.sp("l"), self.box.top - size, size, size)
            else:
                self.small_portrait = 0

    @property
    def scroll_max(self) -> int:
        """How far the text can scroll when it does not fit."""
        return max(0, self.block.height - self.text_rect.height)

    def scroll_by(self, dy: int) -> bool:
        """Scroll the text; True when it moved."""
        new = max(0, min(self.scroll_max, self.offset + dy))
        changed = new != self.offset
        self.offset = new
        return changed

    def length(self) -> int:
        """The number of characters to type."""
        return sum(len(line) + 1 for line in self.block.lines)

    def draw_static(self, surface: pygame.Surface, shift: tuple[int, int] = (0, 0)) -> None:
        """The box, the portrait and the name plate (moved by `shift`)."""
        theme, pal = self.ctx.theme, self.ctx.theme.palette
        box, plate_rect = self.box.move(shift), self.plate_rect.move(shift)
        if self.big_rect is not None:
            pic = images.get(self.portrait_path, self.big_rect.size, "contain", "portrait")
            surface.blit(pic, pic.get_rect(midbottom=self.big_rect.move(shift).midbottom))
        fill = pal.surface if self.line.speaker else mix(pal.surface, pal.bg, 0.5)
        panel(surface, theme, box, fill=fill, border=self.color if self.line.speaker else pal.border)
        if self.line.speaker and not pal.high_contrast:
            stripe = pygame.Rect(box.x, box.y, theme.px(8), box.height)
            pygame.draw.rect(surface, self.color, stripe, border_top_left_radius=theme.radius(),
                             border_bottom_left_radius=theme.radius())
        if self.small_portrait:
            rect = pygame.Rect(box.x + self.pad, box.y + self.pad, self.small_portrait, self.small_portrait)
            old = surface.get_clip()
            surface.set_clip(box.inflate(-2 * theme.border(), -2 * theme.border()).clip(old))
            surface.blit(images.get(self.portrait_path, rect.size, "cover", "portrait"), rect)
            pygame.draw.rect(surface, self.color, rect, width=theme.border())
            surface.set_clip(old)
        if self.plate:
            pygame.draw.rect(surface, self.color, plate_rect, border_radius=theme.radius(6))
            if pal.high_contrast:
                pygame.draw.rect(surface, pal.border, plate_rect, width=theme.border(), border_radius=theme.radius(6))
            s = theme.tsp("s")
            self.plate.draw(surface, plate_rect.x + s, plate_rect.y + theme.tsp("xs"), plate_rect)

    def draw_text(self, surface: pygame.Surface, chars: int | None, more: bool,
                  shift: tuple[int, int] = (0, 0)) -> None:
        """The line's text, the first `chars` characters while typing; a marker when more lines follow."""
        theme = self.ctx.theme
        text_rect, box_rect = self.text_rect.move(shift), self.box.move(shift)
        old = surface.get_clip()
        surface.set_clip(text_rect.clip(old))
        offset = self.offset
        if chars is not None:
            typed_lines = 0
            count = 0
            for index, line in enumerate(self.block.lines):
                count += len(line) + 1
                typed_lines = index + 1
                if count >= chars:
                    break
            typed_h = typed_lines * self.block.line_height
            offset = max(0, min(self.scroll_max, typed_h - self.text_rect.height))
        box = pygame.Rect(text_rect.x, text_rect.y - offset, text_rect.width, self.block.height)
        self.block.draw(surface, text_rect.x, text_rect.y - offset, box, chars)
        surface.set_clip(old)
        if self.scroll_max > 0:
            track = pygame.Rect(box_rect.right - theme.px(10), text_rect.y, theme.px(5), text_rect.height)
            pygame.draw.rect(surface, theme.palette.border, track, border_radius=3)
            share = text_rect.height / max(1, self.block.height)
            thumb_y = track.y + round((track.height - track.height * share) * offset / max(1, self.scroll_max))
            thumb = pygame.Rect(track.x, thumb_y, track.width, max(theme.px(20), round(track.height * share)))
            pygame.draw.rect(surface, theme.palette.muted, thumb, border_radius=3)
        if more and chars is None:
            size = theme.px(12)
            x, y = box_rect.right - theme.tsp("l") - size, box_rect.bottom - theme.tsp("m") - size
            pygame.draw.polygon(surface, theme.palette.primary, [(x, y), (x + size, y), (x + size // 2, y + size * 3 // 4)])

