"""A yes/no question over the current screen (e.g. 'Really quit?')."""

from __future__ import annotations

from collections.abc import Callable

from ..widgets import Button
from .overlay import Overlay


class ConfirmScreen(Overlay):
    """Asks before doing something that cannot be undone; No is the safe default."""

    name = "confirm"

    def __init__(self, app, title_key: str, text_key: str, yes_key: str, no_key: str,  # type: ignore[no-untyped-def]
                 on_yes: Callable[[], None]) -> None:
        """A question with the texts of these i18n keys; `on_yes` runs when confirmed."""
        super().__init__(app)
        self.keys = (title_key, text_key, yes_key, no_key)
        self.on_yes = on_yes
        self.focus = "no"

    def title_text(self) -> str:
        """The question."""
        return self.tr(self.keys[0])

    def body_text(self) -> str | None:
        """What it means."""
        return self.tr(self.keys[1])

    def panel_buttons(self) -> list[Button]:
        """No (safe) first, then yes."""
        return [Button("no", self.tr(self.keys[3]), "primary"), Button("yes", self.tr(self.keys[2]), "danger")]

    def default_focus(self) -> str | None:
        """No."""
        return "no"

    def on_button(self, button_id: str) -> None:
        """Yes runs the action; no closes the question."""
        if button_id == "yes":
            self.on_yes()
        else:
            self.app.pop()
