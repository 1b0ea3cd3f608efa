"""Every diagnostic code is documented, and each documented bad example fails with its code at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.scenario.deeplint import DEFAULT_MAX_STATES
from game.scenario.diagnostics import CATALOGUE
from game.scenario.loader import load_file

from .conftest import ROOT

DOC = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
SECTION = re.compile(r"^### (WB\d{3}) — (.+)$", re.M)
EXAMPLE = re.compile(r"```yaml\n(.*?)```", re.S)


def _sections() -> dict[str, str]:
    """Map each code to the text of its section in the catalogue."""
    heads = list(SECTION.finditer(DOC))
    return {m.group(1): DOC[m.end(): heads[i + 1].start() if i + 1 < len(heads) else len(DOC)]
            for i, m in enumerate(heads)}


SECTIONS = _sections()
EXAMPLES = {code: EXAMPLE.search(text).group(1) for code, text in SECTIONS.items() if EXAMPLE.search(text)}


def test_every_code_is_documented_once() -> None:
    """The catalogue in code and in docs list the same codes."""
    assert set(SECTIONS) == set(CATALOGUE)
    assert len(SECTION.findall(DOC)) == len(CATALOGUE)


def test_most_codes_have_a_runnable_example() -> None:
    """Only file-level problems that YAML cannot show lack an example."""
    assert set(CATALOGUE) - set(EXAMPLES) == {"WB101", "WB102", "WB109", "WB110", "WB503"}


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_documented_example_fails_with_its_code_at_its_line(code: str, tmp_path: Path) -> None:
    """The bad example produces the diagnostic at the marked line."""
    example = EXAMPLES[code]
    marked = [n for n, line in enumerate(example.splitlines(), 1) if f"# <-- {code}" in line]
    assert marked, f"the example of {code} has no '# <-- {code}' marker"
    path = tmp_path / "example.yaml"
    path.write_text(example, encoding="utf-8")
    result = load_file(path, max_states=DEFAULT_MAX_STATES)     # as validate does: the deep check too
    found = [(d.code, d.line) for d in result.diagnostics]
    assert (code, marked[0]) in found, found
    if CATALOGUE[code][0].value == "error":
        assert result.scenario is None
    else:
        assert result.scenario is not None


def test_fixed_base_example_is_clean(tmp_path: Path) -> None:
    """The smallest valid scenario at the top of the catalogue loads without any diagnostic."""
    base = EXAMPLE.search(DOC.split("## Files and YAML")[0]).group(1)
    path = tmp_path / "base.yaml"
    path.write_text(base, encoding="utf-8")
    result = load_file(path, max_states=DEFAULT_MAX_STATES)
    assert result.ok and result.diagnostics == []
