"""Small helpers shared by the tests: load a scenario from inline YAML."""

from __future__ import annotations

import textwrap
from pathlib import Path

from game.scenario.loader import LoadResult, load_file
from game.scenario.model import Scenario


def load_text(tmp_path: Path, text: str, name: str = "s.yaml") -> LoadResult:
    """Write dedented YAML to a file in tmp_path and load it."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_file(path)


def scenario_from(tmp_path: Path, text: str) -> Scenario:
    """Load inline YAML that must be valid; fail with its diagnostics otherwise."""
    result = load_text(tmp_path, text)
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    return result.scenario
