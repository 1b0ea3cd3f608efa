"""The action panel: continue, the choices (with countdown), or the feedback — beside the scene in its
own box, or inline below it when the window is narrow or the text large."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from ..engine.engine import ChoiceResult
from ..scenario.model import Choice, Meter
from .flow import Flow
from .icons import icon
from .meters import change_color, draw_bar, format_delta, format_value, fraction
from .textlayout import TextBlock, render_line
from .theme import Color, Theme, mix
from .widgets import Button, Item, ScrollView, draw_button, layout_row, panel

BAR_SECONDS = 0.9


@dataclass
class MeterChange:
    """A meter's change in the feedback; `bar` is relative to its item."""

    meter: Meter
    before: float
    after: float
    item: Item
    bar: pygame.Rect


@dataclass
class Heading:
    """The panel's title, with an optional status icon and colour."""

    text: str
    color: Color
    icon: str | None = None


class ActionPanel:
    """What the player can do now. `inline` puts the heading into the flow (for the stacked layout)."""

    def __init__(self, theme: Theme, width: int, inline: bool = False) -> None:
        """An empty panel `width` wide."""
        self.theme = theme
        self.inline = inline
        self.width = width
        self.pad = 0 if inline else theme.tsp("l")
        self.flow = Flow(theme, width - 2 * self.pad - (0 if inline else theme.px(10)), theme.palette.surface)
        self.heading: Heading | None = None
        self.heading_block: TextBlock | None = None
        self.footer: list[Button] = []
        self.timer = False
        self.changes: list[MeterChange] = []
        self.view = ScrollView("actions")
        self.rect = pygame.Rect(0, 0, width, 0)
        self.timer_rect: pygame.Rect | None = None
        self.heading_pos = (0, 0)
        self._shifted = False

    # ---- content ---------------------------------------------------------------------
    def _heading(self, heading: Heading | None) -> None:
        """Set the heading; inline, it becomes the first item of the flow."""
        self.heading = heading
        if heading is None:
            return
        theme = self.theme
        font = theme.font("h3", "bold")
        icon_w = font.get_height() + theme.tsp("s") if heading.icon else 0
        width = (self.flow.width if self.inline else self.width - 2 * self.pad) - icon_w
        block = TextBlock.make(heading.text, font, heading.color, width, line_height=theme.line_height(font))
        self.heading_block = block
        if self.inline:
            def render(surface: pygame.Surface) -> None:
                if heading.icon:
                    surface.blit(icon(heading.icon, font.get_height(), heading.color), (0, 0))
                block.draw(surface, icon_w, 0, pygame.Rect(icon_w, 0, width, block.height))

            self.flow.add(block.height, render, "heading")
            self.flow.gap("s")

    def _note(self, note: str | None, label: str) -> None:
        """The facilitator's note as a highlighted block."""
        if not note:
            return
        flow, theme, pal = self.flow, self.theme, self.theme.palette
        pad = theme.tsp("m")
        title = TextBlock.make(label, theme.font("small", "bold"), pal.text, flow.width - 2 * pad)
        body = theme.font("small")
        text = TextBlock.make(note, body, pal.text, flow.width - 2 * pad, line_height=theme.line_height(body))
        height = pad + title.height + theme.tsp("xs") + text.height + pad
        fill = pal.surface if pal.high_contrast else (255, 244, 201)

        def render(surface: pygame.Surface) -> None:
            rect = surface.get_rect()
            pygame.draw.rect(surface, fill, rect, border_radius=theme.radius(8))
            pygame.draw.rect(surface, pal.border if pal.high_contrast else pal.focus, rect,
                             width=max(2, theme.border()), border_radius=theme.radius(8))
            inner = rect.inflate(-2 * pad, -2 * pad)
            title.draw(surface, pad, pad, inner)
            text.draw(surface, pad, pad + title.height + theme.tsp("xs"), inner)

        flow.add(height, render, "note")
        flow.gap("m")

    def show_continue(self, label: str, hint: str | None, note: str | None, note_label: str) -> None:
        """Only a Continue button (and a hint or the facilitator's note)."""
        self._heading(None)
        self._note(note, note_label)
        if hint and not self.inline:
            self.flow.text(hint, "small", "regular", self.theme.palette.muted, name="hint")
        self.footer = [Button("continue", label, "primary")]

    def show_message(self, heading: Heading, text: str, label: str) -> None:
        """A heading, a paragraph and one button (the developer mode's dead-end notice)."""
        self._heading(heading)
        self.flow.text(text, "body", name="message")
        self.footer = [Button("continue", label, "primary")]

    def show_choices(self, title: str, choices: list[tuple[Choice, str]], timer: bool, note: str | None,
                     note_label: str) -> list[Button]:
        """The choices as large numbered buttons."""
        self._heading(Heading(title, self.theme.palette.text) if title else None)
        self._note(note, note_label)
        buttons = []
        for number, (choice, label) in enumerate(choices, 1):
            button = Button(f"choice:{choice.index}", label, "choice", badge=str(number) if number <= 9 else None)
            self.flow.button(button)
            self.flow.gap("s")
            buttons.append(button)
        self.timer = timer
        return buttons

    def show_feedback(self, heading: Heading, chose: str, feedback: str, result: ChoiceResult,
                      meters: dict[str, Meter], labels: dict[str, str], from_to: str, continue_label: str,
                      note: str | None, note_label: str) -> None:
        """What the choice did: the explanation and the meters' changes as bars."""
        theme, pal, flow = self.theme, self.theme.palette, self.flow
        self._heading(heading)
        flow.text(chose, "small", "semibold", pal.muted, name="chose")
        flow.gap("m")
        if feedback:
            flow.text(feedback, "body", "regular", pal.text, name="feedback")
            flow.gap("l")
        small = theme.font("small", "semibold")
        bold = theme.font("small", "bold")
        bar_h = max(theme.px(10), round(small.get_height() * 0.4))
        for meter_id, (before, after) in result.deltas.items():
            meter = meters.get(meter_id)
            if meter is None or meter.hidden:
                continue
            delta_text = format_delta(before, after)
            delta_w = bold.size(delta_text)[0] + 2
            label_block = TextBlock.make(labels.get(meter_id, meter_id), small, pal.text, flow.width - delta_w - theme.tsp("m"))
            value_block = TextBlock.make(from_to.format(before=format_value(before), after=format_value(after)),
                                         theme.font("caption"), pal.muted, flow.width)
            color = change_color(pal, meter, before, after)
            bar = pygame.Rect(0, label_block.height + theme.tsp("xs"), flow.width, bar_h)
            height = bar.bottom + theme.tsp("xs") + value_block.height

            def render(surface: pygame.Surface, label_block: TextBlock = label_block, value_block: TextBlock = value_block,
                       bar: pygame.Rect = bar, meter: Meter = meter, before: float = before, after: float = after,
                       color: Color = color, delta_text: str = delta_text, delta_w: int = delta_w) -> None:
                rect = surface.get_rect()
                label_block.draw(surface, 0, 0, rect)
                dx = rect.width - delta_w
                TextBlock.make(delta_text, bold, color, delta_w).draw(surface, dx, 0,
                                                                      pygame.Rect(dx, 0, delta_w, bold.get_height()))
                draw_bar(surface, theme, bar, fraction(meter, after), color, fraction(meter, before),
                         mix(color, pal.surface, 0.6))
                value_block.draw(surface, 0, bar.bottom + theme.tsp("xs"), rect)

            item = flow.add(height, render, "meter-change")
            self.changes.append(MeterChange(meter, before, after, item, bar))
            flow.gap("m")
        self._note(note, note_label)
        self.footer = [Button("continue", continue_label, "primary")]

    # ---- placing (side layout) -----------------------------------------------------------
    def natural_height(self) -> int:
        """The height the boxed panel needs to show everything without scrolling."""
        return self._place(pygame.Rect(0, 0, self.width, 100_000), measure=True)

    def place(self, rect: pygame.Rect) -> None:
        """Put the boxed panel in `rect`: heading and countdown on top, the body scrolling, the footer below."""
        self._place(rect, measure=False)

    def _place(self, rect: pygame.Rect, measure: bool) -> int:
        """Lay out in `rect`; returns the natural height."""
        theme, pad = self.theme, self.pad
        inner_w = rect.width - 2 * pad
        y = rect.y + pad
        if self.heading_block is not None and self.heading is not None:
            icon_w = self.heading_block.font.get_height() + theme.tsp("s") if self.heading.icon else 0
            self.heading_pos = (rect.x + pad + icon_w, y)
            y += self.heading_block.height + theme.tsp("s")
        self.timer_rect = None
        if self.timer:
            height = theme.font("body", "bold").get_height()
            self.timer_rect = pygame.Rect(rect.x + pad, y, inner_w, height)
            y += height + theme.tsp("m")
        footer_h = layout_row(theme, self.footer, pygame.Rect(rect.x + pad, 0, inner_w, 0)) if self.footer else 0
        natural = (y - rect.y) + self.flow.height + (footer_h + theme.tsp("s") if self.footer else 0) + pad
        if measure:
            return natural
        self.rect = pygame.Rect(rect)
        body_bottom = rect.bottom - pad - (footer_h + theme.tsp("s") if self.footer else 0)
        for button in self.footer:
            button.rect.move_ip(0, body_bottom + theme.tsp("s"))
        viewport = pygame.Rect(rect.x + pad - theme.sp("s"), y, inner_w + theme.sp("s"), max(1, body_bottom - y))
        if not self._shifted:
            for item in self.flow.items:
                item.rect.x += theme.sp("s")
            self._shifted = True
        self.view.set_content(viewport, self.flow.items, self.flow.height, keep_offset=False)
        return natural

    # ---- drawing ---------------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Body buttons then footer buttons, in screen coordinates."""
        return self.view.buttons() + self.footer

    def draw(self, surface: pygame.Surface, hover: str | None, focus: str | None) -> None:
        """The boxed panel: box, heading, body and footer."""
        theme = self.theme
        panel(surface, theme, self.rect, fill=theme.palette.surface, radius=theme.radius(12))
        if self.heading_block is not None and self.heading is not None:
            x, y = self.heading_pos
            if self.heading.icon:
                size = self.heading_block.font.get_height()
                surface.blit(icon(self.heading.icon, size, self.heading.color), (x - size - theme.tsp("s"), y))
            self.heading_block.draw(surface, x, y, pygame.Rect(x, y, self.rect.right - self.pad - x,
                                                               self.heading_block.height))
        self.view.draw(surface, theme, hover, focus)
        self.draw_footer(surface, hover, focus)

    def draw_footer(self, surface: pygame.Surface, hover: str | None, focus: str | None) -> None:
        """The footer buttons."""
        for button in self.footer:
            draw_button(surface, self.theme, button, button.rect, button.id == hover, button.id == focus)

    def draw_timer(self, surface: pygame.Surface, left: float, total: float, label: str) -> None:
        """The countdown: seconds left and a shrinking bar (red in the last ten seconds)."""
        if self.timer_rect is None:
            return
        theme, pal = self.theme, self.theme.palette
        rect = self.timer_rect
        surface.fill(pal.surface, rect)
        font = theme.font("body", "bold")
        color = pal.bad if left <= 10 else pal.text
        size = font.get_height()
        surface.blit(icon("clock", size, color), rect.topleft)
        text = render_line(font, label, color)
        surface.blit(text, (rect.x + size + theme.tsp("s"), rect.y))
        bar_x = rect.x + size + theme.tsp("s") + text.get_width() + theme.tsp("m")
        bar = pygame.Rect(bar_x, rect.centery - theme.px(5), max(0, rect.right - bar_x), theme.px(10))
        if bar.width > theme.px(30):
            draw_bar(surface, theme, bar, left / max(0.001, total), color)

    def draw_changes(self, surface: pygame.Surface, view: ScrollView, elapsed: float, reduced: bool) -> bool:
        """Animate the meter bars filling to their new values; True while moving."""
        if reduced or elapsed >= BAR_SECONDS or not self.changes:
            return False
        t = max(0.0, elapsed / BAR_SECONDS)
        eased = 1 - (1 - t) ** 3
        theme, pal = self.theme, self.theme.palette
        old = surface.get_clip()
        surface.set_clip(view.viewport.clip(old))
        for change in self.changes:
            origin = view.to_screen(change.item.rect)
            rect = change.bar.move(origin.x, origin.y)
            value = change.before + (change.after - change.before) * eased
            color = change_color(pal, change.meter, change.before, change.after)
            surface.fill(pal.surface, rect)
            draw_bar(surface, theme, rect, fraction(change.meter, value), color, fraction(change.meter, change.before),
                     mix(color, pal.surface, 0.6))
        surface.set_clip(old)
        return True
