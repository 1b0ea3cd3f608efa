"""Hot reload building blocks: the file watcher, carrying state over to a new version, broken saves."""

from __future__ import annotations

import os
from pathlib import Path

from game.cli import build_parser
from game.devreload import FileWatcher, HotReloader, reconcile
from game.engine.engine import Engine
from game.scenario.loader import load_file
from game.scenario.model import Scenario

from .conftest import SCENARIOS

EXAMPLE = (SCENARIOS / "example.yaml").read_text(encoding="utf-8")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _load(tmp_path: Path, text: str) -> Scenario:
    """Write and load a scenario that must be valid."""
    path = tmp_path / "example.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_file(path)
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return result.scenario


def _at_chat(scenario: Scenario) -> Engine:
    """An engine that took 'check' and now waits in the chat."""
    engine = Engine(scenario, clock=lambda: 0.0)
    engine.run_automatic()
    engine.choose("check")
    return engine


def _touch(path: Path, text: str, bump: int) -> None:
    """Write a file and move its modification time on, so even a same-second save is seen."""
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 1_000_000_000))


def test_watcher_sees_each_save_once_and_waits_out_missing_files(tmp_path: Path) -> None:
    """Polls are cheap: nothing before the interval, one True per change, a rename gap is no change."""
    path = tmp_path / "s.yaml"
    path.write_text("a", encoding="utf-8")
    clock = Clock()
    watcher = FileWatcher(path, interval=0.5, clock=clock)
    clock.now = 1.0
    assert not watcher.poll()
    _touch(path, "b", 1)
    clock.now = 1.2
    assert not watcher.poll()                  # within the interval: not even looked at
    clock.now = 1.6
    assert watcher.poll() and not watcher.poll()
    path.unlink()
    clock.now = 2.2
    assert not watcher.poll()                  # an editor saving by rename: the file is briefly gone
    _touch(path, "c", 2)
    clock.now = 2.8
    assert watcher.poll()


def test_same_file_keeps_scene_and_state(tmp_path: Path) -> None:
    """Reloading an unchanged scenario keeps everything, and says where play goes on."""
    scenario = _load(tmp_path, EXAMPLE)
    engine = _at_chat(scenario)
    new, message = reconcile(engine.to_dict(), scenario)
    assert new.state.scene == "chat" and new.state.meters == engine.state.meters
    assert new.state.flags == engine.state.flags and new.state.history == engine.state.history
    assert [c.key for c in new.available_choices()] == ["answer", "wait", "ask_again"]
    assert message.get("en") == "Scenario reloaded; you are in 'chat'."
    assert message.get("nl") == "Scenario opnieuw geladen; je bent in 'chat'."


def test_changes_are_carried_over_and_explained(tmp_path: Path) -> None:
    """A narrower meter is clamped, a new flag starts, a removed flag goes, a changed kind resets."""
    engine = _at_chat(_load(tmp_path, EXAMPLE))             # trust 65, calls_taken 1, checked_source true
    changed = (EXAMPLE.replace("trust: {label: {nl: Vertrouwen, en: Trust}, start: 60, min: 0, max: 100",
                               "trust: {label: {nl: Vertrouwen, en: Trust}, start: 50, min: 0, max: 62")
               .replace('flags: {checked_source: false, calls_taken: 0, spokesperson_said: ""}',
                        'flags: {checked_source: false, calls_taken: "", spokesperson_said: "", mood: 0}')
               .replace('calls_taken + 1', "calls_taken + 'x'").replace("calls_taken < 2", "calls_taken == ''"))
    new, message = reconcile(engine.to_dict(), _load(tmp_path, changed))
    assert new.state.scene == "chat"
    assert new.state.meters["trust"] == 62 and new.state.flags["mood"] == 0
    assert new.state.flags["calls_taken"] == "" and new.state.flags["checked_source"] is True
    english = message.get("en")
    assert "Meter 'trust' went from 65 to 62 (new range 0–62)." in english
    assert "New flag 'mood' starts at 0." in english
    assert "Flag 'calls_taken' holds another kind of value now" in english
    assert "Meter 'trust' ging van 65 naar 62" in message.get("nl")


def test_removed_scene_goes_back_along_the_path(tmp_path: Path) -> None:
    """When the current scene is gone, play goes on at the last scene on the path that still exists."""
    engine = _at_chat(_load(tmp_path, EXAMPLE))
    renamed = EXAMPLE.replace("  chat:\n", "  buurtapp:\n").replace("next: chat", "next: buurtapp").replace(
        "visited('chat')", "visited('buurtapp')").replace("chose('chat', 'wait')", "chose('buurtapp', 'wait')")
    new, message = reconcile(engine.to_dict(), _load(tmp_path, renamed))
    assert new.state.scene == "timeline" and new.state.path[-1] == "timeline"
    assert "The scene 'chat' no longer exists; you continue at 'timeline'." in message.get("en")
    assert [c.key for c in new.available_choices()] == ["check", "react_now"]
    assert new.state.history[0].scene == "timeline"         # the choice made there still counts


def test_removed_choice_leaves_the_debrief(tmp_path: Path) -> None:
    """A decision whose choice no longer exists is dropped from history and chose(), with a note."""
    engine = _at_chat(_load(tmp_path, EXAMPLE))
    without = EXAMPLE.replace("      - id: check\n", "      - id: verify\n")
    new, message = reconcile(engine.to_dict(), _load(tmp_path, without))
    assert new.state.history == [] and new.state.chosen == []
    assert "1 earlier choice(s) no longer exist" in message.get("en")


def test_hot_reloader_survives_a_broken_save(tmp_path: Path) -> None:
    """A broken save keeps the old engine running and lists the errors; the next good save swaps in."""
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    clock = Clock()
    reloader = HotReloader(path, clock=clock)
    engine = _at_chat(load_file(path).scenario)
    assert reloader.poll(engine) is None
    _touch(path, EXAMPLE.replace("next: article", "next: artikel", 1), 1)
    clock.now = 1.0
    event = reloader.poll(engine)
    assert event is not None and not event.ok and event.engine is None
    assert [d.code for d in event.diagnostics] == ["WB301"]
    assert "did you mean 'article'?" in event.diagnostics[0].format()
    assert event.message.get("en") == "The file has 1 error; play goes on with the previous version."
    _touch(path, EXAMPLE.replace("Antwoord Ans met de feiten", "Antwoord Ans met de cijfers"), 2)
    clock.now = 2.0
    event = reloader.poll(engine)
    assert event is not None and event.ok and event.engine.state.scene == "chat"
    assert event.engine.available_choices()[0].text.get("nl") == "Antwoord Ans met de cijfers"


def test_hot_reloader_reports_a_new_dead_end(tmp_path: Path) -> None:
    """The deep check runs on reload: a save that creates a dead end is refused with WB701."""
    path = tmp_path / "example.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    reloader = HotReloader(path, clock=Clock())
    engine = _at_chat(load_file(path).scenario)
    broken = EXAMPLE.replace("        next: emotion\n", "").replace(
        "      - id: emotion\n", "      - id: emotion\n        if: \"trust > 70\"\n").replace(
        "      - id: impersonation\n", "      - id: impersonation\n        if: \"trust > 70\"\n")
    path.write_text(broken, encoding="utf-8")
    event = reloader.reload(engine)
    assert not event.ok and "WB701" in [d.code for d in event.diagnostics]


def test_play_has_a_dev_flag() -> None:
    """`play FILE --dev` sets args.dev for the front end."""
    assert build_parser().parse_args(["play", "x.yaml", "--dev"]).dev is True
    assert build_parser().parse_args(["play", "x.yaml"]).dev is False


def test_new_flag_notice_uses_yaml_spelling() -> None:
    """The reload notice names values as a trainer writes them (false, "text"), not Python's False."""
    from game.devreload import _yaml_value

    assert [_yaml_value(v) for v in (False, True, 3, "")] == ["false", "true", "3", '""']
