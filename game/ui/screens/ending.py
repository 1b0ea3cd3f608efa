"""The ending screen: the rating, the ending's title and text; then on to the debrief."""

from __future__ import annotations

from pathlib import Path

import pygame

from .. import images
from ..flow import Flow
from ..icons import icon
from ..session import Session
from ..textlayout import TextBlock
from ..theme import readable_on
from ..widgets import Button
from .page import PageScreen

RATING_ICONS = {"good": "check", "mixed": "info", "bad": "warning"}


class EndingScreen(PageScreen):
    """How it ended."""

    name = "ending"
    card = True

    def __init__(self, app, session: Session) -> None:  # type: ignore[no-untyped-def]
        """The ending of `session`'s play."""
        super().__init__(app)
        self.session = session

    def backdrop_image(self) -> Path | None:
        """The ending scene's background, else the town hall."""
        scene = self.session.engine.scene
        return scene.background.path if scene.background else images.asset("backgrounds/town-hall.svg")

    def title_text(self) -> str:
        """'The end'."""
        return self.tr("ending")

    def build_body(self, flow: Flow) -> None:
        """A coloured rating badge, the ending's title and its text."""
        engine = self.session.engine
        ending = engine.ending
        pal = self.pal
        if ending is None:
            flow.text(self.tr("no_ending"))
            return
        color = {"good": pal.good, "mixed": pal.mixed, "bad": pal.bad}.get(ending.rating, pal.primary)
        theme = self.theme
        font = theme.font("large", "bold")
        label = self.tr(f"rating_{ending.rating}")
        size = font.get_height()
        pad = theme.tsp("m")
        block = TextBlock.make(label, font, readable_on(color), flow.width - 3 * pad - size)
        width = min(flow.width, block.width + size + 3 * pad)
        height = block.height + 2 * theme.tsp("s")

        def badge(surface: pygame.Surface) -> None:
            rect = surface.get_rect()
            pygame.draw.rect(surface, color, rect, border_radius=height // 2)
            if pal.high_contrast:
                pygame.draw.rect(surface, pal.border, rect, width=theme.border(), border_radius=height // 2)
            surface.blit(icon(RATING_ICONS.get(ending.rating, "info"), size, readable_on(color)),
                         (pad, theme.tsp("s")))
            block.draw(surface, pad * 2 + size, theme.tsp("s"), rect)

        flow.add(height, badge, "rating", width=width)
        flow.gap("l")
        flow.text(engine.text(ending.title, self.lang), "h2", "bold")
        flow.gap("m")
        flow.text(engine.text(ending.text, self.lang), "large")

    def footer_buttons(self) -> list[Button]:
        """Menu, and the debrief (primary)."""
        return [Button("menu", self.tr("to_menu")), Button("debrief", self.tr("to_debrief"), "primary")]

    def on_button(self, button_id: str) -> None:
        """Debrief or menu."""
        if button_id == "debrief":
            self.app.show_debrief(self.session)
        elif button_id == "menu":
            self.app.open_menu()

    def on_escape(self) -> None:
        """Esc goes on to the debrief."""
        self.app.show_debrief(self.session)
