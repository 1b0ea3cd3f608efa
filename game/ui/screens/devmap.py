"""Developer mode: the map of the scenes (M). Scenes in layers from the start (game.tools.scenemap's
layout_map), top to bottom; the ways between them as arrows; endings coloured by their rating, quiz and
timed scenes marked, the current scene highlighted. Drag or scroll to move it, + and − to zoom, click a
scene (or pick one with the arrow keys and press Enter) to jump there with the meters and flags kept.

Where the lines go: a way to the next layer is a curve through the gap between the two rows; a way within
a row arcs through the gap below it and comes up into its target; a way back (a loop) leaves the row below the scene, runs up a lane
right of every scene and comes in above its target; a scene that leads to itself has a small loop at its
right. No line crosses a scene's box.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pygame

from ...scenario.model import Scenario, Scene
from ...tools.scenemap import MapLayout, layout_map
from ..icons import icon
from ..textlayout import TextBlock
from ..theme import Color, Theme, mix
from ..widgets import Button, layout_row, natural_width
from .base import Screen

ZOOMS = (1.0, 0.8, 0.64, 0.5)
DRAG_SLOP = 6                  # reference pixels the mouse may move before a press becomes a drag
CURVE_STEPS = 18


# ---- geometry (content coordinates, no drawing) ------------------------------------------------

@dataclass
class PlannedEdge:
    """One drawn way between two scenes: its points (a polyline ending at the arrow's tip)."""

    source: str
    target: str
    kind: str                  # "forward", "same", "back" or "self"
    conditional: bool
    points: list[tuple[float, float]]
    labels: list[str] = field(default_factory=list)


@dataclass
class MapPlan:
    """Where every scene's box and every line goes, in a content area `size` big."""

    rects: dict[str, pygame.Rect]
    edges: list[PlannedEdge]
    size: tuple[int, int]
    layer_of: dict[str, int]
    rows: list[list[str]]
    subs: dict[str, str]
    tag_height: int

    def scene_at(self, point: tuple[float, float]) -> str | None:
        """The scene whose box holds `point` (content coordinates)."""
        for sid, rect in self.rects.items():
            if rect.collidepoint(point):
                return sid
        return None


def _bezier(p0: tuple[float, float], p1: tuple[float, float], p2: tuple[float, float],
            p3: tuple[float, float], steps: int = CURVE_STEPS) -> list[tuple[float, float]]:
    """Points along a cubic Bézier curve."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        u = 1 - t
        points.append((u ** 3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t ** 3 * p3[0],
                       u ** 3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t ** 3 * p3[1]))
    return points


def plan_rows_index(rows: list[list[str]], sid: str) -> int:
    """A scene's position in its row."""
    for row in rows:
        if sid in row:
            return row.index(sid)
    return 0


def plan_map(layout: MapLayout, theme: Theme, subs: dict[str, str]) -> MapPlan:
    """Lay the map out for `theme`: box sizes from the labels (scene id, `subs` line), rows by layer, each
    scene under the scenes leading to it where there is room, lanes for the ways back at the right."""
    id_font, sub_font = theme.font("body", "bold"), theme.font("small")
    pad_x, pad_y = theme.tsp("m"), theme.tsp("s")
    icon_w = sub_font.get_height() + theme.tsp("xxs")
    widths: dict[str, int] = {}
    for node in layout.nodes:
        sid = node.scene_id
        sub_w = sub_font.size(subs.get(sid, ""))[0] + (icon_w if layout.info[sid].timer else 0)
        widths[sid] = max(theme.px(120), id_font.size(sid)[0], sub_w) + 2 * pad_x
    node_h = id_font.get_height() + theme.tsp("xxs") + sub_font.get_height() + 2 * pad_y
    hgap = max(theme.px(44), theme.tsp("xl"))
    vgap = max(theme.px(56), round(node_h * 0.95))
    tag_h = theme.px(10)          # room above the first row for the current scene's ring
    margin = theme.sp("xl")
    top = margin + tag_h
    rows: list[list[str]] = [[] for _ in range(layout.layers)]
    for node in sorted(layout.nodes, key=lambda n: (n.layer, n.position)):
        rows[node.layer].append(node.scene_id)
    layer_of = {n.scene_id: n.layer for n in layout.nodes}
    preds: dict[str, list[str]] = {sid: [] for sid in layer_of}
    for edge in layout.edges:
        if layer_of[edge.source] == layer_of[edge.target] - 1 and edge.source not in preds[edge.target]:
            preds[edge.target].append(edge.source)
    centre: dict[str, float] = {}
    for row in rows:
        wanted = []
        for sid in row:
            before = [centre[p] for p in preds[sid] if p in centre]
            wanted.append(sum(before) / len(before) if before else 0.0)
        placed: list[float] = []
        for index, sid in enumerate(row):
            x = wanted[index]
            if placed:
                x = max(x, placed[-1] + (widths[row[index - 1]] + widths[sid]) / 2 + hgap)
            placed.append(x)
        shift = (sum(wanted) - sum(placed)) / len(row) if row else 0.0
        for sid, x in zip(row, placed):
            centre[sid] = x + shift
    left = min((centre[s] - widths[s] / 2 for s in centre), default=0.0)
    rects: dict[str, pygame.Rect] = {}
    for number, row in enumerate(rows):
        y = top + number * (node_h + vgap)
        for sid in row:
            x = round(centre[sid] - widths[sid] / 2 - left + margin)
            rects[sid] = pygame.Rect(x, y, widths[sid], node_h)
    right = max((r.right for r in rects.values()), default=margin)
    bottom = max((r.bottom for r in rects.values()), default=top)

    # the ways, one line per pair of scenes (several choices to the same scene share it)
    pairs: dict[tuple[str, str], list] = {}
    for edge in layout.edges:
        pairs.setdefault((edge.source, edge.target), []).append(edge)
    kinds: dict[tuple[str, str], str] = {}
    for source, target in pairs:
        ls, lt = layer_of[source], layer_of[target]
        kinds[(source, target)] = ("self" if source == target else "forward" if lt == ls + 1 else
                                   "same" if lt == ls else "back")
    lane_step = max(theme.px(12), 6)
    backs = [pair for pair in pairs if kinds[pair] == "back"]
    lane_x = {pair: right + hgap + i * lane_step for i, pair in enumerate(backs)}
    width = (right + hgap + len(backs) * lane_step + margin) if backs else right + margin
    height = bottom + max(margin, round(vgap * 0.75))
    # anchors: where each line meets a box, spread along its top or bottom edge, ordered by the other end
    far = 10 ** 7
    tops: dict[str, list[tuple[float, tuple[str, str], str]]] = {sid: [] for sid in rects}
    bottoms: dict[str, list[tuple[float, tuple[str, str], str]]] = {sid: [] for sid in rects}
    for pair, kind in kinds.items():
        source, target = pair
        if kind == "forward":
            bottoms[source].append((rects[target].centerx, pair, "out"))
            tops[target].append((rects[source].centerx, pair, "in"))
        elif kind == "same":
            bottoms[source].append((rects[target].centerx, pair, "out"))
            bottoms[target].append((rects[source].centerx, pair, "in"))
        elif kind == "back":
            bottoms[source].append((far + lane_x[pair], pair, "out"))
            tops[target].append((far + lane_x[pair], pair, "in"))
    anchor: dict[tuple[tuple[str, str], str], float] = {}
    for table in (tops, bottoms):
        for sid, entries in table.items():
            entries.sort(key=lambda e: (e[0], e[2]))
            rect = rects[sid]
            inner = rect.width - 2 * pad_x
            for i, (_, pair, end) in enumerate(entries):
                anchor[(pair, end)] = rect.x + pad_x + inner * (i + 1) / (len(entries) + 1)
    edges: list[PlannedEdge] = []
    tip = theme.px(3)          # arrows stop just short of the box they point at
    for index, (pair, found) in enumerate(pairs.items()):
        source, target = pair
        s, t = rects[source], rects[target]
        kind = kinds[pair]
        conditional = all(e.conditional for e in found)
        labels = [e.label or "next" for e in found]
        if kind == "forward":
            sx, tx = anchor[(pair, "out")], anchor[(pair, "in")]
            bend = vgap * 0.5
            points = _bezier((sx, s.bottom), (sx, s.bottom + bend), (tx, t.top - bend), (tx, t.top - tip))
        elif kind == "same":
            sx, tx = anchor[(pair, "out")], anchor[(pair, "in")]
            # under the row, coming up into the target: unlike the arrows from the row above, which come down;
            # a deeper arc for scenes further apart, so arcs under the same row do not lie on each other
            apart = abs(plan_rows_index(rows, source) - plan_rows_index(rows, target))
            drop = vgap * min(0.8, 0.4 + 0.2 * apart)
            points = _bezier((sx, s.bottom), (sx, s.bottom + drop), (tx, t.bottom + drop), (tx, t.bottom + tip))
        elif kind == "back":
            sx, tx = anchor[(pair, "out")], anchor[(pair, "in")]
            step = 0.22 + 0.12 * (backs.index(pair) % 4)
            y1 = s.bottom + vgap * step
            y2 = t.top - vgap * step
            x = lane_x[pair]
            points = [(sx, s.bottom), (sx, y1), (x, y1), (x, y2), (tx, y2), (tx, t.top - tip)]
        else:
            reach = hgap * 0.42
            q = s.height * 0.22
            points = [(s.right, s.centery - q), (s.right + reach, s.centery - q), (s.right + reach, s.centery + q),
                      (s.right + tip, s.centery + q)]
        edges.append(PlannedEdge(source, target, kind, conditional, points, labels))
    return MapPlan(rects, edges, (int(width), int(height)), layer_of, rows, dict(subs), tag_h)


# ---- drawing helpers ---------------------------------------------------------------------------

def _dashed(surface: pygame.Surface, color: Color, points: list[tuple[float, float]], width: int, dash: float,
            gap: float) -> None:
    """A dashed polyline."""
    on, left = True, dash
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while done < length - 1e-6:
            part = min(left, length - done)
            a = done / length
            b = (done + part) / length
            if on:
                pygame.draw.line(surface, color, (x0 + (x1 - x0) * a, y0 + (y1 - y0) * a),
                                 (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b), width)
            done += part
            left -= part
            if left <= 1e-6:
                on = not on
                left = dash if on else gap


def draw_edge(surface: pygame.Surface, theme: Theme, edge: PlannedEdge, color: Color, width: int,
              offset: tuple[float, float] = (0, 0), arrow: int = 0) -> None:
    """A line with an arrowhead at its end (dashed when the way has a condition)."""
    ox, oy = offset
    points = [(x + ox, y + oy) for x, y in edge.points]
    if len(points) < 2:
        return
    size = arrow or max(8, theme.px(11))
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    back = (x1 - math.cos(angle) * size, y1 - math.sin(angle) * size)
    body = points[:-1] + [back]
    if edge.conditional:
        _dashed(surface, color, body, width, theme.px(9), theme.px(6))
    else:
        pygame.draw.lines(surface, color, False, body, width)
    spread = size * 0.55
    left = (back[0] + math.cos(angle + math.pi / 2) * spread, back[1] + math.sin(angle + math.pi / 2) * spread)
    right = (back[0] + math.cos(angle - math.pi / 2) * spread, back[1] + math.sin(angle - math.pi / 2) * spread)
    pygame.draw.polygon(surface, color, [(x1, y1), left, right])


def _dashed_rect(surface: pygame.Surface, color: Color, rect: pygame.Rect, width: int, dash: int) -> None:
    """A rectangle outline in dashes."""
    corners = [rect.topleft, rect.topright, rect.bottomright, rect.bottomleft, rect.topleft]
    _dashed(surface, color, [(float(x), float(y)) for x, y in corners], width, dash, dash * 0.7)


def scene_subtitle(scene: Scene, reachable: bool, start: bool, tr) -> str:  # type: ignore[no-untyped-def]
    """The small second line of a scene's box: start, kind or ending rating, quiz, seconds of its timer."""
    parts: list[str] = []
    if start:
        parts.append(tr("dev_legend_start"))
    if scene.ending is not None:
        parts.append(tr("dev_ending_rating", rating=tr(f"dev_rating_{scene.ending.rating}")))
    else:
        parts.append(tr(f"scene_{scene.type}") if f"scene_{scene.type}" in _SCENE_KEYS else scene.type)
    if scene.quiz:
        parts.append(tr("dev_legend_quiz"))
    if scene.timer is not None:
        parts.append(f"{scene.timer.seconds:g} s")
    if not reachable:
        parts.append(tr("dev_unreachable"))
    return " · ".join(parts)


_SCENE_KEYS = {"scene_dialogue", "scene_feed", "scene_chat", "scene_news", "scene_document"}


def scene_title(scenario: Scenario, scene: Scene, lang: str) -> str:
    """A scene's own title, headline or heading (or its ending's title), if it has one."""
    for text in (scene.title, scene.headline, scene.heading):
        if text is not None:
            return text.get(lang)
    if scene.ending is not None:
        return scene.ending.title.get(lang)
    return ""


class NodeStyle:
    """The colours of one scene's box."""

    def __init__(self, theme: Theme, info, current: bool) -> None:  # type: ignore[no-untyped-def]
        """Fill, border, border width and text colours for a scene with `info` (scenemap.SceneInfo)."""
        pal = theme.palette
        strong = mix(pal.border, pal.text, 0.45) if not pal.high_contrast else pal.border
        self.fill, self.border, self.width = pal.surface, strong, max(theme.border(), theme.px(2))
        self.dashed = not info.reachable
        if info.rating:
            colour = {"good": pal.good, "mixed": pal.mixed, "bad": pal.bad}.get(info.rating, pal.primary)
            self.fill = pal.surface if pal.high_contrast else mix(pal.surface, colour, 0.26)
            self.border, self.width = colour, max(theme.px(3), 3)
        elif info.quiz:
            self.fill = pal.surface if pal.high_contrast else mix(pal.surface, pal.link, 0.16)
            self.border = pal.link
        elif info.start:
            self.fill = pal.surface_alt
            self.border = pal.primary if not pal.high_contrast else pal.border
        if not info.reachable:
            self.fill = pal.bg
            self.border = pal.muted
        self.text = pal.text
        self.sub = pal.text if pal.high_contrast else mix(pal.muted, pal.text, 0.25)
        if current:
            self.width = max(self.width, theme.px(3))


# ---- the screen -------------------------------------------------------------------------------------

class DevMapScreen(Screen):
    """The map over the game; Esc (or M) closes it, a click on a scene jumps there."""

    name = "devmap"
    modal = True
    dev_tool = "map"

    @property
    def theme(self) -> Theme:
        """The game's theme, the text no larger than 150 % (see devmode.tool_theme)."""
        from ..devmode import tool_theme

        return tool_theme(self.app.theme)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """The map of the session's scenario, centred on the current scene."""
        super().__init__(app)
        self.zoom_index = 0
        self.offset = [0, 0]
        self.selected: str | None = None
        self.plan: MapPlan | None = None
        self.layout_data: MapLayout | None = None
        self.content: pygame.Surface | None = None
        self.viewport = pygame.Rect(0, 0, 1, 1)
        self.header: list[Button] = []
        self.node_buttons: dict[str, Button] = {}
        self._drag: tuple[tuple[int, int], tuple[int, int]] | None = None
        self._dragged = False
        self._centre_on: str | None = None
        self._scenario: Scenario | None = None

    # ---- what it shows ------------------------------------------------------------------------
    @property
    def engine(self):  # type: ignore[no-untyped-def]
        """The engine being played."""
        return self.app.session.engine if self.app.session is not None else None

    @property
    def scenario(self) -> Scenario | None:
        """The scenario being played."""
        return self.app.session.scenario if self.app.session is not None else None

    def current(self) -> str | None:
        """The current scene's id."""
        engine = self.engine
        return engine.state.scene if engine is not None else None

    def zoom(self) -> float:
        """The zoom factor."""
        return ZOOMS[self.zoom_index]

    def map_theme(self) -> Theme:
        """The theme the map is drawn in: the window's, made smaller when zoomed out."""
        theme = self.theme
        z = self.zoom()
        if z == 1.0:
            return theme
        return Theme((max(1, round(theme.size[0] * z)), max(1, round(theme.size[1] * z))), theme.text_scale,
                     theme.palette.high_contrast)

    # ---- layout ---------------------------------------------------------------------------------
    def layout(self) -> None:
        """Header (title, buttons, legend), the map's viewport, a status line at the bottom."""
        theme, pal = self.theme, self.pal
        w, h = theme.size
        scenario = self.scenario
        margin = theme.sp("m")
        self.header = [Button("zoom_out", self.tr("dev_zoom_out")), Button("zoom_in", self.tr("dev_zoom_in")),
                       Button("find", self.tr("dev_find_scene")), Button("close", self.tr("dev_close"), "primary")]
        self.header[0].enabled = self.zoom_index < len(ZOOMS) - 1
        self.header[1].enabled = self.zoom_index > 0
        title_font = theme.font("h3", "bold")
        title = self.tr("dev_map_title", title=scenario.title.get(self.lang) if scenario else "")
        ring = theme.focus_width() + 2
        buttons_w = sum(natural_width(theme, b) for b in self.header) + theme.tsp("m") * (len(self.header) - 1) \
            + 2 * ring
        title_w = w - 2 * margin - buttons_w - theme.tsp("l")
        y = margin
        if title_w >= w * 0.28:
            self.title_block = TextBlock.make(title, title_font, pal.text, title_w,
                                              line_height=theme.line_height(title_font))
            row_h = layout_row(theme, self.header, pygame.Rect(margin, y, w - 2 * margin, 0))
            self.title_pos = (margin, y + max(0, (row_h - self.title_block.height) // 2))
            y += max(row_h, self.title_block.height)
        else:
            self.title_block = TextBlock.make(title, title_font, pal.text, w - 2 * margin,
                                              line_height=theme.line_height(title_font))
            self.title_pos = (margin, y)
            y += self.title_block.height + theme.tsp("xs")
            y += layout_row(theme, self.header, pygame.Rect(margin, y, w - 2 * margin, 0), align="left")
        y += theme.tsp("s")
        self.legend, legend_h = self._legend(pygame.Rect(margin, y, w - 2 * margin, 0))
        small = theme.font("small")
        status_lines = 2
        footer_h = status_lines * theme.line_height(small) + 2 * theme.tsp("s")
        if y + legend_h > h * 0.36:
            self.legend, legend_h = [], 0           # large text on a small window: the map needs the room
        else:
            y += legend_h + theme.tsp("s")
        self.header_rect = pygame.Rect(0, 0, w, y)
        self.footer_rect = pygame.Rect(0, h - footer_h, w, footer_h)
        self.viewport = pygame.Rect(0, y, w, max(1, self.footer_rect.y - y))
        self._build_map()

    def _legend(self, area: pygame.Rect) -> tuple[list[tuple[pygame.Rect, str, str]], int]:
        """The legend's chips (rect, kind, label), wrapped into rows in `area`; and their height."""
        theme = self.theme
        font = theme.font("small")
        entries = [("start", self.tr("dev_legend_start"))]
        entries += [(rating, self.tr("dev_ending_rating", rating=self.tr(f"dev_rating_{rating}")))
                    for rating in ("good", "mixed", "bad")]
        entries += [("quiz", self.tr("dev_legend_quiz")), ("timer", self.tr("dev_legend_timer")),
                    ("here", self.tr("dev_here")), ("condition", self.tr("dev_legend_condition")),
                    ("loop", self.tr("dev_legend_loop")), ("unreachable", self.tr("dev_legend_unreachable"))]
        swatch = font.get_height()
        gap = theme.tsp("l")
        x, y = area.x, area.y
        chips = []
        row_h = font.get_height()
        for kind, label in entries:
            width = swatch * (2 if kind in ("condition", "loop") else 1) + theme.tsp("xs") + font.size(label)[0]
            if x > area.x and x + width > area.right:
                x = area.x
                y += row_h + theme.tsp("xs")
            chips.append((pygame.Rect(x, y, width, row_h), kind, label))
            x += width + gap
        return chips, (y + row_h - area.y) if chips else 0

    def _build_map(self) -> None:
        """Plan and draw the whole map onto its own surface (again when the scenario, size or zoom change)."""
        scenario = self.scenario
        if scenario is None:
            self.plan, self.content = None, None
            return
        old_centre = self._view_centre_fraction() if self.plan is not None and self._scenario is scenario else None
        self._scenario = scenario
        self.layout_data = layout_map(scenario)
        theme = self.map_theme()

        def tr(key: str, **values: object) -> str:
            return self.tr(key, **values)

        subs = {sid: scene_subtitle(scene, self.layout_data.info[sid].reachable, self.layout_data.info[sid].start, tr)
                for sid, scene in scenario.scenes.items()}
        here = self.current()
        if here in subs:
            subs[here] = f"{self.tr('dev_here')} · {subs[here]}"   # said in words, not only by the ring
        self.plan = plan_map(self.layout_data, theme, subs)
        self.content = self._render(theme)
        self.node_buttons = {sid: Button(f"scene:{sid}", sid) for sid in self.plan.rects}
        current = self.current()
        if self.selected not in self.plan.rects:
            self.selected = current if current in self.plan.rects else scenario.start
        if old_centre is not None:
            fx, fy = old_centre
            self.offset = [round(fx * self.plan.size[0] - self.viewport.width / 2),
                           round(fy * self.plan.size[1] - self.viewport.height / 2)]
            self._clamp()
        else:
            self.centre_on(self.selected or current or scenario.start)

    def _view_centre_fraction(self) -> tuple[float, float]:
        """Where the middle of the viewport is, as a share of the map's size."""
        assert self.plan is not None
        cx, cy = self._centring()
        x = self.offset[0] + self.viewport.width / 2 - cx
        y = self.offset[1] + self.viewport.height / 2 - cy
        return x / max(1, self.plan.size[0]), y / max(1, self.plan.size[1])

    def _render(self, theme: Theme) -> pygame.Surface:
        """The map (lines, then boxes) on one surface."""
        assert self.plan is not None and self.layout_data is not None
        pal = theme.palette
        plan = self.plan
        surface = pygame.Surface(plan.size)
        if pygame.display.get_surface() is not None:
            surface = surface.convert()
        surface.fill(pal.bg)
        line = max(2, theme.px(2))
        plain = mix(pal.muted, pal.bg, 0.2) if not pal.high_contrast else pal.text
        loop = pal.link
        current = self.current()
        if current in plan.rects:       # the ring round the current scene lies under the arrows into it
            pygame.draw.rect(surface, pal.primary,
                             plan.rects[current].inflate(theme.px(10), theme.px(10)), width=max(3, theme.px(4)),
                             border_radius=theme.radius(8) + theme.px(5))
        for edge in plan.edges:
            draw_edge(surface, theme, edge, loop if edge.kind in ("back", "self") else plain, line)
        for sid, rect in plan.rects.items():
            self._draw_node(surface, theme, sid, rect, sid == current)
        return surface

    def _draw_node(self, surface: pygame.Surface, theme: Theme, sid: str, rect: pygame.Rect, current: bool) -> None:
        """One scene's box: id in bold, the small line below, the current scene ringed and named "you are here"."""
        assert self.layout_data is not None and self.plan is not None
        pal = theme.palette
        info = self.layout_data.info[sid]
        style = NodeStyle(theme, info, current)
        radius = theme.radius(8)
        pygame.draw.rect(surface, style.fill, rect, border_radius=radius)
        if style.dashed:
            _dashed_rect(surface, style.border, rect, style.width, theme.px(8))
        else:
            pygame.draw.rect(surface, style.border, rect, width=style.width, border_radius=radius)
        id_font, sub_font = theme.font("body", "bold"), theme.font("small")
        pad_x, pad_y = theme.tsp("m"), theme.tsp("s")
        inner = rect.inflate(-2 * pad_x, -2 * pad_y)
        TextBlock.make(sid, id_font, style.text, inner.width + 2).draw(surface, inner.x, inner.y, rect)
        y = inner.y + id_font.get_height() + theme.tsp("xxs")
        x = inner.x
        if info.timer:
            size = sub_font.get_height()
            surface.blit(icon("clock", size, pal.mixed if not pal.high_contrast else pal.text), (x, y))
            x += size + theme.tsp("xxs")
        sub = self.plan.subs.get(sid, "")
        colour = pal.primary if current else style.sub
        TextBlock.make(sub, sub_font, colour, rect.right - x).draw(surface, x, y, rect)

    # ---- moving around -------------------------------------------------------------------------------
    def _centring(self) -> tuple[int, int]:
        """How far the map is pushed right/down to sit in the middle of a larger viewport."""
        if self.plan is None:
            return (0, 0)
        w, h = self.plan.size
        return (max(0, (self.viewport.width - w) // 2), max(0, (self.viewport.height - h) // 2))

    def _clamp(self) -> None:
        """Keep the offset inside the map."""
        if self.plan is None:
            self.offset = [0, 0]
            return
        w, h = self.plan.size
        self.offset[0] = max(0, min(self.offset[0], w - self.viewport.width))
        self.offset[1] = max(0, min(self.offset[1], h - self.viewport.height))

    def pan(self, dx: int, dy: int) -> None:
        """Move the view by (dx, dy) pixels."""
        before = tuple(self.offset)
        self.offset[0] += dx
        self.offset[1] += dy
        self._clamp()
        if tuple(self.offset) != before:
            self.touch()

    def centre_on(self, scene_id: str | None) -> None:
        """Put a scene in the middle of the view."""
        if self.plan is None or scene_id not in self.plan.rects:
            return
        rect = self.plan.rects[scene_id]
        self.offset = [rect.centerx - self.viewport.width // 2, rect.centery - self.viewport.height // 2]
        self._clamp()
        self.touch()

    def reveal_scene(self, scene_id: str) -> None:
        """Scroll just enough for a scene's box (and the ring round the current one) to be in view."""
        if self.plan is None or scene_id not in self.plan.rects:
            return
        margin = self.theme.sp("l")
        rect = self.plan.rects[scene_id].inflate(2 * margin, 2 * margin)
        rect.y -= self.plan.tag_height
        rect.height += self.plan.tag_height
        vw, vh = self.viewport.size
        if rect.left < self.offset[0]:
            self.offset[0] = rect.left
        elif rect.right > self.offset[0] + vw:
            self.offset[0] = rect.right - vw
        if rect.top < self.offset[1]:
            self.offset[1] = rect.top
        elif rect.bottom > self.offset[1] + vh:
            self.offset[1] = rect.bottom - vh
        self._clamp()
        self.touch()

    def to_screen(self, rect: pygame.Rect) -> pygame.Rect:
        """A map rectangle in window coordinates."""
        cx, cy = self._centring()
        return rect.move(self.viewport.x + cx - self.offset[0], self.viewport.y + cy - self.offset[1])

    def node_rect(self, scene_id: str) -> pygame.Rect:
        """Where a scene's box is on the window now (it may be outside the viewport)."""
        assert self.plan is not None
        return self.to_screen(self.plan.rects[scene_id])

    def set_zoom(self, index: int) -> None:
        """Zoom in or out, keeping the middle of the view where it was."""
        index = max(0, min(len(ZOOMS) - 1, index))
        if index != self.zoom_index:
            self.zoom_index = index
            self.relayout()

    def move_selection(self, key: int) -> None:
        """Arrow keys: the scene above/below (nearest in the next layer) or beside in the same row."""
        plan = self.plan
        if plan is None:
            return
        current = self.selected if self.selected in plan.rects else self.current()
        if current not in plan.rects:
            return
        layer = plan.layer_of[current]
        row = plan.rows[layer]
        target = current
        if key in (pygame.K_LEFT, pygame.K_RIGHT):
            index = row.index(current) + (1 if key == pygame.K_RIGHT else -1)
            if 0 <= index < len(row):
                target = row[index]
        else:
            step = 1 if key == pygame.K_DOWN else -1
            number = layer + step
            while 0 <= number < len(plan.rows) and not plan.rows[number]:
                number += step
            if 0 <= number < len(plan.rows):
                x = plan.rects[current].centerx
                target = min(plan.rows[number], key=lambda s: abs(plan.rects[s].centerx - x))
        self.selected = target
        self.focus_visible = False
        self.reveal_scene(target)
        self.touch()

    # ---- input ----------------------------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """The header's buttons, then the scenes in view (their boxes clipped to the viewport)."""
        found = list(self.header)
        if self.plan is None:
            return found
        for sid, rect in self.plan.rects.items():
            button = self.node_buttons[sid]
            button.rect = self.to_screen(rect).clip(self.viewport)
            button.enabled = button.rect.width > 0 and button.rect.height > 0
            found.append(button)
        return found

    def default_focus(self) -> str | None:
        """Enter jumps to the selected scene unless a header button has the focus."""
        return None

    def move_focus(self, step: int) -> None:
        """Tab moves between the header's buttons only (the arrows move between scenes)."""
        enabled = [b.id for b in self.header if b.enabled]
        if not enabled:
            return
        if self.focus in enabled and self.focus_visible:
            self.focus = enabled[(enabled.index(self.focus) + step) % len(enabled)]
        else:
            self.focus = enabled[0] if step > 0 else enabled[-1]
        self.focus_visible = True
        self.touch()

    def on_button(self, button_id: str) -> None:
        """A scene jumps; the header's buttons zoom, find or close."""
        if button_id.startswith("scene:"):
            if self.app.dev is not None:
                self.app.dev.jump(button_id.split(":", 1)[1])
        elif button_id == "zoom_in":
            self.set_zoom(self.zoom_index - 1)
        elif button_id == "zoom_out":
            self.set_zoom(self.zoom_index + 1)
        elif button_id == "find":
            if self.app.dev is not None:
                self.app.dev.open_picker()
        elif button_id == "close":
            self.on_escape()

    def on_escape(self) -> None:
        """Esc closes the map."""
        self.app.pop()

    def handle(self, event: pygame.event.Event) -> None:
        """Drag to move the map (a press that moves is not a click), wheel to scroll, the rest as usual."""
        self.ensure_layout()  # input can come before the first frame was drawn
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.viewport.collidepoint(event.pos):
            self._drag = (event.pos, (self.offset[0], self.offset[1]))
            self._dragged = False
        elif event.type == pygame.MOUSEMOTION and self._drag is not None and event.buttons and event.buttons[0]:
            (sx, sy), (ox, oy) = self._drag
            dx, dy = event.pos[0] - sx, event.pos[1] - sy
            if self._dragged or abs(dx) + abs(dy) > self.theme.px(DRAG_SLOP):
                self._dragged = True
                self.offset = [ox - dx, oy - dy]
                self._clamp()
                self.touch()
                return
        elif event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            dragged = self._dragged
            self._drag = None
            self._dragged = False
            if dragged:
                self._pressed = None
                return
        elif event.type == pygame.MOUSEWHEEL:
            step = self.line_step()
            shift = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
            dx, dy = int(getattr(event, "x", 0)) * step, -int(event.y) * step
            if shift:
                dx, dy = -dy, 0
            self.pan(dx, dy)
            return
        super().handle(event)

    def on_key(self, event: pygame.event.Event) -> None:
        """Arrows pick a scene, Enter jumps there; +/− zoom; Page keys scroll; Home finds the current scene."""
        key = event.key
        text = getattr(event, "unicode", "") or ""
        if key in (pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT):
            self.move_selection(key)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            if self.focus_visible and self.focus in [b.id for b in self.header if b.enabled]:
                self.on_button(self.focus)
            elif self.selected is not None:
                self.on_button(f"scene:{self.selected}")
        elif key in (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS) or text == "+":
            self.set_zoom(self.zoom_index - 1)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS) or text == "-":
            self.set_zoom(self.zoom_index + 1)
        elif key == pygame.K_PAGEDOWN:
            self.pan(0, int(self.viewport.height * 0.85))
        elif key == pygame.K_PAGEUP:
            self.pan(0, -int(self.viewport.height * 0.85))
        elif key == pygame.K_HOME:
            self.selected = self.current()
            self.centre_on(self.selected)
        else:
            super().on_key(event)

    # ---- drawing ----------------------------------------------------------------------------------------
    def frame_key(self) -> object:
        """The frame depends on the view's position, the zoom and the selection too."""
        return (super().frame_key(), tuple(self.offset), self.zoom_index, self.selected)

    def status_text(self) -> str:
        """The bottom line: the scene under the mouse (or selected), else how to use the map."""
        scenario = self.scenario
        sid = self.hover[6:] if self.hover and self.hover.startswith("scene:") else self.selected
        if scenario is None or sid not in scenario.scenes:
            return self.tr("dev_map_help")
        title = scene_title(scenario, scenario.scenes[sid], self.lang)
        sub = self.plan.subs.get(sid, "") if self.plan else ""
        label = f"{sid} ({sub})" if sub else sid
        return self.tr("dev_map_status", scene=label, title=title) if title else \
            self.tr("dev_map_status_plain", scene=label)

    def compose(self, frame: pygame.Surface) -> None:
        """The map in its viewport, the highlighted scene's ways, then the header and the status line."""
        theme, pal = self.theme, self.pal
        frame.fill(pal.bg)
        if self.plan is not None and self.content is not None:
            cx, cy = self._centring()
            area = pygame.Rect(self.offset[0], self.offset[1], self.viewport.width, self.viewport.height)
            old_clip = frame.get_clip()
            frame.set_clip(self.viewport)
            frame.blit(self.content, (self.viewport.x + cx, self.viewport.y + cy), area)
            self._draw_focus(frame)
            frame.set_clip(old_clip)
            self._scrollbars(frame)
        # header
        frame.fill(pal.surface, self.header_rect)
        bottom = self.header_rect.bottom - 1
        pygame.draw.line(frame, pal.border, (0, bottom), (self.header_rect.right, bottom), theme.border())
        x, y = self.title_pos
        self.title_block.draw(frame, x, y, pygame.Rect(x, y, self.title_block.max_width, self.title_block.height))
        self.draw_buttons(frame, self.header)
        for rect, kind, label in self.legend:
            self._draw_chip(frame, rect, kind, label)
        # status line
        frame.fill(pal.surface, self.footer_rect)
        pygame.draw.line(frame, pal.border, self.footer_rect.topleft, self.footer_rect.topright, theme.border())
        small = theme.font("small")
        margin = theme.sp("m")
        box = self.footer_rect.inflate(-2 * margin, -2 * theme.tsp("s"))
        block = TextBlock.make(self.status_text(), small, pal.text, box.width, line_height=theme.line_height(small))
        if len(block.lines) > 2:
            block.lines = block.lines[:2]
            block.lines[-1] = block.lines[-1].rstrip() + "…"
        block.draw(frame, box.x, box.y, box.inflate(0, theme.tsp("s")))

    def _draw_focus(self, frame: pygame.Surface) -> None:
        """The scene under the mouse or selected: its ways in the primary colour, its box ringed."""
        assert self.plan is not None
        theme = self.map_theme()
        pal = self.pal
        cx, cy = self._centring()
        offset = (self.viewport.x + cx - self.offset[0], self.viewport.y + cy - self.offset[1])
        hovered = self.hover[6:] if self.hover and self.hover.startswith("scene:") else None
        marked = [s for s in (self.selected, hovered) if s is not None and s in self.plan.rects]
        line = max(3, theme.px(3))
        colour = pal.primary if not pal.high_contrast else pal.focus
        for sid in marked:
            rect = self.plan.rects[sid].move(*offset)
            if sid == self.selected:
                ring = rect.inflate(theme.focus_width() * 2 + theme.px(14), theme.focus_width() * 2 + theme.px(14))
                pygame.draw.rect(frame, pal.focus, ring, width=theme.focus_width(), border_radius=theme.radius(14))
            if sid == hovered:
                pygame.draw.rect(frame, colour, rect, width=max(3, theme.px(3)), border_radius=theme.radius(8))
        for edge in self.plan.edges:    # over the rings, so the arrows into a ringed scene stay visible
            if edge.source in marked or edge.target in marked:
                draw_edge(frame, theme, edge, colour, line, offset, arrow=max(10, theme.px(14)))

    def _scrollbars(self, frame: pygame.Surface) -> None:
        """Thin bars at the right and bottom of the viewport when the map is larger than it."""
        assert self.plan is not None
        theme, pal = self.theme, self.pal
        w, h = self.plan.size
        vw, vh = self.viewport.size
        thick = theme.px(6)
        if h > vh:
            track = pygame.Rect(self.viewport.right - thick - theme.px(3), self.viewport.y + theme.px(4), thick,
                                vh - theme.px(8))
            pygame.draw.rect(frame, mix(pal.bg, pal.text, 0.12), track, border_radius=thick // 2)
            size = max(theme.px(30), round(track.height * vh / h))
            y = track.y + round((track.height - size) * self.offset[1] / max(1, h - vh))
            pygame.draw.rect(frame, pal.muted, (track.x, y, thick, size), border_radius=thick // 2)
        if w > vw:
            track = pygame.Rect(self.viewport.x + theme.px(4), self.viewport.bottom - thick - theme.px(3),
                                vw - theme.px(8) - thick * 2, thick)
            pygame.draw.rect(frame, mix(pal.bg, pal.text, 0.12), track, border_radius=thick // 2)
            size = max(theme.px(30), round(track.width * vw / w))
            x = track.x + round((track.width - size) * self.offset[0] / max(1, w - vw))
            pygame.draw.rect(frame, pal.muted, (x, track.y, size, thick), border_radius=thick // 2)

    def _draw_chip(self, frame: pygame.Surface, rect: pygame.Rect, kind: str, label: str) -> None:
        """One legend entry: a small sample, then its words."""
        theme, pal = self.theme, self.pal
        font = theme.font("small")
        size = font.get_height()
        sample = pygame.Rect(rect.x, rect.y + size // 8, size, size - size // 4)
        strong = mix(pal.border, pal.text, 0.45) if not pal.high_contrast else pal.border
        if kind in ("condition", "loop"):
            sample.width = size * 2
            y = sample.centery
            plain = mix(pal.muted, pal.bg, 0.2) if not pal.high_contrast else pal.text
            colour = pal.link if kind == "loop" else plain
            edge = PlannedEdge("", "", kind, kind == "condition", [(sample.x, y), (sample.right, y)])
            draw_edge(frame, theme, edge, colour, max(2, theme.px(2)), arrow=max(8, theme.px(10)))
        elif kind == "timer":
            frame.blit(icon("clock", size, pal.mixed if not pal.high_contrast else pal.text), (rect.x, rect.y))
        elif kind == "here":
            pygame.draw.rect(frame, pal.primary, sample,
                             width=max(3, theme.px(3)), border_radius=theme.radius(4))
        elif kind == "unreachable":
            pygame.draw.rect(frame, pal.bg, sample)
            _dashed_rect(frame, pal.muted, sample, max(2, theme.px(2)), max(3, theme.px(4)))
        else:
            colours = {"good": pal.good, "mixed": pal.mixed, "bad": pal.bad, "quiz": pal.link,
                       "start": pal.primary if not pal.high_contrast else pal.border}
            border = colours.get(kind, strong)
            fill = pal.surface_alt if kind == "start" else (pal.surface if pal.high_contrast else
                                                            mix(pal.surface, border, 0.26 if kind != "quiz" else 0.16))
            pygame.draw.rect(frame, fill, sample, border_radius=theme.radius(4))
            pygame.draw.rect(frame, border, sample, width=max(2, theme.px(2)), border_radius=theme.radius(4))
        x = rect.x + (size * 2 if kind in ("condition", "loop") else size) + theme.tsp("xs")
        TextBlock.make(label, font, pal.text, rect.right - x + 2).draw(frame, x, rect.y,
                                                                      pygame.Rect(x, rect.y, rect.right - x + 2, size))
