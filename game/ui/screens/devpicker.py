"""Developer mode: the scene picker (J). Type to filter the scenes by id or title, choose one with the arrow
keys and Enter (or a click) and play goes on there, the meters and flags kept."""

from __future__ import annotations

import pygame

from ...tools.scenemap import layout_map
from ..flow import Flow
from ..textlayout import TextBlock
from ..theme import Theme, mix
from ..widgets import Button, Item, layout_row, natural_width
from .devmap import scene_subtitle, scene_title
from .overlay import Overlay

PAGE_ROWS = 5


def matches(entries: list[tuple[str, str]], query: str) -> list[str]:
    """The ids of `entries` (id, searchable text) that hold every word of `query`: ids that start with
    it first, then ids that contain it, then the rest, each in file order."""
    words = query.lower().split()
    if not words:
        return [sid for sid, _ in entries]
    found = []
    for order, (sid, text) in enumerate(entries):
        haystack = f"{sid} {text}".lower()
        if all(word in haystack for word in words):
            lowered = sid.lower()
            rank = 0 if lowered.startswith(words[0]) else 1 if words[0] in lowered else 2
            found.append((rank, order, sid))
    return [sid for _, _, sid in sorted(found)]


class DevPickerScreen(Overlay):
    """A search field and the list of scenes that match."""

    name = "devpicker"
    dev_tool = "picker"
    takes_text = True      # letters go into the search field (M, J, D are not developer keys here)

    @property
    def theme(self) -> Theme:
        """The game's theme, the text no larger than 150 % (see devmode.tool_theme)."""
        from ..devmode import tool_theme

        return tool_theme(self.app.theme)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """An empty search: every scene, the current one selected."""
        super().__init__(app)
        self.query = ""
        self.index = 0
        self.shown: list[str] = []
        self.close = Button("close", self.tr("dev_close"))
        self._entries: list[tuple[str, str]] | None = None
        self._entries_of: object = None
        self._subs: dict[str, str] = {}
        self._first = True

    # ---- the list ----------------------------------------------------------------------------------
    def entries(self) -> list[tuple[str, str]]:
        """(id, title and kind) for every scene of the scenario being played."""
        session = self.app.session
        if session is None:
            return []
        if self._entries is None or self._entries_of is not session.scenario:
            scenario = session.scenario
            layout = layout_map(scenario)
            self._subs = {sid: scene_subtitle(scene, layout.info[sid].reachable, layout.info[sid].start, self.tr)
                          for sid, scene in scenario.scenes.items()}
            self._entries = [(sid, f"{scene_title(scenario, scene, self.lang)} {self._subs[sid]}")
                             for sid, scene in scenario.scenes.items()]
            self._entries_of = scenario
        return self._entries

    def filter(self) -> None:
        """Work out which scenes match the query; keep the selection in range."""
        self.shown = matches(self.entries(), self.query)
        if self._first and not self.query and self.app.session is not None:
            current = self.app.session.engine.state.scene
            self.index = self.shown.index(current) if current in self.shown else 0
            self._first = False
        self.index = max(0, min(self.index, len(self.shown) - 1))

    # ---- layout ----------------------------------------------------------------------------------------
    def layout(self) -> None:
        """A tall centred panel: heading and Close, the search field, a help line, the scrolling list."""
        theme, pal = self.theme, self.pal
        w, h = theme.size
        self._dimmed = None
        self.filter()
        pad = theme.tsp("l") if theme.text_scale < 1.5 else theme.tsp("m")
        width = min(w - 2 * theme.sp("m"), max(theme.px(720), 30 * theme.text_px("body")))
        height = h - 2 * theme.sp("m")
        self.rect = pygame.Rect((w - width) // 2, theme.sp("m"), width, height)
        inner = width - 2 * pad
        x, y = self.rect.x + pad, self.rect.y + pad
        close_w = natural_width(theme, self.close)
        title_font = theme.font("h2", "bold")
        self.title_block = TextBlock.make(self.tr("dev_picker_title"), title_font, pal.text,
                                          max(10, inner - close_w - theme.tsp("m")),
                                          line_height=theme.line_height(title_font))
        row_h = layout_row(theme, [self.close], pygame.Rect(x, y, inner, 0))
        self.title_pos = (x, y + max(0, (row_h - self.title_block.height) // 2))
        y += max(row_h, self.title_block.height) + theme.tsp("s")
        body = theme.font("body")
        self.field = pygame.Rect(x, y, inner, body.get_height() + 2 * theme.tsp("s"))
        y = self.field.bottom + theme.tsp("s")
        small = theme.font("small")
        count = self.tr("dev_picker_count", shown=len(self.shown), total=len(self.entries()))
        self.help_block = TextBlock.make(f"{self.tr('dev_picker_help')} {count}.", small, pal.muted, inner,
                                         line_height=theme.line_height(small))
        self.help_pos = (x, y)
        row_h = theme.font("body", "bold").get_height() + theme.line_height(small) + 2 * theme.tsp("m")
        if self.rect.bottom - pad - (y + self.help_block.height) >= 3 * row_h:
            y += self.help_block.height + theme.tsp("s")
        else:
            self.help_block = TextBlock.make("", small, pal.muted, inner)   # no room: the list comes first
        viewport = pygame.Rect(x - theme.sp("s"), y, inner + theme.sp("s"), max(1, self.rect.bottom - pad - y))
        flow = Flow(theme, viewport.width - theme.sp("s") - theme.px(12), pal.surface)
        current = self.app.session.engine.state.scene if self.app.session is not None else None
        scenario = self.app.session.scenario if self.app.session is not None else None
        self.rows: list[Button] = []
        for number, sid in enumerate(self.shown):
            title = scene_title(scenario, scenario.scenes[sid], self.lang) if scenario else ""
            parts = ([self.tr("dev_here")] if sid == current else []) + [self._subs.get(sid, "")] + \
                ([title] if title else [])
            button = Button(f"goto:{sid}", sid, "choice", selected=number == self.index,
                            sublabel=" · ".join(p for p in parts if p))
            self._row(flow, button, sid == current)
            self.rows.append(button)
        if not self.shown:
            flow.text(self.tr("dev_picker_none", text=self.query), "body", "regular", pal.muted)
        for item in flow.items:
            item.rect.x += theme.sp("s")
        self.view.set_content(viewport, flow.items, flow.height)
        self.reveal_index()

    def _row(self, flow: Flow, button: Button, current: bool) -> Item:
        """One scene in the list: its id in bold, below it what it is and its title; compact, so many show."""
        theme, pal = self.theme, self.pal
        ring = theme.focus_width() + 2
        width = flow.width - 2 * ring
        pad_x, pad_y = theme.tsp("m"), theme.tsp("xs") + theme.tsp("xxs")
        stripe = theme.px(6) if current else 0
        inner = width - 2 * pad_x - stripe
        id_font, small = theme.font("body", "bold"), theme.font("small")
        id_block = TextBlock.make(button.label, id_font, pal.text, inner)
        sub_block = TextBlock.make(button.sublabel or "", small, pal.text, inner, line_height=theme.line_height(small))
        height = pad_y * 2 + id_block.height + theme.tsp("xxs") + sub_block.height
        holder: dict[str, Item] = {}

        def render(surface: pygame.Surface) -> None:
            hover, _ = holder["item"]._state or (False, False)
            rect = pygame.Rect(ring, ring, width, height)
            chosen = button.selected
            if chosen:
                fill, ink, sub_ink, edge = pal.primary, pal.on_primary, pal.on_primary, pal.primary
            else:
                fill = mix(pal.surface, pal.primary, 0.08) if hover and not pal.high_contrast else pal.surface
                ink, sub_ink = pal.text, (pal.text if pal.high_contrast else mix(pal.muted, pal.text, 0.3))
                edge = pal.primary if hover else mix(pal.border, pal.text, 0.15)
            if chosen and pal.high_contrast:
                edge = pal.focus
            pygame.draw.rect(surface, fill, rect, border_radius=theme.radius(8))
            pygame.draw.rect(surface, edge, rect, width=max(theme.border(), theme.px(2) if hover or chosen else 0),
                             border_radius=theme.radius(8))
            if stripe:
                pygame.draw.rect(surface, pal.focus, (rect.x, rect.y, stripe, rect.height),
                                 border_top_left_radius=theme.radius(8), border_bottom_left_radius=theme.radius(8))
            x, y = rect.x + stripe + pad_x, rect.y + pad_y
            id_block.draw(surface, x, y, pygame.Rect(x, y, inner, id_block.height), color=ink)
            y += id_block.height + theme.tsp("xxs")
            sub_block.draw(surface, x, y, pygame.Rect(x, y, inner, sub_block.height), color=sub_ink)

        holder["item"] = flow.add(height + 2 * ring, render, "scene-row", button=button)
        return holder["item"]

    def reveal_index(self) -> None:
        """Scroll the selected scene into view."""
        if 0 <= self.index < len(self.view.items):
            item = self.view.items[self.index]
            if item.button is not None:
                self.view.ensure_visible(item.rect, self.theme.sp("s"))

    def select(self, index: int) -> None:
        """Move the selection (the list is drawn again to show it)."""
        if not self.shown:
            return
        index = max(0, min(index, len(self.shown) - 1))
        if index != self.index:
            self.index = index
            self.relayout()  # the list again, the new selection highlighted (the scroll position is kept)

    def set_query(self, query: str) -> None:
        """A new search text: the list from the top."""
        self.query = query
        self.index = 0
        self.view.offset = 0
        self.relayout()

    # ---- input ----------------------------------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Close, then the scenes."""
        return [self.close] + self.view.buttons()

    def default_focus(self) -> str | None:
        """Enter goes to the selected scene."""
        return None

    def on_button(self, button_id: str) -> None:
        """A scene jumps there; Close closes."""
        if button_id.startswith("goto:"):
            if self.app.dev is not None:
                self.app.dev.jump(button_id.split(":", 1)[1])
        elif button_id == "close":
            self.app.pop()

    def jump_selected(self) -> None:
        """Enter: go to the selected scene."""
        if self.shown:
            self.on_button(f"goto:{self.shown[self.index]}")

    def on_key(self, event: pygame.event.Event) -> None:
        """Typing filters; arrows, Page keys and Tab move; Enter jumps; Backspace deletes; Esc closes."""
        key = event.key
        mod = getattr(event, "mod", 0)
        text = getattr(event, "unicode", "") or ""
        if key == pygame.K_ESCAPE:
            self.on_escape()
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.focus_visible and self.focus == "close":
                self.app.pop()
            else:
                self.jump_selected()
        elif key == pygame.K_DOWN or (key == pygame.K_TAB and not mod & pygame.KMOD_SHIFT):
            self.select(self.index + 1)
        elif key == pygame.K_UP or key == pygame.K_TAB:
            self.select(self.index - 1)
        elif key == pygame.K_PAGEDOWN:
            self.select(self.index + PAGE_ROWS)
        elif key == pygame.K_PAGEUP:
            self.select(self.index - PAGE_ROWS)
        elif key == pygame.K_HOME and not self.query:
            self.select(0)
        elif key == pygame.K_END and not self.query:
            self.select(len(self.shown) - 1)
        elif key == pygame.K_BACKSPACE:
            if self.query:
                self.set_query("" if mod & pygame.KMOD_CTRL else self.query[:-1])
        elif text and text.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            self.set_query(self.query + text)

    # ---- drawing -----------------------------------------------------------------------------------------
    def frame_key(self) -> object:
        """The frame depends on the search text and the selection too."""
        return (super().frame_key(), self.query, self.index, self.view.offset)

    def compose(self, frame: pygame.Surface) -> None:
        """The dimmed game, the panel, the field with its text and caret, the help line and the list."""
        super().compose(frame)
        theme, pal = self.theme, self.pal
        self.draw_buttons(frame, [self.close])
        field = self.field
        pygame.draw.rect(frame, pal.surface, field, border_radius=theme.radius(8))
        pygame.draw.rect(frame, pal.primary if not pal.high_contrast else pal.focus, field,
                         width=max(2, theme.px(2)), border_radius=theme.radius(8))
        body = theme.font("body")
        pad = theme.tsp("s")
        inner = field.inflate(-2 * pad, 0)
        shown = self.query or self.tr("dev_picker_prompt")
        colour = pal.text if self.query else pal.muted
        room = inner.width - theme.px(10)
        if not self.query and body.size(shown)[0] > room:
            while len(shown) > 1 and body.size(shown + "…")[0] > room:
                shown = shown[:-1]
            shown = shown.rstrip() + "…"
        # a long query shows its end, where the typing happens
        while self.query and body.size(shown)[0] > inner.width - theme.px(6) and len(shown) > 1:
            shown = shown[1:]
        block = TextBlock.make(shown, body, colour, 100_000)
        ty = field.y + (field.height - body.get_height()) // 2
        old_clip = frame.get_clip()
        frame.set_clip(inner.clip(old_clip))
        tx = inner.x if self.query else inner.x + theme.px(8)   # the placeholder starts after the caret
        block.draw(frame, tx, ty, pygame.Rect(tx, ty, inner.right - tx, body.get_height()))
        frame.set_clip(old_clip)
        caret_x = inner.x + (body.size(shown)[0] + theme.px(2) if self.query else 0)
        caret_x = min(caret_x, inner.right - theme.px(2))
        pygame.draw.line(frame, pal.text, (caret_x, ty), (caret_x, ty + body.get_height()), max(2, theme.px(2)))
        x, y = self.help_pos
        self.help_block.draw(frame, x, y, pygame.Rect(x, y, self.help_block.max_width, self.help_block.height))
