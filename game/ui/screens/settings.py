"""The settings: language, text size, text speed, timers, fullscreen, high contrast, reduced motion."""

from __future__ import annotations

from ..flow import Flow
from ..settings import LANGUAGES, TEXT_SCALES, TEXT_SPEEDS
from ..widgets import Button
from .page import PageScreen

ON_OFF = (True, False)


class SettingsScreen(PageScreen):
    """Every setting as a row of options; changes apply at once and are saved."""

    name = "settings"

    def title_text(self) -> str:
        """'Settings'."""
        return self.tr("settings")

    def options(self) -> list[tuple[str, str, list[tuple[object, str]]]]:
        """Each setting: attribute, label key and (value, label) options."""
        lang_names = {None: self.tr("lang_auto"), "nl": "Nederlands", "en": "English"}
        return [
            ("language", "setting_language", [(v, lang_names[v]) for v in LANGUAGES]),
            ("text_scale", "setting_text_size", [(v, f"{round(v * 100)} %") for v in TEXT_SCALES]),
            ("text_speed", "setting_text_speed", [(v, self.tr("speed_" + v)) for v in TEXT_SPEEDS]),
            ("timers", "setting_timers", [(v, self.tr("on" if v else "off")) for v in ON_OFF]),
            ("fullscreen", "setting_fullscreen", [(v, self.tr("on" if v else "off")) for v in ON_OFF]),
            ("high_contrast", "setting_contrast", [(v, self.tr("on" if v else "off")) for v in ON_OFF]),
            ("reduced_motion", "setting_motion", [(v, self.tr("on" if v else "off")) for v in ON_OFF]),
        ]

    def build_body(self, flow: Flow) -> None:
        """A label, a line of help and the options for each setting."""
        self.values: dict[str, tuple[str, object]] = {}
        settings = self.app.settings
        for attr, key, options in self.options():
            flow.text(self.tr(key), "large", "bold")
            flow.text(self.tr(key + "_help"), "small", "regular", self.pal.muted)
            flow.gap("xs")
            current = getattr(settings, attr)
            buttons = []
            for index, (value, label) in enumerate(options):
                button_id = f"{attr}:{index}"
                self.values[button_id] = (attr, value)
                buttons.append(Button(button_id, label, "secondary", selected=value == current))
            flow.row(buttons)
            flow.gap("l")
        if self.app.facilitator:
            flow.text(self.tr("facilitator_timers"), "small", "regular", self.pal.muted)

    def footer_buttons(self) -> list[Button]:
        """Back."""
        return [Button("back", self.tr("back"), "primary")]

    def default_focus(self) -> str | None:
        """Back."""
        return "back"

    def layout(self) -> None:
        """Lay out, keeping the focused option in view (its size may just have changed)."""
        super().layout()
        if self.focus:
            self.reveal(self.focus)

    def on_button(self, button_id: str) -> None:
        """Change a setting (and save), or go back."""
        if button_id == "back":
            self.close()
            return
        if button_id not in self.values:
            return
        attr, value = self.values[button_id]
        if getattr(self.app.settings, attr) == value:
            return
        if attr == "fullscreen":
            self.app.toggle_fullscreen()
        else:
            setattr(self.app.settings, attr, value)
            self.app.apply_settings()
        self.focus = button_id

    def close(self) -> None:
        """Back to where the settings were opened from."""
        if len(self.app.stack) > 1:
            self.app.pop()
        else:
            self.app.open_title()

    def on_escape(self) -> None:
        """Esc closes the settings."""
        self.close()
