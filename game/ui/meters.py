"""Meter bars: how full, which colour (by the meter's good direction), and the +/- of a change."""

from __future__ import annotations

import pygame

from ..scenario.model import Meter
from .theme import Color, Palette, Theme, mix


def fraction(meter: Meter, value: float) -> float:
    """Where `value` lies between the meter's min and max, 0..1."""
    span = meter.max - meter.min
    return 0.0 if span <= 0 else max(0.0, min(1.0, (value - meter.min) / span))


def goodness(meter: Meter, value: float) -> float:
    """0 (bad) .. 1 (good), following the meter's good direction."""
    f = fraction(meter, value)
    return f if meter.good == "high" else 1.0 - f


def level_color(pal: Palette, meter: Meter, value: float) -> Color:
    """Green, amber or red for how good a value is."""
    g = goodness(meter, value)
    if g >= 0.6:
        return pal.good
    if g >= 0.35:
        return pal.mixed
    return pal.bad


def change_color(pal: Palette, meter: Meter, before: float, after: float) -> Color:
    """Green when a change went the good way, red when it went the bad way."""
    better = (after > before) == (meter.good == "high")
    return pal.good if better else pal.bad


def format_delta(before: float, after: float) -> str:
    """A change as '+10' or '−5' (a real minus sign)."""
    delta = after - before
    text = f"{abs(delta):g}"
    return ("+" if delta > 0 else "−") + text


def format_value(value: float) -> str:
    """A meter value without trailing zeros."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def draw_bar(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, fill: float, color: Color,
             ghost: float | None = None, ghost_color: Color | None = None) -> None:
    """A rounded bar `fill` full; `ghost` marks where it was before a change."""
    pal = theme.palette
    radius = rect.height // 2
    pygame.draw.rect(surface, mix(pal.surface_alt, pal.text, 0.1) if not pal.high_contrast else pal.surface,
                     rect, border_radius=radius)
    if ghost is not None and ghost_color is not None:
        lo, hi = sorted((ghost, fill))
        band = pygame.Rect(rect.x + round(rect.width * lo), rect.y, max(2, round(rect.width * (hi - lo))), rect.height)
        pygame.draw.rect(surface, ghost_color, band, border_radius=radius)
    width = round(rect.width * max(0.0, min(1.0, fill)))
    if width > 0:
        pygame.draw.rect(surface, color, (rect.x, rect.y, max(width, rect.height), rect.height), border_radius=radius)
    if pal.high_contrast:
        pygame.draw.rect(surface, pal.border, rect, width=max(1, theme.border() // 2 + 1), border_radius=radius)


def thin_bar_height(theme: Theme, text_height: int) -> int:
    """The height of a compact meter bar under a line of `text_height` (in high contrast enough taller that
    the fill inside its outline stays as thick)."""
    height = max(theme.px(6), round(text_height * 0.2))
    if theme.palette.high_contrast:
        height += 2 * max(1, theme.border() // 2 + 1)
    return height
