"""Untrusted input: bad files of every kind are rejected with the right line and no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.scenario.loader import load_bytes, load_file, load_paths

from .conftest import ROOT
from .helpers import load_text

BASE = """format: 1
id: demo
title: Demo
languages: [nl]
start: a
scenes:
  a:
    lines: [{text: Hallo}]
    ending: {rating: good, title: Einde, text: Klaar}
"""

ALIAS_BOMB = b"""a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def codes(result) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """(code, line) pairs of a load result."""
    return [(d.code, d.line) for d in result.diagnostics]


def test_alias_bomb_is_rejected_quickly(tmp_path: Path) -> None:
    """The classic billion-laughs file is refused at the first alias, without expanding it."""
    assert len(ALIAS_BOMB) < 400
    path = tmp_path / "bomb.yaml"
    path.write_bytes(ALIAS_BOMB)
    result = load_file(path)
    assert result.scenario is None
    assert ("WB104", 2) in codes(result)


def test_python_tags_are_rejected_and_never_constructed(tmp_path: Path) -> None:
    """!!python/object tags are reported, never executed."""
    marker = tmp_path / "pwned"
    text = BASE.replace("title: Demo", f"title: !!python/object/apply:os.system ['touch {marker}']")
    result = load_text(tmp_path, text)
    assert ("WB105", 3) in codes(result)
    assert not marker.exists()


def test_local_tags_are_rejected(tmp_path: Path) -> None:
    """Any explicit non-core tag is refused."""
    result = load_text(tmp_path, BASE.replace("title: Demo", "title: !secret Demo"))
    assert ("WB105", 3) in codes(result)


def test_oversized_file_is_rejected_before_parsing(tmp_path: Path) -> None:
    """Files over 2 MiB are refused."""
    path = tmp_path / "big.yaml"
    path.write_bytes(BASE.encode() + b"#" * (2 * 1024 * 1024))
    result = load_file(path)
    assert codes(result) == [("WB101", 1)]


def test_non_utf8_reports_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    """A Windows-1252 file is refused at the line of its first non-UTF-8 byte."""
    path = tmp_path / "latin.yaml"
    path.write_bytes(BASE.replace("Hallo", "Caf\xe9").encode("cp1252"))
    result = load_file(path)
    assert codes(result) == [("WB102", 8)]


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    """A file with NUL bytes is refused."""
    result = load_bytes(b"format: 1\n\x00\x01\x02", tmp_path / "x.yaml")
    assert [c for c, _ in codes(result)] == ["WB102"]


def test_deep_nesting_is_rejected(tmp_path: Path) -> None:
    """Deep block nesting is bounded too (not only flow brackets)."""
    deep = "x-deep:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(60)) + "  " * 61 + "v: 1\n"
    result = load_text(tmp_path, BASE + deep)
    assert any(code == "WB106" for code, _ in codes(result))


def test_very_deep_flow_nesting_does_not_crash(tmp_path: Path) -> None:
    """Thousands of nested brackets are refused, not a crash."""
    result = load_bytes(b"a: " + b"[" * 5000 + b"]" * 5000, tmp_path / "x.yaml")
    assert result.scenario is None and result.diagnostics


def test_duplicate_keys_are_errors(tmp_path: Path) -> None:
    """PyYAML would keep the last duplicate silently; we report it."""
    result = load_text(tmp_path, BASE.replace("start: a", "start: a\nstart: a"))
    assert ("WB107", 6) in codes(result)


@pytest.mark.parametrize("ref, code", [
    ("/etc/passwd.svg", "WB501"),
    ("../secret.svg", "WB501"),
    ("portraits/../../x.svg", "WB501"),
    ("C:/x.svg", "WB501"),
    ("portraits\\\\x.svg", "WB501"),
    ("portraits/nobody.svg", "WB502"),
    ("notes.txt", "WB504"),
])
def test_bad_asset_paths(tmp_path: Path, ref: str, code: str) -> None:
    """Absolute, parent-escaping, backslashed, missing and non-image asset paths are refused."""
    text = BASE.replace("  a:\n", f"  a:\n    background: \"{ref}\"\n")
    result = load_text(tmp_path, text)
    assert (code, 8) in codes(result), codes(result)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    """A link that resolves outside the scenario folder and assets/ is refused."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.svg").write_text("<svg/>")
    folder = tmp_path / "scen"
    folder.mkdir()
    os.symlink(outside / "x.svg", folder / "x.svg")
    path = folder / "s.yaml"
    path.write_text(BASE.replace("  a:\n", "  a:\n    background: x.svg\n"))
    assert ("WB503", 8) in codes(load_file(path))


def test_asset_next_to_the_scenario_is_found(tmp_path: Path) -> None:
    """Assets next to the file are found before the game's assets."""
    (tmp_path / "bg.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    result = load_text(tmp_path, BASE.replace("  a:\n", "  a:\n    background: bg.svg\n"))
    assert result.ok
    assert result.scenario.scenes["a"].background.path == (tmp_path / "bg.svg").resolve()


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Several independent mistakes give several diagnostics, in file order."""
    text = BASE.replace("title: Demo", "titel: Demo").replace("rating: good", "rating: great")
    text = text.replace("text: Hallo", "text: Hallo, speaker: bob")
    result = load_text(tmp_path, text)
    found = [c for c, _ in codes(result)]
    assert {"WB201", "WB202", "WB209", "WB302"} <= set(found)
    lines = [d.line for d in result.diagnostics]
    assert lines == sorted(lines)


def test_duplicate_scenario_ids_in_a_folder(tmp_path: Path) -> None:
    """Two files with one id: the second is refused with WB109."""
    (tmp_path / "a.yaml").write_text(BASE)
    (tmp_path / "b.yaml").write_text(BASE)
    results = load_paths([tmp_path])
    assert results[0].ok and not results[1].ok
    assert [d.code for d in results[1].diagnostics] == ["WB109"]


def test_garbage_never_raises(tmp_path: Path) -> None:
    """Random byte soup and odd YAML never raise out of the loader."""
    import random
    rng = random.Random(7)
    samples = [b"", b"---", b"[]", b"42", b"{a: [}", b"format: 1\nscenes: 3", b"\t- x", b"? [a]\n: b"]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200))) for _ in range(100)]
    pieces = BASE.encode().split(b"\n")
    samples += [b"\n".join(rng.sample(pieces, len(pieces))) for _ in range(50)]
    for data in samples:
        result = load_bytes(data, tmp_path / "g.yaml")
        assert result.scenario is None or result.ok


def test_cli_rejects_bad_file_without_traceback(tmp_path: Path) -> None:
    """The command line prints file:line:col diagnostics and never a traceback."""
    path = tmp_path / "bomb.yaml"
    path.write_bytes(ALIAS_BOMB)
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "validate", str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{path}:2:" in proc.stdout or "bomb.yaml:2:" in proc.stdout


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    """A path that cannot be read gives WB110."""
    result = load_file(tmp_path / "nope.yaml")
    assert codes(result) == [("WB110", 1)]


def test_character_and_meter_with_one_name_is_ambiguous(tmp_path: Path) -> None:
    """{x} must mean one thing: a character may not share an id with a meter or flag."""
    text = BASE.replace("start: a", "flags: {fenna: 1}\ncharacters:\n  fenna: {name: Fenna}\nstart: a")
    assert ("WB212", 7) in codes(load_text(tmp_path, text))


def test_multiple_documents_are_refused(tmp_path: Path) -> None:
    """One scenario per file: a second YAML document is an error, not silently ignored."""
    assert "WB103" in [c for c, _ in codes(load_text(tmp_path, BASE + "---\n" + BASE))]


def test_yes_no_words_and_times_are_explained(tmp_path: Path) -> None:
    """Unquoted yes/no become true/false in YAML; a text expected there says to quote it."""
    result = load_text(tmp_path, BASE.replace("title: Demo", "title: yes"))
    diagnostic = next(d for d in result.diagnostics if d.code == "WB203")
    assert "quotes" in diagnostic.hint and diagnostic.line == 3
