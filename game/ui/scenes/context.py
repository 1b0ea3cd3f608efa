"""What every scene renderer needs: the theme, the engine's texts, characters and picture choices."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pygame

from ...engine.engine import Engine
from ...scenario.model import Character, Scene, Text
from .. import images
from ..flow import Flow
from ..theme import Color, Theme, hex_color
from ..widgets import Item

NAME_COLORS: tuple[Color, ...] = ((31, 122, 92), (43, 76, 126), (181, 101, 29), (107, 78, 155), (162, 59, 59),
                                  (29, 53, 87), (138, 109, 59), (47, 111, 159))
CITIZEN_AVATARS = 6


def stable_index(value: str, count: int) -> int:
    """A number 0..count-1 that depends only on `value`."""
    return zlib.crc32(value.encode("utf-8")) % max(1, count)


@dataclass
class SceneContext:
    """One scene being shown: how to read its texts and find its people and pictures."""

    theme: Theme
    engine: Engine
    scene: Scene
    lang: str
    reduced_motion: bool = False
    facilitator: bool = False

    def t(self, text: Text | None) -> str:
        """A scenario text in the current language with placeholders filled."""
        return self.engine.text(text, self.lang)

    def character(self, character_id: str | None) -> Character | None:
        """A character by id."""
        if character_id is None:
            return None
        return self.engine.scenario.characters.get(character_id)

    def name_color(self, name: str, character: Character | None = None) -> Color:
        """A character's colour, or a stable one for a plain name (plain text colour in high contrast)."""
        if self.theme.palette.high_contrast:
            return self.theme.palette.text
        fallback = NAME_COLORS[stable_index(name, len(NAME_COLORS))]
        return hex_color(character.color, fallback) if character else fallback

    def portrait_path(self, character: Character | None) -> Path | None:
        """A character's portrait file, if any."""
        return character.portrait.path if character and character.portrait else None

    def avatar_path(self, author: str, handle: str = "") -> Path:
        """The avatar of a feed author: a cast portrait, or one from assets/avatars/ chosen by name."""
        for character in self.engine.scenario.characters.values():
            if character.name == author and character.portrait:
                return character.portrait.path
        low = f"{author} {handle}".lower()
        if "gemeente" in low or "municipality" in low:
            return images.asset("avatars/municipality.svg")
        if any(word in low for word in ("nieuws", "news", "bode", "omroep", "krant", "dagblad", "radio", "tv")):
            return images.asset("avatars/news.svg")
        if any(word in low for word in ("anoniem", "anonymous", "wakker", "waarheid", "truth")):
            return images.asset("avatars/anonymous.svg")
        return images.asset(f"avatars/citizen-{stable_index(author, CITIZEN_AVATARS) + 1}.svg")


def round_image(surface: pygame.Surface) -> pygame.Surface:
    """A copy of a square picture cut to a circle."""
    size = surface.get_size()
    result = surface.copy().convert_alpha() if pygame.display.get_surface() else surface.copy()
    mask = pygame.Surface(size, pygame.SRCALPHA)
    pygame.draw.ellipse(mask, (255, 255, 255, 255), mask.get_rect())
    result.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return result


class Content:
    """The scrollable content of a scene type; subclasses build it."""

    kind = "content"

    def __init__(self, ctx: SceneContext) -> None:
        """Content for the scene in `ctx`."""
        self.ctx = ctx

    @property
    def theme(self) -> Theme:
        """The theme."""
        return self.ctx.theme

    def column_width(self, stage_width: int) -> int:
        """How wide the content column is on a stage this wide."""
        theme = self.theme
        em = theme.text_px("body")
        return min(stage_width - 2 * theme.sp("l"), max(theme.px(720), 30 * em))

    def surface_color(self) -> Color:
        """The colour of the device or page the content sits on."""
        return self.theme.palette.surface

    def header(self, width: int) -> Item | None:
        """A fixed header above the scrolling content (the chat app's bar)."""
        return None

    def build(self, width: int) -> Flow:
        """The content items in a column `width` wide."""
        return Flow(self.theme, width)

    def draw_dynamic(self, surface: pygame.Surface, to_screen: Callable[[pygame.Rect], pygame.Rect],
                     clip: pygame.Rect, elapsed: float) -> bool:
        """Draw animated parts (e.g. counts); True while still animating."""
        return False
