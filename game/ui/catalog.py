"""The scenario menu's list: every scenario file found, loaded in the background, never raising."""

from __future__ import annotations

import threading
from pathlib import Path

from ..scenario.assets import GAME_ASSETS_DIR

DEFAULT_SCENARIO_DIR = GAME_ASSETS_DIR.parent / "scenarios"


class Catalog:
    """Loads every scenario in some folders on a background thread; `results` once `ready`."""

    def __init__(self, folders: list[Path]) -> None:
        """Prepare to load the scenario files in `folders`."""
        self.folders = folders
        self.results: list = []  # list[LoadResult]
        self.error: BaseException | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """True when loading finished (or failed)."""
        return self._done.is_set()

    def start(self) -> None:
        """Begin loading in the background (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="weerbaar-catalog", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loaded; True when ready."""
        self.start()
        return self._done.wait(timeout)

    def _load(self) -> None:
        """Load every file; an unexpected failure is kept, not raised."""
        try:
            from ..scenario.loader import load_paths

            folders = [f for f in self.folders if Path(f).exists()]
            self.results = load_paths(folders) if folders else []
        except BaseException as exc:  # noqa: BLE001 - shown on screen instead of crashing
            self.error = exc
        finally:
            self._done.set()

    def playable(self) -> list:
        """The results that loaded without errors."""
        return [r for r in self.results if r.ok]
