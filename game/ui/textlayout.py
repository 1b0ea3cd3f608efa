"""Text: wrapping by words (long Dutch words broken safely), measuring and drawing blocks of lines."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import pygame

from .probe import record_text

Color = tuple[int, int, int]
_BREAK_AFTER = "-/._@"
_RENDER_CACHE: OrderedDict[tuple[int, str, Color], pygame.Surface] = OrderedDict()
_RENDER_CACHE_SIZE = 2000


def render_line(font: pygame.font.Font, text: str, color: Color) -> pygame.Surface:
    """One line of text as an antialiased surface (cached)."""
    key = (id(font), text, color)
    surface = _RENDER_CACHE.get(key)
    if surface is None:
        surface = font.render(text, True, color)
        _RENDER_CACHE[key] = surface
        if len(_RENDER_CACHE) > _RENDER_CACHE_SIZE:
            _RENDER_CACHE.popitem(last=False)
    else:
        _RENDER_CACHE.move_to_end(key)
    return surface


def _split_long(word: str, font: pygame.font.Font, width: int) -> list[str]:
    """Break a word wider than `width` into pieces that fit, after a hyphen or slash when possible."""
    pieces: list[str] = []
    rest = word
    while rest and font.size(rest)[0] > width:
        cut = 1
        for end in range(1, len(rest)):
            if font.size(rest[:end] + "-")[0] > width:
                break
            cut = end
        natural = max((i + 1 for i, ch in enumerate(rest[:cut + 1]) if ch in _BREAK_AFTER and i + 1 <= cut),
                      default=0)
        if natural >= max(2, cut // 2):
            pieces.append(rest[:natural])
            rest = rest[natural:]
        else:
            pieces.append(rest[:cut] + ("-" if rest[cut - 1:cut].isalnum() and cut < len(rest) else ""))
            rest = rest[cut:]
    if rest:
        pieces.append(rest)
    return pieces


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """The lines of `text` wrapped to `width` pixels: by words, keeping newlines, breaking over-long words."""
    width = max(1, width)
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if font.size(candidate)[0] <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
                current = ""
            if font.size(word)[0] <= width:
                current = word
            else:
                parts = _split_long(word, font, width)
                lines.extend(parts[:-1])
                current = parts[-1]
        lines.append(current)
    while len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


@dataclass
class TextBlock:
    """Wrapped lines of one text in one font, ready to measure and draw."""

    text: str
    font: pygame.font.Font
    color: Color
    lines: list[str]
    line_height: int
    max_width: int
    align: str = "left"

    @classmethod
    def make(cls, text: str, font: pygame.font.Font, color: Color, max_width: int,
             align: str = "left", line_height: int | None = None) -> TextBlock:
        """Wrap `text` to `max_width` pixels."""
        lh = line_height or max(font.get_linesize(), round(font.get_height() * 1.18))
        return cls(text, font, color, wrap(text, font, max_width), lh, max(1, max_width), align)

    @property
    def height(self) -> int:
        """The block's height in pixels."""
        if not self.lines:
            return 0
        return self.line_height * (len(self.lines) - 1) + self.font.get_height()

    @property
    def width(self) -> int:
        """The width of the widest line."""
        return max((self.font.size(line)[0] for line in self.lines), default=0)

    def draw(self, surface: pygame.Surface, x: int, y: int, box: pygame.Rect | None = None,
             chars: int | None = None, color: Color | None = None) -> pygame.Rect:
        """Draw at (x, y) (the box's left/top for alignment); only the first `chars` characters when given."""
        colour = color or self.color
        used = pygame.Rect(x, y, 0, self.height)
        remaining = chars
        for index, line in enumerate(self.lines):
            if remaining is not None:
                if remaining <= 0:
                    break
                shown = line[:remaining]
                remaining -= len(line) + 1
            else:
                shown = line
            line_w = self.font.size(line)[0]
            if self.align == "center":
                lx = x + (self.max_width - line_w) // 2
            elif self.align == "right":
                lx = x + self.max_width - line_w
            else:
                lx = x
            if shown:
                surface.blit(render_line(self.font, shown, colour), (lx, y + index * self.line_height))
            line_rect = pygame.Rect(lx, y + index * self.line_height, line_w, self.font.get_height())
            used = used.union(line_rect) if used.width else line_rect
        full = pygame.Rect(used.x, y, used.width, self.height)
        record_text(self.text, full, box if box is not None else full, surface)
        return full


def fit_lines(text: str, font: pygame.font.Font, width: int) -> int:
    """How many lines `text` takes at `width`."""
    return len(wrap(text, font, width))
