"""The scenario menu: every valid scenario as a card; files with errors listed, their problems viewable."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ...i18n import count_label, tr
from ..flow import Flow
from ..textlayout import TextBlock
from ..theme import mix
from ..widgets import Button, Item
from .page import PageScreen

if TYPE_CHECKING:
    from ...saves import SavedGame
    from ...scenario.loader import LoadResult
    from ...scenario.model import Scenario


def card(flow: Flow, button: Button, title: str, lines: list[tuple[str, str, str]], accent: tuple[int, int, int],
         warning: bool = False) -> Item:
    """A clickable card: a title and lines of (text, role, weight), with hover and focus states."""
    theme, pal = flow.theme, flow.theme.palette
    ring = theme.focus_width() + 2
    width = flow.width - 2 * ring
    pad = theme.tsp("l")
    inner = width - 2 * pad - theme.px(6)
    title_font = theme.font("h3", "bold")
    blocks = [TextBlock.make(title, title_font, pal.text, inner, line_height=theme.line_height(title_font))]
    for text, role, weight in lines:
        font = theme.font(role, weight)
        color = pal.bad if warning and weight == "bold" else (pal.muted if role == "small" else pal.text)
        blocks.append(TextBlock.make(text, font, color, inner, line_height=theme.line_height(font)))
    gap = theme.tsp("xs")
    height = pad * 2 + sum(b.height for b in blocks) + gap * (len(blocks) - 1)

    def render(surface: pygame.Surface) -> None:
        hover, focus = item._state or (False, False)
        rect = pygame.Rect(ring, ring, width, height)
        if focus:
            pygame.draw.rect(surface, pal.focus, rect.inflate(2 * ring - 2, 2 * ring - 2), width=theme.focus_width(),
                             border_radius=theme.radius(12) + ring)
        fill = mix(pal.surface, pal.primary, 0.06) if hover and not pal.high_contrast else pal.surface
        pygame.draw.rect(surface, fill, rect, border_radius=theme.radius(12))
        pygame.draw.rect(surface, pal.primary if hover else pal.border, rect,
                         width=max(theme.border(), theme.px(2) if hover else 0), border_radius=theme.radius(12))
        stripe = pygame.Rect(rect.x, rect.y, theme.px(6), rect.height)
        pygame.draw.rect(surface, accent, stripe, border_top_left_radius=theme.radius(12),
                         border_bottom_left_radius=theme.radius(12))
        y = rect.y + pad
        x = rect.x + pad + theme.px(6)
        for block in blocks:
            block.draw(surface, x, y, pygame.Rect(x, y, inner, block.height))
            y += block.height + gap

    item = flow.add(height + 2 * ring, render, "card", button=button)
    return item


EXPORT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-\d{4}-[a-z0-9-]+\.json$")  # as export_session names them


def exported_sessions() -> int:
    """How many exported sessions (JSON files) the export folder holds; 0 when it cannot be read."""
    from ...report import export_folder

    try:
        return sum(1 for path in export_folder().glob("*.json") if EXPORT_NAME.match(path.name))
    except OSError:
        return 0


def saved_game(saved: SavedGame | None, playable: list[LoadResult]) -> tuple[SavedGame, Scenario] | None:
    """The autosaved game and its scenario among the playable ones (the same file, else the only one with its id)."""
    if saved is None:
        return None
    same_id = [r.scenario for r in playable if r.scenario is not None and r.scenario.id == saved.scenario_id]
    for scenario in same_id:
        if str(Path(scenario.path).resolve()) == saved.scenario_path:
            return saved, scenario
    return (saved, same_id[0]) if len(same_id) == 1 else None


def saved_when(timestamp: float, lang: str) -> str:
    """'today at 14:05' or 'on 27-11-2026 at 09:30', in the player's local time."""
    moment = time.localtime(timestamp)
    clock = time.strftime("%H:%M", moment)
    if time.strftime("%Y-%m-%d", moment) == time.strftime("%Y-%m-%d"):
        return tr("saved_today", lang, time=clock)
    date = time.strftime("%d-%m-%Y" if lang == "nl" else "%Y-%m-%d", moment)
    return tr("saved_on", lang, date=date, time=clock)


def menu_order(result: LoadResult) -> tuple[int, str]:
    """The tutorial first, the format's example last, the rest by title."""
    scenario = result.scenario
    assert scenario is not None
    rank = 0 if scenario.id == "tutorial" else 2 if scenario.id == "example" else 1
    return rank, scenario.title.get("nl").lower()


class MenuScreen(PageScreen):
    """Choose a scenario."""

    name = "menu"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        """The menu; shows a loading line until the catalogue is ready."""
        super().__init__(app)
        self.was_ready = app.catalog.ready
        self.results: dict[str, LoadResult] = {}
        self.saved: tuple[SavedGame, Scenario] | None = None

    def title_text(self) -> str:
        """'Choose a scenario'."""
        return self.tr("menu_title")

    def subtitle_text(self) -> str | None:
        """What the player does here."""
        return self.tr("menu_subtitle")

    def build_body(self, flow: Flow) -> None:
        """A card per scenario; a warning card per file with errors."""
        pal = self.pal
        catalog = self.app.catalog
        self.results = {}
        if not catalog.ready:
            flow.text(self.tr("loading"), "body", "regular", pal.muted)
            return
        if catalog.error is not None:
            flow.text(self.tr("catalog_failed"), "body", "regular", pal.bad)
            return
        good = sorted((r for r in catalog.results if r.ok), key=menu_order)
        bad = [r for r in catalog.results if not r.ok]
        self.saved, scene = self.find_saved_game(good)
        if self.app.menu_notice:
            flow.text(self.tr(self.app.menu_notice), "body", "bold", pal.bad, name="notice")
            flow.gap("m")
        if self.saved is not None:
            self.continue_card(flow, *self.saved, scene)
        if not good and not bad:
            flow.text(self.tr("no_scenarios"), "body", "regular", pal.muted)
        for index, result in enumerate(good):
            scenario = result.scenario
            assert scenario is not None
            lang = self.lang
            meta = []
            if scenario.minutes:
                meta.append(self.tr("minutes", minutes=f"{scenario.minutes:g}"))
            names = []
            for technique_id in scenario.techniques:
                technique = scenario.technique(technique_id)
                names.append(technique.name.get(lang) if technique else technique_id)
            lines = []
            if meta:
                lines.append((" · ".join(meta), "small", "semibold"))
            if scenario.summary:
                lines.append((scenario.summary.get(lang), "body", "regular"))
            if names:
                lines.append((self.tr("teaches", techniques=", ".join(names)), "small", "regular"))
            button_id = f"play:{index}"
            self.results[button_id] = result
            card(flow, Button(button_id, scenario.title.get(lang)), scenario.title.get(lang), lines, pal.primary)
            flow.gap("s")
        exports = exported_sessions()
        if exports:
            flow.gap("s")
            card(flow, Button("summary", self.tr("summary_card")), self.tr("summary_card"),
                 [(self.tr("summary_card_text", count=exports), "body", "regular")], self.pal.muted)
            flow.gap("s")
        if bad:
            flow.heading(self.tr("files_with_errors"), "h3")
            for index, result in enumerate(bad):
                errors = len(result.errors())
                button_id = f"problems:{index}"
                self.results[button_id] = result
                lines = [(self.tr("file_has_errors", count=errors), "body", "bold"),
                         (self.tr("show_errors"), "small", "regular")]
                card(flow, Button(button_id, result.path.name), result.path.name, lines, pal.bad, warning=True)
                flow.gap("s")

    def find_saved_game(self, playable: list[LoadResult]) -> tuple[tuple[SavedGame, Scenario] | None, str]:
        """The autosaved game that can go on, with the name of its scene; a save that no longer fits its
        scenario is forgotten, and the menu says why."""
        found = saved_game(self.app.save_store().read(), playable)
        if found is None:
            return None, ""
        from ...saves import ResumeError, resume  # the engine is imported only when there is a game to go on with

        try:
            engine = resume(*found)
        except ResumeError:
            self.app.save_store().clear()
            self.app.menu_notice = "resume_failed"
            return None, ""
        return found, engine.scene_label(engine.state.scene, self.lang)

    def continue_card(self, flow: Flow, saved: SavedGame, scenario: Scenario, scene: str) -> None:
        """The card that goes on with the unfinished game: where the player was and when it was saved."""
        lang = self.lang
        decisions = count_label(saved.decisions, "decisions", lang)
        lines = [(self.tr("continue_where", scene=scene), "body", "regular"),
                 (self.tr("continue_saved", decisions=decisions, when=saved_when(saved.saved_at, lang)),
                  "small", "regular")]
        title = self.tr("continue_title", title=scenario.title.get(lang))
        card(flow, Button("resume", title), title, lines, self.pal.good)
        flow.gap("m")

    def footer_buttons(self) -> list[Button]:
        """Back, reload, settings, quit."""
        return [Button("back", self.tr("back")), Button("reload", self.tr("reload")),
                Button("settings", self.tr("settings")), Button("quit", self.tr("quit"))]

    def default_focus(self) -> str | None:
        """The unfinished game, else the first scenario."""
        for button in self.buttons():
            if button.id == "resume":
                return button.id
        for button in self.buttons():
            if button.id.startswith("play:"):
                return button.id
        return "back"

    def on_button(self, button_id: str) -> None:
        """Go on with the saved game, open a scenario's intro, a file's problems, or a footer action."""
        self.app.menu_notice = None
        if button_id == "resume" and self.saved is not None:
            self.app.continue_game(*self.saved)
        elif button_id in self.results:
            result = self.results[button_id]
            if result.ok:
                self.app.open_intro(result.scenario)
            else:
                self.app.open_problems(result)
        elif button_id == "summary":
            self.app.open_summary()
        elif button_id == "back":
            self.app.open_title()
        elif button_id == "reload":
            self.app.reload_catalog()
        elif button_id == "settings":
            self.app.open_settings()
        elif button_id == "quit":
            self.app.quit()

    def on_escape(self) -> None:
        """Esc goes back to the title screen."""
        self.app.open_title()

    def update(self, dt: float) -> bool:
        """Lay out again once the scenarios have loaded."""
        if not self.was_ready:
            if self.app.catalog.ready:
                self.was_ready = True
                self.relayout()
                return False
            return True
        return False
