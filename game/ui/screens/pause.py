"""The pause menu (Esc): resume, restart, settings, back to the menu, quit."""

from __future__ import annotations

from ..widgets import Button
from .overlay import Overlay


class PauseScreen(Overlay):
    """Pauses play (timers stop) and offers the ways out."""

    name = "pause"

    def title_text(self) -> str:
        """'Paused'."""
        return self.tr("paused")

    def panel_buttons(self) -> list[Button]:
        """Resume first."""
        return [
            Button("resume", self.tr("resume"), "primary"),
            Button("restart", self.tr("restart")),
            Button("settings", self.tr("settings")),
            Button("menu", self.tr("to_menu")),
            Button("quit", self.tr("quit")),
        ]

    def on_button(self, button_id: str) -> None:
        """Act on the choice."""
        if button_id == "resume":
            self.app.pop()
        elif button_id == "restart":
            self.app.restart()
        elif button_id == "settings":
            self.app.open_settings()
        elif button_id == "menu":
            self.app.open_menu()
        elif button_id == "quit":
            self.app.ask_quit()
