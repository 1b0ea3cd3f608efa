"""The scene map: a layered layout for the in-game map view (no pygame here), and `python main.py map`
as Mermaid (through transitions' diagram support) or Graphviz dot.

Mermaid goes through `transitions.extensions.diagrams.GraphMachine` with its mermaid backend, which needs
no Graphviz: node styles (classDef) carry the rating colours and the quiz/timer marks, labels carry the
markers. Dot is written directly: transitions' dot backends need the `graphviz` or `pygraphviz` package
(and pygraphviz a C compiler and Graphviz itself) only to print text we can print ourselves.
"""

from __future__ import annotations

import re

import copy
from collections import deque
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..scenario.graph import reachable_scenes
from ..scenario.model import Scenario, Scene

RATING_COLOURS = {"good": "#b7e4a8", "mixed": "#ffe08a", "bad": "#f4a6a6"}
RATING_BORDERS = {"good": "#2e7d32", "mixed": "#b08800", "bad": "#c62828"}
QUIZ_COLOUR, QUIZ_BORDER = "#cfe3ff", "#1f5fbf"
TIMER_BORDER = "#e65100"
START_COLOUR = "#e8e8e8"


class MapNode(NamedTuple):
    """A scene on the map: it unpacks as (scene_id, layer, position_in_layer)."""

    scene_id: str
    layer: int
    position: int


class MapEdge(NamedTuple):
    """A way from one scene to another: `label` is the choice id (or #n), '' for next:."""

    source: str
    target: str
    label: str
    conditional: bool       # the choice or branch has an if
    back: bool              # it leads back to an earlier layer or to itself (a loop)


@dataclass
class SceneInfo:
    """What the map shows about a scene besides its id."""

    title: str
    kind: str               # "choices", "next" or "ending"
    rating: str | None
    quiz: bool
    timer: float | None
    start: bool
    reachable: bool


@dataclass
class MapLayout:
    """Scenes in layers by distance from the start (unreachable ones in a last layer) and the edges."""

    nodes: list[MapNode]
    edges: list[MapEdge]
    info: dict[str, SceneInfo] = field(default_factory=dict)

    @property
    def layers(self) -> int:
        """How many layers there are."""
        return 1 + max((n.layer for n in self.nodes), default=-1)

    def layer_sizes(self) -> list[int]:
        """How many scenes each layer holds."""
        sizes = [0] * self.layers
        for node in self.nodes:
            sizes[node.layer] += 1
        return sizes

    def coordinates(self, width: float, height: float, margin: float = 40.0) -> dict[str, tuple[float, float]]:
        """The centre of each scene in a width x height area: layers left to right, scenes top to bottom."""
        sizes = self.layer_sizes()
        inner_w, inner_h = max(0.0, width - 2 * margin), max(0.0, height - 2 * margin)
        spots: dict[str, tuple[float, float]] = {}
        for node in self.nodes:
            x = margin + (inner_w * node.layer / (self.layers - 1) if self.layers > 1 else inner_w / 2)
            y = margin + inner_h * (node.position + 0.5) / sizes[node.layer]
            spots[node.scene_id] = (x, y)
        return spots

    def scene_at(self, point: tuple[float, float], spots: dict[str, tuple[float, float]],
                 radius: float) -> str | None:
        """The scene whose centre is nearest to `point`, if within `radius` (for clicks on the map)."""
        best, best_distance = None, radius * radius
        for scene_id, (x, y) in spots.items():
            distance = (x - point[0]) ** 2 + (y - point[1]) ** 2
            if distance <= best_distance:
                best, best_distance = scene_id, distance
        return best


def scene_info(scenario: Scenario, scene: Scene, reachable: bool) -> SceneInfo:
    """The map's facts about one scene."""
    lang = scenario.default_language
    kind = "ending" if scene.ending else "next" if scene.next else "choices"
    title = scene.title.get(lang) if scene.title else scene.ending.title.get(lang) if scene.ending else ""
    return SceneInfo(title, kind, scene.ending.rating if scene.ending else None, scene.quiz,
                     scene.timer.seconds if scene.timer else None, scene.id == scenario.start, reachable)


def _edges(scene: Scene) -> list[tuple[str, str, bool]]:
    """(target, label, conditional) for every way out of a scene, one per choice/branch and target."""
    found: list[tuple[str, str, bool]] = []
    for branch in scene.next or []:
        found.append((branch.goto, "", branch.condition is not None))
    for choice in scene.choices:
        for branch in choice.next:
            found.append((branch.goto, choice.key, choice.condition is not None or branch.condition is not None))
    return found


def layout_map(scenario: Scenario) -> MapLayout:
    """Layers by breadth-first distance from the start; within a layer, scenes are ordered by the average
    position of the scenes leading to them (fewer crossings), then by their order in the file."""
    scenes = scenario.scenes
    layer: dict[str, int] = {scenario.start: 0}
    queue = deque([scenario.start])
    while queue:
        current = queue.popleft()
        for target in scenes[current].successors():
            if target not in layer:
                layer[target] = layer[current] + 1
                queue.append(target)
    last = 1 + max(layer.values(), default=-1)
    for sid in scenes:
        layer.setdefault(sid, last)         # scenes the start cannot reach: one extra layer at the end
    file_order = {sid: i for i, sid in enumerate(scenes)}
    incoming: dict[str, list[str]] = {sid: [] for sid in scenes}
    for sid, scene in scenes.items():
        for target in scene.successors():
            incoming[target].append(sid)
    position: dict[str, int] = {}
    nodes: list[MapNode] = []
    for number in range(max(layer.values()) + 1):
        members = [sid for sid in scenes if layer[sid] == number]

        def weight(sid: str) -> tuple[float, int]:
            """Average position of the earlier scenes leading here, then file order."""
            before = [position[s] for s in incoming[sid] if s in position and layer[s] < number]
            return (sum(before) / len(before) if before else float("inf"), file_order[sid])
        for index, sid in enumerate(sorted(members, key=weight)):
            position[sid] = index
            nodes.append(MapNode(sid, number, index))
    edges = [MapEdge(sid, target, label, conditional, layer[target] < layer[sid] or target == sid)
             for sid, scene in scenes.items() for target, label, conditional in _edges(scene)]
    reachable = reachable_scenes(scenario)
    info = {sid: scene_info(scenario, scene, sid in reachable) for sid, scene in scenes.items()}
    return MapLayout(nodes, edges, info)


# ---- text formats ------------------------------------------------------------------------------

def _marks(info: SceneInfo) -> list[str]:
    """Short markers shown in a node's label."""
    marks = []
    if info.start:
        marks.append("▶ start")
    if info.quiz:
        marks.append("❓ quiz")
    if info.timer:
        marks.append(f"⏱ {info.timer:g} s")
    if info.rating:
        marks.append(f"■ ending ({info.rating})")
    if not info.reachable:
        marks.append("unreachable")
    return marks


def _style(info: SceneInfo) -> str:
    """The style name of a node: its rating, quiz and/or timer, start, or the default."""
    if info.rating:
        return info.rating
    parts = [name for name, on in (("quiz", info.quiz), ("timed", info.timer)) if on]
    return "_".join(parts) or ("start" if info.start else "")


_STYLES: dict[str, dict[str, str]] = {
    "good": {"fillcolor": RATING_COLOURS["good"], "stroke": RATING_BORDERS["good"], "stroke-width": "3px"},
    "mixed": {"fillcolor": RATING_COLOURS["mixed"], "stroke": RATING_BORDERS["mixed"], "stroke-width": "3px"},
    "bad": {"fillcolor": RATING_COLOURS["bad"], "stroke": RATING_BORDERS["bad"], "stroke-width": "3px"},
    "quiz": {"fillcolor": QUIZ_COLOUR, "stroke": QUIZ_BORDER},
    "timed": {"fillcolor": "white", "stroke": TIMER_BORDER, "stroke-width": "3px", "stroke-dasharray": "5 3"},
    "quiz_timed": {"fillcolor": QUIZ_COLOUR, "stroke": TIMER_BORDER, "stroke-width": "3px", "stroke-dasharray": "5 3"},
    "start": {"fillcolor": START_COLOUR, "stroke": "#333333", "stroke-width": "2px"},
}


def _clean(text: str) -> str:
    """Text safe inside a Mermaid or dot label (no quotes, colons, brackets or line breaks); a time keeps its shape
    as 07.50, the Dutch way of writing it."""
    text = re.sub(r"(\d):(\d)", r"\1.\2", text)
    for bad, good in (('"', "'"), (":", " –"), ("\n", " "), ("<", "‹"), (">", "›"), ("{", "("), ("}", ")"),
                      ("[", "("), ("]", ")"), (";", ","), ("#", "nr. "), ("\\", "/")):
        text = text.replace(bad, good)
    return text


def _label(sid: str, info: SceneInfo, separator: str) -> str:
    """A node's label: id, title, markers."""
    parts = [sid] + ([_clean(info.title)] if info.title else []) + [" · ".join(_marks(info))] * bool(_marks(info))
    return separator.join(_clean(p) for p in parts)


def to_mermaid(scenario: Scenario) -> str:
    """The map as a Mermaid state diagram, built with transitions' GraphMachine (mermaid backend)."""
    from transitions import State
    from transitions.extensions.diagrams import GraphMachine

    class _LabelledState(State):
        """A state with a display label, for the diagram only."""

        def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            if label:
                self.label = label

    class _MapMachine(GraphMachine):
        """A diagram-only machine: never triggered; no string from the scenario reaches a callback."""

        state_cls = _LabelledState

    layout = layout_map(scenario)
    name = {sid: f"s_{sid}" for sid in scenario.scenes}     # prefixed: scene ids may be Mermaid keywords
    title = _clean(scenario.title.get(scenario.default_language))
    model = type("MapModel", (), {})()
    machine = _MapMachine(model=model, states=[{"name": name[sid], "label": _label(sid, layout.info[sid], " — ")}
                                               for sid in scenario.scenes],
                          initial=name[scenario.start], auto_transitions=False, graph_engine="mermaid",
                          title=f'title: "{title}"', show_conditions=False)
    machine.style_attributes = copy.deepcopy(machine.style_attributes)   # our styles, not the class's
    machine.style_attributes["node"].update(copy.deepcopy(_STYLES))
    for number, edge in enumerate(layout.edges):
        label = (edge.label or "next") + (" (if …)" if edge.conditional else "")
        machine.add_transition(f"t{number}", name[edge.source], name[edge.target], label=_clean(label))
    graph = machine.model_graphs[id(model)]
    graph.reset_styling()
    for sid, info in layout.info.items():
        style = _style(info)
        if style:
            graph.set_node_style(name[sid], style)
    return str(model.get_graph().source) + "\n"


def to_dot(scenario: Scenario) -> str:
    """The map as a Graphviz dot digraph (written directly; see the module note)."""
    layout = layout_map(scenario)
    lines = ["digraph scenario {", f'  label="{_clean(scenario.title.get(scenario.default_language))}";',
             '  rankdir=LR; node [shape=box, style="rounded,filled", fillcolor=white, fontname="sans-serif"];']
    for node in layout.nodes:
        info = layout.info[node.scene_id]
        attrs = [f'label="{_label(node.scene_id, info, chr(92) + "n")}"']
        style = _STYLES.get(_style(info), {})
        if "fillcolor" in style:
            attrs.append(f'fillcolor="{style["fillcolor"]}"')
        if "stroke" in style:
            attrs.append(f'color="{style["stroke"]}"')
        if info.rating:
            attrs += ["shape=doubleoctagon", "penwidth=2"]
        if info.timer:
            attrs += ['style="rounded,filled,dashed"', "penwidth=3"]
        if info.quiz:
            attrs.append("shape=component")
        lines.append(f'  s_{node.scene_id} [{", ".join(attrs)}];')
    for edge in layout.edges:
        attrs = [f'label="{_clean(edge.label)}"'] if edge.label else []
        if edge.conditional:
            attrs.append("style=dashed")
        if edge.back:
            attrs.append("constraint=false")
        lines.append(f"  s_{edge.source} -> s_{edge.target}" + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    lines.append(f"  start [shape=point]; start -> s_{scenario.start};")
    lines.append("}")
    return "\n".join(lines) + "\n"
