"""A scenario's introduction: what it is about, the player's role, what it teaches; then Begin."""

from __future__ import annotations

from pathlib import Path

from ...scenario.model import Scenario
from .. import images
from ..flow import Flow
from ..widgets import Button
from .page import PageScreen


class IntroScreen(PageScreen):
    """Before play: summary, role, techniques, and (for trainers) what facilitator mode does."""

    name = "intro"
    card = True

    def backdrop_image(self) -> Path | None:
        """The first scene's background, else the town hall."""
        start = self.scenario.scenes[self.scenario.start]
        return start.background.path if start.background else images.asset("backgrounds/town-hall.svg")

    def __init__(self, app, scenario: Scenario) -> None:  # type: ignore[no-untyped-def]
        """The intro of `scenario`."""
        super().__init__(app)
        self.scenario = scenario

    @property
    def lang(self) -> str:
        """The setting's language, else the scenario's first."""
        return self.app.lang_override or self.app.settings.language or self.scenario.default_language

    def title_text(self) -> str:
        """The scenario's title."""
        return self.scenario.title.get(self.lang)

    def subtitle_text(self) -> str | None:
        """How long it takes."""
        return self.tr("minutes", minutes=f"{self.scenario.minutes:g}") if self.scenario.minutes else None

    def build_body(self, flow: Flow) -> None:
        """Summary, role, techniques, facilitator mode."""
        pal = self.pal
        scenario = self.scenario
        if scenario.summary:
            flow.text(scenario.summary.get(self.lang), "large")
        player = scenario.characters.get("player")
        if player is not None:
            flow.heading(self.tr("your_role"), "h3")
            role = player.role.get(self.lang) if player.role else ""
            flow.text(f"{player.name}{', ' + role if role else ''}")
        if scenario.techniques:
            flow.heading(self.tr("you_will_learn"), "h3")
            for technique_id in scenario.techniques:
                technique = scenario.technique(technique_id)
                if technique is None:
                    continue
                flow.text(technique.name.get(self.lang), "body", "bold")
                flow.text(technique.explanation.get(self.lang), "body", "regular", pal.muted)
                flow.gap("s")
        flow.heading(self.tr("how_to_play"), "h3")
        flow.text(self.tr("how_to_play_text"))
        if self.app.facilitator:
            flow.gap("m")
            flow.text(self.tr("facilitator_on"), "body", "semibold", pal.text)

    def footer_buttons(self) -> list[Button]:
        """Back, facilitator mode on/off (for a trainer leading a group), and Begin."""
        toggle = "facilitator_mode_on" if self.app.facilitator else "facilitator_mode_off"  # shows the current state
        return [Button("back", self.tr("back")), Button("facilitator", self.tr(toggle)),
                Button("begin", self.tr("begin"), "primary")]

    def on_button(self, button_id: str) -> None:
        """Begin or go back."""
        if button_id == "begin":
            self.app.start_scenario(self.scenario)
        elif button_id == "facilitator":
            self.app.facilitator = not self.app.facilitator
            self.relayout()
        elif button_id == "back":
            self.app.open_menu()

    def on_escape(self) -> None:
        """Esc goes back to the menu."""
        self.app.open_menu()
