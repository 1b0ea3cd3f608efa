"""Developer mode: the errors of a broken save (or the warnings of the version playing), on screen while the
game keeps running. The problems screen of the menu, told where each problem is as file:line:column."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..flow import Flow
from ..widgets import Button
from .problems import ProblemsScreen

if TYPE_CHECKING:
    from ...scenario.loader import LoadResult
    from ...scenario.model import Text


class DevProblemsScreen(ProblemsScreen):
    """A broken save's diagnostics; closes by itself when a fixed save loads."""

    dev_tool = "problems"

    def __init__(self, app, result: LoadResult, message: Text | None,  # type: ignore[no-untyped-def]
                 waiting: bool) -> None:
        """`message` says what happens now; `waiting` when there is no earlier version to play."""
        super().__init__(app, result)
        self.message = message
        self.waiting = waiting

    def show_result(self, result: LoadResult, message: Text | None, waiting: bool) -> None:
        """Another broken save: show its problems instead."""
        self.result = result
        self.message = message
        self.waiting = waiting
        self.view.offset = 0
        self.relayout()

    @property
    def errors(self) -> bool:
        """True for a broken save, False for a list of warnings only."""
        return self.result.scenario is None

    def title_text(self) -> str:
        """'This file has errors', or 'Warnings'."""
        return self.tr("problems_title") if self.errors else self.tr("dev_warnings_title")

    def subtitle_text(self) -> str | None:
        """The file, as the validator names it."""
        return str(self.result.diagnostics[0].file if self.result.diagnostics else self.result.path)

    def build_body(self, flow: Flow) -> None:
        """What happens now, each problem as file:line:column, then what to do (last: at large text the
        problems must not hide below the fold)."""
        if self.message is not None:
            flow.text(self.message.get(self.lang), "large", "semibold")
            flow.gap("m")
        ordered = sorted(self.result.diagnostics, key=lambda d: (d.severity.value != "error", d.line, d.column))
        for diagnostic in ordered:
            error = diagnostic.severity.value == "error"
            severity = self.tr("severity_error") if error else self.tr("severity_warning")
            # the file's name (its full path is under the heading), then where in it, as the validator prints it
            where = f"{Path(diagnostic.file).name}:{diagnostic.line}:{diagnostic.column}"
            flow.text(f"{where} · {severity} · {diagnostic.code}", "small", "bold",
                      self.pal.bad if error else self.pal.mixed, name="where")
            flow.text(diagnostic.explain(self.lang), "body")
            flow.gap("m")
        if not ordered:
            flow.text(self.tr("dev_no_problems"), "body")
            flow.gap("m")
        if self.errors:
            help_text = self.tr("dev_problems_waiting") if self.waiting else self.tr("dev_problems_help")
        else:
            help_text = self.tr("dev_warnings_help")
        flow.text(help_text, "body", "regular", self.pal.muted)

    def footer_buttons(self) -> list[Button]:
        """Play on with the previous version (or quit, when there is none)."""
        if self.waiting:
            return [Button("quit", self.tr("quit"))]
        label = self.tr("dev_keep_playing") if self.errors else self.tr("back")
        return [Button("back", label, "primary")]

    def on_button(self, button_id: str) -> None:
        """Back to the game underneath; quit when there is none."""
        if button_id == "quit":
            self.app.quit()
        elif len(self.app.stack) > 1:
            self.app.pop()

    def on_escape(self) -> None:
        """Esc goes back to the game (when there is one)."""
        if len(self.app.stack) > 1:
            self.app.pop()
