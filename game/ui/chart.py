"""A line chart of every visible meter over the decisions, for the debrief."""

from __future__ import annotations

import pygame

from ..scenario.model import Meter
from .meters import format_value, fraction
from .textlayout import TextBlock
from .theme import Color, Theme, mix

SERIES: tuple[Color, ...] = ((21, 66, 115), (196, 110, 0), (120, 60, 160), (0, 128, 112), (196, 38, 30), (90, 90, 90))
SERIES_HC: tuple[Color, ...] = ((255, 230, 0), (0, 229, 255), (255, 120, 255), (120, 255, 120), (255, 160, 80), (255, 255, 255))


def series_color(theme: Theme, index: int) -> Color:
    """The colour of the `index`th line."""
    colors = SERIES_HC if theme.palette.high_contrast else SERIES
    return colors[index % len(colors)]


def chart_height(theme: Theme, width: int, meters: list[Meter], labels: dict[str, str]) -> int:
    """The height the chart needs: plot, axis labels and legend."""
    legend = _legend(theme, width, meters, labels, {})[1]
    return legend + plot_height(theme) + theme.font("caption").get_height() + theme.tsp("l")


def plot_height(theme: Theme) -> int:
    """The plot area's height."""
    return max(theme.px(200), round(theme.font("body").get_height() * 7))


def _legend(theme: Theme, width: int, meters: list[Meter], labels: dict[str, str],
            ends: dict[str, tuple[float, float]]) -> tuple[list[tuple[pygame.Rect, TextBlock, Color]], int]:
    """Legend entries placed in rows; and the total height."""
    font = theme.font("small", "semibold")
    swatch = font.get_height()
    gap = theme.tsp("l")
    entries = []
    x = y = 0
    row_h = 0
    for index, meter in enumerate(meters):
        text = labels.get(meter.id, meter.id)
        if meter.id in ends:
            a, b = ends[meter.id]
            text += f": {format_value(a)} – {format_value(b)}"
        block = TextBlock.make(text, font, theme.palette.text, max(10, width - swatch - theme.tsp("s")))
        w = swatch + theme.tsp("s") + block.width
        if x and x + w > width:
            x = 0
            y += row_h + theme.tsp("s")
            row_h = 0
        entries.append((pygame.Rect(x, y, min(w, width), block.height), block, series_color(theme, index)))
        x += w + gap
        row_h = max(row_h, block.height)
    return entries, (y + row_h + theme.tsp("m") if meters else 0)


def draw_chart(surface: pygame.Surface, theme: Theme, meters: list[Meter], labels: dict[str, str],
               points: list[dict[str, float]], axis_labels: list[str]) -> None:
    """Draw the legend and the plot of `points` (one dict of meter values per step) into `surface`."""
    pal = theme.palette
    width = surface.get_width()
    ends = {m.id: (points[0].get(m.id, m.start), points[-1].get(m.id, m.start)) for m in meters} if points else {}
    entries, legend_h = _legend(theme, width, meters, labels, ends)
    font = theme.font("small", "semibold")
    swatch = font.get_height()
    for rect, block, color in entries:
        sw = pygame.Rect(rect.x, rect.y + (block.line_height - swatch) // 2 + theme.px(2), swatch, swatch - theme.px(4))
        pygame.draw.rect(surface, color, sw, border_radius=theme.px(3))
        bx = rect.x + swatch + theme.tsp("s")
        block.draw(surface, bx, rect.y, pygame.Rect(bx, rect.y, width - bx, block.height))
    caption = theme.font("caption")
    plot = pygame.Rect(theme.px(8), legend_h, width - theme.px(16), plot_height(theme))
    pygame.draw.rect(surface, pal.surface, plot)
    for level in (0.0, 0.5, 1.0):
        y = plot.bottom - round(plot.height * level)
        pygame.draw.line(surface, mix(pal.surface, pal.text, 0.18), (plot.x, y), (plot.right, y), 1)
    steps = max(1, len(points) - 1)
    xs = [plot.x + round(plot.width * i / steps) for i in range(len(points))]
    for index, meter in enumerate(meters):
        color = series_color(theme, index)
        coords = [(x, plot.bottom - round(plot.height * fraction(meter, p.get(meter.id, meter.start))))
                  for x, p in zip(xs, points)]
        if len(coords) > 1:
            pygame.draw.lines(surface, color, False, coords, max(2, theme.px(3)))
        for point in coords:
            pygame.draw.circle(surface, color, point, max(3, theme.px(5)))
    # axis labels: as many as fit without overlapping
    label_w = max((caption.size(t)[0] for t in axis_labels), default=0) + theme.tsp("s")
    every = max(1, -(-label_w * len(axis_labels) // max(1, plot.width)))
    y = plot.bottom + theme.tsp("xs")
    for i, (x, text) in enumerate(zip(xs, axis_labels)):
        if i % every and i != len(axis_labels) - 1:
            continue
        w = caption.size(text)[0]
        lx = max(0, min(width - w, x - w // 2))
        block = TextBlock.make(text, caption, pal.muted, w + 1)
        block.draw(surface, lx, y, pygame.Rect(lx, y, w + 1, caption.get_height()))
