"""The heads-up display: a menu button, the scenario title, progress and the visible meters."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..i18n import tr
from ..scenario.model import Meter, Scenario
from .meters import draw_bar, format_value, fraction, level_color, thin_bar_height
from .textlayout import TextBlock
from .theme import TYPE_SCALE, Theme, mix
from .widgets import Button, button_height, draw_button, natural_width

# Above this share of the window's height the HUD packs itself tighter (see Hud.compact_plan) ...
HUD_BUDGET = 0.2
# ... and shortens the scenario title only when keeping it whole would take more than this share.
HUD_LIMIT = 0.22
# In the compact HUD a meter's bar may grow to this many times the width its label and value need.
STRETCH_MAX = 1.4
ELLIPSIS = "…"


def ellipsize(text: str, font: pygame.font.Font, width: int) -> str:
    """`text` on one line within `width` pixels: whole when it fits, else shortened at the end with '…'."""
    if font.size(text)[0] <= width:
        return text
    cut = len(text)
    while cut > 1 and font.size(text[:cut].rstrip(" :,-–") + ELLIPSIS)[0] > width:
        cut -= 1
    return text[:cut].rstrip(" :,-–") + ELLIPSIS


@dataclass
class CompactPlan:
    """One candidate arrangement of the compact HUD: the meters in a grid of `columns` (`gap` apart, at least
    `label_gap` between a label and its value), at the right of or below the menu button, and the title beside
    or below the menu button (shortened when `short`)."""

    height: int
    score: int
    columns: int
    grid_right: bool
    title_below: bool
    title_font: pygame.font.Font
    title: str
    short: bool
    left_w: int
    col_ws: list[int]
    gap: int
    label_gap: int


class Hud:
    """Lays out and draws the bar at the top of the play screen."""

    def __init__(self, theme: Theme, scenario: Scenario, title: str, lang: str, width: int) -> None:
        """Lay out for a window `width` wide; meters wrap to a second row when they do not fit, and when the HUD
        would take more than HUD_BUDGET of the window's height it packs the meters into a grid beside the menu."""
        self.theme = theme
        self.lang = lang
        self.meters: list[Meter] = [m for m in scenario.meters.values() if not m.hidden]
        self.small = theme.font("small", "semibold")
        self.value_font = theme.font("small", "bold")
        # room for any value a meter can show (values are clamped to min..max)
        samples = ["100"] + [format_value(v) for m in self.meters for v in (m.min, m.max)]
        self.value_w = max(self.value_font.size(s)[0] for s in samples)
        self.menu = Button("menu", tr("menu", lang), "secondary")
        self.menu_theme = theme
        self.compact = False
        self.dividers: list[pygame.Rect] = []  # thin lines between the title and the compact grid, and its columns
        self.progress_h = max(theme.px(5), round(self.small.get_height() * 0.22))
        self.regular_layout(title, width)
        if self.meters and self.height > HUD_BUDGET * theme.size[1]:
            plan = self.compact_plan(title, width)
            if plan is not None and plan.height < self.height:
                self.apply_compact(plan, width)
        self.rect = pygame.Rect(0, 0, width, self.height)
        self._surface: pygame.Surface | None = None
        self._key: object = None

    def regular_layout(self, title: str, width: int) -> None:
        """Menu, title and meters in one row when they fit; else the meters in rows under the title."""
        theme = self.theme
        pal = theme.palette
        pad = theme.tsp("s")
        margin = theme.sp("m")
        small = self.small
        menu_w = natural_width(theme, self.menu)
        menu_h = button_height(theme, self.menu, menu_w)
        self.menu.rect = pygame.Rect(margin, pad + theme.focus_width(), menu_w, menu_h)
        self.bar_h = max(theme.px(8), round(small.get_height() * 0.32))
        self.cells: list[tuple[Meter, pygame.Rect, TextBlock]] = []
        cell_min = max(theme.px(150), small.size("0000")[0] * 3)
        cell_ws = []
        for meter in self.meters:
            label = TextBlock.make(meter.label.get(self.lang), small, pal.on_hud, 10_000)
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
        left_bottom = max(self.menu.rect.bottom, self.title_pos[1] + self.title.height)
        cell_h = small.get_height() + theme.tsp("xs") + self.bar_h
        if inline:
            x = right - meters_w
            y = top + max(0, (menu_h - cell_h) // 2)
            for meter, w in zip(self.meters, cell_ws):
                label = TextBlock.make(meter.label.get(self.lang), small, pal.on_hud, w)
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
                label = TextBlock.make(meter.label.get(self.lang), small, pal.on_hud, max(10, label_w))
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

    # ---- compact -------------------------------------------------------------------------
    def compact_metrics(self) -> tuple[Theme, int, int, int, int]:
        """The compact HUD's menu-button theme (its label at the HUD's small size), the button's size, the
        padding above and below the content, and the height of one row of meters."""
        theme = self.theme
        menu_theme = Theme(theme.size, theme.text_scale * TYPE_SCALE["small"], theme.palette.high_contrast)
        menu_w = natural_width(menu_theme, self.menu)
        menu_h = button_height(menu_theme, self.menu, menu_w)
        pad = theme.tsp("xs") + theme.focus_width()  # the focus ring around the menu button stays inside
        row_h = self.small.get_height() + theme.tsp("xxs") + thin_bar_height(theme, self.small.get_height())
        return menu_theme, menu_w, menu_h, pad, row_h

    def under_menu(self) -> int:
        """The gap between the menu button and a title under it (clear of the button's focus ring)."""
        return max(self.theme.tsp("xxs"), self.theme.focus_width() + 1)

    def compact_plan(self, title: str, width: int) -> CompactPlan | None:
        """The lowest compact arrangement that keeps every label whole and every value visible, or None when no
        grid of meters fits the width. The title is shortened only when a whole one would push the HUD over
        HUD_LIMIT; a title in the smaller font or narrower gaps count as a pixel or two."""
        theme = self.theme
        margin = theme.sp("m")
        avail = width - 2 * margin
        title_gap = theme.tsp("m")
        _, menu_w, menu_h, pad, row_h = self.compact_metrics()
        row_gap = theme.tsp("s")
        label_ws = [self.small.size(m.label.get(self.lang))[0] for m in self.meters]
        big, small = theme.font("body", "bold"), theme.font("small", "bold")
        fonts = [(big, big.size(title)[0]), (small, small.size(title)[0])]
        shortest = small.size(ellipsize(title, small, small.size(title[:8] + ELLIPSIS)[0]))[0]
        below_h = menu_h + self.under_menu() + small.get_height()
        line = small.get_height()
        limit = round(HUD_LIMIT * theme.size[1])
        best: CompactPlan | None = None
        best_key: tuple[int, bool, int] | None = None
        n = len(self.meters)
        spacings = ((theme.tsp("l"), theme.tsp("s"), 0), (theme.tsp("m"), theme.tsp("s"), 1),
                    (theme.tsp("m"), theme.tsp("xs"), 2))
        for gap, label_gap, narrow in spacings:
            naturals = [w + label_gap + self.value_w for w in label_ws]
            for columns in range(n, 0, -1):
                rows = -(-n // columns)
                col_ws = [max(naturals[i] for i in range(c, n, columns)) for c in range(columns)]
                grid_w = sum(col_ws) + gap * (columns - 1)
                if grid_w > avail:
                    continue
                grid_h = rows * row_h + (rows - 1) * row_gap
                # (content height, penalty, grid at the right, title below the button, title font, shortened,
                #  width of the menu-and-title block)
                options: list[tuple[int, int, bool, bool, pygame.font.Font, bool, int]] = []
                left = avail - grid_w - gap
                for font, tw in fonts:
                    if menu_w + title_gap + tw <= left:
                        options.append((max(grid_h, menu_h, font.get_height()), 0 if font is big else 1, True, False,
                                        font, False, menu_w + title_gap + tw))
                if max(menu_w, fonts[1][1]) <= left:
                    options.append((max(grid_h, below_h), 1, True, True, small, False, max(menu_w, fonts[1][1])))
                if menu_w + title_gap + shortest <= left:
                    options.append((max(grid_h, menu_h), line, True, False, small, True, left))
                if max(menu_w, shortest) <= left:
                    options.append((max(grid_h, below_h), line, True, True, small, True, left))
                # the grid under a row with the menu button and the title, across the whole width
                top_h = menu_h + row_gap + grid_h
                for font, tw in fonts:
                    if menu_w + title_gap + tw <= avail:
                        options.append((top_h, 0 if font is big else 1, False, False, font, False, avail))
                if menu_w + title_gap + shortest <= avail:
                    options.append((top_h, line, False, False, small, True, avail))
                for height, penalty, grid_right, title_below, font, short, left_w in options:
                    total = height + 2 * pad + self.progress_h
                    score = total + penalty + narrow
                    # within the limit a whole title goes first; beyond it the lowest HUD
                    key = (max(total, limit), short, score)
                    if best_key is None or key < best_key:
                        best_key = key
                        best = CompactPlan(total, score, columns, grid_right, title_below, font, title, short,
                                           left_w, col_ws, gap, label_gap)
        return best

    def apply_compact(self, plan: CompactPlan, width: int) -> None:
        """Place the menu button, the title and the meter grid as `plan` says."""
        theme = self.theme
        pal = theme.palette
        margin = theme.sp("m")
        avail = width - 2 * margin
        gap = plan.gap
        title_gap = theme.tsp("m")
        self.menu_theme, menu_w, menu_h, pad, row_h = self.compact_metrics()
        self.compact = True
        self.bar_h = thin_bar_height(theme, self.small.get_height())
        row_gap = theme.tsp("s")
        n = len(self.meters)
        rows = -(-n // plan.columns)
        grid_h = rows * row_h + (rows - 1) * row_gap
        content_h = plan.height - 2 * pad - self.progress_h
        top = pad
        # the title: beside the menu button (centred on it) or under it
        font = plan.title_font
        if plan.title_below:
            left_h = menu_h + self.under_menu() + font.get_height()
            y0 = top + (content_h - left_h) // 2 if plan.grid_right else top
            # as wide as the title under it: one tidy column, and a bigger target
            self.menu.rect = pygame.Rect(margin, y0, plan.left_w if not plan.short else menu_w, menu_h)
            title_x, title_y = margin, self.menu.rect.bottom + self.under_menu()
            self.title_w = plan.left_w
        else:
            row_top = top + (content_h - max(menu_h, font.get_height())) // 2 if plan.grid_right else top
            self.menu.rect = pygame.Rect(margin, row_top + max(0, (font.get_height() - menu_h) // 2), menu_w, menu_h)
            title_x = self.menu.rect.right + title_gap
            self.title_w = max(10, margin + plan.left_w - title_x)
            title_y = self.menu.rect.centery - font.get_height() // 2
        text = ellipsize(plan.title, font, self.title_w) if plan.short else plan.title
        self.title = TextBlock.make(text, font, pal.on_hud, self.title_w)
        self.title_pos = (title_x, title_y)
        # the meters: a grid at the right (stretched a little into the free room) or across the whole width
        if plan.grid_right:
            room = avail - plan.left_w - gap - (sum(plan.col_ws) + gap * (plan.columns - 1))
            grid_top = top + (content_h - grid_h) // 2
        else:
            room = avail - (sum(plan.col_ws) + gap * (plan.columns - 1))
            grid_top = top + menu_h + row_gap
        col_ws = list(plan.col_ws)
        for c, w in enumerate(col_ws):
            col_ws[c] = w + min(round(w * (STRETCH_MAX - 1)), max(0, room) // plan.columns)
        grid_w = sum(col_ws) + gap * (plan.columns - 1)
        x0 = width - margin - grid_w if plan.grid_right else margin
        line_w = max(1, theme.px(2))
        starts = [x0 + sum(col_ws[:c]) + gap * c for c in range(plan.columns)]
        self.dividers = [pygame.Rect(x - (gap + line_w) // 2, grid_top, line_w, grid_h)
                         for x in (starts if plan.grid_right else starts[1:])]
        self.cells = []
        for i, meter in enumerate(self.meters):
            row, col = divmod(i, plan.columns)
            x = x0 + sum(col_ws[:col]) + gap * col
            rect = pygame.Rect(x, grid_top + row * (row_h + row_gap), col_ws[col], row_h)
            label_w = rect.width - plan.label_gap - self.value_w
            self.cells.append((meter, rect, TextBlock.make(meter.label.get(self.lang), self.small, pal.on_hud,
                                                           max(10, label_w))))
        self.height = plan.height

    # ---- drawing --------------------------------------------------------------------------
    def render(self, values: dict[str, float], progress: float, hover: bool, focus: bool) -> pygame.Surface:
        """The HUD as a surface (cached while nothing in it changes)."""
        key = (tuple(sorted(values.items())), round(progress, 3), hover, focus)
        if self._surface is not None and key == self._key:
            return self._surface
        theme, pal = self.theme, self.theme.palette
        surface = self._surface or pygame.Surface(self.rect.size)
        surface.fill(pal.hud)
        draw_button(surface, self.menu_theme, self.menu, self.menu.rect, hover, focus)
        x, y = self.title_pos
        self.title.draw(surface, x, y, pygame.Rect(x, y, self.title_w, self.title.height))
        # progress: a thin bar along the bottom edge of the HUD
        track = pygame.Rect(0, self.height - self.progress_h, self.rect.width, self.progress_h)
        surface.fill(mix(pal.hud, pal.on_hud, 0.25), track)
        surface.fill(pal.focus if pal.high_contrast else pal.on_hud,
                     (0, track.y, round(track.width * max(0.0, min(1.0, progress))), track.height))
        for line in self.dividers:
            surface.fill(pal.border if pal.high_contrast else mix(pal.hud, pal.on_hud, 0.35), line)
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
