"""Group summary: exported sessions of a training, counted side by side; anything else is skipped, never fatal."""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from game.cli import main
from game.engine.engine import Engine
from game.i18n import tr
from game.report import export_session
from game.scenario.loader import load_file
from game.tools.summary import read_sessions, summary_markdown

from .conftest import SCENARIOS


def _export_plays(folder: Path, scenario_file: str, seeds: range, lang: str = "nl") -> list[Engine]:
    """Play a scenario once per seed with random choices to an ending and export each play."""
    scenario = load_file(SCENARIOS / scenario_file).scenario
    assert scenario is not None
    engines = []
    for seed in seeds:
        rng, engine = random.Random(seed), Engine(scenario, clock=lambda: 0.0)
        while not engine.ended:
            if engine.needs_choice():
                engine.choose(rng.choice(engine.available_choices()))
            else:
                engine.advance()
        export_session(engine, lang, folder, datetime(2026, 11, 28, 10, 0) + timedelta(minutes=seed))
        engines.append(engine)
    return engines


def test_counts_match_the_plays(tmp_path: Path) -> None:
    """Endings and each choice are counted exactly as they were played; percentages add up per decision."""
    engines = _export_plays(tmp_path, "phantom-shelter.yaml", range(7))
    sessions = read_sessions([tmp_path])
    assert sessions.count == 7 and not sessions.skipped
    text = summary_markdown(sessions, "nl")
    assert text.startswith("## Groepsoverzicht: Het spookazc\n\n_7 sessies, op 28-11-2026_")
    endings = Counter(e.state.scene for e in engines)
    for ending_id, count in endings.items():
        ending = engines[0].scenario.scenes[ending_id].ending
        assert ending is not None
        rating = tr("rating_" + ending.rating, "nl").lower()
        assert f"- {engines[0].text(ending.title, 'nl')} ({rating}): {count}× ({round(100 * count / 7)}%)" in text
    first_scene = engines[0].state.history[0].scene
    chosen = Counter(e.state.history[0].choice for e in engines)
    scene = engines[0].scenario.scenes[first_scene]
    block = text.split(f"**{engines[0].scene_label(first_scene, 'nl')}**", 1)[1].split("\n\n**", 1)[0]
    for choice_id, count in chosen.items():
        choice = scene.choice_by_id(choice_id)
        assert choice is not None
        assert f"**{count}×** ({round(100 * count / 7)}%) — {engines[0].text(choice.text, 'nl')}" in block


def test_meters_are_averaged_over_the_sessions(tmp_path: Path) -> None:
    """The meter line gives the start, the mean, the lowest and the highest end value."""
    engines = _export_plays(tmp_path, "tutorial.yaml", range(4), lang="en")
    text = summary_markdown(read_sessions([tmp_path]), "en")
    meter = next(iter(engines[0].scenario.meters.values()))
    ends = [e.state.meters[meter.id] for e in engines]
    mean = round(sum(ends) / len(ends), 1)
    shown = f"{mean:.1f}".rstrip("0").rstrip(".") if mean != int(mean) else str(int(mean))
    assert f"ended at {shown} on average (lowest {min(ends):g}, highest {max(ends):g})" in text


def test_other_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    """Broken JSON, someone else's JSON and a doctored export are listed as skipped; the rest is summarised."""
    _export_plays(tmp_path, "tutorial.yaml", range(2))
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"name": "something else"}', encoding="utf-8")
    doctored = next(tmp_path.glob("*tutorial.json")).read_text(encoding="utf-8").replace('"decisions": [', '"decisions": [7, ', 1)
    (tmp_path / "doctored.json").write_text(doctored, encoding="utf-8")
    sessions = read_sessions([tmp_path])
    assert sessions.count == 2
    assert sorted((p.name, why) for p, why in sessions.skipped) == [
        ("broken.json", "not_json"), ("doctored.json", "not_export"), ("other.json", "not_export")]
    assert "- broken.json: geen leesbaar JSON-bestand" in summary_markdown(sessions, "nl")


def test_the_command_writes_a_file_and_filters_by_scenario(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """summary --scenario ID --output FILE; exit 1 when nothing matches, 2 for a missing folder."""
    _export_plays(tmp_path, "tutorial.yaml", range(2))
    _export_plays(tmp_path, "phantom-shelter.yaml", range(3))
    out = tmp_path / "overzicht.md"
    assert main(["summary", str(tmp_path), "--scenario", "tutorial", "--output", str(out), "--lang", "nl"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "_2 sessies, op 28-11-2026_" in text and "spookazc" not in text
    assert main(["summary", str(tmp_path), "--scenario", "nope"]) == 1
    assert "geen geëxporteerde sessies van 'nope'" in capsys.readouterr().err
    assert main(["summary", str(tmp_path / "missing")]) == 2


def test_the_default_folder_is_the_export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Without paths it reads where the debrief's Export button writes."""
    monkeypatch.setenv("WEERBAAR_EXPORT_DIR", str(tmp_path))
    _export_plays(tmp_path, "tutorial.yaml", range(3))
    assert main(["summary", "--lang", "en"]) == 0
    assert "_3 sessions, on 2026-11-28_" in capsys.readouterr().out


def test_the_trainer_opens_the_summary_from_the_menu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The menu shows a summary card when there are exports; the screen shows the counts, saves, and goes back."""
    import pygame

    from tests.test_ui_devmode import texts_on_screen
    from tests.test_ui_support import check_layout, click, find_button, make_app, press, step

    exports = tmp_path / "exports"
    exports.mkdir()
    monkeypatch.setenv("WEERBAAR_EXPORT_DIR", str(exports))
    app = make_app(tmp_path / "app")
    app.open_menu()
    step(app)
    assert find_button(app, "summary") is None  # no exports yet: no card
    engines = _export_plays(exports, "tutorial.yaml", range(3))
    (exports / "notes.json").write_text("{}", encoding="utf-8")  # not an export: not counted on the card
    app.open_menu()
    step(app)
    card = find_button(app, "summary")
    assert card is not None
    view = app.screen.view
    view.offset = view.clamp(view.max_offset)  # the card sits below the scenarios
    assert any("3 geëxporteerde sessies" in t for t in texts_on_screen(app))
    click(app, "summary")
    assert app.screen.name == "summary"
    shown = " ".join(texts_on_screen(app))
    assert "3 sessies, op 28-11-2026" in shown
    ending = engines[0].scenario.scenes[engines[0].state.scene].ending
    assert ending is not None and engines[0].text(ending.title, "nl") in shown
    check_layout(app)
    click(app, "save")
    saved = exports / "groepsoverzicht.md"
    assert saved.read_text(encoding="utf-8").startswith("## Groepsoverzicht: Je eerste dag")
    press(app, pygame.K_ESCAPE)
    assert app.screen.name == "menu"
    app.close()


def test_the_summary_screen_fits_small_windows_at_large_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 1024×576 and 200 % text every text stays in its box and the body can scroll to its end."""
    from tests.test_ui_support import check_layout, make_app, step

    monkeypatch.setenv("WEERBAAR_EXPORT_DIR", str(tmp_path / "exports"))
    _export_plays(tmp_path / "exports", "phantom-shelter.yaml", range(3), lang="en")
    app = make_app(tmp_path / "app", (1024, 576), text_scale=2.0, language="en")
    app.open_summary()
    step(app)
    assert check_layout(app) >= 3
    app.close()


def test_hands_in_the_room_are_added_up_even_for_choices_the_room_did_not_take(tmp_path: Path) -> None:
    """Two groups voted at the first decision; the summary sums the hands per choice, the minority's too."""
    scenario = load_file(SCENARIOS / "tutorial.yaml").scenario
    assert scenario is not None
    for minute, hands in enumerate(((6, 2), (5, 4))):
        engine = Engine(scenario, clock=lambda: 0.0)
        while not engine.needs_choice():
            engine.advance()
        first, second = [c.key for c in engine.available_choices()][:2]
        engine.choose(first, votes={first: hands[0], second: hands[1]})
        export_session(engine, "nl", tmp_path, datetime(2026, 11, 28, 10, minute))
    text = summary_markdown(read_sessions([tmp_path]), "nl")
    block = text.split("### Beslissingen", 1)[1]
    assert "11 handen in de zaal" in block and "6 handen in de zaal" in block
    assert "**0×** (0%)" in block  # the minority's choice is listed, with its hands, though no room took it
