"""Autosave: the one unfinished game, kept so that a closed window or a crash loses nothing."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the engine (and transitions) load only when a game is resumed: the menu starts quickly
    from .engine.engine import Engine
    from .scenario.model import Scenario

SAVE_VERSION = 1
FILE_NAME = "autosave.json"
MAX_SAVE_BYTES = 4 * 1024 * 1024  # a save is a few kB; anything this large is not ours


class ResumeError(Exception):
    """A saved game that cannot be continued, with the reason in plain words."""


@dataclass(frozen=True)
class SavedGame:
    """An unfinished play: which scenario file (and which version of it), and the engine's state."""

    scenario_path: str
    scenario_id: str
    digest: str
    saved_at: float
    facilitator: bool
    state: dict[str, Any]

    @property
    def scene(self) -> str:
        """The scene the player was in."""
        return str(self.state.get("scene", ""))

    @property
    def decisions(self) -> int:
        """How many decisions the player had taken."""
        history = self.state.get("history", [])
        return len(history) if isinstance(history, list) else 0


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes ('' when it cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def snapshot(engine: Engine, facilitator: bool, digest: str, now: Callable[[], float] = time.time) -> SavedGame:
    """The save for an engine's current state; `digest` is the scenario file's, taken when it was loaded."""
    scenario = engine.scenario
    return SavedGame(str(Path(scenario.path).resolve()), scenario.id, digest, now(), facilitator,
                     engine.to_dict())


def resume(saved: SavedGame, scenario: Scenario, clock: Callable[[], float] = time.monotonic) -> Engine:
    """An engine that continues `saved` with `scenario` (the file as it is now); ResumeError if it no longer fits."""
    from .engine.engine import Engine

    if saved.scenario_id != scenario.id:
        raise ResumeError(f"the saved game is of '{saved.scenario_id}', not '{scenario.id}'")
    try:
        engine = Engine.from_dict(scenario, saved.state, clock)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ResumeError(f"the scenario has changed since the game was saved ({exc})") from None
    if engine.ended:
        raise ResumeError("the saved game had already ended")
    return engine


class SaveStore:
    """The autosave file in a folder: written atomically, read defensively, cleared at an ending."""

    def __init__(self, folder: Path) -> None:
        """A store that keeps its file in `folder` (created when first written)."""
        self.folder = folder

    @property
    def path(self) -> Path:
        """The autosave file."""
        return self.folder / FILE_NAME

    def write(self, saved: SavedGame) -> bool:
        """Replace the autosave with `saved`; False (and nothing half-written) when the disk refuses."""
        data = {"version": SAVE_VERSION, **asdict(saved)}
        temporary = self.path.with_suffix(".tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except (OSError, TypeError, ValueError):
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
            return False
        return True

    def read(self) -> SavedGame | None:
        """The saved game, or None when there is none or the file is not a save of this version."""
        try:
            if self.path.stat().st_size > MAX_SAVE_BYTES:
                return None
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("version") != SAVE_VERSION:
            return None
        try:
            saved = SavedGame(str(data["scenario_path"]), str(data["scenario_id"]), str(data["digest"]),
                              float(data["saved_at"]), bool(data["facilitator"]), data["state"])
        except (KeyError, TypeError, ValueError):
            return None
        return saved if isinstance(saved.state, dict) else None

    def clear(self) -> None:
        """Forget the saved game (after an ending, or when the player starts afresh)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass
