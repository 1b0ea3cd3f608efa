"""The heads-up display: a menu button, the scenario title, progress and the visible meters."""

from __future__ import annotations

import pygame

from ..i18n import tr
from ..scenario.model import Meter, Scenario
from .meters import draw_bar, format_value, fraction, level_color
from .textlayout import TextBlock
from .theme import Theme, mix
from .widgets import Button, button_height, draw_button, natural_width


class Hud:
    """Lays out and draws the bar at the top of the play screen."""

    def __init__(self, theme: Theme, scenario: Scenario, title: str, lang: str, width: int) -> None:
        """Lay out for a window `width` wide; meters wrap to a second row when they do not fit."""
        self.theme = theme
        self.lang = lang
        self.meters: list[Meter] = [m for m in scenario.meters.values() if not m.hidden]
        pal = theme.palette
        pad = theme.tsp("s")
        margin = theme.sp("m")
        small = theme.font("small", "semibold")
        self.small = small
        self.value_font = theme.font("small", "bold")
        self.menu = Button("menu", tr("menu", lang), "secondary")
        menu_w = natural_width(theme, self.menu)
        menu_h = button_height(theme, self.menu, menu_w)
        self.menu.rect = pygame.Rect(margin, pad + theme.focus_width(), menu_w, menu_h)
        self.bar_h = max(theme.px(8), round(small.get_height() * 0.32))
        self.cells: list[tuple[Meter, pygame.Rect, TextBlock]] = []
        cell_min = max(theme.px(150), small.size("0000")[0] * 3)
        cell_ws = []
        for meter in self.meters:
            label = TextBlock.make(meter.label.get(lang), small, pal.on_hud, 10_000)
            cell_ws.append(max(cell_min, label.width + theme.tsp("s") + self.value_font.size("100")[0]))
        gap = theme.tsp("l")
        meters_w = sum(cell_ws) + gap * max(0, len(cell_ws) - 1)
        title_x = self.menu.rect.right + theme.tsp("l")
        right = width - margin
        title_font = theme.font("body", "bold")
        min_title = title_font.size("Wwwwwwwwwwww")[0]
        inline = self.meters and title_x + min_title + gap + meters_w <= right
        title_w = (right - meters_w - gap - title_x) if inline else right - title_x
        self.title_w = max(10, title_w)
        self.title = TextBlock.make(title, title_font, pal.on_hud, self.title_w)
        top = pad + theme.focus_width()
        self.title_pos = (title_x, top + max(0, (menu_h - self.title.height) // 2))
        self.progress_h = max(theme.px(5), round(small.get_height() * 0.22))
        left_bottom = max(self.menu.rect.bottom, self.title_pos[1] + self.title.height)
        cell_h = small.get_height() + theme.tsp("xs") + self.bar_h
        if inline:
            x = right - meters_w
            y = top + max(0, (menu_h - cell_h) // 2)
            for meter, w in zip(self.meters, cell_ws):
                label = TextBlock.make(meter.label.get(lang), small, pal.on_hud, w)
                self.cells.append((meter, pygame.Rect(x, y, w, cell_h), label))
                x += w + gap
            bottom = max(left_bottom, y + cell_h)
        else:
            x, y = margin, left_bottom + theme.tsp("s")
            avail = width - 2 * margin
            for meter, w in zip(self.meters, cell_ws):
                w = min(w, avail)
                if x > margin and x + w > margin + avail:
                    x = margin
                    y += cell_h + theme.tsp("s")
                label_w = w - theme.tsp("s") - self.value_font.size("100")[0]
                label = TextBlock.make(meter.label.get(lang), small, pal.on_hud, max(10, label_w))
                self.cells.append((meter, pygame.Rect(x, y, w, cell_h), label))
                x += w + gap
            bottom = y + (cell_h if self.meters else 0)
            if self.cells:
                # a wrapped label makes its cell taller
                bottom = max(r.y + lb.height + theme.tsp("xs") + self.bar_h for _, r, lb in self.cells)
                fixed = []
                for meter, rect, lb in self.cells:
                    rect.height = lb.height + theme.tsp("xs") + self.bar_h
                    fixed.append((meter, rect, lb))
                self.cells = fixed
        self.height = bottom + pad + theme.focus_width() + self.progress_h
        self.rect = pygame.Rect(0, 0, width, self.height)
        self._surface: pygame.Surface | None = None
        self._key: object = None

    def render(self, values: dict[str, float], progress: float, hover: bool, focus: bool) -> pygame.Surface:
        """The HUD as a surface (cached while nothing in it changes)."""
        key = (tuple(sorted(values.items())), round(progress, 3), hover, focus)
        if self._surface is not None and key == self._key:
            return self._surface
        theme, pal = self.theme, self.theme.palette
        surface = self._surface or pygame.Surface(self.rect.size)
        surface.fill(pal.hud)
        draw_button(surface, theme, self.menu, self.menu.rect, hover, focus)
        x, y = self.title_pos
        self.title.draw(surface, x, y, pygame.Rect(x, y, self.title_w, self.title.height))
        # progress: a thin bar along the bottom edge of the HUD
        track = pygame.Rect(0, self.height - self.progress_h, self.rect.width, self.progress_h)
        surface.fill(mix(pal.hud, pal.on_hud, 0.25), track)
        surface.fill(pal.focus if pal.high_contrast else pal.on_hud,
                     (0, track.y, round(track.width * max(0.0, min(1.0, progress))), track.height))
        for meter, rect, label in self.cells:
            value = values.get(meter.id, meter.start)
            label.draw(surface, rect.x, rect.y, rect)
            text = format_value(round(value, 1) if isinstance(value, float) else value)
            vw = self.value_font.size(text)[0]
            value_box = pygame.Rect(rect.right - vw, rect.y, vw, self.value_font.get_height())
            TextBlock.make(text, self.value_font, pal.on_hud, vw + 1).draw(surface, value_box.x, value_box.y, value_box)
            bar = pygame.Rect(rect.x, rect.bottom - self.bar_h, rect.width, self.bar_h)
            draw_bar(surface, theme, bar, fraction(meter, value), level_color(pal, meter, value))
        self._surface, self._key = surface, key
        return surface

