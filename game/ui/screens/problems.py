"""The problems in a scenario file that could not be loaded, listed one by one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..flow import Flow
from ..widgets import Button
from .page import PageScreen

if TYPE_CHECKING:
    from ...scenario.loader import LoadResult


class ProblemsScreen(PageScreen):
    """Every diagnostic of a file with errors, as the validator prints them."""

    name = "problems"

    def __init__(self, app, result: LoadResult) -> None:  # type: ignore[no-untyped-def]
        """The problems of `result`."""
        super().__init__(app)
        self.result = result

    def title_text(self) -> str:
        """'This file has errors'."""
        return self.tr("problems_title")

    def subtitle_text(self) -> str | None:
        """The file's name."""
        return str(self.result.path.name)

    def build_body(self, flow: Flow) -> None:
        """What to do, then each problem."""
        flow.text(self.tr("problems_help"), "body", "regular", self.pal.muted)
        flow.gap("m")
        for diagnostic in self.result.diagnostics:
            flow.text(f"{self.tr('line')} {diagnostic.line}:{diagnostic.column} · {diagnostic.code}", "small", "bold",
                      self.pal.bad if diagnostic.severity.value == "error" else self.pal.mixed)
            flow.text(diagnostic.explain(self.lang), "body")
            flow.gap("m")

    def footer_buttons(self) -> list[Button]:
        """Back."""
        return [Button("back", self.tr("back"), "primary")]

    def on_button(self, button_id: str) -> None:
        """Back to where it was opened from."""
        if len(self.app.stack) > 1:
            self.app.pop()
        else:
            self.app.open_menu()

    def on_escape(self) -> None:
        """Esc goes back."""
        self.on_button("back")
