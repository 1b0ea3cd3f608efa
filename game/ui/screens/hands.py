"""The show of hands (facilitator mode): the trainer counts the raised hands for each offered choice, and the
choice with the most hands is taken (on a tie the trainer picks one of the leaders); the hands are recorded
with the decision for the debrief and the export."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ...scenario.model import Choice
from ..flow import button_item
from ..icons import icon
from ..textlayout import TextBlock
from ..theme import mix, readable_on
from ..widgets import Button, Item, button_height, layout_row, natural_width
from .overlay import Overlay

if TYPE_CHECKING:
    from .play import PlayScreen

MAX_HANDS = 999
MINUS_KEYS = (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFT)
PLUS_KEYS = (pygame.K_PLUS, pygame.K_KP_PLUS, pygame.K_EQUALS, pygame.K_RIGHT)
DIGIT_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(10)}
DIGIT_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(10)})
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)


@dataclass
class Tally:
    """The counted hands for the choices on offer, in their order on the play screen."""

    choices: list[Choice]
    counts: list[int]

    def votes(self) -> dict[str, int]:
        """Choice key -> hands, as Engine.choose takes them."""
        return {c.key: n for c, n in zip(self.choices, self.counts)}

    def leaders(self) -> list[int]:
        """The indexes of the choices with the most hands (none while nobody raised a hand)."""
        top = max(self.counts, default=0)
        return [i for i, n in enumerate(self.counts) if n == top] if top > 0 else []

    def winner(self) -> int | None:
        """The index of the one choice with the most hands; None while nothing is counted or on a tie."""
        leaders = self.leaders()
        return leaders[0] if len(leaders) == 1 else None

    def tied(self) -> bool:
        """True when two or more choices share the most hands."""
        return len(self.leaders()) > 1


def clamp_hands(value: int) -> int:
    """A count of hands: a whole number from 0 to MAX_HANDS."""
    return max(0, min(MAX_HANDS, int(value)))


class HandsScreen(Overlay):
    """Over the choice screen: a row per choice with its count and − / +; take the majority, or cancel."""

    name = "hands"

    def __init__(self, app, play: PlayScreen, counts: list[int] | None = None) -> None:  # type: ignore[no-untyped-def]
        """Count hands for the choices `play` offers now (all at 0 unless `counts` are given)."""
        super().__init__(app)
        self.play = play
        choices = play.engine.available_choices()
        start = list(counts or [])[:len(choices)]
        self.tally = Tally(choices, [clamp_hands(n) for n in start] + [0] * (len(choices) - len(start)))
        self.index = 0
        self.typing = False
        self.footer: list[Button] = []
        self.cancel = Button("cancel", "")
        self.cancel_on_top = True
        self.row_items: list[Item] = []
        self.message_block: TextBlock | None = None
        self.message_pos = (0, 0)
        self.message_icon = False
        self._dim_key: object = None

    # ---- the count ----------------------------------------------------------------------------------
    def texts(self) -> list[str]:
        """The choices' texts in the play language."""
        engine = self.play.engine
        return [engine.text(c.text, self.lang) for c in self.tally.choices]

    def set_count(self, index: int, value: int, typing: bool = False) -> None:
        """Set the hands of row `index` (clamped to 0…999) and select that row."""
        if not 0 <= index < len(self.tally.counts):
            return
        self.index = index
        self.tally.counts[index] = clamp_hands(value)
        self.typing = typing
        self.relayout()

    def step(self, index: int, amount: int) -> None:
        """− or +: one hand fewer or more."""
        if 0 <= index < len(self.tally.counts):
            self.set_count(index, self.tally.counts[index] + amount)

    def type_digit(self, digit: int) -> None:
        """A typed digit: the first one replaces the count of the selected row, the next ones append."""
        current = self.tally.counts[self.index] if self.typing else 0
        self.set_count(self.index, current * 10 + digit, typing=True)

    def select(self, index: int) -> None:
        """Pick a row for the keys (typing starts afresh there)."""
        if not self.tally.choices:
            return
        index = max(0, min(index, len(self.tally.choices) - 1))
        if index != self.index or self.typing:
            self.index = index
            self.typing = False
            self.relayout()
        self.reveal_index()

    def take(self, index: int) -> None:
        """Close the overlay and take choice `index` with the counted hands, as a click on it would."""
        if not 0 <= index < len(self.tally.choices):
            return
        choice, votes = self.tally.choices[index], self.tally.votes()
        self.app.pop()
        self.play.choose(choice, votes=votes)

    def confirm(self) -> None:
        """Take the choice with the most hands (nothing while nothing is counted or on a tie)."""
        winner = self.tally.winner()
        if winner is not None:
            self.take(winner)

    # ---- layout -------------------------------------------------------------------------------------
    def layout(self) -> None:
        """A centred panel: the title with Cancel beside it, the rows scrolling below, then the message (why the
        confirm button waits, or the tie) and the confirm button."""
        theme, pal = self.theme, self.pal
        w, h = theme.size
        if self._dim_key != (theme.key, self.lang):
            self._dimmed = None   # the play screen below looks different now (a count changing does not change it)
            self._dim_key = (theme.key, self.lang)
        if self.play.phase == "choosing":   # the offer may have changed (developer mode's state panel)
            self.refresh_choices()
        margin = theme.sp("m")
        pad = theme.tsp("l") if theme.text_scale < 1.5 else theme.tsp("m")
        width = min(w - 2 * margin, max(theme.px(860), 40 * theme.text_px("body")))
        inner = width - 2 * pad
        leaders = self.tally.leaders()
        tied = len(leaders) > 1
        self.cancel = Button("cancel", self.tr("hands_cancel"))
        self.footer = [Button("confirm", self.tr("hands_take"), "primary", enabled=self.tally.winner() is not None)]
        # the title, with Cancel at its right (below the rows when the title would be squeezed)
        font = theme.font("h2", "bold")
        cancel_w = natural_width(theme, self.cancel) + 2 * (theme.focus_width() + 2)
        title_w = inner - cancel_w - theme.tsp("m")
        cancel_on_top = title_w >= font.size(self.tr("hands_title"))[0] or title_w >= 8 * theme.text_px("h2")
        self.cancel_on_top = cancel_on_top
        if cancel_on_top:
            self.title_block = TextBlock.make(self.tr("hands_title"), font, pal.text, title_w,
                                              line_height=theme.line_height(font))
            top_h = max(self.title_block.height, layout_row(theme, [self.cancel], pygame.Rect(0, 0, inner, 0)))
        else:
            self.title_block = TextBlock.make(self.tr("hands_title"), font, pal.text, inner,
                                              line_height=theme.line_height(font))
            self.footer.insert(0, self.cancel)
            top_h = self.title_block.height
        # the message: beside the confirm button when there is room, else above it
        if tied:
            message = self.tr("hands_tie")
        else:
            message = self.tr("hands_leader", number=leaders[0] + 1) if leaders else self.tr("hands_none")
        self.message_icon = tied
        mfont = theme.font("body", "regular" if not leaders else "bold")
        icon_w = mfont.get_height() + theme.tsp("s") if tied else 0
        confirm_w = natural_width(theme, self.footer[-1]) + 2 * (theme.focus_width() + 2) + theme.tsp("l")
        beside_w = inner - confirm_w - icon_w
        beside = message is not None and len(self.footer) == 1 and beside_w >= 10 * theme.text_px("body")
        self.message_block = TextBlock.make(message, mfont, pal.text if leaders or pal.high_contrast else pal.muted,
                                            beside_w if beside else inner - icon_w,
                                            line_height=theme.line_height(mfont)) if message else None
        footer_h = layout_row(theme, self.footer, pygame.Rect(0, 0, inner, 0))
        message_h = self.message_block.height + theme.tsp("s") if self.message_block is not None and not beside else 0
        if beside and self.message_block is not None:
            footer_h = max(footer_h, self.message_block.height)
        head = pad + top_h + theme.tsp("s")
        content_w = inner - theme.px(12)    # room for the scrollbar
        room = h - 2 * margin
        items, content_h = self.content(content_w, tied, leaders, True)
        body_room = room - head - theme.tsp("m") - message_h - footer_h - pad
        tallest = max((item.rect.height for item in self.row_items), default=0)
        if message_h and body_room < tallest + theme.sp("s"):
            # cramped (large text, small window): the tie goes above the rows and scrolls with them; who leads
            # (the row with the bold border) or that nothing is counted yet is left unsaid
            notice = TextBlock.make(message or "", mfont, self.message_block.color, content_w - icon_w,
                                    line_height=theme.line_height(mfont)) if tied else None
            self.message_block, message_h = None, 0
            body_room = room - head - theme.tsp("m") - footer_h - pad
            items, content_h = self.content(content_w, tied, leaders, False, notice)
        elif self.row_items and self.row_items[0].rect.bottom > body_room:
            items, content_h = self.content(content_w, tied, leaders, False)   # no room: the rows before the help
        height = min(room, head + content_h + theme.tsp("m") + message_h + footer_h + pad)
        self.rect = pygame.Rect((w - width) // 2, (h - height) // 2, width, height)
        x, y = self.rect.x + pad, self.rect.y + pad
        self.title_pos = (x, y + (top_h - self.title_block.height) // 2)
        if cancel_on_top:
            row_h = layout_row(theme, [self.cancel], pygame.Rect(x, 0, inner, 0))
            self.cancel.rect.move_ip(0, y + (top_h - row_h) // 2)
        footer_top = self.rect.bottom - pad - footer_h
        row_h = layout_row(theme, self.footer, pygame.Rect(x, 0, inner, 0))
        for button in self.footer:
            button.rect.move_ip(0, footer_top + (footer_h - row_h) // 2)
        if self.message_block is not None:
            self.message_pos = (x + icon_w, footer_top + (footer_h - self.message_block.height) // 2) if beside \
                else (x + icon_w, footer_top - message_h)
        body_bottom = footer_top - message_h - theme.tsp("s")
        viewport = pygame.Rect(x - theme.sp("s"), self.rect.y + head, inner + theme.sp("s"),
                               max(1, body_bottom - self.rect.y - head))
        for item in items:
            item.rect.x += theme.sp("s")    # room for the focus rings at the left
        self.view.set_content(viewport, items, content_h)
        self.reveal_index()

    def refresh_choices(self) -> None:
        """Follow the choices on offer now, keeping the counts of those still offered."""
        choices = self.play.engine.available_choices()
        if [c.key for c in choices] == [c.key for c in self.tally.choices]:
            return
        old = {c.key: n for c, n in zip(self.tally.choices, self.tally.counts)}
        self.tally = Tally(choices, [old.get(c.key, 0) for c in choices])
        self.index = max(0, min(self.index, len(choices) - 1))

    def content(self, width: int, tied: bool, leaders: list[int], with_help: bool,
                notice: TextBlock | None = None) -> tuple[list[Item], int]:
        """The message (when it scrolls with the rows), the help line (when wanted), then one card per choice."""
        theme, pal = self.theme, self.pal
        items: list[Item] = []
        y = 0
        if notice is not None:
            size = notice.font.get_height()
            icon_w = size + theme.tsp("s") if tied else 0
            colour = pal.mixed if not pal.high_contrast else pal.text

            def render(surface: pygame.Surface) -> None:
                if tied:
                    surface.blit(icon("warning", size, colour), (0, 0))
                notice.draw(surface, icon_w, 0, pygame.Rect(icon_w, 0, notice.max_width, notice.height))

            items.append(Item(pygame.Rect(0, 0, width, notice.height), render, "hands-message", bg=pal.surface))
            y = notice.height + theme.tsp("s")
        if with_help:
            font = theme.font("small")
            help_block = TextBlock.make(self.tr("hands_help"), font, pal.text if pal.high_contrast else pal.muted,
                                        width, line_height=theme.line_height(font))
            items.append(Item(pygame.Rect(0, y, width, help_block.height),
                              lambda s: help_block.draw(s, 0, 0, s.get_rect()), "hands-help", bg=pal.surface))
            y += help_block.height + theme.tsp("s")
        self.row_items = []
        for index, text in enumerate(self.texts()):
            height, found = self.row(index, text, y, width, tied and index in leaders, index in leaders)
            items.extend(found)
            y += height + theme.tsp("xs")
        return items, y

    def row(self, index: int, text: str, top: int, width: int, pickable: bool,
            leading: bool) -> tuple[int, list[Item]]:
        """One choice: its number and text, and its count between − and + (with 'Take this one' on a tie);
        the controls beside the text when there is room, else below it."""
        theme, pal = self.theme, self.pal
        ring = theme.focus_width() + 2
        pad = theme.tsp("m")
        gap = theme.tsp("s")
        count = self.tally.counts[index]
        text_font = theme.font("body", "semibold")
        count_font = theme.font("h2", "bold")
        unit_font = theme.font("small")
        badge_font = theme.font("body", "bold")
        badge = round(badge_font.get_height() * 1.35)
        minus, plus = Button(f"dec:{index}", "−"), Button(f"inc:{index}", "+", enabled=count < MAX_HANDS)
        minus.enabled = count > 0
        pick = Button(f"pick:{index}", self.tr("hands_pick"), "primary") if pickable else None
        step_h = button_height(theme, plus, natural_width(theme, plus))
        step_w = max(natural_width(theme, plus), natural_width(theme, minus), step_h)
        unit = self.tr("hands_unit_1" if count == 1 else "hands_unit")
        count_w = max(count_font.size("999")[0], unit_font.size(self.tr("hands_unit"))[0],
                      unit_font.size(self.tr("hands_unit_1"))[0]) + theme.tsp("s")
        count_h = count_font.get_height() + unit_font.get_height()
        cluster_w = step_w + gap + count_w + gap + step_w
        cluster_h = max(step_h, count_h)
        pick_w = min(natural_width(theme, pick), width - 2 * ring - 2 * pad) if pick else 0
        pick_h = button_height(theme, pick, pick_w) if pick else 0
        card_w = width - 2 * ring
        full_text_w = card_w - 2 * pad - badge - theme.tsp("m")
        # the controls: 'Take this one' left of the count when it fits on one line, else below it; all of it
        # beside the text when the text keeps room enough, else below the text
        inline = (pick_w + theme.tsp("m") + cluster_w, max(cluster_h, pick_h)) if pick else (cluster_w, cluster_h)
        stacked = (max(cluster_w, pick_w), cluster_h + gap + pick_h) if pick else inline
        min_text = 11 * theme.text_px("body")
        line_h = theme.line_height(text_font)

        def card_height(beside: bool, size: tuple[int, int]) -> tuple[int, TextBlock]:
            """The card's height with the controls `size` beside or below the text, and the text wrapped so."""
            text_w = full_text_w - size[0] - theme.tsp("l") if beside else full_text_w
            block = TextBlock.make(text, text_font, pal.text, max(10, text_w), line_height=line_h)
            text_h = max(block.height, badge)
            return (max(text_h, size[1]) if beside else text_h + theme.tsp("s") + size[1]) + 2 * pad, block

        # of the arrangements that fit, the lowest card (beside before below, on one line before stacked)
        options = [(True, False, inline), (True, True, stacked), (False, False, inline), (False, True, stacked)]
        fitting = [o for o in options if (full_text_w - o[2][0] - theme.tsp("l") >= min_text if o[0]
                                          else o[2][0] <= full_text_w)] or options[-1:]
        measured = [(card_height(o[0], o[2]), o) for o in fitting]
        (card_h, block), (beside, one_above_other, (box_w, box_h)) = min(measured, key=lambda m: m[0][0])
        text_w = max(10, block.max_width)
        text_h = max(block.height, badge)
        if beside:
            box = pygame.Rect(card_w - pad - box_w, pad + (card_h - 2 * pad - box_h) // 2, box_w, box_h)
        else:
            box = pygame.Rect(pad + badge + theme.tsp("m"), pad + text_h + theme.tsp("s"), box_w, box_h)
        if one_above_other and pick is not None:
            cluster = pygame.Rect(box.right - cluster_w, box.y, cluster_w, cluster_h)
            pick_rect = pygame.Rect(box.right - pick_w, box.y + cluster_h + gap, pick_w, pick_h)
        else:
            cluster = pygame.Rect(box.right - cluster_w, box.y + (box_h - cluster_h) // 2, cluster_w, cluster_h)
            pick_rect = pygame.Rect(box.x, box.y + (box_h - pick_h) // 2, pick_w, pick_h)
        text_top = (card_h - 2 * pad - text_h) // 2 if beside else 0   # the text centred beside taller controls
        height = card_h + 2 * ring
        selected = index == self.index
        typing = selected and self.typing
        count_rect = pygame.Rect(cluster.x + step_w + gap, cluster.y + (cluster_h - count_h) // 2, count_w, count_h)
        count_block = TextBlock.make(str(count), count_font, pal.primary if leading and not pal.high_contrast
                                     else pal.text, count_w, align="center")
        unit_block = TextBlock.make(unit, unit_font, pal.text if pal.high_contrast else pal.muted, count_w,
                                    align="center")
        fill = mix(pal.surface, pal.primary, 0.06) if selected and not pal.high_contrast else pal.surface

        def render(surface: pygame.Surface) -> None:
            card = pygame.Rect(ring, ring, card_w, card_h)
            if selected:
                pygame.draw.rect(surface, pal.focus, card.inflate(2 * ring - 2, 2 * ring - 2),
                                 width=theme.focus_width(), border_radius=theme.radius(10) + ring)
            pygame.draw.rect(surface, fill, card, border_radius=theme.radius(10))
            edge = pal.primary if leading else (pal.border if pal.high_contrast else mix(pal.border, pal.text, 0.2))
            pygame.draw.rect(surface, edge, card, width=max(theme.border(), theme.px(3) if leading else 0),
                             border_radius=theme.radius(10))
            x, y = card.x + pad, card.y + pad + text_top
            circle = pygame.Rect(x, y, badge, badge)
            pygame.draw.ellipse(surface, pal.primary, circle)
            number = TextBlock.make(str(index + 1), badge_font, readable_on(pal.primary), badge, align="center")
            number.draw(surface, circle.x, circle.centery - number.height // 2, circle)
            tx = x + badge + theme.tsp("m")
            ty = y + max(0, (badge - text_font.get_height()) // 2) if len(block.lines) == 1 else y
            block.draw(surface, tx, ty, pygame.Rect(tx, ty, max(10, text_w), block.height))
            box = count_rect.move(ring, ring)
            count_block.draw(surface, box.x, box.y, pygame.Rect(box.x, box.y, count_w, count_font.get_height()))
            unit_y = box.y + count_font.get_height()
            unit_block.draw(surface, box.x, unit_y, pygame.Rect(box.x, unit_y, count_w, unit_font.get_height()))
            if typing:   # a line under the number: digits typed now go here
                line_y = box.y + count_font.get_ascent() + theme.px(4)
                pygame.draw.line(surface, pal.focus, (box.x + theme.px(4), line_y), (box.right - theme.px(4), line_y),
                                 max(2, theme.px(3)))

        item = Item(pygame.Rect(0, top, width, height), render, "hands-row", True, None, bg=pal.surface)
        self.row_items.append(item)
        found = [item]
        controls: list[tuple[Button, pygame.Rect]] = [
            (minus, pygame.Rect(cluster.x, cluster.y + (cluster_h - step_h) // 2, step_w, step_h)),
            (plus, pygame.Rect(cluster.right - step_w, cluster.y + (cluster_h - step_h) // 2, step_w, step_h))]
        if pick is not None:
            controls.append((pick, pick_rect))
        for button, rect in controls:
            # the button item covers the button and its focus ring; `rect` is the button in the card
            found.append(button_item(theme, button, pygame.Rect(rect.x, top + rect.y, rect.width + 2 * ring,
                                                                rect.height + 2 * ring), fill))   # opaque: faster
        return height, found

    def reveal_index(self) -> None:
        """Scroll the selected row into view."""
        if 0 <= self.index < len(self.row_items):
            rect = self.row_items[self.index].rect
            margin = self.theme.sp("s")
            if self.index == 0:   # the first row with the help above it
                rect = pygame.Rect(rect.x, 0, rect.width, rect.bottom)
            if rect.height + 2 * margin > self.view.viewport.height:   # taller than the view: its top (the text)
                self.view.offset = self.view.clamp(self.row_items[self.index].rect.top - margin)
            else:
                self.view.ensure_visible(rect, margin)

    # ---- input ---------------------------------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Each row's − / + (and 'Take this one'), then Cancel and the confirm button."""
        return self.view.buttons() + self.footer + ([self.cancel] if self.cancel_on_top else [])

    def default_focus(self) -> str | None:
        """Nothing: Enter takes the majority (or, on a tie, the selected leader)."""
        return None

    def move_focus(self, step: int) -> None:
        """Tab moves the focus through the buttons; on a row's button it also selects that row."""
        super().move_focus(step)
        row = self.row_of(self.focus)
        if row is not None and row != self.index:
            self.index = row
            self.typing = False
            self.relayout()

    @staticmethod
    def row_of(button_id: str | None) -> int | None:
        """The row a button belongs to (None for Cancel and the confirm button)."""
        if button_id is None:
            return None
        kind, _, number = button_id.partition(":")
        return int(number) if kind in ("dec", "inc", "pick") and number.isdigit() else None

    def on_button(self, button_id: str) -> None:
        """− / + change a count, 'Take this one' takes a tied choice, confirm takes the majority, Cancel closes."""
        if button_id == "cancel":
            self.app.pop()
        elif button_id == "confirm":
            self.confirm()
        else:
            row = self.row_of(button_id)
            if row is None:
                return
            if button_id.startswith("dec:"):
                self.step(row, -1)
            elif button_id.startswith("inc:"):
                self.step(row, 1)
            elif row in self.tally.leaders() and self.tally.tied():
                self.take(row)

    def on_background_click(self, pos: tuple[int, int]) -> None:
        """A click on a row selects it (typed digits then go there)."""
        item = self.view.item_at(pos)
        if item is not None and item in self.row_items:
            self.select(self.row_items.index(item))

    def on_escape(self) -> None:
        """Esc cancels: nothing is chosen."""
        self.app.pop()

    def on_key(self, event: pygame.event.Event) -> None:
        """Up/Down pick a row; − + Left Right change it; digits type it; Enter takes; Tab moves; Esc cancels."""
        key = event.key
        text = getattr(event, "unicode", "") or ""
        mod = getattr(event, "mod", 0)
        if mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return
        if key == pygame.K_ESCAPE:
            self.on_escape()
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.focus_visible = False
            self.select(self.index + (1 if key == pygame.K_DOWN else -1))
            self.touch()
        elif key in ENTER_KEYS or key == pygame.K_SPACE:
            self.enter(key in ENTER_KEYS)
        elif text == "-" or (key in MINUS_KEYS and text != "+"):
            self.step(self.index, -1)
        elif text in ("+", "=") or key in PLUS_KEYS:
            self.step(self.index, 1)
        elif text.isdigit() and len(text) == 1:
            self.type_digit(int(text))
        elif key in DIGIT_KEYS and not text:
            self.type_digit(DIGIT_KEYS[key])
        elif key == pygame.K_BACKSPACE:
            self.set_count(self.index, self.tally.counts[self.index] // 10, typing=True)
        elif key == pygame.K_DELETE:
            self.set_count(self.index, 0)
        else:
            super().on_key(event)   # Tab, Page Up/Down, Home/End

    def enter(self, enter: bool) -> None:
        """Enter or Space: the focused button when Tab put the focus on one; else (Enter only) the majority, or
        on a tie the selected row when it is one of the leaders."""
        if self.focus_visible and self.focus is not None and any(b.id == self.focus for b in self.buttons()):
            self.activate_focus()
            return
        if not enter or self.play.phase != "choosing":
            return
        if self.tally.tied():
            if self.index in self.tally.leaders():
                self.take(self.index)
        else:
            self.confirm()

    # ---- drawing -------------------------------------------------------------------------------------------
    def frame_key(self) -> object:
        """The frame depends on the scroll position too."""
        return (super().frame_key(), self.view.offset)

    def compose(self, frame: pygame.Surface) -> None:
        """The dimmed play screen, the panel with its rows, the message and the buttons."""
        super().compose(frame)
        if self.message_block is not None:
            x, y = self.message_pos
            if self.message_icon:
                size = self.message_block.font.get_height()
                frame.blit(icon("warning", size, self.pal.mixed if not self.pal.high_contrast else self.pal.text),
                           (x - size - self.theme.tsp("s"), y))
            self.message_block.draw(frame, x, y, pygame.Rect(x, y, self.message_block.max_width,
                                                             self.message_block.height))
        self.draw_buttons(frame, self.footer + ([self.cancel] if self.cancel_on_top else []))
