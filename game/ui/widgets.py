"""Building blocks: buttons, panels, pre-rendered content items and a scroll view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pygame

from .probe import record_placement, record_view
from .textlayout import TextBlock
from .theme import Color, Theme, mix, readable_on


def panel(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, fill: Color | None = None,
          border: Color | None = None, radius: int | None = None, shadow: bool = True) -> None:
    """A flat rounded panel with a thin border and a soft offset shade."""
    pal = theme.palette
    r = theme.radius() if radius is None else radius
    if shadow and not pal.high_contrast:
        # only the strip that shows below the panel: far cheaper than a full-size shade
        strip = pygame.Rect(rect.x, rect.bottom - 2 * r, rect.width, 2 * r + theme.px(3))
        pygame.draw.rect(surface, mix(pal.bg, pal.shade, 0.12), strip, border_radius=r)
    pygame.draw.rect(surface, fill or pal.surface, rect, border_radius=r)
    pygame.draw.rect(surface, border or pal.border, rect, width=theme.border(), border_radius=r)


@dataclass
class Button:
    """A clickable, focusable target; `rect` is in screen coordinates once laid out."""

    id: str
    label: str
    style: str = "secondary"
    badge: str | None = None
    selected: bool = False
    enabled: bool = True
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    sublabel: str | None = None


def button_padding(theme: Theme) -> tuple[int, int]:
    """Horizontal and vertical padding inside a button."""
    return theme.tsp("l"), theme.tsp("m")


def button_font(theme: Theme, button: Button) -> pygame.font.Font:
    """The label font of a button."""
    return theme.font("body", "semibold" if button.style in ("primary", "choice") else "medium")


def _badge_size(theme: Theme) -> int:
    """Diameter of a choice button's number badge."""
    return round(theme.font("body", "bold").get_height() * 1.35)


def _label_width(theme: Theme, button: Button, width: int) -> int:
    """The room for the label inside a button `width` wide."""
    padx, _ = button_padding(theme)
    inner = width - 2 * padx
    if button.badge:
        inner -= _badge_size(theme) + theme.tsp("m")
    return max(10, inner)


def natural_width(theme: Theme, button: Button) -> int:
    """The width a button needs for its label on one line."""
    padx, _ = button_padding(theme)
    width = button_font(theme, button).size(button.label)[0] + 2 * padx
    if button.badge:
        width += _badge_size(theme) + theme.tsp("m")
    return width + 2


def button_height(theme: Theme, button: Button, width: int) -> int:
    """The height of a button `width` wide, its label wrapped."""
    _, pady = button_padding(theme)
    font = button_font(theme, button)
    block = TextBlock.make(button.label, font, (0, 0, 0), _label_width(theme, button, width),
                           line_height=theme.line_height(font))
    height = block.height
    if button.sublabel:
        small = theme.font("small")
        height += theme.tsp("xs") + TextBlock.make(button.sublabel, small, (0, 0, 0),
                                                    _label_width(theme, button, width)).height
    if button.badge:
        height = max(height, _badge_size(theme))
    return height + 2 * pady


def button_colors(theme: Theme, button: Button, hover: bool) -> tuple[Color, Color, Color]:
    """Fill, text and border colours of a button in its state."""
    pal = theme.palette
    if not button.enabled:
        # flat on the background, grey label and dashed outline (drawn by draw_button), in either palette
        return pal.bg, pal.disabled_text, pal.disabled_border
    if button.style == "primary" or button.selected:
        fill = pal.primary_hover if hover else pal.primary
        return fill, pal.on_primary, fill if not pal.high_contrast else pal.border
    if button.style == "danger":
        fill = mix(pal.bad, (0, 0, 0), 0.15) if hover else pal.bad
        return fill, readable_on(fill), fill
    if pal.high_contrast:
        return (pal.surface_alt if hover else pal.surface), pal.text, pal.border
    if button.style == "choice":
        return (mix(pal.surface, pal.primary, 0.08) if hover else pal.surface), pal.text, \
            (pal.primary if hover else pal.border)
    return (mix(pal.secondary, pal.primary, 0.12) if hover else pal.secondary), pal.on_secondary, \
        (pal.primary if hover else pal.border)


def disabled_border_width(theme: Theme) -> int:
    """The width of a disabled button's dashed outline (thinner than an enabled button's in high contrast)."""
    return max(1, theme.px(2))


def hatch(surface: pygame.Surface, color: Color, rect: pygame.Rect, radius: int, spacing: int, width: int) -> None:
    """Diagonal stripes inside a rounded rectangle (the 'not available' look of a disabled button)."""
    if rect.width <= 0 or rect.height <= 0:
        return
    stripes = pygame.Surface(rect.size, pygame.SRCALPHA)
    h = rect.height
    for x in range(-h, rect.width + h, max(2, spacing)):
        pygame.draw.line(stripes, color, (x, h), (x + h, 0), width)
    shape = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(shape, (255, 255, 255, 255), shape.get_rect(), border_radius=radius)
    stripes.blit(shape, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surface.blit(stripes, rect.topleft)


def dashed_rect(surface: pygame.Surface, color: Color, rect: pygame.Rect, width: int, radius: int) -> None:
    """A rounded outline whose straight sides are dashed (the corners stay whole)."""
    if rect.width <= 0 or rect.height <= 0:
        return
    outline = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(outline, color, outline.get_rect(), width=width, border_radius=radius)
    dash = max(4, width * 4)
    gap = max(3, width * 3)
    clear = (0, 0, 0, 0)
    start, end = radius + gap, rect.width - radius - gap
    for x in range(start + dash, end, dash + gap):
        outline.fill(clear, (x, 0, gap, width))
        outline.fill(clear, (x, rect.height - width, gap, width))
    start, end = radius + gap, rect.height - radius - gap
    for y in range(start + dash, end, dash + gap):
        outline.fill(clear, (0, y, width, gap))
        outline.fill(clear, (rect.width - width, y, width, gap))
    surface.blit(outline, rect.topleft)


def draw_button(surface: pygame.Surface, theme: Theme, button: Button, rect: pygame.Rect,
                hover: bool = False, focus: bool = False) -> None:
    """Draw a button into `rect` (coordinates of `surface`)."""
    pal = theme.palette
    fill, text, border = button_colors(theme, button, hover)
    radius = theme.radius(10)
    if focus:
        ring = rect.inflate(theme.focus_width() * 2 + 2, theme.focus_width() * 2 + 2)
        pygame.draw.rect(surface, pal.focus, ring, width=theme.focus_width(), border_radius=radius + theme.focus_width())
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    padx, pady = button_padding(theme)
    if button.enabled:
        pygame.draw.rect(surface, border, rect, width=max(theme.border(), theme.px(2) if hover else 0),
                         border_radius=radius)
    else:
        hatch(surface, pal.disabled_hatch, rect, radius, theme.px(12), max(1, theme.px(3)))
        dashed_rect(surface, border, rect, disabled_border_width(theme), radius)
    x = rect.x + padx
    if button.badge:
        size = _badge_size(theme)
        badge = pygame.Rect(x, rect.y + pady, size, size)
        badge_fill = pal.on_primary if (button.style == "primary" or button.selected) else pal.primary
        if not button.enabled:
            badge_fill = pal.disabled_border
        pygame.draw.ellipse(surface, badge_fill, badge)
        bfont = theme.font("body", "bold")
        bblock = TextBlock.make(button.badge, bfont, readable_on(badge_fill), size, align="center")
        bblock.draw(surface, badge.x, badge.centery - bblock.height // 2, badge)
        x += size + theme.tsp("m")
    font = button_font(theme, button)
    width = _label_width(theme, button, rect.width)
    block = TextBlock.make(button.label, font, text, width, line_height=theme.line_height(font),
                           align="left" if button.badge or button.style == "choice" else "center")
    sub = TextBlock.make(button.sublabel, theme.font("small"), text, width,
                         align=block.align) if button.sublabel else None
    total = block.height + (theme.tsp("xs") + sub.height if sub else 0)
    y = rect.y + max(pady, (rect.height - total) // 2)
    inner = pygame.Rect(x, rect.y + pady, width, rect.height - 2 * pady)
    block.draw(surface, x, y, inner)
    if sub:
        sub.draw(surface, x, y + block.height + theme.tsp("xs"), inner)


@dataclass
class Item:
    """A piece of scrollable content rendered once to its own surface, placed at `rect` (content coordinates)."""

    rect: pygame.Rect
    render: Callable[[pygame.Surface], None]
    name: str = "item"
    transparent: bool = True
    button: Button | None = None
    paint: Callable[[pygame.Surface, pygame.Rect], None] | None = None
    bg: Color | None = None
    _surface: pygame.Surface | None = None
    _state: tuple[bool, bool] | None = None

    def surface(self, state: tuple[bool, bool] = (False, False)) -> pygame.Surface:
        """The rendered item (re-rendered when its hover/focus state changes)."""
        if self._surface is None or (self.button is not None and state != self._state):
            if self.bg is not None:
                # on a known solid colour the item can be opaque, which blits several times faster
                self._surface = pygame.Surface(self.rect.size)
                if pygame.display.get_surface() is not None:
                    self._surface = self._surface.convert()
                self._surface.fill(self.bg)
            else:
                self._surface = pygame.Surface(self.rect.size, pygame.SRCALPHA if self.transparent else 0)
            self._state = state
            self.render(self._surface)
        return self._surface


class ScrollView:
    """A viewport onto a tall column of items; wheel, Page Up/Down, Home/End and a scrollbar."""

    def __init__(self, name: str = "scroll") -> None:
        """An empty view."""
        self.name = name
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.items: list[Item] = []
        self.content_height = 0
        self.offset = 0

    def set_content(self, viewport: pygame.Rect, items: list[Item], content_height: int,
                    keep_offset: bool = True) -> None:
        """Replace what the view shows."""
        self.viewport = pygame.Rect(viewport)
        self.items = items
        self.content_height = content_height
        self.offset = self.clamp(self.offset if keep_offset else 0)

    @property
    def max_offset(self) -> int:
        """How far the content can scroll."""
        return max(0, self.content_height - self.viewport.height)

    def clamp(self, offset: int) -> int:
        """An offset within range."""
        return max(0, min(self.max_offset, int(offset)))

    def scroll_by(self, dy: int) -> bool:
        """Scroll by `dy` pixels; True when the offset changed."""
        new = self.clamp(self.offset + dy)
        changed = new != self.offset
        self.offset = new
        return changed

    def page(self, direction: int) -> bool:
        """Scroll one page (minus a little overlap) up (-1) or down (+1)."""
        return self.scroll_by(direction * max(1, int(self.viewport.height * 0.85)))

    def ensure_visible(self, rect: pygame.Rect, margin: int = 0) -> bool:
        """Scroll so that `rect` (content coordinates) is in view; True when it scrolled."""
        old = self.offset
        if rect.top - margin < self.offset:
            self.offset = self.clamp(rect.top - margin)
        elif rect.bottom + margin > self.offset + self.viewport.height:
            self.offset = self.clamp(rect.bottom + margin - self.viewport.height)
        return old != self.offset

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        """A content rectangle in screen coordinates."""
        return rect.move(self.viewport.x, self.viewport.y - self.offset)

    def contains(self, pos: tuple[int, int]) -> bool:
        """True when `pos` is over the view."""
        return self.viewport.collidepoint(pos)

    def draw(self, surface: pygame.Surface, theme: Theme, hover: str | None = None,
             focus: str | None = None) -> None:
        """Blit the visible items, clipped to the viewport, and a scrollbar when it scrolls."""
        content = pygame.Rect(0, 0, self.viewport.width, max(self.content_height, 1))
        record_view(self.name, self.viewport, self.content_height, self.max_offset, surface)
        old_clip = surface.get_clip()
        surface.set_clip(self.viewport.clip(old_clip))
        top, bottom = self.offset, self.offset + self.viewport.height
        for item in self.items:
            if item.rect.bottom < top or item.rect.top > bottom:
                continue
            if item.paint is not None:
                item.paint(surface, self.to_screen(item.rect))
                continue
            state = (False, False)
            if item.button is not None:
                state = (item.button.id == hover, item.button.id == focus)
            surface.blit(item.surface(state), self.to_screen(item.rect))
        surface.set_clip(old_clip)
        for item in self.items:
            record_placement(item.name, item.rect, content)
        if self.max_offset > 0:
            self._scrollbar(surface, theme)

    def _scrollbar(self, surface: pygame.Surface, theme: Theme) -> None:
        """A slim bar at the right edge showing where the view is."""
        pal = theme.palette
        track = pygame.Rect(self.viewport.right - theme.px(8), self.viewport.y + theme.px(4),
                            theme.px(6), self.viewport.height - theme.px(8))
        pygame.draw.rect(surface, mix(pal.bg, pal.text, 0.12), track, border_radius=track.width // 2)
        share = self.viewport.height / max(1, self.content_height)
        thumb_h = max(theme.px(30), round(track.height * share))
        thumb_y = track.y + round((track.height - thumb_h) * (self.offset / max(1, self.max_offset)))
        pygame.draw.rect(surface, pal.muted, (track.x, thumb_y, track.width, thumb_h), border_radius=track.width // 2)

    def item_at(self, pos: tuple[int, int]) -> Item | None:
        """The item under a screen position."""
        if not self.contains(pos):
            return None
        for item in self.items:
            if self.to_screen(item.rect).collidepoint(pos):
                return item
        return None

    def buttons(self) -> list[Button]:
        """The buttons in the view, their rects set to screen coordinates (clipped to the viewport)."""
        found: list[Button] = []
        for item in self.items:
            if item.button is not None:
                item.button.rect = self.to_screen(item.rect).clip(self.viewport)
                found.append(item.button)
        return found


def layout_row(theme: Theme, buttons: list[Button], area: pygame.Rect, align: str = "right") -> int:
    """Place buttons in rows inside `area` (wrapping when they do not fit); returns the height used."""
    gap = theme.tsp("m")
    ring = theme.focus_width() + 2
    rows: list[list[tuple[Button, int]]] = [[]]
    used = 0
    for button in buttons:
        w = min(natural_width(theme, button), area.width - 2 * ring)
        if rows[-1] and used + gap + w > area.width - 2 * ring:
            rows.append([])
            used = 0
        rows[-1].append((button, w))
        used += (gap if used else 0) + w
    y = area.y + ring
    for row in rows:
        if not row:
            continue
        total = sum(w for _, w in row) + gap * (len(row) - 1)
        h = max(button_height(theme, b, w) for b, w in row)
        if align == "right":
            x = area.right - ring - total
        elif align == "center":
            x = area.x + (area.width - total) // 2
        else:
            x = area.x + ring
        for button, w in row:
            button.rect = pygame.Rect(x, y, w, h)
            x += w + gap
        y += h + gap
    return y - gap - area.y + ring if any(rows) else 0
