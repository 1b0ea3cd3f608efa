"""Session results export: Markdown and JSON with the decisions, never overwriting an earlier export."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from game.engine.engine import Engine
from game.report import export_session, session_data, session_markdown
from game.scenario.loader import load_file

from .conftest import SCENARIOS


def finished_example() -> Engine:
    """The example played to its good ending."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    engine = Engine(scenario, clock=lambda: 0.0)
    engine.run_automatic()
    for choice in ("check", "answer", "emotion"):
        engine.choose(choice)
        engine.run_automatic()
    assert engine.ended
    return engine


def test_markdown_and_json_hold_the_session(tmp_path: Path) -> None:
    """Both files name the ending, every decision with its quality, the quiz and the questions."""
    engine = finished_example()
    when = datetime(2026, 11, 28, 14, 5)
    markdown, data_path = export_session(engine, "nl", tmp_path, when)
    assert markdown.name == "2026-11-28-1405-example.md"
    text = markdown.read_text(encoding="utf-8")
    assert "Rustig (Goed afgelopen)" in text
    assert "1. **Tijdlijn**: Eerst nagaan wie het account is (sterke keuze, 0 s)" in text
    assert "Quiz: 1 van 1 goed" in text and "Wanneer is niet reageren de beste reactie?" in text
    data = json.loads(data_path.read_text(encoding="utf-8"))
    assert data["rating"] == "good" and data["ending"] == "good_end"
    assert [d["choice"] for d in data["decisions"]] == ["check", "answer", "emotion"]
    assert data["meters"]["trust"] == {"label": "Vertrouwen", "start": 60, "end": 75, "good": "high"}
    assert "stress" not in data["meters"]  # hidden meters stay hidden
    assert data["group"] is False and "## Jouw beslissingen" in text


def test_a_group_session_is_exported_as_the_groups(tmp_path: Path) -> None:
    """Played with a trainer (facilitator mode): the export says so, in the JSON and in the heading."""
    markdown, data_path = export_session(finished_example(), "en", tmp_path, datetime(2026, 11, 28, 14, 5), group=True)
    assert "## The group's decisions" in markdown.read_text(encoding="utf-8")
    assert json.loads(data_path.read_text(encoding="utf-8"))["group"] is True


def test_a_second_export_does_not_overwrite(tmp_path: Path) -> None:
    """Two exports in the same minute get different names."""
    engine = finished_example()
    when = datetime(2026, 11, 28, 14, 5)
    first, _ = export_session(engine, "en", tmp_path, when)
    second, _ = export_session(engine, "en", tmp_path, when)
    assert first != second and first.exists() and second.exists()
    assert "Debrief: Example: the post about the bridge" in second.read_text(encoding="utf-8")


def test_unfinished_session_exports_without_ending() -> None:
    """Exporting mid-game works: no ending, the decisions so far."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    assert scenario is not None
    engine = Engine(scenario, clock=lambda: 0.0)
    engine.run_automatic()
    engine.choose("react_now")
    data = session_data(engine, "nl", datetime(2026, 1, 1))
    assert data["ending"] is None and len(data["decisions"]) == 1
    assert "Einde" not in session_markdown(data).split("##")[0]


def test_export_button_on_the_debrief_writes_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the game, the debrief's Export button saves the results and says where."""
    from . import test_ui_support as ui

    monkeypatch.setenv("WEERBAAR_EXPORT_DIR", str(tmp_path / "exports"))
    app = ui.make_app(tmp_path)
    from game.ui.session import Session

    app.session = Session(finished_example().scenario, finished_example(), False)
    app.show_debrief(app.session)
    ui.step(app, 2)
    ui.click(app, "export")
    files = sorted((tmp_path / "exports").glob("*"))
    assert [f.suffix for f in files] == [".json", ".md"]
    assert app.screen.name == "debrief"
    assert str(files[1]) in (app.screen.export_note or "")
    assert any(item.name == "export-note" for item in app.screen.view.items)


def test_facilitator_mode_can_be_switched_on_before_play(tmp_path: Path) -> None:
    """A trainer switches facilitator mode on at the scenario intro; the session then has no timers."""
    from . import test_ui_support as ui

    app = ui.make_app(tmp_path)
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    app.open_intro(scenario)
    ui.step(app, 2)
    assert app.facilitator is False
    ui.click(app, "facilitator")
    assert app.facilitator is True and app.screen.name == "intro"
    ui.click(app, "begin")
    assert app.session is not None and app.session.facilitator is True
