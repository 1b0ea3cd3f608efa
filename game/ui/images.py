"""Pictures: SVGs rasterised at the size drawn (root width/height rewritten, viewBox kept), PNG/JPEG
scaled, all cached; a missing or broken file becomes a neutral shape, never an error."""

from __future__ import annotations

import io
import re
from collections import OrderedDict
from pathlib import Path

import pygame

from ..scenario.assets import GAME_ASSETS_DIR

Color = tuple[int, int, int]
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.DOTALL)
_ATTR = {name: re.compile(rb"\s" + name.encode() + rb"\s*=\s*(\"[^\"]*\"|'[^']*')") for name in ("width", "height", "viewBox")}
_NUMBER = re.compile(rb"[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?")
_CACHE_SIZE = 160

_cache: OrderedDict[tuple[str, int, int, str], pygame.Surface] = OrderedDict()
_aspects: dict[str, float | None] = {}
_sources: dict[str, bytes | None] = {}


def asset(ref: str) -> Path:
    """A file in the game's assets folder."""
    return GAME_ASSETS_DIR / ref


def _read(path: Path) -> bytes | None:
    """The bytes of a file, remembered; None when it cannot be read."""
    key = str(path)
    if key not in _sources:
        try:
            _sources[key] = path.read_bytes()
        except OSError:
            _sources[key] = None
    return _sources[key]


def _numbers(value: bytes) -> list[float]:
    """The numbers in an attribute value."""
    return [float(n) for n in _NUMBER.findall(value)]


def svg_aspect(data: bytes) -> float | None:
    """Width / height of an SVG from its viewBox (or width and height); None when unknown."""
    root = _SVG_ROOT.search(data)
    if not root:
        return None
    tag = root.group(0)
    view = _ATTR["viewBox"].search(tag)
    if view:
        nums = _numbers(view.group(1))
        if len(nums) == 4 and nums[2] > 0 and nums[3] > 0:
            return nums[2] / nums[3]
    w, h = _ATTR["width"].search(tag), _ATTR["height"].search(tag)
    if w and h:
        wn, hn = _numbers(w.group(1)), _numbers(h.group(1))
        if wn and hn and wn[0] > 0 and hn[0] > 0:
            return wn[0] / hn[0]
    return None


def svg_at_size(data: bytes, width: int, height: int) -> bytes:
    """The SVG with its root width and height set to the size drawn; a viewBox is added when missing."""
    root = _SVG_ROOT.search(data)
    if not root:
        return data
    tag = root.group(0)
    if not _ATTR["viewBox"].search(tag):
        w, h = _ATTR["width"].search(tag), _ATTR["height"].search(tag)
        wn = _numbers(w.group(1)) if w else []
        hn = _numbers(h.group(1)) if h else []
        if wn and hn:
            tag = tag[:-1].rstrip(b"/") + f' viewBox="0 0 {wn[0]:g} {hn[0]:g}"'.encode() + tag[-1:]
            if root.group(0).endswith(b"/>"):
                tag = tag[:-1] + b"/>"
    for name, value in (("width", width), ("height", height)):
        new = f' {name}="{value}"'.encode()
        if _ATTR[name].search(tag):
            tag = _ATTR[name].sub(new, tag, count=1)
        else:
            tag = tag[:4] + new + tag[4:]
    return data[:root.start()] + tag + data[root.end():]


def _load(path: Path, width: int, height: int, mode: str) -> pygame.Surface | None:
    """Rasterise or scale a file to the box; None when it is missing or unreadable."""
    data = _read(path)
    if data is None:
        return None
    try:
        if path.suffix.lower() == ".svg":
            aspect = svg_aspect(data) or width / max(1, height)
            if mode == "cover":
                tw, th = (width, round(width / aspect)) if width / height > aspect else (round(height * aspect), height)
            elif mode == "stretch":
                tw, th = width, height
            else:
                tw, th = (width, round(width / aspect)) if width / height < aspect else (round(height * aspect), height)
            tw, th = max(1, tw), max(1, th)
            image = pygame.image.load(io.BytesIO(svg_at_size(data, tw, th)), "image.svg")
        else:
            image = pygame.image.load(io.BytesIO(data), path.name)
            iw, ih = image.get_size()
            aspect = iw / max(1, ih)
            if mode == "cover":
                tw, th = (width, round(width / aspect)) if width / height > aspect else (round(height * aspect), height)
            elif mode == "stretch":
                tw, th = width, height
            else:
                tw, th = (width, round(width / aspect)) if width / height < aspect else (round(height * aspect), height)
            image = pygame.transform.smoothscale(image.convert_alpha(), (max(1, tw), max(1, th)))
    except (pygame.error, ValueError, OSError, MemoryError):
        return None
    image = image.convert_alpha() if pygame.display.get_surface() is not None else image
    if mode == "cover" and image.get_size() != (width, height):
        crop = pygame.Rect(0, 0, width, height)
        crop.center = image.get_rect().center
        crop = crop.clip(image.get_rect())
        image = image.subsurface(crop).copy()
    return image


def placeholder(width: int, height: int, kind: str, color: Color = (200, 207, 216)) -> pygame.Surface:
    """A calm neutral shape in place of a missing picture: a person, or a landscape sign."""
    surface = pygame.Surface((max(1, width), max(1, height)), pygame.SRCALPHA)
    light = tuple(min(255, c + 28) for c in color)
    dark = tuple(max(0, c - 40) for c in color)
    if kind in ("portrait", "avatar"):
        size = min(width, height)
        cx, cy = width // 2, height // 2
        if kind == "avatar":
            pygame.draw.circle(surface, light, (cx, cy), size // 2)
        else:
            pygame.draw.rect(surface, light, surface.get_rect(), border_radius=max(1, size // 12))
        pygame.draw.circle(surface, dark, (cx, cy - size // 8), size // 5)
        body = pygame.Rect(0, 0, size * 3 // 5, size // 2)
        body.midtop = (cx, cy + size // 8)
        pygame.draw.ellipse(surface, dark, body)
        if kind == "avatar":
            mask = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
            pygame.draw.circle(mask, (255, 255, 255, 255), (cx, cy), size // 2)
            surface.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    else:
        surface.fill(light)
        if kind == "image":
            s = min(width, height)
            base = height * 3 // 4
            pygame.draw.polygon(surface, dark, [(width // 6, base), (width // 2.6, base - s // 3), (width * 0.6, base)])
            pygame.draw.polygon(surface, color, [(width * 0.45, base), (width * 0.65, base - s // 4), (width * 5 // 6, base)])
            pygame.draw.circle(surface, dark, (width * 2 // 3, height // 3), max(2, s // 12))
    return surface


def get(path: Path | None, size: tuple[int, int], mode: str = "contain", kind: str = "image") -> pygame.Surface:
    """The picture at `path` drawn to `size` ('contain', 'cover' or 'stretch'), or a neutral shape of `kind`."""
    width, height = max(1, int(size[0])), max(1, int(size[1]))
    key = (str(path), width, height, mode + kind)
    surface = _cache.get(key)
    if surface is None:
        surface = _load(path, width, height, mode) if path is not None else None
        if surface is None:
            surface = placeholder(width, height, kind)
        if kind == "background" and pygame.display.get_surface() is not None:
            surface = surface.convert()  # full-screen pictures are opaque: blitting them is 4x cheaper
        _cache[key] = surface
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return surface


def solid(size: tuple[int, int], color: Color) -> pygame.Surface:
    """An opaque surface of one colour (cached; blitting it is cheaper than filling)."""
    key = (f"solid{color}", int(size[0]), int(size[1]), "solid")
    surface = _cache.get(key)
    if surface is None:
        surface = pygame.Surface((max(1, int(size[0])), max(1, int(size[1]))))
        if pygame.display.get_surface() is not None:
            surface = surface.convert()
        surface.fill(color)
        _cache[key] = surface
    return surface


def exists(path: Path | None) -> bool:
    """True when the picture file can be read."""
    return path is not None and _read(path) is not None


def clear() -> None:
    """Forget every cached picture (after the display mode changed)."""
    _cache.clear()
