"""The group summary on screen: a training's exported sessions side by side, readable on a projector."""

from __future__ import annotations

from pathlib import Path

import pygame

from ...tools.summary import (ScenarioSummary, Sessions, choice_notes, ending_name, meter_lines, quiz_line,
                              read_sessions, summarise, summary_markdown, when_played, word)
from ..flow import Flow
from ..textlayout import TextBlock
from ..widgets import Button
from .page import PageScreen


def bar_row(flow: Flow, share: float, figure: str, text: str, color: tuple[int, int, int],
            notes: str = "") -> None:
    """A row: the figure (e.g. '3× · 50%') above a bar as long as `share`, then the text it counts."""
    theme, pal = flow.theme, flow.theme.palette
    figure_font = theme.font("body", "bold")
    text_font = theme.font("body", "regular")
    notes_font = theme.font("small", "regular")
    gap = theme.tsp("xs")
    bar_h = max(theme.px(10), figure_font.get_height() // 3)
    figure_block = TextBlock.make(figure, figure_font, pal.text, flow.width, line_height=theme.line_height(figure_font))
    text_block = TextBlock.make(text, text_font, pal.text, flow.width, line_height=theme.line_height(text_font))
    notes_block = TextBlock.make(notes, notes_font, pal.muted, flow.width,
                                 line_height=theme.line_height(notes_font)) if notes else None
    height = figure_block.height + gap + bar_h + gap + text_block.height + (notes_block.height if notes_block else 0)

    def render(surface: pygame.Surface) -> None:
        y = 0
        figure_block.draw(surface, 0, y, surface.get_rect())
        y += figure_block.height + gap
        track = pygame.Rect(0, y, flow.width, bar_h)
        pygame.draw.rect(surface, pal.border, track, border_radius=bar_h // 2)
        filled = track.copy()
        filled.width = max(bar_h, round(flow.width * min(1.0, max(0.0, share))))
        pygame.draw.rect(surface, color, filled, border_radius=bar_h // 2)
        y += bar_h + gap
        text_block.draw(surface, 0, y, surface.get_rect())
        y += text_block.height
        if notes_block is not None:
            notes_block.draw(surface, 0, y, surface.get_rect())

    flow.add(height, render, "bar")


class SummaryScreen(PageScreen):
    """Every exported session in the export folder, counted per scenario: endings, choices, meters, quiz."""

    name = "summary"

    def __init__(self, app, folder: Path) -> None:  # type: ignore[no-untyped-def]
        """Read the exports in `folder` (a few kB each: quick enough to do here)."""
        super().__init__(app)
        self.folder = folder
        self.sessions: Sessions = read_sessions([folder]) if folder.is_dir() else Sessions()
        self.saved_to: Path | None = None

    def title_text(self) -> str:
        """'Group summary'."""
        return self.tr("summary_title")

    def subtitle_text(self) -> str | None:
        """How many sessions, from where."""
        return self.tr("summary_subtitle", count=self.sessions.count, folder=str(self.folder))

    def build_body(self, flow: Flow) -> None:
        """Each scenario, the most played first; then what was skipped."""
        pal = self.pal
        if self.saved_to is not None:
            flow.text(self.tr("summary_saved", path=str(self.saved_to)), "body", "bold", pal.good, name="saved")
            flow.gap("m")
        if not self.sessions.count:
            flow.text(self.tr("summary_empty"), "body", "regular", pal.muted, name="empty")
        for _, group in sorted(self.sessions.by_scenario.items(), key=lambda item: (-len(item[1]), item[0])):
            self.scenario_section(flow, summarise(group))
        if self.sessions.skipped:
            flow.heading(word("skipped", self.lang), "h3")
            for path, reason in self.sessions.skipped:
                flow.text(f"{path.name}: {word(reason, self.lang)}", "small", "regular", pal.muted)

    def scenario_section(self, flow: Flow, summary: ScenarioSummary) -> None:
        """One scenario: endings and choices as bars, then meters, quiz and questions."""
        pal, lang = self.pal, self.lang
        quality_colour = {"good": pal.good, "mixed": pal.mixed, "poor": pal.bad}
        rating_colour = {"good": pal.good, "mixed": pal.mixed, "bad": pal.bad}
        total = summary.sessions
        flow.heading(summary.title, "h2")
        flow.text(when_played(summary, lang), "body", "regular", pal.muted)
        flow.heading(word("endings", lang), "h3")
        for title, rating, count in summary.endings:
            bar_row(flow, count / total, f"{count}× · {round(100 * count / total)}%", ending_name(title, rating, lang),
                    rating_colour.get(rating or "", pal.muted))
            flow.gap("s")
        flow.heading(word("decisions", lang), "h3")
        for decision in summary.decisions:
            flow.text(decision.label, "large", "bold")
            flow.text(f"{word('taken', lang, count=decision.reached, total=total)} · "
                      f"{word('median', lang, seconds=round(decision.median_seconds))}", "small", "regular", pal.muted)
            flow.gap("s")
            for choice in decision.choices:
                bar_row(flow, choice.share, f"{choice.count}× · {round(100 * choice.share)}%", choice.text,
                        quality_colour.get(choice.quality or "", pal.primary), ", ".join(choice_notes(choice, lang)))
                flow.gap("s")
            flow.gap("m")
        if summary.meters:
            flow.heading(word("meters", lang), "h3")
            for line in meter_lines(summary, lang):
                flow.text(line, "body")
                flow.gap("xs")
        quiz = quiz_line(summary, lang)
        if quiz is not None:
            flow.heading(word("quiz", lang), "h3")
            flow.text(quiz, "body")
        if summary.questions:
            flow.heading(word("questions", lang), "h3")
            for question in summary.questions:
                flow.text(f"•  {question}", "body")
                flow.gap("xs")

    def footer_buttons(self) -> list[Button]:
        """Save as Markdown (when there is something to save), and back to the menu."""
        buttons = [Button("save", self.tr("summary_save"))] if self.sessions.count else []
        return buttons + [Button("back", self.tr("back"), style="primary")]

    def default_focus(self) -> str | None:
        """Back."""
        return "back"

    def on_button(self, button_id: str) -> None:
        """Save the summary next to the exports, or go back."""
        if button_id == "save":
            path = self.folder / self.tr("summary_file")
            try:
                path.write_text(summary_markdown(self.sessions, self.lang), encoding="utf-8")
            except OSError:
                return
            self.saved_to = path
            self.relayout()
        elif button_id == "back":
            self.app.open_menu()

    def on_escape(self) -> None:
        """Esc goes back to the menu."""
        self.app.open_menu()

