"""The play screen: HUD, the scene on its stage, and the action panel (continue, choices, feedback)."""

from __future__ import annotations

import pygame

from ...engine.engine import ChoiceResult, EngineError, NoChoiceError
from ...scenario.model import Choice, Line
from ..actions import ActionPanel, Heading
from ..hud import Hud
from ..scenes.context import SceneContext
from ..scenes.linebox import LineBox
from ..scenes.stacked import PinnedQuestion, StackedStage, column_width
from ..scenes.stage import Stage, make_content
from ..session import Session
from ..widgets import Button, Item, ScrollView, layout_row
from ..theme import Theme
from .base import ACTIVATE_KEYS, Screen

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})
HUD_SECONDS = 0.9
HUD_MAX_TEXT = 1.5  # the HUD is secondary: it grows with the text size, but only up to 150 %


class PlayScreen(Screen):
    """Plays the session's engine scene by scene."""

    name = "play"

    def __init__(self, app, session: Session) -> None:  # type: ignore[no-untyped-def]
        """Start at the engine's current scene."""
        super().__init__(app)
        self.session = session
        self.engine = session.engine
        self.hud: Hud | None = None
        self.panel: ActionPanel | None = None
        self.stage: Stage | None = None
        self.view = ScrollView("stage")
        self.choice_buttons: list[Button] = []
        self.result: ChoiceResult | None = None
        self.hud_from: dict[str, float] = dict(self.engine.state.meters)
        self.hud_time = HUD_SECONDS
        self.content = None
        self.stacked: StackedStage | None = None
        self.footer_rect = pygame.Rect(0, 0, 0, 0)
        self.pinned: PinnedQuestion | None = None
        self.scroll_request: str | None = "top"
        self.elapsed_feedback = 0.0
        self.enter_scene()

    # ---- state -------------------------------------------------------------------
    @property
    def ctx(self) -> SceneContext:
        """The scene context for the current theme and language."""
        return SceneContext(self.theme, self.engine, self.engine.scene, self.lang,
                            self.app.settings.reduced_motion, self.session.facilitator)

    def enter_scene(self) -> None:
        """Show the engine's current scene from its first line."""
        self.scene = self.engine.scene
        self.line_index = 0
        self.typed: float | None = 0.0
        self.elapsed = 0.0
        self.phase = "reading"
        self.timer_left: float | None = None
        self.result = None
        self.view = ScrollView("stage")
        self.content_cache: dict[int, tuple[list[Item], int]] = {}
        self.content_key: object = None
        self.focus = None
        self.focus_visible = False
        self.scroll_request = "top"
        if not self.scene.lines:
            self.typed = None
            self.finish_reading()
        self.relayout()

    def timers_on(self) -> bool:
        """Whether countdowns run (off in the settings or in facilitator mode)."""
        return self.app.settings.timers and not self.session.facilitator

    def finish_reading(self) -> None:
        """All lines are read: offer the choices, or the way on."""
        if self.engine.needs_choice():
            if not self.engine.available_choices():
                if getattr(self.app, "dev", None) is not None:
                    self.phase = "stuck"  # developer mode: say so, and offer the state panel and the picker
                    self.timer_left = None
                    return
                raise NoChoiceError(f"the scene '{self.scene.id}' offers no choice in this state")
            self.phase = "choosing"
            timer = self.scene.timer
            self.timer_left = float(timer.seconds) if timer and self.timers_on() else None
        elif self.engine.ended:
            self.phase = "done"
        elif self.engine.can_advance():
            self.phase = "next"
        else:
            raise EngineError(f"the scene '{self.scene.id}' has no way on")

    def advance(self) -> None:
        """The player asks to go on: finish typing, next line, or the way on."""
        if self.phase == "reading":
            if self.typed is not None:
                self.typed = None
            elif self.line_index < len(self.scene.lines) - 1:
                self.line_index += 1
                self.typed = 0.0 if self.cps() > 0 else None
                self.scroll_request = "line"
                self.relayout()
                return
            else:
                self.finish_reading()
                self.scroll_request = "actions"
                self.relayout()
                return
            self.touch()
        elif self.phase == "next":
            self.engine.advance()
            self.enter_scene()
        elif self.phase == "feedback":
            self.hud_from = dict(self.engine.state.meters)
            self.enter_scene()
        elif self.phase == "done":
            self.app.show_ending(self.session)
        elif self.phase == "stuck" and getattr(self.app, "dev", None) is not None:
            self.app.dev.open_state()

    def cps(self) -> float:
        """Typewriter speed in characters per second (0 = instant)."""
        return self.app.settings.chars_per_second

    def choose(self, choice: Choice | None, timed_out: bool = False, votes: dict[str, int] | None = None) -> None:
        """Take a choice (or let the timer take its choice) and show the feedback; `votes` are the hands the
        trainer counted in the room (facilitator mode), kept with the decision."""
        before = dict(self.engine.state.meters)
        if timed_out:
            self.result = self.engine.expire_timer()
        else:
            assert choice is not None
            self.result = self.engine.choose(choice, votes=votes)
        self.hud_from = before
        self.hud_time = 0.0
        self.phase = "feedback"
        self.timer_left = None
        self.elapsed_feedback = 0.0
        self.focus = None
        self.focus_visible = False
        self.scroll_request = "actions"
        self.relayout()

    def refresh_state(self) -> None:
        """The meters or flags were changed from outside (the developer mode's state panel): show the new
        values, and offer the choices that are available now."""
        self.hud_from = dict(self.engine.state.meters)
        self.hud_time = HUD_SECONDS
        self.content_key = None  # texts with {placeholders} show the new values
        if self.phase in ("choosing", "stuck"):
            left = self.timer_left
            self.finish_reading()
            if left is not None and self.timer_left is not None:
                self.timer_left = left
            self.focus = None
            self.focus_visible = False
        self.relayout()

    def restore_position(self, line_index: int, past_lines: bool) -> None:
        """Show the scene from line `line_index` (fully typed), or past its lines (after a hot reload)."""
        if self.phase != "reading" or not self.scene.lines:
            return
        if past_lines:
            self.line_index = len(self.scene.lines) - 1
            self.typed = None
            self.finish_reading()
            self.scroll_request = "actions"
        else:
            self.line_index = max(0, min(line_index, len(self.scene.lines) - 1))
            self.typed = None
            self.scroll_request = "line"
        self.relayout()

    # ---- layout ------------------------------------------------------------------------
    def side_layout(self) -> bool:
        """Choices beside the scene on wide windows with moderate text; one scrolling column otherwise."""
        w, h = self.theme.size
        return w / h >= 1.5 and self.theme.text_scale <= 1.25

    def layout(self) -> None:
        """HUD on top; below it the stage with the action panel floating at its right, or the stacked column."""
        theme = self.theme
        w, h = theme.size
        scenario = self.session.scenario
        hud_theme = Theme(theme.size, min(theme.text_scale, HUD_MAX_TEXT), theme.palette.high_contrast)
        self.hud = Hud(hud_theme, scenario, scenario.title.get(self.lang), self.lang, w)
        body = pygame.Rect(0, self.hud.height, w, h - self.hud.height)
        margin = theme.sp("m")
        line = self.scene.lines[self.line_index] if self.scene.lines else None
        key = (self.lang, theme.key)
        if key != self.content_key:
            self.content_cache = {}
            self.content_key = key
        ctx = self.ctx
        self.content = make_content(ctx)
        self.stacked = None
        self.stage = None
        self.pinned = None
        if self.side_layout():
            panel_w = max(theme.px(400), min(round(w * 0.36), theme.px(600)))
            self.panel = self.build_panel(panel_w, inline=False)
            height = min(self.panel.natural_height(), body.height - 2 * margin)
            self.panel.place(pygame.Rect(w - margin - panel_w, body.bottom - margin - height, panel_w, height))
            stage = pygame.Rect(0, body.y, w - panel_w - margin, body.height)
            self.stage = Stage(ctx, stage, body, self.content, line, self.content_cache, self.view)
        else:
            self.panel = self.build_panel(column_width(theme, w) - 2 * theme.tsp("m"), inline=True)
            footer_h = 0
            if self.panel.footer or self.panel.timer:
                area = pygame.Rect(margin, 0, w - 2 * margin, 0)
                footer_h = layout_row(theme, self.panel.footer, area) if self.panel.footer else 0
                if self.panel.timer:
                    footer_h = theme.font("body", "bold").get_height() + theme.tsp("s")
                footer_h += 2 * theme.tsp("s")
            viewport = pygame.Rect(0, body.y, w, body.height - footer_h)
            self.pinned = self.pin_question(line, viewport)
            if self.pinned is not None:
                line = None     # the question is in the band above; the column holds the scene and the answers
                viewport = pygame.Rect(0, self.pinned.rect.bottom, w, viewport.bottom - self.pinned.rect.bottom)
            self.footer_rect = pygame.Rect(0, viewport.bottom, w, footer_h)
            for button in self.panel.footer:
                button.rect.move_ip(0, viewport.bottom + theme.tsp("s"))
            if self.panel.timer:
                self.panel.timer_rect = pygame.Rect(margin, viewport.bottom + theme.tsp("s"), w - 2 * margin,
                                                    theme.font("body", "bold").get_height())
            self.panel.view = self.view
            keep = self.view.offset
            self.stacked = StackedStage(ctx, viewport, body, self.content, line, self.panel, self.view)
            self.view.offset = self.view.clamp(keep)
            if self.scroll_request == "actions":
                self.stacked.show_actions()
            elif self.scroll_request == "line":
                self.stacked.show_line()
            elif self.scroll_request == "top":
                self.view.offset = 0
        self.scroll_request = None

    def pin_question(self, line: Line | None, viewport: pygame.Rect) -> PinnedQuestion | None:
        """While choosing in a quiz, the question held above the answers when the spoken line and the answers
        do not fit the stacked view together (so focusing or scrolling to an answer never hides the question)."""
        if self.phase != "choosing" or not self.scene.quiz or line is None or self.panel is None:
            return None
        theme = self.theme
        col_w = column_width(theme, viewport.width)
        line_h = LineBox(self.ctx, line, pygame.Rect(0, 0, col_w, 10_000), big_portrait=False,
                         anchor_top=True).box.height
        answers_h = self.panel.flow.height + 2 * theme.tsp("m")
        if theme.tsp("m") + line_h + theme.tsp("l") + answers_h + theme.tsp("m") <= viewport.height:
            return None
        pinned = PinnedQuestion(self.ctx, line, viewport.width, viewport.y)
        return pinned if pinned.fit(viewport.height) else None

    def build_panel(self, width: int, inline: bool) -> ActionPanel:
        """The action panel for the current phase."""
        panel = ActionPanel(self.theme, width, inline)
        note = self.engine.text(self.scene.note, self.lang) if self.session.facilitator and self.scene.note else None
        note_label = self.tr("facilitator_note")
        self.choice_buttons = []
        if self.phase == "choosing":
            choices = [(c, self.engine.text(c.text, self.lang)) for c in self.engine.available_choices()]
            title = self.tr("quiz_question") if self.scene.quiz else self.tr("choices")
            if inline and self.scene.lines:
                title = ""  # stacked: the spoken line right above is the question; keep the room for it
            self.choice_buttons = panel.show_choices(title, choices, self.timer_left is not None, note, note_label)
            if self.counts_hands():   # below the choices: in the panel's footer, or (stacked) right after them
                hands = Button("hands", self.tr("hands_button"), badge="H")
                if inline:
                    panel.flow.row([hands])
                else:
                    panel.footer = [hands]
        elif self.phase == "feedback" and self.result is not None:
            panel.show_feedback(self.feedback_heading(),
                                self.tr("you_chose", choice=self.engine.text(self.result.choice.text, self.lang)),
                                self.engine.text(self.result.feedback, self.lang), self.result,
                                self.session.scenario.meters,
                                {k: m.label.get(self.lang) for k, m in self.session.scenario.meters.items()},
                                self.tr("from_to"), self.tr("continue"), note, note_label)
        elif self.phase == "stuck":
            panel.show_message(Heading(self.tr("dev_stuck_title"), self.pal.bad, "warning"), self.tr("dev_stuck"),
                               self.tr("dev_stuck_button"))
        else:
            label = {"done": self.tr("to_ending"), "reading": self.tr("continue"), "next": self.tr("continue")}[self.phase]
            hint = self.tr("hint_read")
            panel.show_continue(label, hint, note, note_label)
        return panel

    def feedback_heading(self) -> Heading:
        """Right or wrong for a quiz, 'time ran out', or simply 'Feedback'."""
        pal = self.pal
        result = self.result
        assert result is not None
        if result.timed_out:
            return Heading(self.tr("time_up"), pal.mixed, "clock")
        if result.correct is True:
            return Heading(self.tr("right"), pal.good, "check")
        if result.correct is False:
            return Heading(self.tr("wrong"), pal.bad, "cross")
        return Heading(self.tr("feedback"), pal.text, "info")

    # ---- buttons and input --------------------------------------------------------------
    def buttons(self) -> list[Button]:
        """Choices or continue, then the HUD's menu button."""
        found = self.panel.buttons() if self.panel else []
        if self.hud is not None:
            found.append(self.hud.menu)
        return found

    def default_focus(self) -> str | None:
        """Continue when it is there; nothing for choices (Enter must not choose by accident)."""
        return None if self.phase == "choosing" else "continue"

    def counts_hands(self) -> bool:
        """Whether the trainer can count hands now: facilitator mode, while choosing."""
        return self.session.facilitator and self.phase == "choosing" and bool(self.engine.available_choices())

    def count_hands(self) -> None:
        """Open the show of hands over the choices (facilitator mode)."""
        from .hands import HandsScreen

        if self.counts_hands():
            self.app.push(HandsScreen(self.app, self))

    def on_button(self, button_id: str) -> None:
        """Menu, continue, a choice, or counting hands."""
        if button_id == "menu":
            self.app.pause()
        elif button_id == "hands":
            self.count_hands()
        elif button_id == "continue":
            self.advance()
        elif button_id.startswith("choice:") and self.phase == "choosing":
            index = int(button_id.split(":", 1)[1])
            for choice in self.engine.available_choices():
                if choice.index == index:
                    self.choose(choice)
                    return

    def on_escape(self) -> None:
        """Esc opens the pause menu."""
        self.app.pause()

    def scroll_views(self) -> list[ScrollView]:
        """The scene content first, then the panel."""
        if self.stacked is not None:
            return [self.view]
        views = [self.view] if self.stage and self.stage.device else []
        if self.panel:
            views.append(self.panel.view)
        return views

    def reveal(self, button_id: str) -> None:
        """Scroll a focused choice into view."""
        if self.panel is None:
            return
        for item in self.panel.view.items:
            if item.button is not None and item.button.id == button_id:
                self.panel.view.ensure_visible(item.rect, self.theme.sp("s"))

    def on_background_click(self, pos: tuple[int, int]) -> None:
        """A click on the scene goes on while reading."""
        area = self.stage.rect if self.stage else (self.stacked.rect if self.stacked else None)
        if area is not None and area.collidepoint(pos) and self.phase == "reading":
            self.advance()

    def handle(self, event: pygame.event.Event) -> None:
        """The wheel over the line box scrolls the line; the rest as usual."""
        if event.type == pygame.MOUSEWHEEL and self.stage and self.stage.linebox:
            if self.stage.linebox.box.collidepoint(self.app.mouse_pos):
                if self.stage.linebox.scroll_by(-int(event.y) * self.line_step()):
                    self.touch()
                return
        super().handle(event)

    def on_key(self, event: pygame.event.Event) -> None:
        """Numbers choose; Space/Enter go on; arrows move between choices or scroll the scene."""
        key = event.key
        if key == pygame.K_h and self.counts_hands():
            self.count_hands()
            return
        if self.phase == "choosing":
            number = NUMBER_KEYS.get(key)
            if number is not None:
                if number <= len(self.choice_buttons):
                    self.on_button(self.choice_buttons[number - 1].id)
                return
            if key in ACTIVATE_KEYS and (self.focus is None or not self.focus.startswith("choice:")) \
                    and self.focus != "menu" and not (self.focus == "hands" and self.focus_visible):
                self.move_focus(1)
                return
        elif key in ACTIVATE_KEYS and self.focus != "menu":
            self.advance()
            return
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.scroll(self.view, self.line_step() * (1 if key == pygame.K_DOWN else -1))
            return
        super().on_key(event)

    def move_focus(self, step: int) -> None:
        """While choosing, the focus starts on the first choice."""
        if self.phase == "choosing" and (self.focus is None or not self.focus_visible) and self.choice_buttons:
            self.focus = self.choice_buttons[0].id if step > 0 else self.choice_buttons[-1].id
            self.focus_visible = True
            self.reveal(self.focus)
            self.touch()
            return
        super().move_focus(step)

    # ---- time ----------------------------------------------------------------------------
    def update(self, dt: float) -> bool:
        """Typewriter, countdown, count-ups and bar animations."""
        self.ensure_layout()
        self.elapsed += dt
        self.hud_time += dt
        moving = self.hud_time < HUD_SECONDS and not self.app.settings.reduced_motion
        if self.phase == "reading" and self.typed is not None:
            cps = self.cps()
            box = self.stage.linebox if self.stage else (self.stacked.linebox if self.stacked else None)
            length = box.length() if box else 0
            self.typed = None if cps <= 0 else self.typed + cps * dt
            if self.typed is None or self.typed >= length:
                self.typed = None
                self.touch()
            moving = True
        if self.phase == "choosing" and self.timer_left is not None:
            self.timer_left -= dt
            if self.timer_left <= 0:
                self.choose(None, timed_out=True)
            moving = True
        if self.phase == "feedback":
            self.elapsed_feedback += dt
            moving = moving or (self.elapsed_feedback < 1.0 and not self.app.settings.reduced_motion)
        if self.content is not None and self.elapsed < 1.6 and not self.app.settings.reduced_motion:
            moving = True
        return moving

    # ---- drawing ----------------------------------------------------------------------------
    def more_lines(self) -> bool:
        """True when another line follows the one shown."""
        return self.phase == "reading" and self.line_index < len(self.scene.lines) - 1

    def compose(self, frame: pygame.Surface) -> None:
        """Stage and panel (the HUD and what animates are drawn every frame)."""
        assert self.panel is not None  # the backdrop covers the body; the HUD is drawn over the top each frame
        focus = self.focus if self.focus_visible else None
        if self.stage is not None:
            self.stage.draw(frame, self.typed is None, self.more_lines())
            self.panel.draw(frame, self.hover, focus)
        elif self.stacked is not None:
            self.stacked.draw(frame, self.typed is None, self.more_lines(), self.hover, focus)
            if self.pinned is not None:
                self.pinned.draw(frame)
            if self.footer_rect.height:
                frame.fill(self.pal.surface, self.footer_rect)
                pygame.draw.line(frame, self.pal.border, self.footer_rect.topleft, self.footer_rect.topright,
                                 self.theme.border())
                self.panel.draw_footer(frame, self.hover, focus)

    def hud_values(self) -> dict[str, float]:
        """The meters as the HUD shows them now (moving towards their new values after a choice)."""
        now = self.engine.state.meters
        if self.hud_time >= HUD_SECONDS or self.app.settings.reduced_motion:
            return dict(now)
        t = 1 - (1 - self.hud_time / HUD_SECONDS) ** 3
        return {k: self.hud_from.get(k, v) + (v - self.hud_from.get(k, v)) * t for k, v in now.items()}

    def draw_dynamic(self, surface: pygame.Surface) -> None:
        """HUD, typewriter, count-ups, countdown and the feedback bars."""
        assert self.hud is not None and self.panel is not None
        values = self.hud_values()
        if self.hud_time < HUD_SECONDS and not self.app.settings.reduced_motion:
            values = {k: round(v) for k, v in values.items()}
        hud = self.hud.render(values, self.engine.progress(), self.hover == "menu",
                              self.focus_visible and self.focus == "menu")
        surface.blit(hud, (0, 0))
        chars = int(self.typed) if self.typed is not None else None
        stage = self.stage or self.stacked
        if stage is not None:
            stage.draw_dynamic(surface, chars, self.more_lines(), self.elapsed)
        if self.phase == "choosing" and self.timer_left is not None and self.scene.timer:
            left = max(0.0, self.timer_left)
            self.panel.draw_timer(surface, left, float(self.scene.timer.seconds),
                                  self.tr("seconds_left", seconds=int(left + 0.999)))
        if self.phase == "feedback":
            self.panel.draw_changes(surface, self.panel.view, self.elapsed_feedback, self.app.settings.reduced_motion)
