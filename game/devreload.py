"""Hot reload for `play --dev` (no pygame here): watch the scenario file, reload it on save, and carry the
player's state over to the new version; a broken save is reported, and play goes on with the old one.

The front end calls `HotReloader.poll(engine)` once a frame: None when nothing changed, else a
`ReloadEvent` with the new engine (or None when the file has errors), a message in Dutch and English
that says what changed, and the diagnostics to show on screen.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.engine import Engine
from .engine.state import GameState
from .scenario.diagnostics import Diagnostic, Severity
from .scenario.loader import load_file
from .scenario.model import Scenario, Text

DEV_MAX_STATES = 20_000     # a quicker deep check than validate's, so a save reloads in a blink
MAX_NOTES = 6


class FileWatcher:
    """Notices changes to one file by polling its modification time and size (cheap; no dependency)."""

    def __init__(self, path: Path | str, interval: float = 0.5, clock: Callable[[], float] = time.monotonic) -> None:
        """Watch `path`, looking at most every `interval` seconds."""
        self.path = Path(path)
        self.interval = interval
        self.clock = clock
        self._last_check = clock()
        self._signature = self._stat()

    def _stat(self) -> tuple[int, int, int] | None:
        """(mtime in ns, size, inode), or None while the file is missing (editors save by renaming)."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def poll(self) -> bool:
        """True once for each change seen since the last poll (a missing file is not a change yet)."""
        now = self.clock()
        if now - self._last_check < self.interval:
            return False
        self._last_check = now
        signature = self._stat()
        if signature is None or signature == self._signature:
            return False
        self._signature = signature
        return True


@dataclass
class ReloadEvent:
    """The outcome of a reload: a new engine (None when the file has errors), what to say, what to show."""

    engine: Engine | None
    message: Text
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the new version is playing."""
        return self.engine is not None


class _Notes:
    """What reconcile changed, in Dutch and English."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, nl: str, en: str) -> None:
        """Record one change."""
        self.items.append((nl, en))

    def text(self, head: tuple[str, str]) -> Text:
        """The message: a head line, then the changes (at most MAX_NOTES, then a count)."""
        parts: dict[str, list[str]] = {"nl": [head[0]], "en": [head[1]]}
        for nl, en in self.items[:MAX_NOTES]:
            parts["nl"].append(nl)
            parts["en"].append(en)
        extra = len(self.items) - MAX_NOTES
        if extra > 0:
            parts["nl"].append(f"en nog {extra} wijziging{'en' * (extra > 1)}")
            parts["en"].append(f"and {extra} more change{'s' * (extra > 1)}")
        return Text({lang: "\n".join(lines) for lang, lines in parts.items()})


def _same_kind(old: Any, new: Any) -> bool:
    """True when a stored flag value fits a flag whose start value is `new`."""
    if isinstance(new, bool) or isinstance(old, bool):
        return isinstance(new, bool) and isinstance(old, bool)
    if isinstance(new, int):
        return isinstance(old, int)
    return isinstance(old, type(new))


def reconcile(old_state: dict[str, Any], scenario: Scenario,
              clock: Callable[[], float] = time.monotonic) -> tuple[Engine, Text]:
    """An engine for the new `scenario` that keeps the old state (Engine.to_dict()) where it still fits:
    the same scene, else the last scene on the path that still exists, else the start; meters clamped to
    their new range; flags whose kind changed, and new meters and flags, at their start value. The message
    (Dutch and English) says where play goes on and what changed."""
    notes = _Notes()
    scenes = scenario.scenes
    old_scene = str(old_state.get("scene", ""))
    path = [s for s in old_state.get("path", []) if s in scenes]
    if old_scene in scenes:
        scene = old_scene
    else:
        scene = path[-1] if path else scenario.start
        notes.add(f"De scène '{old_scene}' bestaat niet meer; je gaat verder bij '{scene}'.",
                  f"The scene '{old_scene}' no longer exists; you continue at '{scene}'.")
    meters: dict[str, Any] = {}
    old_meters = old_state.get("meters", {})
    for meter in scenario.meters.values():
        value = old_meters.get(meter.id)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            meters[meter.id] = _whole(meter.start)
            notes.add(f"Nieuwe meter '{meter.id}' begint op {meter.start:g}.",
                      f"New meter '{meter.id}' starts at {meter.start:g}.")
            continue
        clamped = _whole(min(meter.max, max(meter.min, value)))
        if clamped != value:
            notes.add(f"Meter '{meter.id}' ging van {value:g} naar {clamped:g} (nieuw bereik {meter.min:g}–{meter.max:g}).",
                      f"Meter '{meter.id}' went from {value:g} to {clamped:g} (new range {meter.min:g}–{meter.max:g}).")
        meters[meter.id] = clamped
    for gone in sorted(set(old_meters) - set(scenario.meters)):
        notes.add(f"Meter '{gone}' is weg.", f"Meter '{gone}' is gone.")
    flags: dict[str, Any] = {}
    old_flags = old_state.get("flags", {})
    for flag in scenario.flags.values():
        if flag.id in old_flags and _same_kind(old_flags[flag.id], flag.start):
            flags[flag.id] = old_flags[flag.id]
        elif flag.id in old_flags:
            flags[flag.id] = flag.start
            notes.add(f"Flag '{flag.id}' kreeg een ander soort waarde en begint opnieuw op {_yaml_value(flag.start)}.",
                      f"Flag '{flag.id}' holds another kind of value now and starts again at "
                      f"{_yaml_value(flag.start)}.")
        else:
            flags[flag.id] = flag.start
            notes.add(f"Nieuwe flag '{flag.id}' begint op {_yaml_value(flag.start)}.",
                      f"New flag '{flag.id}' starts at {_yaml_value(flag.start)}.")
    for gone in sorted(set(old_flags) - set(scenario.flags)):
        notes.add(f"Flag '{gone}' is weg.", f"Flag '{gone}' is gone.")
    if old_state.get("scenario") not in (None, scenario.id):
        notes.add(f"Het scenario heet nu '{scenario.id}'.", f"The scenario is now called '{scenario.id}'.")

    def choice_exists(scene_id: str, key: str) -> bool:
        """True when the scene still has a choice with this key."""
        return scene_id in scenes and scenes[scene_id].choice_by_id(key) is not None

    history = []
    for decision in old_state.get("history", []):
        if choice_exists(decision.get("scene", ""), decision.get("choice", "")):
            before = {m: decision.get("meters_before", {}).get(m, meters[m]) for m in meters}
            after = {m: decision.get("meters_after", {}).get(m, meters[m]) for m in meters}
            history.append({**decision, "meters_before": before, "meters_after": after})
    dropped = len(old_state.get("history", [])) - len(history)
    if dropped:
        notes.add(f"{dropped} eerdere keuze(s) bestaan niet meer en tellen niet mee in de nabespreking.",
                  f"{dropped} earlier choice(s) no longer exist and are left out of the debrief.")
    state = GameState.from_dict({
        "scenario": scenario.id, "scene": scene, "meters": meters, "flags": flags,
        "visits": {s: n for s, n in old_state.get("visits", {}).items() if s in scenes},
        "chosen": [pair for pair in old_state.get("chosen", []) if choice_exists(pair[0], pair[1])],
        "path": path if path and path[-1] == scene else path + [scene],
        "history": history, "quiz_right": old_state.get("quiz_right", 0), "quiz_asked": old_state.get("quiz_asked", 0),
        "ended": scenes[scene].ending is not None,
    })
    engine = Engine(scenario, state, clock)
    if engine.needs_choice() and not engine.available_choices():
        notes.add(f"Let op: '{scene}' biedt in deze situatie geen keuze (een doodlopend punt).",
                  f"Note: '{scene}' offers no choice in this situation (a dead end).")
    head = (f"Scenario opnieuw geladen; je bent in '{scene}'.", f"Scenario reloaded; you are in '{scene}'.")
    return engine, notes.text(head)


def _whole(value: float) -> float:
    """Integral numbers as int, as the engine stores them."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


class HotReloader:
    """Watches a scenario file during play and reloads it on save (the building block of `play --dev`)."""

    def __init__(self, path: Path | str, max_states: int = DEV_MAX_STATES, interval: float = 0.5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """Watch `path`; reloads run the deep check up to `max_states` states (0: off)."""
        self.path = Path(path)
        self.max_states = max_states
        self.clock = clock
        self.watcher = FileWatcher(path, interval, clock)

    def poll(self, engine: Engine) -> ReloadEvent | None:
        """Call once a frame: a ReloadEvent after the file changed, else None."""
        return self.reload(engine) if self.watcher.poll() else None

    def reload(self, engine: Engine) -> ReloadEvent:
        """Load the file again; on success carry the engine's state over, else keep playing the old one."""
        try:
            result = load_file(self.path, max_states=self.max_states)
        except Exception as exc:  # noqa: BLE001 - a reload must never stop the game
            return ReloadEvent(None, _failed(f"{type(exc).__name__}: {exc}"))
        shown = [d for d in result.diagnostics if d.severity is Severity.ERROR] + \
                [d for d in result.diagnostics if d.severity is Severity.WARNING]
        if result.scenario is None:
            errors = sum(1 for d in shown if d.severity is Severity.ERROR)
            return ReloadEvent(None, Text({
                "nl": f"Het bestand heeft {errors} fout{'en' * (errors != 1)}; je speelt verder met de vorige versie.",
                "en": f"The file has {errors} error{'s' * (errors != 1)}; play goes on with the previous version."}),
                shown)
        try:
            new_engine, message = reconcile(engine.to_dict(), result.scenario, self.clock)
        except Exception as exc:  # noqa: BLE001 - the old engine keeps running
            return ReloadEvent(None, _failed(f"{type(exc).__name__}: {exc}"), shown)
        return ReloadEvent(new_engine, message, shown)


def _failed(detail: str) -> Text:
    """The message for a reload that broke unexpectedly."""
    return Text({"nl": f"Herladen mislukt ({detail}); je speelt verder met de vorige versie.",
                 "en": f"Reload failed ({detail}); play goes on with the previous version."})


def _yaml_value(value: object) -> str:
    """A flag value as the trainer wrote it in YAML: true/false, a number, or "text"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)
