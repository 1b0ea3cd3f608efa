"""The debrief: every decision with its quality and feedback, the meters over time, the techniques met,
the quiz score, questions for the group and the takeaways."""

from __future__ import annotations

import pygame

from ...report import export_session
from ..chart import chart_height, draw_chart
from ..flow import Flow
from ..session import Session
from ..textlayout import TextBlock
from ..theme import readable_on
from ..widgets import Button
from .page import PageScreen


class DebriefScreen(PageScreen):
    """Looking back on a finished play; scrolls with the wheel, Page Up/Down and the arrows."""

    name = "debrief"

    def __init__(self, app, session: Session) -> None:  # type: ignore[no-untyped-def]
        """The debrief of `session`."""
        super().__init__(app)
        self.session = session
        self.export_note: str | None = None

    def title_text(self) -> str:
        """'Debrief'."""
        return self.tr("debrief")

    def subtitle_text(self) -> str | None:
        """The scenario and the ending reached."""
        engine = self.session.engine
        title = self.session.scenario.title.get(self.lang)
        ending = engine.ending
        return f"{title} · {engine.text(ending.title, self.lang)}" if ending else title

    def scene_label(self, scene_id: str) -> str:
        """A scene's name as the session export and the terminal player give it (Engine.scene_label)."""
        return self.session.engine.scene_label(scene_id, self.lang)

    def build_body(self, flow: Flow) -> None:
        """Decisions, chart, techniques, quiz, questions, takeaways, sources."""
        engine, scenario, pal = self.session.engine, self.session.scenario, self.pal
        lang = self.lang
        history = engine.state.history
        if self.export_note:
            flow.text(self.export_note, "body", "bold", pal.text, name="export-note")
            flow.gap("m")
        flow.heading(self.tr("group_decisions" if self.session.facilitator else "your_decisions"), "h2")
        if not history:
            flow.text(self.tr("no_decisions"), "body", "regular", pal.muted)
        for number, decision in enumerate(history, 1):
            scene = scenario.scenes[decision.scene]
            choice = scene.choice_by_id(decision.choice)
            flow.text(f"{number}. {self.scene_label(decision.scene)}", "body", "bold")
            chosen = engine.text(choice.text, lang) if choice else decision.choice
            flow.text(self.tr("group_chose" if self.session.facilitator else "you_chose", choice=chosen), "body")
            badges = []
            if choice and choice.quality:
                color = {"good": pal.good, "mixed": pal.mixed, "poor": pal.bad}.get(choice.quality, pal.muted)
                badges.append((self.tr("quality_" + choice.quality), color))
            if decision.correct is not None:
                badges.append((self.tr("right") if decision.correct else self.tr("wrong"),
                               pal.good if decision.correct else pal.bad))
            if decision.timed_out:
                badges.append((self.tr("time_up"), pal.mixed))
            if badges:
                flow.gap("xs")
                self._badges(flow, badges)
            if choice and choice.feedback:
                flow.gap("xs")
                flow.text(engine.text(choice.feedback, lang), "small", "regular", pal.muted)
            if decision.votes:
                flow.gap("s")
                flow.text(self.hands_line(decision.scene, decision.votes), "small", "semibold", pal.muted, name="hands")
            flow.gap("l")
        meters = [m for m in scenario.meters.values() if not m.hidden]
        if meters and history:
            flow.heading(self.tr("meters_over_time"), "h2")
            labels = {m.id: m.label.get(lang) for m in meters}
            points = [history[0].meters_before] + [d.meters_after for d in history]
            axis = [self.tr("start_point")] + [str(i) for i in range(1, len(history) + 1)]
            theme = self.theme
            height = chart_height(theme, flow.width, meters, labels)
            flow.add(height, lambda s: draw_chart(s, theme, meters, labels, points, axis), "chart")
        seen = engine.techniques_seen()
        if seen:
            flow.heading(self.tr("techniques_seen"), "h2")
            for technique_id in seen:
                technique = scenario.technique(technique_id)
                if technique is None:
                    continue
                flow.text(technique.name.get(lang), "body", "bold")
                flow.text(technique.explanation.get(lang), "body", "regular", pal.muted)
                flow.gap("s")
        if engine.state.quiz_asked:
            flow.heading(self.tr("quiz"), "h2")
            flow.text(self.tr("quiz_score", right=engine.state.quiz_right, asked=engine.state.quiz_asked), "large")
        for key, items in (("questions", scenario.debrief.questions), ("takeaways", scenario.debrief.takeaways)):
            if items:
                flow.heading(self.tr(key), "h2")
                for item in items:
                    flow.text(f"•  {engine.text(item, lang)}", "body")
                    flow.gap("xs")
        if scenario.debrief.sources:
            flow.heading(self.tr("sources"), "h3")
            for source in scenario.debrief.sources:
                flow.text(f"•  {source}", "small", "regular", pal.muted)

    def hands_line(self, scene_id: str, votes: dict[str, int]) -> str:
        """'Handen in de zaal: 7 × …; 3 × …', most hands first (as the session export lists them)."""
        engine = self.session.engine
        scene = self.session.scenario.scenes[scene_id]
        rows = []
        for key, hands in sorted(votes.items(), key=lambda item: -item[1]):
            choice = scene.choice_by_id(key)
            rows.append(f"{hands} × {engine.text(choice.text, self.lang) if choice else key}")
        return f"{self.tr('the_room_voted')}: {'; '.join(rows)}"

    def _badges(self, flow: Flow, badges: list[tuple[str, tuple[int, int, int]]]) -> None:
        """Coloured pills in a row (wrapping)."""
        theme = self.theme
        font = theme.font("small", "bold")
        pad = theme.tsp("s")
        gap = theme.tsp("s")
        placed = []
        x = y = 0
        h = font.get_height() + 2 * theme.tsp("xxs")
        for text, color in badges:
            block = TextBlock.make(text, font, readable_on(color), flow.width - 2 * pad)
            w = block.width + 2 * pad
            bh = block.height + 2 * theme.tsp("xxs")
            if x and x + w > flow.width:
                x = 0
                y += h + gap
            placed.append((pygame.Rect(x, y, w, bh), block, color))
            x += w + gap
            h = max(h, bh)
        total = y + h

        def render(surface: pygame.Surface) -> None:
            for rect, block, color in placed:
                pygame.draw.rect(surface, color, rect, border_radius=rect.height // 2)
                block.draw(surface, rect.x + pad, rect.y + theme.tsp("xxs"), rect)

        flow.add(total, render, "badges")

    def footer_buttons(self) -> list[Button]:
        """Play again, and back to the menu (primary)."""
        return [Button("export", self.tr("export")), Button("again", self.tr("play_again")),
                Button("menu", self.tr("to_menu"), "primary")]

    def on_button(self, button_id: str) -> None:
        """Again or menu."""
        if button_id == "export":
            self.export()
        elif button_id == "again":
            self.app.session = self.session
            self.app.restart()
        elif button_id == "menu":
            self.app.open_menu()

    def export(self) -> None:
        """Save the results as Markdown and JSON for the trainer, and say where."""
        try:
            markdown, _ = export_session(self.session.engine, self.lang, group=self.session.facilitator)
        except OSError as exc:
            self.export_note = self.tr("export_failed", reason=exc.strerror or str(exc))
        else:
            self.export_note = self.tr("exported", path=str(markdown))
        self.view.offset = 0
        self.relayout()

    def on_escape(self) -> None:
        """Esc goes to the menu."""
        self.app.open_menu()
