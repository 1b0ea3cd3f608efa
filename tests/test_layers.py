"""The model, loader, expressions and engine never import pygame."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_core_layers_do_not_import_pygame() -> None:
    """Importing the core (and loading and playing a scenario) leaves pygame out of sys.modules."""
    code = (
        "import sys\n"
        "import game.scenario, game.scenario.loader, game.scenario.expressions, game.engine.engine, game.textplayer\n"
        "from game.scenario.loader import load_file\n"
        "from game.engine.engine import Engine\n"
        "r = load_file('scenarios/example.yaml')\n"
        "e = Engine(r.scenario) if r.scenario else None\n"
        "print('pygame' in sys.modules, 'transitions' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_no_eval_exec_or_compile_in_the_core() -> None:
    """The scenario layer never calls eval, exec or compile."""
    import re
    for path in (ROOT / "game" / "scenario").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])(eval|exec|compile)\(", source), path


def test_trainer_tools_do_not_import_pygame() -> None:
    """Deep lint, schema, stats, map, starter and hot reload run without pygame (the UI calls them)."""
    code = (
        "import sys\n"
        "import game.scenario.deeplint, game.scenario.statespace, game.scenario.schema, game.devreload\n"
        "import game.tools.stats, game.tools.scenemap, game.tools.starter, game.tools.summary, game.saves\n"
        "from game.scenario.loader import load_file\n"
        "from game.tools.scenemap import layout_map, to_mermaid\n"
        "s = load_file('scenarios/example.yaml', max_states=1000).scenario\n"
        "layout_map(s); to_mermaid(s)\n"
        "print('pygame' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False"]
