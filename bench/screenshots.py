"""Save a PNG of every screen at 1280×720 and 1920×1080, 100 % and 200 % text, Dutch and English.

Run: python bench/screenshots.py [--out build/screenshots] [--only NAME ...]
Uses the dummy video driver and a temporary settings folder; never touches your own settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
_config = tempfile.mkdtemp(prefix="weerbaar-shots-")
os.environ["WEERBAAR_CONFIG_DIR"] = _config

import pygame  # noqa: E402

from game.ui import preview  # noqa: E402
from game.ui.app import App  # noqa: E402

SIZES = ((1280, 720), (1920, 1080))
SCALES = (1.0, 2.0)
LANGS = ("nl", "en")


def scenario_folder() -> Path:
    """A temporary copy of scenarios/ plus one file with errors (for the menu)."""
    return preview.scenario_folder(Path(tempfile.mkdtemp(prefix="weerbaar-scenarios-")), ROOT / "scenarios")


def main() -> int:
    """Write the PNGs; prints where."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots"))
    parser.add_argument("--only", nargs="*", help="screen names to capture")
    parser.add_argument("--sizes", nargs="*", help="e.g. 1280x720")
    parser.add_argument("--contrast", action="store_true", help="also capture in high contrast")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes] if args.sizes else SIZES
    app = App(scenario_dirs=[scenario_folder()], size=sizes[0], clock=time.monotonic)
    count = 0
    contrasts = (False, True) if args.contrast else (False,)
    for size in sizes:
        app.surface = pygame.display.set_mode(size)
        app.resized()
        for contrast in contrasts:
            for scale in SCALES:
                for lang in LANGS:
                    app.settings.text_scale = scale
                    app.settings.language = lang
                    app.settings.high_contrast = contrast
                    app.settings.reduced_motion = True
                    app.apply_settings(save=False)
                    for name, open_screen in preview.screen_openers(app).items():
                        if args.only and name not in args.only:
                            continue
                        open_screen()
                        app.screen.update(0.0)
                        app.draw()
                        suffix = "-hc" if contrast else ""
                        path = out / f"{name}_{size[0]}x{size[1]}_{round(scale * 100)}_{lang}{suffix}.png"
                        pygame.image.save(app.surface, str(path))
                        count += 1
    print(f"{count} screenshots in {out}")
    app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
