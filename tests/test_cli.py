"""The command line: exit codes, JSON diagnostics, scripted play and its JSON result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main

from .conftest import ROOT, SCENARIOS

EXAMPLE = str(SCENARIOS / "example.yaml")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run main.py as a real process."""
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          input=stdin, timeout=60, cwd=ROOT)


def test_validate_clean_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """A valid file: exit 0, no diagnostics."""
    assert main(["validate", "--strict", EXAMPLE]) == 0
    assert "error" not in capsys.readouterr().out.split("checked")[0]


def test_validate_errors_exit_1_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Errors: exit 1; --format json lists file, line, column, severity, code, message."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\nid: x\ntitle: X\nlanguages: [nl]\nstart: a\nscenes:\n  a: {lines: [{text: a}], "
                   "ending: {rating: good, title: E, text: E}}\n")
    assert main(["validate", "--format", "json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data == [{"file": data[0]["file"], "line": 1, "column": 9, "severity": "error", "code": "WB204",
                     "message": data[0]["message"]}]
    assert data[0]["file"].endswith("bad.yaml")


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A warning alone exits 0, but 1 with --strict."""
    warn = tmp_path / "warn.yaml"
    warn.write_text("format: 1\nid: x\ntitle: X\nlanguages: [nl]\nflags: {unused: 1}\nstart: a\nscenes:\n"
                    "  a: {lines: [{text: a}], ending: {rating: good, title: E, text: E}}\n")
    assert main(["validate", str(warn)]) == 0
    assert "warning:" in capsys.readouterr().out
    assert main(["validate", "--strict", str(warn)]) == 1
    assert main(["validate", "--strict", "--format", "json", str(warn)]) == 1


def test_usage_errors_exit_2() -> None:
    """Unknown options and missing paths are usage errors."""
    assert run("validate", "--nonsense", EXAMPLE).returncode == 2
    assert run("validate", "does/not/exist.yaml").returncode == 2
    assert run("frobnicate").returncode == 2


def test_scripted_play_json() -> None:
    """--choices with --json prints the documented result object."""
    proc = run("play", EXAMPLE, "--text", "--choices", "1,1,1", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"scenario", "ending", "rating", "meters", "flags", "path", "quiz"}
    assert data["scenario"] == "example"
    assert data["ending"] == "good_end" and data["rating"] == "good"
    assert data["path"] == ["morning", "timeline", "chat", "article", "quiz", "wrapup", "good_end"]
    assert data["quiz"] == {"right": 1, "asked": 1}
    assert data["meters"] == {"trust": 75, "reach": 10, "stress": 10}
    assert data["flags"] == {"checked_source": True, "calls_taken": 1, "spokesperson_said": "facts"}


def test_scripted_play_stops_when_choices_run_out() -> None:
    """Too few choices: the result has ending null and exit 0."""
    proc = run("play", EXAMPLE, "--text", "--choices", "2", "--json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["ending"] is None and data["rating"] is None
    assert data["path"][-1] == "chat"


def test_scripted_play_out_of_range_exits_1_naming_scene_and_choices() -> None:
    """A number not on offer: exit 1 and a message with the scene and the choices shown."""
    proc = run("play", EXAMPLE, "--text", "--choices", "1,7")
    assert proc.returncode == 1
    assert "chat" in proc.stderr and "answer" in proc.stderr and "wait" in proc.stderr


def test_interactive_text_play_in_english() -> None:
    """The terminal player reads numbers from stdin and reaches the debrief."""
    proc = run("play", EXAMPLE, "--text", "--lang", "en", stdin="\n1\n2\n\n\n1\n\n")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "What do you do?" in out and "1. First check who runs the account" in out
    assert "DEBRIEF" in out and "Techniques you saw" in out
    assert "╔" not in out and "│" not in out  # plain text for screen readers


def test_text_play_unknown_language_is_usage_error() -> None:
    """--lang must be one of the scenario's languages."""
    assert run("play", EXAMPLE, "--text", "--lang", "de").returncode == 2


BAD_KEY = ("format: 1\nid: demo\ntitle: Demo\nlanguages: [nl]\nminuts: 5\nstart: a\nscenes:\n"
           "  a: {lines: [{text: Hoi}], ending: {rating: good, title: Einde, text: Klaar}}\n")


def test_validate_speaks_dutch_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Trainers are Dutch: messages and the closing line in Dutch; error/warning stay English for editors."""
    monkeypatch.delenv("WEERBAAR_LANG", raising=False)
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_KEY, encoding="utf-8")
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:5:1: error: onbekende sleutel 'minuts' in het scenario — bedoel je 'minutes'?" in out
    assert out.rstrip().endswith("1 bestand gecontroleerd: 1 fout, 0 waarschuwingen")


@pytest.mark.parametrize("how", ["flag", "env"])
def test_validate_in_english_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    """--lang en, or WEERBAAR_LANG=en, gives the English texts; JSON carries the language asked for."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_KEY, encoding="utf-8")
    args = ["validate", "--format", "json", str(bad)]
    if how == "flag":
        monkeypatch.setenv("WEERBAAR_LANG", "nl")
        args.insert(1, "--lang")
        args.insert(2, "en")
    else:
        monkeypatch.setenv("WEERBAAR_LANG", "en")
    assert main(args) == 1
    [diagnostic] = json.loads(capsys.readouterr().out)
    assert diagnostic["message"].startswith("unknown key 'minuts' in the scenario — did you mean 'minutes'?")


def test_start_and_set_problems_speak_the_trainers_language(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """--start to a scene that does not exist and --set out of range: exit 2, in Dutch by default, English on request."""
    monkeypatch.delenv("WEERBAAR_LANG", raising=False)
    assert main(["play", EXAMPLE, "--text", "--start", "nergens", "--set", "trust=500", "--choices", "1"]) == 2
    err = capsys.readouterr().err
    assert "er is geen scène 'nergens'" in err and "de meter 'trust' gaat van 0 tot 100; 500 valt daarbuiten" in err
    assert main(["play", EXAMPLE, "--text", "--lang", "en", "--start", "nowhere", "--choices", "1"]) == 2
    assert "there is no scene 'nowhere'" in capsys.readouterr().err


def test_text_player_leaves_out_counts_a_post_does_not_have(tmp_path: Path) -> None:
    """A post with likes shows its counts; a post without any shows no line of zeros."""
    from game.engine.engine import Engine
    from game.textplayer import scene_text

    from .helpers import scenario_from

    scenario = scenario_from(tmp_path, """\
        format: 1
        id: posts
        title: Posts
        languages: [nl]
        start: a
        scenes:
          a:
            type: feed
            posts:
              - {author: Piet, handle: "@piet", text: Hoi, likes: 3}
              - {author: Ans, handle: "@ans", text: Stil}
            ending: {rating: good, title: Einde, text: Klaar}
        """)
    lines = scene_text(Engine(scenario), "nl")
    counts = [line for line in lines if "vind-ik-leuk" in line]
    assert len(counts) == 1 and counts[0].strip().startswith("3 ")
