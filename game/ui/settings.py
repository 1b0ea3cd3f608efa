"""The player's settings, saved as JSON in the user's config folder (WEERBAAR_CONFIG_DIR redirects it)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import platformdirs

APP_NAME = "weerbaar"
ENV_DIR = "WEERBAAR_CONFIG_DIR"
TEXT_SCALES: tuple[float, ...] = (1.0, 1.25, 1.5, 2.0)
# Characters per second of the typewriter; 0 shows a line at once.
TEXT_SPEEDS: dict[str, float] = {"slow": 28.0, "normal": 55.0, "fast": 110.0, "instant": 0.0}
LANGUAGES: tuple[str | None, ...] = (None, "nl", "en")


@dataclass
class Settings:
    """Everything the player can set; `language` None means the scenario's first language."""

    language: str | None = None
    text_scale: float = 1.0
    text_speed: str = "normal"
    timers: bool = True
    fullscreen: bool = False
    high_contrast: bool = False
    reduced_motion: bool = False

    def sanitized(self) -> Settings:
        """A copy with every value forced into its allowed range."""
        return Settings(
            language=self.language if self.language in LANGUAGES else None,
            text_scale=min(TEXT_SCALES, key=lambda s: abs(s - float(self.text_scale)))
            if isinstance(self.text_scale, (int, float)) else 1.0,
            text_speed=self.text_speed if self.text_speed in TEXT_SPEEDS else "normal",
            timers=bool(self.timers),
            fullscreen=bool(self.fullscreen),
            high_contrast=bool(self.high_contrast),
            reduced_motion=bool(self.reduced_motion),
        )

    @property
    def chars_per_second(self) -> float:
        """Typewriter speed; 0 (instant) also under reduced motion."""
        return 0.0 if self.reduced_motion else TEXT_SPEEDS.get(self.text_speed, 55.0)


def config_dir() -> Path:
    """Where settings live: $WEERBAAR_CONFIG_DIR, else the platform's user config folder."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where logs live: $WEERBAAR_CONFIG_DIR, else the platform's user data folder."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    """The settings file."""
    return config_dir() / "settings.json"


def load() -> Settings:
    """The saved settings, or the defaults when there are none or the file is damaged."""
    try:
        raw = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name for f in fields(Settings)}
    try:
        return Settings(**{k: v for k, v in raw.items() if k in known}).sanitized()
    except (TypeError, ValueError):
        return Settings()


def save(settings: Settings) -> bool:
    """Write the settings; False (and no error) when the folder cannot be written."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        return False
    return True
