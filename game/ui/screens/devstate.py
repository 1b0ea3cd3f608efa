"""Developer mode: the state panel (D). The meters and flags as they are now; pick one and change it with
− and + (Shift: by 10), by typing a value and Enter, or (a true/false flag) with Space. A value is checked
against the meter's min and max and the flag's kind before it is set; play goes on with it at once."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ...engine.jump import check_values, parse_value
from ...scenario.model import Value
from ..flow import button_item
from ..meters import draw_bar, format_value, fraction, level_color
from ..textlayout import TextBlock
from ..theme import Theme, mix
from ..widgets import Button, Item, button_height, layout_row, natural_width
from .overlay import Overlay


# The panel's words about the sign of a typed number (they would sit with the other dev_* words in game/i18n.py).
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS)
PLUS_KEYS = (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS)


@dataclass
class Row:
    """One meter or flag in the panel."""

    kind: str            # "meter", "bool", "int", "number" or "text"
    name: str
    label: str


def _kind_of(start: Value) -> str:
    """A flag's kind, from its start value."""
    if isinstance(start, bool):
        return "bool"
    if isinstance(start, int):
        return "int"
    if isinstance(start, float):
        return "number"
    return "text"


def shown_typed(typed: str) -> str:
    """A typed number as the panel shows it: a real minus sign (−) for the hyphen."""
    return typed.replace("-", "−")


def shown_number(value: float) -> str:
    """A number as the panel shows it: no trailing zeros, a real minus sign."""
    return shown_typed(format_value(value))


def _whole(value: float) -> float:
    """Integral numbers as int, as the engine stores them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class DevStateScreen(Overlay):
    """The meters and flags at the right; the game dimmed at the left."""

    name = "devstate"
    dev_tool = "state"

    @property
    def theme(self) -> Theme:
        """The game's theme, the text no larger than 150 % (see devmode.tool_theme)."""
        from ..devmode import tool_theme

        return tool_theme(self.app.theme)

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """The first row selected; nothing typed yet."""
        super().__init__(app)
        self.index = 0
        self.buffer: str | None = None
        self.message: tuple[str, str] | None = None
        self.close = Button("close", self.tr("dev_close"))
        self.rows: list[Row] = []
        self.row_items: list[Item] = []
        self.row_buttons: list[Button] = []

    # ---- the values -------------------------------------------------------------------------------
    @property
    def engine(self):  # type: ignore[no-untyped-def]
        """The engine being played (None without a session)."""
        return self.app.session.engine if self.app.session is not None else None

    def make_rows(self) -> list[Row]:
        """Every meter, then every flag, of the scenario being played."""
        session = self.app.session
        if session is None:
            return []
        rows = [Row("meter", m.id, m.label.get(self.lang)) for m in session.scenario.meters.values()]
        rows += [Row(_kind_of(f.start), f.id, f.id) for f in session.scenario.flags.values()]
        return rows

    @property
    def selected(self) -> Row | None:
        """The row picked."""
        return self.rows[self.index] if 0 <= self.index < len(self.rows) else None

    @property
    def takes_text(self) -> bool:
        """Letters are typed (not developer keys) while a value is being typed or a text flag is picked."""
        row = self.selected
        return self.buffer is not None or (row is not None and row.kind == "text")

    def value(self, row: Row) -> Value:
        """The row's current value."""
        state = self.engine.state
        return state.meters[row.name] if row.kind == "meter" else state.flags[row.name]

    def shown(self, row: Row, value: Value) -> str:
        """A value as the panel shows it."""
        if isinstance(value, bool):
            return f"{self.tr('on') if value else self.tr('off')} ({'true' if value else 'false'})"
        if isinstance(value, str):
            return f"“{value}”" if value else self.tr("dev_empty_text")
        return shown_number(value)

    def describe(self, row: Row) -> str:
        """The range of a meter, the kind of a flag."""
        if row.kind == "meter":
            meter = self.app.session.scenario.meters[row.name]
            return self.tr("dev_range", min=shown_number(_whole(meter.min)), max=shown_number(_whole(meter.max)))
        return self.tr(f"dev_kind_{row.kind}")

    def set_value(self, row: Row, value: Value) -> bool:
        """Check and set a value; the message says what happened. True when it was set."""
        scenario = self.app.session.scenario
        name = row.label if row.kind == "meter" else row.name
        problem: str | None = None
        if row.kind in ("meter", "number", "int"):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problem = self.tr("dev_bad_number", name=name, value=value)
            elif row.kind == "int" and isinstance(value, float):
                problem = self.tr("dev_bad_whole", name=name, value=shown_number(value))
            elif row.kind == "meter":
                meter = scenario.meters[row.name]
                if not meter.min <= value <= meter.max:
                    problem = self.tr("dev_bad_range", name=name, min=shown_number(_whole(meter.min)),
                                      max=shown_number(_whole(meter.max)), value=shown_number(value))
        elif row.kind == "bool" and not isinstance(value, bool):
            problem = self.tr("dev_bad_bool", name=name)
        elif row.kind == "text" and not isinstance(value, str):
            value = str(value)
        if problem is None:
            checked = check_values(scenario, {row.name: value}, self.lang)   # the same check as --set
            problem = checked[0] if checked else None
        if problem is not None:
            self.message = (problem, "error")
            self.relayout()
            return False
        old = self.value(row)
        if isinstance(value, float):
            value = _whole(value)
        if row.kind == "meter":
            self.engine.state.meters[row.name] = value
        else:
            self.engine.state.flags[row.name] = value
        self.message = (self.tr("dev_set_ok", name=name, old=self.shown(row, old), new=self.shown(row, value)), "ok")
        if self.app.dev is not None:
            self.app.dev.state_changed()
        self.relayout()
        return True

    def step(self, row: Row, direction: int, big: bool) -> None:
        """− or +: by 1 (by 10 with Shift); a true/false flag switches."""
        self.buffer = None
        value = self.value(row)
        if row.kind == "bool":
            self.set_value(row, not value)
            return
        if row.kind == "text":
            return
        amount = (10 if big else 1) * direction
        if row.kind == "meter":
            meter = self.app.session.scenario.meters[row.name]
            wanted = value + amount
            clamped = min(meter.max, max(meter.min, wanted))
            if clamped == value:
                self.set_value(row, wanted)      # says why it does not move
                return
            self.set_value(row, _whole(clamped))
        else:
            self.set_value(row, value + amount)

    def allows_negative(self, row: Row) -> bool:
        """Whether a negative value can be typed: any number flag, a meter only when its min is below zero."""
        if row.kind == "meter":
            return self.app.session.scenario.meters[row.name].min < 0
        return row.kind in ("int", "number")

    def sign(self, row: Row, negative: bool) -> None:
        """While typing: − puts a minus before the typed number (a second − takes it off again), + takes it off.
        Where no negative value fits, the message says so and the typing stays as it was."""
        typed = self.buffer or ""
        has_minus = typed.startswith("-")
        want_minus = not has_minus if negative else False
        if want_minus and not self.allows_negative(row):
            meter = self.app.session.scenario.meters[row.name]
            self.message = (self.tr("dev_no_negative", name=row.label, min=shown_number(_whole(meter.min)),
                                    max=shown_number(_whole(meter.max))), "error")
            self.relayout()
            return
        digits = typed[1:] if has_minus else typed
        self.buffer = ("-" if want_minus else "") + digits
        self.check_typed(row)
        self.relayout()

    def check_typed(self, row: Row) -> None:
        """Say at once when what is typed can no longer fit the meter (more digits only move it further out)."""
        self.message = None
        if row.kind != "meter" or not self.buffer:
            return
        try:
            value = float(self.buffer)
        except ValueError:
            return
        meter = self.app.session.scenario.meters[row.name]
        if (value >= 0 and value > meter.max) or (value <= 0 and value < meter.min):
            self.message = (self.tr("dev_bad_range", name=row.label, min=shown_number(_whole(meter.min)),
                                    max=shown_number(_whole(meter.max)), value=shown_typed(self.buffer)), "error")

    def commit(self) -> None:
        """Enter: set the typed value."""
        row = self.selected
        if row is None or self.buffer is None:
            return
        typed = self.buffer
        self.buffer = None
        if row.kind == "text":
            self.set_value(row, typed)
        else:
            self.set_value(row, parse_value(typed) if typed.strip() else typed)

    # ---- layout ---------------------------------------------------------------------------------------
    def layout(self) -> None:
        """A panel at the right, as tall as the window: heading and Close, help, the rows, the message."""
        theme, pal = self.theme, self.pal
        w, h = theme.size
        self._dimmed = None
        self.rows = self.make_rows()
        self.index = max(0, min(self.index, len(self.rows) - 1))
        margin = theme.sp("m")
        width = min(w - 2 * margin, max(theme.px(560), 24 * theme.text_px("body")))
        self.rect = pygame.Rect(w - margin - width, margin, width, h - 2 * margin)
        pad = theme.tsp("l") if theme.text_scale < 1.5 else theme.tsp("m")
        inner = width - 2 * pad
        x, y = self.rect.x + pad, self.rect.y + pad
        title_font = theme.font("h2", "bold")
        self.title_block = TextBlock.make(self.tr("dev_state_title"), title_font, pal.text,
                                          max(10, inner - natural_width(theme, self.close) - theme.tsp("m")),
                                          line_height=theme.line_height(title_font))
        row_h = layout_row(theme, [self.close], pygame.Rect(x, y, inner, 0))
        self.title_pos = (x, y + max(0, (row_h - self.title_block.height) // 2))
        y += max(row_h, self.title_block.height) + theme.tsp("s")
        small = theme.font("small")
        self.message_block = None
        bottom = self.rect.bottom - pad
        if self.message is not None:
            text, kind = self.message
            colour = {"ok": pal.good, "error": pal.bad}.get(kind, pal.text)
            self.message_block = TextBlock.make(text, theme.font("small", "bold"), colour, inner,
                                                line_height=theme.line_height(small))
            bottom -= self.message_block.height + theme.tsp("s")
            self.message_pos = (x, bottom + theme.tsp("s"))
        viewport = pygame.Rect(x - theme.sp("s"), y, inner + theme.sp("s"), max(1, bottom - y))
        self.view.set_content(viewport, *self._content(viewport.width - theme.sp("s") - theme.px(12)))
        for item in self.view.items:
            item.rect.x += theme.sp("s")
        self.reveal_index()

    def _content(self, width: int) -> tuple[list[Item], int]:
        """The help text, then a heading and the rows for the meters and for the flags."""
        theme, pal = self.theme, self.pal
        items: list[Item] = []
        y = 0

        def text(value: str, role: str, weight: str, colour) -> None:  # type: ignore[no-untyped-def]
            nonlocal y
            font = theme.font(role, weight)
            block = TextBlock.make(value, font, colour, width, line_height=theme.line_height(font))

            def render(surface: pygame.Surface, block: TextBlock = block) -> None:
                block.draw(surface, 0, 0, surface.get_rect())

            items.append(Item(pygame.Rect(0, y, width, block.height), render, "text", bg=pal.surface))
            y += block.height

        text(self.tr("dev_state_help") + " " + self.tr("dev_state_sign_help"), "small", "regular", pal.muted)
        self.row_items = []
        self.row_buttons = []
        kinds = [("meter",), ("bool", "int", "number", "text")]
        for heading, group in zip((self.tr("dev_meters"), self.tr("dev_flags")), kinds):
            y += theme.tsp("m")
            text(heading, "h3", "bold", pal.text)
            y += theme.tsp("xs")
            members = [r for r in self.rows if r.kind in group]
            if not members:
                text(self.tr("dev_none"), "small", "regular", pal.muted)
            for row in members:
                number = self.rows.index(row)
                height, found = self._row(row, number, y, width)
                items.extend(found)
                y += height + theme.tsp("xs")
        return items, y + theme.tsp("s")

    def _row(self, row: Row, number: int, top: int, width: int) -> tuple[int, list[Item]]:
        """One row: a clickable card with the name, value and range; − and + (or Switch) at its right."""
        theme, pal = self.theme, self.pal
        pad = theme.tsp("s")
        ring = theme.focus_width() + 2
        label_font, value_font, small = theme.font("body", "semibold"), theme.font("large", "bold"), theme.font("small")
        controls: list[Button] = []
        if row.kind in ("meter", "int", "number"):
            controls = [Button(f"dec:{row.name}", "−"), Button(f"inc:{row.name}", "+")]
        elif row.kind == "bool":
            controls = [Button(f"toggle:{row.name}", self.tr("dev_toggle"))]
        control_w = sum(natural_width(theme, b) for b in controls) + theme.tsp("xs") * max(0, len(controls) - 1)
        text_w = max(10, width - 2 * ring - 2 * pad - (control_w + theme.tsp("s") if controls else 0))
        label = row.label if row.kind != "meter" else f"{row.label} ({row.name})"
        label_block = TextBlock.make(label, label_font, pal.text, text_w, line_height=theme.line_height(label_font))
        selected = number == self.index
        if selected and self.buffer is not None:
            value_text = shown_typed(self.buffer) if row.kind != "text" else self.buffer
        else:
            value_text = self.shown(row, self.value(row))
        value_block = TextBlock.make(value_text or " ", value_font, pal.text, text_w)
        desc_text = self.describe(row)
        value_w = min(text_w, value_block.width + theme.px(4))
        gap = theme.tsp("s")
        # the range or kind beside the value when there is room, else below it
        beside = value_w + gap + small.size(desc_text)[0] <= text_w and len(value_block.lines) == 1
        desc_w = text_w - value_w - gap if beside else text_w
        desc_block = TextBlock.make(desc_text, small, pal.text if pal.high_contrast else pal.muted, desc_w)
        bar_h = theme.px(8) if row.kind == "meter" else 0
        value_h = max(value_block.height, desc_block.height) if beside else \
            value_block.height + theme.tsp("xxs") + desc_block.height
        inner_h = label_block.height + theme.tsp("xxs") + value_h + (theme.tsp("xs") + bar_h if bar_h else 0)
        controls_h = max((button_height(theme, b, natural_width(theme, b)) for b in controls), default=0)
        card_h = max(inner_h, controls_h) + 2 * pad
        height = card_h + 2 * ring
        row_button = Button(f"row:{row.name}", label)
        editing = selected and self.buffer is not None
        meter = self.app.session.scenario.meters.get(row.name) if row.kind == "meter" else None
        value_now = self.value(row)
        holder: dict[str, Item] = {}

        def render(surface: pygame.Surface) -> None:
            hover, _ = holder["item"]._state or (False, False)
            card = pygame.Rect(ring, ring, width - 2 * ring, card_h)
            if selected:
                pygame.draw.rect(surface, pal.focus, card.inflate(2 * ring - 2, 2 * ring - 2),
                                 width=theme.focus_width(), border_radius=theme.radius(10) + ring)
            fill = mix(pal.surface, pal.primary, 0.07) if (hover or selected) and not pal.high_contrast else pal.surface
            pygame.draw.rect(surface, fill, card, border_radius=theme.radius(10))
            pygame.draw.rect(surface, pal.primary if hover else mix(pal.border, pal.text, 0.2), card,
                             width=max(theme.border(), theme.px(2) if hover else 0), border_radius=theme.radius(10))
            x, y = card.x + pad, card.y + pad
            label_block.draw(surface, x, y, pygame.Rect(x, y, text_w, label_block.height))
            y += label_block.height + theme.tsp("xxs")
            value_block.draw(surface, x, y, pygame.Rect(x, y, text_w, value_block.height))
            if editing:
                cx = x + min(text_w - 2, value_font.size(value_text)[0] + theme.px(2))
                pygame.draw.line(surface, pal.text, (cx, y), (cx, y + value_font.get_height()), max(2, theme.px(2)))
                pygame.draw.line(surface, pal.primary, (x, y + value_block.height + 1),
                                 (x + text_w, y + value_block.height + 1), max(1, theme.px(1)))
            if beside:
                dx = x + value_w + gap
                dy = y + value_font.get_ascent() - small.get_ascent()   # on the value's baseline
                desc_block.draw(surface, dx, dy, pygame.Rect(dx, dy, desc_w, desc_block.height))
            else:
                dy = y + value_block.height + theme.tsp("xxs")
                desc_block.draw(surface, x, dy, pygame.Rect(x, dy, text_w, desc_block.height))
            y += value_h
            if meter is not None:
                y += theme.tsp("xs")
                bar = pygame.Rect(x, y, text_w, bar_h)
                draw_bar(surface, theme, bar, fraction(meter, value_now), level_color(pal, meter, value_now))

        item = Item(pygame.Rect(0, top, width, height), render, "state-row", True, row_button, bg=pal.surface)
        holder["item"] = item
        found = [item]
        self.row_items.append(item)
        x = width - ring - pad - control_w
        for button in controls:
            bw = natural_width(theme, button)
            rect = pygame.Rect(x - ring, top + (card_h - controls_h) // 2, bw + 2 * ring, controls_h + 2 * ring)
            found.append(self._button_item(button, rect))
            self.row_buttons.append(button)
            x += bw + theme.tsp("xs")
        return height, found

    def _button_item(self, button: Button, rect: pygame.Rect) -> Item:
        """An item that draws `button` inside `rect` (with room for its focus ring)."""
        return button_item(self.theme, button, rect)

    def reveal_index(self) -> None:
        """Scroll the selected row into view."""
        if 0 <= self.index < len(self.row_items):
            self.view.ensure_visible(self.row_items[self.index].rect, self.theme.sp("s"))

    # ---- input -------------------------------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Close, then the rows and their − / + buttons (− and + first: they lie on top of their row)."""
        found = self.view.buttons()
        controls = [b for b in found if not b.id.startswith("row:")]
        rows = [b for b in found if b.id.startswith("row:")]
        return [self.close] + controls + rows

    def default_focus(self) -> str | None:
        """Nothing: the keys act on the selected row."""
        return None

    def row_named(self, name: str) -> int:
        """The index of a meter's or flag's row."""
        for number, row in enumerate(self.rows):
            if row.name == name:
                return number
        return -1

    def select(self, index: int) -> None:
        """Pick a row (what was typed is dropped)."""
        if not self.rows:
            return
        index = max(0, min(index, len(self.rows) - 1))
        if index != self.index or self.buffer is not None:
            self.index = index
            self.buffer = None
            self.relayout()

    def on_button(self, button_id: str) -> None:
        """A row picks it; − + and Switch change it; Close closes."""
        kind, _, name = button_id.partition(":")
        if kind == "close":
            self.app.pop()
            return
        number = self.row_named(name)
        if number < 0:
            return
        self.select(number)
        row = self.rows[number]
        if kind == "dec":
            self.step(row, -1, bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
        elif kind == "inc":
            self.step(row, 1, bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
        elif kind == "toggle":
            self.step(row, 1, False)

    def on_escape(self) -> None:
        """Esc drops what was typed; else closes the panel."""
        if self.buffer is not None:
            self.buffer = None
            self.relayout()
        else:
            self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        """Arrows pick; − + (and Left/Right) change; typing and Enter set; Space switches; Esc."""
        key = event.key
        mod = getattr(event, "mod", 0)
        text = getattr(event, "unicode", "") or ""
        big = bool(mod & pygame.KMOD_SHIFT)
        row = self.selected
        if key == pygame.K_ESCAPE:
            self.on_escape()
        elif key in (pygame.K_UP, pygame.K_DOWN, pygame.K_TAB):
            down = key == pygame.K_DOWN or (key == pygame.K_TAB and not mod & pygame.KMOD_SHIFT)
            self.select(self.index + (1 if down else -1))
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            if self.view.page(1 if key == pygame.K_PAGEDOWN else -1):
                self.touch()
        elif row is None:
            return
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.focus_visible and self.focus == "close":
                self.app.pop()
            elif self.buffer is not None:
                self.commit()
            elif row.kind == "bool":
                self.step(row, 1, False)
        elif key == pygame.K_BACKSPACE:
            if row.kind == "bool":
                return
            current = self.buffer if self.buffer is not None else (
                str(self.value(row)) if row.kind == "text" else format_value(self.value(row)))
            self.buffer = current[:-1]
            if row.kind != "text":
                self.check_typed(row)
            self.relayout()
        elif row.kind == "text":
            if text and text.isprintable() and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
                self.buffer = (self.buffer or "") + text
                self.relayout()
        elif self.buffer is not None and row.kind != "bool" and (text in ("-", "+") or key in MINUS_KEYS + PLUS_KEYS):
            self.sign(row, text == "-" or (text != "+" and key in MINUS_KEYS))
        elif key in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_KP_MINUS, pygame.K_KP_PLUS) or \
                (self.buffer is None and text in ("-", "+", "=")):
            up = key in (pygame.K_RIGHT, pygame.K_KP_PLUS) or text in ("+", "=")
            self.step(row, 1 if up else -1, big)
        elif key == pygame.K_SPACE and row.kind == "bool":
            self.step(row, 1, False)
        elif row.kind != "bool" and text and (text.isdigit() or text in ".,"):
            self.buffer = (self.buffer or "") + ("." if text == "," else text)
            self.check_typed(row)
            self.relayout()
        elif row.kind == "bool" and text.lower() in ("t", "f", "j", "n", "0", "1"):
            self.set_value(row, text.lower() in ("t", "j", "1"))

    # ---- drawing -------------------------------------------------------------------------------------------
    def frame_key(self) -> object:
        """The frame depends on the selection, the typing and the message too."""
        return (super().frame_key(), self.index, self.buffer, self.message, self.view.offset)

    def compose(self, frame: pygame.Surface) -> None:
        """The dimmed game, the panel with its rows, Close and the message."""
        super().compose(frame)
        self.draw_buttons(frame, [self.close])
        if self.message_block is not None:
            x, y = self.message_pos
            self.message_block.draw(frame, x, y, pygame.Rect(x, y, self.message_block.max_width,
                                                             self.message_block.height))

