"""Save PNGs of the developer mode (`play FILE --dev`): the map, the scene picker, the state panel, the notice
after a reload, the errors after a broken save and the dead-end notice, on a copy of scenarios/fake-video.yaml.

Run: python bench/screenshots_dev.py [--out build/screenshots] [--sizes 1280x720 1920x1080] [--scales 1 2]
     [--langs nl en] [--contrast]
Uses the dummy video driver, a temporary settings folder and a temporary copy of the scenario.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ["WEERBAAR_CONFIG_DIR"] = tempfile.mkdtemp(prefix="weerbaar-shots-")

import pygame  # noqa: E402

from game.ui.app import App  # noqa: E402

SCENARIO = ROOT / "scenarios" / "fake-video.yaml"
SIZES = ((1280, 720), (1920, 1080))
DEAD_END = """format: 1
id: gate
title: {nl: Poort, en: Gate}
languages: [nl, en]
meters:
  trust: {label: {nl: Vertrouwen, en: Trust}, start: 50, min: 0, max: 100, good: high}
flags: {key: false}
start: hall
scenes:
  hall:
    type: dialogue
    lines: [{text: {nl: Een hal met een sleutel., en: A hall with a key.}}]
    choices:
      - id: take
        text: {nl: Pak de sleutel, en: Take the key}
        feedback: {nl: Je hebt hem., en: You have it.}
        set: {key: true}
        next: door
  door:
    type: dialogue
    lines: [{text: {nl: Een dichte deur., en: A closed door.}}]
    choices:
      - id: open
        if: key
        text: {nl: Open de deur, en: Open the door}
        feedback: {nl: Open., en: Open.}
        next: done
  done:
    type: dialogue
    lines: [{text: {nl: Klaar., en: Done.}}]
    ending: {rating: good, title: {nl: Klaar, en: Done}, text: {nl: Klaar., en: Done.}}
debrief:
  questions: [{nl: Vraag?, en: Question?}]
  takeaways: [{nl: Les., en: Lesson.}]
"""


class Clock:
    """A clock moved by hand, so the reload is seen without waiting."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def save_file(path: Path, text: str, bump: int) -> None:
    """Write the scenario as an editor would, its modification time moved on."""
    path.write_text(text, encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + bump * 1_000_000_000))


def key(app: App, code: int, text: str = "", mod: int = 0) -> None:
    """A key press, then a frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode=text, scancode=0))
    frames(app, 1)


def frames(app: App, count: int) -> None:
    """Run frames, moving the clock with them."""
    for _ in range(count):
        app.clock.now += 0.05  # type: ignore[attr-defined]
        app.frame(0.05)


def open_app(file: Path, size: tuple[int, int], lang: str, scale: float, contrast: bool,
             start: str | None = None) -> App:
    """`play FILE --dev --lang LANG` in a window of `size`."""
    args = argparse.Namespace(file=str(file), lang=lang, facilitator=False, text=False, start=start, set=[], dev=True)
    app = App(args, size=size, clock=Clock())
    app.settings.text_scale = scale
    app.settings.high_contrast = contrast
    app.settings.reduced_motion = True
    app.settings.timers = False
    app.apply_settings(save=False)
    frames(app, 2)
    return app


def shoot(app: App, out: Path, name: str) -> Path:
    """Draw the frame and save it."""
    app.screen.update(0.0)
    app.draw()
    path = out / name
    pygame.image.save(app.surface, str(path))
    return path


def capture(out: Path, size: tuple[int, int], lang: str, scale: float, contrast: bool) -> list[Path]:
    """Every developer screen in one configuration."""
    suffix = f"{size[0]}x{size[1]}_{round(scale * 100)}_{lang}{'-hc' if contrast else ''}.png"
    folder = Path(tempfile.mkdtemp(prefix="weerbaar-dev-"))
    file = folder / SCENARIO.name
    original = SCENARIO.read_text(encoding="utf-8")
    file.write_text(original, encoding="utf-8")
    app = open_app(file, size, lang, scale, contrast)
    dev = app.dev
    assert dev is not None
    saved = []
    dev.jump("press_sanne")
    screen = app.screen
    screen.typed = None
    dev.notice = None
    saved.append(shoot(app, out, f"dev-play-hint_{suffix}"))
    dev.open_map()
    mapper = app.screen
    mapper.ensure_layout()
    target = "news_debunk"
    mapper.reveal_scene(target)
    mapper.ensure_layout()
    pos = mapper.node_rect(target).center
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    frames(app, 1)
    saved.append(shoot(app, out, f"dev-map_{suffix}"))
    key(app, pygame.K_MINUS, "-")
    key(app, pygame.K_MINUS, "-")
    key(app, pygame.K_MINUS, "-")
    saved.append(shoot(app, out, f"dev-map-zoomed_{suffix}"))
    key(app, pygame.K_ESCAPE)
    dev.open_picker()
    for char in "news":
        key(app, pygame.key.key_code(char), char)
    key(app, pygame.K_DOWN)
    saved.append(shoot(app, out, f"dev-picker_{suffix}"))
    key(app, pygame.K_ESCAPE)
    dev.open_state()
    key(app, pygame.K_PLUS, "+")
    key(app, pygame.K_DOWN)
    for char in "140":
        key(app, pygame.key.key_code(char), char)
    key(app, pygame.K_RETURN)
    saved.append(shoot(app, out, f"dev-state_{suffix}"))
    key(app, pygame.K_ESCAPE)
    # a save that narrows a meter and adds a flag: the notice says what changed
    changed = original.replace("trust: {label: {nl: Vertrouwen, en: Trust}, start: 50, min: 0, max: 100",
                               "trust: {label: {nl: Vertrouwen, en: Trust}, start: 40, min: 0, max: 45")
    changed = changed.replace("flags:\n", "flags:\n  press_called: false\n", 1)
    save_file(file, changed, 1)
    frames(app, 10)
    saved.append(shoot(app, out, f"dev-reload-notice_{suffix}"))
    # a broken save: the errors on screen, play goes on with the previous version
    broken = changed.replace("next: fenna_call", "next: fenna_cal", 1).replace("type: dialogue", "type: dialog", 1)
    save_file(file, broken, 2)
    frames(app, 10)
    saved.append(shoot(app, out, f"dev-errors_{suffix}"))
    save_file(file, changed, 3)
    frames(app, 10)
    app.close()
    # a dead end in the current state (after a jump): said on screen, with the way out
    gate = folder / "gate.yaml"
    gate.write_text(DEAD_END, encoding="utf-8")
    app = open_app(gate, size, lang, scale, contrast, start="door")
    app.screen.advance()
    app.screen.typed = None
    frames(app, 1)
    saved.append(shoot(app, out, f"dev-dead-end_{suffix}"))
    app.close()
    return saved


def main() -> int:
    """Write the PNGs; prints where."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "build" / "screenshots"))
    parser.add_argument("--sizes", nargs="*", help="e.g. 1280x720")
    parser.add_argument("--scales", nargs="*", type=float, default=[1.0])
    parser.add_argument("--langs", nargs="*", default=["nl", "en"])
    parser.add_argument("--contrast", action="store_true", help="also capture in high contrast")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.sizes] if args.sizes else SIZES
    count = 0
    for size in sizes:
        for scale in args.scales:
            for lang in args.langs:
                for contrast in ((False, True) if args.contrast else (False,)):
                    count += len(capture(out, size, lang, scale, contrast))  # type: ignore[arg-type]
    print(f"{count} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
