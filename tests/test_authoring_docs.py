"""The authoring guides stay true: complete examples pass strict validation, the commands and codes they
name exist, and they link the diagnostics catalogue and each other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import build_parser
from game.scenario.deeplint import DEFAULT_MAX_STATES
from game.scenario.diagnostics import CATALOGUE
from game.scenario.loader import load_file
from game.testplan import EXPECT_KEYS

from .conftest import ROOT

GUIDES = [ROOT / "docs" / "authoring.md", ROOT / "docs" / "authoring.en.md"]
BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def _complete_examples() -> list[tuple[str, str]]:
    """(guide:line, yaml) for every example that is a whole scenario."""
    found = []
    for guide in GUIDES:
        text = guide.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            if re.search(r"^format: 1", match.group(1), re.M):
                found.append((f"{guide.name}:{text[:match.start()].count(chr(10)) + 1}", match.group(1)))
    return found


EXAMPLES = _complete_examples()


def test_each_guide_has_whole_examples() -> None:
    """Both guides have the first-scenario example and the cheat sheet."""
    assert sorted({name.split(":")[0] for name, _ in EXAMPLES}) == ["authoring.en.md", "authoring.md"]
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("where, example", EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_whole_examples_pass_strict_validation(where: str, example: str, tmp_path: Path) -> None:
    """No error and no warning, the deep check included."""
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_file(path, max_states=DEFAULT_MAX_STATES)
    assert result.ok and result.diagnostics == [], [d.format() for d in result.diagnostics]


@pytest.mark.parametrize("guide", GUIDES, ids=[g.name for g in GUIDES])
def test_commands_codes_and_links_exist(guide: Path) -> None:
    """Every `python main.py X` is a real command, every WBxxx a real code, the links resolve."""
    text = guide.read_text(encoding="utf-8")
    commands = set(re.findall(r"python main\.py (\w+)", text))
    parser_commands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert commands and commands <= parser_commands
    for code in re.findall(r"\bWB\d{3}\b", text):
        assert code in CATALOGUE, code
    for link in re.findall(r"\]\(([\w.]+\.md)\)", text):
        assert (guide.parent / link).exists(), link
    assert "](diagnostics.md)" in text
    for key in ("scene", "ending", "rating", "meters", "flags", "offered", "not_offered", "quiz"):
        assert f"`{key}`" in text and key in EXPECT_KEYS
