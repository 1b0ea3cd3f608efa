"""The shipped font (Atkinson Hyperlegible Next), loaded once per weight and size."""

from __future__ import annotations

import pygame

from ..scenario.assets import GAME_ASSETS_DIR

FONT_DIR = GAME_ASSETS_DIR / "fonts"
WEIGHT_FILES: dict[str, str] = {
    "regular": "AtkinsonHyperlegibleNext-Regular.ttf",
    "medium": "AtkinsonHyperlegibleNext-Medium.ttf",
    "semibold": "AtkinsonHyperlegibleNext-SemiBold.ttf",
    "bold": "AtkinsonHyperlegibleNext-Bold.ttf",
    "italic": "AtkinsonHyperlegibleNext-Italic.ttf",
}

_cache: dict[tuple[str, int], pygame.font.Font] = {}


def get(weight: str, px: int) -> pygame.font.Font:
    """The font of `weight` at `px` pixels; pygame's own font if the file is missing or broken."""
    key = (weight, px)
    font = _cache.get(key)
    if font is None:
        if not pygame.font.get_init():
            pygame.font.init()
        path = FONT_DIR / WEIGHT_FILES.get(weight, WEIGHT_FILES["regular"])
        try:
            font = pygame.font.Font(str(path), px)
        except (OSError, pygame.error):
            font = pygame.font.Font(None, round(px * 1.3))
            if weight in ("semibold", "bold"):
                font.set_bold(True)
        _cache[key] = font
    return font


def clear() -> None:
    """Forget every loaded font (after pygame.font.quit)."""
    _cache.clear()
