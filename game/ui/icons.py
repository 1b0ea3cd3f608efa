"""Small UI icons: the asset SVG recoloured to the theme when present, else a simple vector drawing."""

from __future__ import annotations

import math

import pygame

from . import images
from .theme import Color

_cache: dict[tuple[str, int, Color], pygame.Surface] = {}


def _vector(name: str, size: int, color: Color) -> pygame.Surface:
    """A plain drawing of icon `name` in `color`."""
    s = pygame.Surface((size, size), pygame.SRCALPHA)
    w = max(2, size // 9)
    c = size / 2
    if name == "like":
        r = size * 0.22
        pygame.draw.circle(s, color, (round(c - r * 0.9), round(size * 0.38)), round(r))
        pygame.draw.circle(s, color, (round(c + r * 0.9), round(size * 0.38)), round(r))
        pygame.draw.polygon(s, color, [(c - r * 1.85, size * 0.44), (c + r * 1.85, size * 0.44), (c, size * 0.88)])
    elif name == "share":
        pygame.draw.lines(s, color, False, [(size * 0.18, size * 0.62), (size * 0.18, size * 0.3), (size * 0.7, size * 0.3)], w)
        pygame.draw.polygon(s, color, [(size * 0.66, size * 0.12), (size * 0.9, size * 0.3), (size * 0.66, size * 0.48)])
        pygame.draw.lines(s, color, False, [(size * 0.82, size * 0.4), (size * 0.82, size * 0.72), (size * 0.3, size * 0.72)], w)
        pygame.draw.polygon(s, color, [(size * 0.34, size * 0.54), (size * 0.1, size * 0.72), (size * 0.34, size * 0.9)])
    elif name == "reply":
        pygame.draw.ellipse(s, color, (size * 0.08, size * 0.14, size * 0.84, size * 0.6), w)
        pygame.draw.polygon(s, color, [(size * 0.26, size * 0.66), (size * 0.44, size * 0.7), (size * 0.2, size * 0.9)])
    elif name == "clock":
        pygame.draw.circle(s, color, (round(c), round(c)), round(size * 0.44), w)
        pygame.draw.line(s, color, (c, c), (c, size * 0.22), w)
        pygame.draw.line(s, color, (c, c), (size * 0.72, c), w)
    elif name == "check":
        tick = [(size * 0.18, size * 0.52), (size * 0.42, size * 0.76), (size * 0.84, size * 0.26)]
        pygame.draw.lines(s, color, False, tick, w + 1)
    elif name == "cross":
        pygame.draw.line(s, color, (size * 0.22, size * 0.22), (size * 0.78, size * 0.78), w + 1)
        pygame.draw.line(s, color, (size * 0.78, size * 0.22), (size * 0.22, size * 0.78), w + 1)
    elif name == "warning":
        pygame.draw.polygon(s, color, [(c, size * 0.08), (size * 0.95, size * 0.9), (size * 0.05, size * 0.9)], w)
        pygame.draw.line(s, color, (c, size * 0.36), (c, size * 0.62), w)
        pygame.draw.circle(s, color, (round(c), round(size * 0.75)), max(1, w // 2 + 1))
    elif name == "info":
        pygame.draw.circle(s, color, (round(c), round(c)), round(size * 0.44), w)
        pygame.draw.line(s, color, (c, size * 0.44), (c, size * 0.74), w)
        pygame.draw.circle(s, color, (round(c), round(size * 0.3)), max(1, w // 2 + 1))
    elif name == "menu":
        for y in (0.25, 0.5, 0.75):
            pygame.draw.line(s, color, (size * 0.12, size * y), (size * 0.88, size * y), w + 1)
    elif name == "back":
        chevron = [(size * 0.62, size * 0.18), (size * 0.3, size * 0.5), (size * 0.62, size * 0.82)]
        pygame.draw.lines(s, color, False, chevron, w + 1)
    elif name == "play":
        pygame.draw.polygon(s, color, [(size * 0.3, size * 0.18), (size * 0.82, size * 0.5), (size * 0.3, size * 0.82)])
    elif name == "verified":
        points = []
        for i in range(16):
            angle = math.pi * 2 * i / 16
            radius = size * (0.5 if i % 2 == 0 else 0.42)
            points.append((c + radius * math.cos(angle), c + radius * math.sin(angle)))
        pygame.draw.polygon(s, color, points)
        pygame.draw.lines(s, (255, 255, 255), False,
                          [(size * 0.3, size * 0.52), (size * 0.45, size * 0.66), (size * 0.72, size * 0.36)], w + 1)
    else:
        pygame.draw.circle(s, color, (round(c), round(c)), round(size * 0.3))
    return s


def icon(name: str, size: int, color: Color) -> pygame.Surface:
    """Icon `name` at `size` pixels in `color` (cached)."""
    size = max(4, int(size))
    key = (name, size, color)
    found = _cache.get(key)
    if found is not None:
        return found
    path = images.asset(f"icons/{name}.svg")
    if name != "verified" and images.exists(path):
        found = images.get(path, (size, size), "contain", "icon").copy()
        found.fill((0, 0, 0, 255), special_flags=pygame.BLEND_RGBA_MULT)
        found.fill((*color, 0), special_flags=pygame.BLEND_RGBA_ADD)
    else:
        found = _vector(name, size, color)
    _cache[key] = found
    return found


def clear() -> None:
    """Forget cached icons."""
    _cache.clear()
