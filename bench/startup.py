"""Start-up benchmark: process start to the first frame of the game's menu, against a bare pygame window.

Run: python bench/startup.py
  baseline  python -c "import pygame; set_mode; flip"
  title     python -> the first frame of the title screen (the main menu `python main.py` opens)
  menu      python -> the first frame of the scenario menu (scenarios still loading in the background)
  listed    python -> the scenario menu with every scenario listed (for information)
Each is the fastest of several runs (this machine may be busy), dummy video driver, 1280×720.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7
TARGET = 2.0

BASELINE = ("import pygame; pygame.display.init(); s = pygame.display.set_mode((1280, 720)); "
            "pygame.display.flip()")
GAME = ("import sys; sys.path.insert(0, {root!r}); from game.ui.app import App; "
        "app = App(size=(1280, 720), start={start!r}); {wait}app.run(max_frames=1)")
LISTED = "app.catalog.wait(); "


def run(code: str) -> float:
    """Wall seconds of one `python -c code` process."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               WEERBAAR_CONFIG_DIR=tempfile.mkdtemp(prefix="weerbaar-startup-"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=ROOT)
    return time.perf_counter() - start


def best(code: str) -> float:
    """The fastest of RUNS runs."""
    return min(run(code) for _ in range(RUNS))


def main() -> int:
    """Measure and print each against the baseline."""
    base = best(BASELINE)
    title = best(GAME.format(root=str(ROOT), start="title", wait=""))
    menu = best(GAME.format(root=str(ROOT), start="menu", wait=""))
    listed = best(GAME.format(root=str(ROOT), start="menu", wait=LISTED))
    print(f"baseline (import pygame, set_mode, flip): {base * 1000:.0f} ms")
    print(f"title screen, first frame: {title * 1000:.0f} ms = {title / base:.2f}x (target <= {TARGET:g}x)")
    print(f"scenario menu, first frame: {menu * 1000:.0f} ms = {menu / base:.2f}x (target <= {TARGET:g}x)")
    print(f"scenario menu with every scenario listed: {listed * 1000:.0f} ms = {listed / base:.2f}x (information)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
