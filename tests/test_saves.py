"""Autosave: an unfinished game survives a closed window, and a save that no longer fits is refused plainly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.engine.engine import Engine
from game.saves import FILE_NAME, ResumeError, SaveStore, file_digest, resume, snapshot
from game.scenario.loader import load_file

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _copy(tmp_path: Path, name: str = "phantom-shelter.yaml") -> Path:
    """A scenario file copied to tmp_path (so tests may edit it)."""
    target = tmp_path / name
    shutil.copy(SCENARIOS / name, target)
    return target


def _played(path: Path, steps: int) -> Engine:
    """An engine that took the first offered choice (or advanced) `steps` times."""
    result = load_file(path)
    assert result.scenario is not None
    engine = Engine(result.scenario, clock=lambda: 0.0)
    for _ in range(steps):
        if engine.needs_choice():
            engine.choose(engine.available_choices()[0])
        elif engine.can_advance():
            engine.advance()
    return engine


def test_a_game_saved_midway_continues_exactly_where_it_was(tmp_path: Path) -> None:
    """Write, read back, resume: same scene, meters, flags, history and path."""
    path = _copy(tmp_path)
    engine = _played(path, 4)
    assert engine.state.history and not engine.ended
    store = SaveStore(tmp_path / "config")
    assert store.write(snapshot(engine, facilitator=True, digest=file_digest(path), now=lambda: 1000.0))
    saved = store.read()
    assert saved is not None and saved.facilitator and saved.saved_at == 1000.0
    assert saved.decisions == len(engine.state.history) and saved.scene == engine.state.scene
    scenario = load_file(path).scenario
    assert scenario is not None
    again = resume(saved, scenario, clock=lambda: 0.0)
    assert again.to_dict() == engine.to_dict()
    # and it plays on from there like the original
    for one in (engine, again):
        if one.needs_choice():
            one.choose(one.available_choices()[-1])
        else:
            one.advance()
    assert again.to_dict() == engine.to_dict()


def test_writing_is_atomic_and_clear_forgets(tmp_path: Path) -> None:
    """Only the save file is left behind (no temporary file); clear removes it; clearing twice is fine."""
    path = _copy(tmp_path)
    store = SaveStore(tmp_path / "config")
    assert store.write(snapshot(_played(path, 2), False, file_digest(path)))
    assert sorted(p.name for p in store.folder.iterdir()) == [FILE_NAME]
    store.clear()
    store.clear()
    assert store.read() is None and not store.path.exists()


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b"[]", b'{"version": 99}',
                                     b'{"version": 1, "scenario_path": "x"}',
                                     b'{"version": 1, "scenario_path": "x", "scenario_id": "x", "digest": "",'
                                     b' "saved_at": "soon", "facilitator": false, "state": {}}',
                                     b'{"version": 1, "scenario_path": "x", "scenario_id": "x", "digest": "",'
                                     b' "saved_at": 1, "facilitator": false, "state": []}'])
def test_a_damaged_save_is_ignored_not_fatal(tmp_path: Path, content: bytes) -> None:
    """Whatever is in the file, read() gives a save or None; it never raises."""
    store = SaveStore(tmp_path)
    store.path.write_bytes(content)
    assert store.read() is None


def test_a_folder_that_cannot_be_written_reports_false(tmp_path: Path) -> None:
    """A file where the folder should be: write() says False and raises nothing."""
    path = _copy(tmp_path)
    blocker = tmp_path / "blocked"
    blocker.write_text("a file, not a folder")
    assert SaveStore(blocker).write(snapshot(_played(path, 1), False, "")) is False


def test_a_save_of_another_scenario_is_refused(tmp_path: Path) -> None:
    """The scenario id must match."""
    path = _copy(tmp_path)
    saved = snapshot(_played(path, 2), False, file_digest(path))
    other = load_file(SCENARIOS / "tutorial.yaml").scenario
    assert other is not None
    with pytest.raises(ResumeError, match="not 'tutorial'"):
        resume(saved, other)


def test_a_save_whose_scene_was_removed_is_refused_in_plain_words(tmp_path: Path) -> None:
    """Edit the file so that a scene the player passed through is gone: ResumeError, not a crash later on."""
    path = _copy(tmp_path)
    engine = _played(path, 3)
    saved = snapshot(engine, False, file_digest(path))
    passed = engine.state.history[0]
    scenario = load_file(path).scenario
    assert scenario is not None
    del scenario.scenes[passed.scene]  # as if the trainer renamed the scene
    with pytest.raises(ResumeError, match="changed"):
        resume(saved, scenario)


def test_a_save_with_a_choice_that_no_longer_exists_is_refused(tmp_path: Path) -> None:
    """A history entry naming an unknown choice id is refused."""
    path = _copy(tmp_path)
    engine = _played(path, 3)
    data = json.loads(json.dumps(engine.to_dict()))
    data["history"][0]["choice"] = "no-such-choice"
    saved = snapshot(engine, False, "")
    saved = type(saved)(saved.scenario_path, saved.scenario_id, "", 0.0, False, data)
    scenario = load_file(path).scenario
    assert scenario is not None
    with pytest.raises(ResumeError, match="no-such-choice"):
        resume(saved, scenario)


def test_a_finished_game_is_not_offered_to_continue(tmp_path: Path) -> None:
    """A save taken at an ending cannot be resumed."""
    path = _copy(tmp_path, "tutorial.yaml")
    engine = _played(path, 200)
    assert engine.ended
    scenario = load_file(path).scenario
    assert scenario is not None
    with pytest.raises(ResumeError, match="ended"):
        resume(snapshot(engine, False, ""), scenario)


def test_the_digest_tells_whether_the_file_changed(tmp_path: Path) -> None:
    """Same bytes, same digest; one byte more, another; a missing file gives ''."""
    path = _copy(tmp_path)
    before = file_digest(path)
    assert before == file_digest(path) and len(before) == 64
    path.write_bytes(path.read_bytes() + b"\n")
    assert file_digest(path) != before
    assert file_digest(tmp_path / "gone.yaml") == ""
