"""The calm error screen: something went wrong, it was written down, back to the menu."""

from __future__ import annotations

from pathlib import Path

from ..flow import Flow
from ..widgets import Button
from .page import PageScreen


class ErrorScreen(PageScreen):
    """Shown instead of a crash."""

    name = "error"
    card = True

    def __init__(self, app, log_file: Path | None) -> None:  # type: ignore[no-untyped-def]
        """`log_file` is where the traceback went (None if nothing could be written)."""
        super().__init__(app)
        self.log_file = log_file

    def title_text(self) -> str:
        """'Something went wrong'."""
        return self.tr("error_title")

    def build_body(self, flow: Flow) -> None:
        """Reassurance, what to do, and where the details are."""
        flow.text(self.tr("error_text"), "large")
        flow.gap("l")
        if self.log_file is not None:
            flow.text(self.tr("error_logged"), "body", "regular", self.pal.muted)
            flow.text(str(self.log_file), "small", "regular", self.pal.muted)

    def footer_buttons(self) -> list[Button]:
        """Back to the menu."""
        return [Button("quit", self.tr("quit")), Button("menu", self.tr("back_to_menu"), "primary")]

    def on_button(self, button_id: str) -> None:
        """Menu or quit."""
        if button_id == "menu":
            self.app.open_menu()
        elif button_id == "quit":
            self.app.quit()

    def on_escape(self) -> None:
        """Esc goes to the menu."""
        self.app.open_menu()
