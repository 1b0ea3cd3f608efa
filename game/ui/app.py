"""The app: the window, the screens' state machine, the frame loop and the never-crash safety net."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Let SIGTERM/SIGINT end the process as usual instead of becoming a window-close event (which asks first).
os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")

import pygame  # noqa: E402

from . import fonts, icons, images  # noqa: E402
from . import settings as settings_store  # noqa: E402
from .catalog import DEFAULT_SCENARIO_DIR, Catalog  # noqa: E402
from .errorlog import log_exception  # noqa: E402
from .screens.base import Screen  # noqa: E402
from .theme import MIN_WINDOW, Theme  # noqa: E402

if TYPE_CHECKING:
    from .devmode import DevMode
    from .session import Session

ACTIVE_FPS = 60
IDLE_FPS = 10
ACTIVE_SECONDS = 1.5
DEFAULT_WINDOW = (1280, 720)


class App:
    """The game window and its screens: title → menu → intro → play → ending → debrief → menu."""

    def __init__(self, args: argparse.Namespace | None = None, scenario_dirs: list[Path] | None = None,
                 size: tuple[int, int] | None = None, clock: Callable[[], float] = time.monotonic,
                 start: str | None = None) -> None:
        """Open the window; `args` is None for the title screen or the `play` namespace for one scenario."""
        self.args = args
        self.clock = clock
        self.settings = settings_store.load()
        self.lang_override: str | None = getattr(args, "lang", None) if args else None
        self.facilitator = bool(getattr(args, "facilitator", False)) if args else False
        self.catalog = Catalog(list(scenario_dirs) if scenario_dirs else [DEFAULT_SCENARIO_DIR])
        self.session: Session | None = None  # Session is imported lazily (quick start-up)
        self.dev: DevMode | None = None  # developer mode (play FILE --dev): hot reload, map, picker, state
        self.stack: list[Screen] = []
        self.running = True
        self.exit_code = 0
        self.dirty = True
        self.animating = False
        self.layout_generation = 0
        self.frames = 0
        self.mouse_pos: tuple[int, int] = (0, 0)
        self._failing = False
        self._saved_mark: tuple[int, int, int] | None = None
        self.menu_notice: str | None = None  # a one-off line for the menu, e.g. why a save could not go on
        self._last_time = clock()
        self._last_input = self._last_time
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.windowed_size = size or self._default_size()
        self.surface = self._set_mode()
        pygame.display.set_caption("Weerbaar")
        self.theme = self._make_theme()
        self._pg_clock = pygame.time.Clock()
        try:
            self._start(start)
        except Exception as exc:  # noqa: BLE001 - e.g. a scenario bug in its first scene
            self.fail(exc)

    # ---- window ------------------------------------------------------------------------
    def _default_size(self) -> tuple[int, int]:
        """1280×720, or smaller to fit the desktop (never below 1024×576)."""
        try:
            desktop = pygame.display.get_desktop_sizes()[0]
        except (pygame.error, IndexError):
            return DEFAULT_WINDOW
        w = min(DEFAULT_WINDOW[0], max(MIN_WINDOW[0], desktop[0] - 80))
        h = min(DEFAULT_WINDOW[1], max(MIN_WINDOW[1], desktop[1] - 120))
        return (w, h)

    def _set_mode(self) -> pygame.Surface:
        """Open (or reopen) the window, fullscreen when the settings say so."""
        if self.settings.fullscreen:
            try:
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            except pygame.error:
                self.settings.fullscreen = False
        surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        if surface.get_size() != tuple(self.windowed_size):
            # leaving full screen, some video drivers keep the old size until asked a second time
            surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        return surface

    def _make_theme(self) -> Theme:
        """A theme for the window's size and the settings."""
        return Theme(self.surface.get_size(), self.settings.text_scale, self.settings.high_contrast)

    def apply_settings(self, save: bool = True) -> None:
        """Settings changed: save them, and lay everything out again."""
        if save:
            settings_store.save(self.settings)
        self.theme = self._make_theme()
        self.layout_generation += 1
        self.invalidate()

    def toggle_fullscreen(self) -> None:
        """Switch between a window and the full screen (F11)."""
        self.settings.fullscreen = not self.settings.fullscreen
        self.surface = self._set_mode()
        images.clear()
        self.apply_settings()

    def resized(self) -> None:
        """The window changed size."""
        surface = pygame.display.get_surface()
        if surface is not None:
            self.surface = surface
            if not self.settings.fullscreen:
                self.windowed_size = surface.get_size()
        if self.surface.get_size() != self.theme.size:
            self.theme = self._make_theme()
            self.invalidate()

    # ---- language ----------------------------------------------------------------------
    def ui_lang(self) -> str:
        """The language shown: --lang, else the setting, else the scenario's first, else Dutch."""
        if self.lang_override:
            return self.lang_override
        if self.settings.language:
            return self.settings.language
        if self.session is not None:
            return self.session.scenario.default_language
        return "nl"

    # ---- screens (the state machine) ------------------------------------------------------
    @property
    def screen(self) -> Screen:
        """The screen on top."""
        return self.stack[-1]

    def show(self, screen: Screen) -> None:
        """Replace every screen with `screen`."""
        self.stack = [screen]
        self.invalidate()

    def push(self, screen: Screen) -> None:
        """Put an overlay (pause, settings, confirm) on top."""
        self.stack.append(screen)
        self.invalidate()

    def pop(self) -> None:
        """Close the overlay on top."""
        if len(self.stack) > 1:
            self.stack.pop()
            self.screen.touch()

    def _start(self, start: str | None) -> None:
        """The first screen: the scenario from the command line, the menu, or the title."""
        from .screens.title import TitleScreen

        file = getattr(self.args, "file", None) if self.args else None
        if file:
            from ..scenario.loader import load_file

            if getattr(self.args, "dev", False):
                from .devmode import DevMode

                self.dev = DevMode(self, file)  # watching starts before the first load: no save is missed
            # in developer mode with the deep check, as every reload has it
            result = load_file(file, max_states=self.dev.reloader.max_states) if self.dev else load_file(file)
            if result.ok and result.scenario is not None:
                if self.dev is not None:
                    self.dev.started(result)
                self.start_scenario(result.scenario, getattr(self.args, "start", None), self._start_values())
                return
            if self.dev is not None:
                from .screens.devproblems import DevProblemsScreen

                self.dev.problems = result
                self.show(DevProblemsScreen(self, result, None, waiting=True))
                return
            from .screens.problems import ProblemsScreen

            self.show(ProblemsScreen(self, result))
            return
        if start == "menu":
            self.open_menu()
        else:
            self.show(TitleScreen(self))

    def _start_values(self) -> dict:  # type: ignore[type-arg]
        """The meters and flags of `play --set` (already parsed by the command line, or parsed here)."""
        values = getattr(self.args, "values", None)
        if values is None and getattr(self.args, "set", None):
            from ..engine.jump import parse_assignments

            values = parse_assignments(self.args.set)
        return dict(values or {})

    def open_title(self) -> None:
        """The title screen."""
        from .screens.title import TitleScreen

        self.session = None
        self.show(TitleScreen(self))

    def open_menu(self) -> None:
        """The scenario menu (scenarios load in the background)."""
        from .screens.menu import MenuScreen

        self.session = None
        if self.frames:
            self.catalog.start()  # else after the first frame is shown (see draw)
        self.show(MenuScreen(self))

    def reload_catalog(self) -> None:
        """Read the scenario folder again."""
        self.catalog = Catalog(self.catalog.folders)
        self.open_menu()

    def open_intro(self, scenario) -> None:  # type: ignore[no-untyped-def]
        """A scenario's introduction."""
        from .screens.intro import IntroScreen

        self.session = None
        self.show(IntroScreen(self, scenario))

    def open_summary(self) -> None:
        """The group summary of the exported sessions (for the trainer's debrief)."""
        from ..report import export_folder
        from .screens.summary import SummaryScreen

        self.session = None
        self.show(SummaryScreen(self, export_folder()))

    def open_problems(self, result) -> None:  # type: ignore[no-untyped-def]
        """The problems in an invalid scenario file."""
        from .screens.problems import ProblemsScreen

        self.push(ProblemsScreen(self, result))

    def start_scenario(self, scenario, scene: str | None = None,  # type: ignore[no-untyped-def]
                       values: dict | None = None) -> None:  # type: ignore[type-arg]
        """Play a scenario from its start (or from `scene` with `values` set, as `play --start/--set` asks)."""
        from .screens.play import PlayScreen

        from .session import Session

        if scene is None and not values:
            from ..saves import file_digest

            autosave = self.dev is None  # developer mode plays test versions: they must not replace a real save
            self.session = Session.start(scenario, self.clock, self.facilitator, autosave,
                                         file_digest(scenario.path) if autosave else "")
        else:
            from ..engine.jump import start_engine

            self.session = Session(scenario, start_engine(scenario, scene, values, clock=self.clock), self.facilitator)
        self.show(PlayScreen(self, self.session))

    def continue_game(self, saved, scenario) -> None:  # type: ignore[no-untyped-def]
        """Go on with an autosaved game; if the scenario no longer fits it, forget it and say so on the menu."""
        from ..saves import ResumeError, file_digest, resume
        from .screens.play import PlayScreen
        from .session import Session

        try:
            engine = resume(saved, scenario, clock=self.clock)
        except ResumeError:
            self.save_store().clear()
            self.menu_notice = "resume_failed"
            self.open_menu()
            return
        self.session = Session(scenario, engine, saved.facilitator, True, file_digest(scenario.path))
        self._saved_mark = self._autosave_mark(self.session)
        self.show(PlayScreen(self, self.session))

    def save_store(self):  # type: ignore[no-untyped-def]
        """The autosave file's store (in the user's data folder, or $WEERBAAR_CONFIG_DIR)."""
        from ..saves import SaveStore

        return SaveStore(settings_store.data_dir())

    @staticmethod
    def _autosave_mark(session: Session) -> tuple[int, int, int]:
        """What changes when there is something new to save: the play, the scenes entered, the decisions."""
        state = session.engine.state
        return id(session), len(state.path), len(state.history)

    def autosave(self) -> None:
        """Keep the autosave in step: written after each decision, cleared once an ending is reached."""
        session = self.session
        if session is None or not session.autosave:
            return
        mark = self._autosave_mark(session)
        if mark == self._saved_mark:
            return
        self._saved_mark = mark
        state = session.engine.state
        if state.ended:
            self.save_store().clear()
        elif state.history:  # opening a scenario does not yet replace the save of another
            from ..saves import snapshot

            self.save_store().write(snapshot(session.engine, session.facilitator, session.digest))

    def restart(self) -> None:
        """Play the current scenario again from its start."""
        from .screens.play import PlayScreen

        if self.session is not None:
            self.session = self.session.restart()
            self.show(PlayScreen(self, self.session))

    def show_ending(self, session: Session) -> None:
        """The ending reached."""
        from .screens.ending import EndingScreen

        self.show(EndingScreen(self, session))

    def show_debrief(self, session: Session) -> None:
        """The debrief of a finished play."""
        from .screens.debrief import DebriefScreen

        self.show(DebriefScreen(self, session))

    def pause(self) -> None:
        """The pause menu over the play screen."""
        from .screens.pause import PauseScreen

        self.push(PauseScreen(self))

    def open_settings(self) -> None:
        """The settings, over whatever is showing."""
        from .screens.settings import SettingsScreen

        self.push(SettingsScreen(self))

    def ask_quit(self) -> None:
        """Ask before closing the game."""
        from .screens.confirm import ConfirmScreen

        if any(s.name == "confirm" for s in self.stack):
            self.quit()
            return
        session = self.session
        kept = session is not None and session.autosave and bool(session.engine.state.history) \
            and not session.engine.ended
        self.push(ConfirmScreen(self, "confirm_quit_title", "confirm_quit_text_saved" if kept else "confirm_quit_text",
                                "quit_yes", "quit_no", self.quit))

    def quit(self) -> None:
        """Close the game."""
        self.running = False

    def fail(self, exc: BaseException) -> None:
        """Something went wrong: log it and show the calm error screen."""
        from .screens.error import ErrorScreen

        where = f"screen={self.stack[-1].name if self.stack else '-'}"
        path = log_exception(exc, where)
        self.session = None
        self.show(ErrorScreen(self, path))

    # ---- the loop ------------------------------------------------------------------------
    def invalidate(self) -> None:
        """Draw again at the next frame."""
        self.dirty = True

    def dispatch(self, event: pygame.event.Event) -> None:
        """Route one event: window events here, the rest to the screen on top."""
        if event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
                          pygame.KEYDOWN):
            self._last_input = self.clock()
            if hasattr(event, "pos"):
                self.mouse_pos = event.pos
        if event.type == pygame.QUIT:
            if self.session is not None:
                self.ask_quit()
            else:
                self.quit()
        elif event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.resized()
        elif event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWFOCUSGAINED, pygame.WINDOWRESTORED):
            self.invalidate()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
        elif self.dev is not None and event.type == pygame.KEYDOWN and self.dev.handle_key(event):
            pass  # a developer key (M map, J picker, D state, E problems)
        elif self.dev is not None and event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 \
                and self.dev.handle_click(event.pos):
            pass  # a click on the developer notice closes it
        elif event.type in (pygame.MOUSEMOTION, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEWHEEL,
                            pygame.KEYDOWN):
            self.screen.handle(event)

    def frame(self, dt: float | None = None) -> None:
        """One turn of the loop: events, animation, and a draw when something changed."""
        now = self.clock()
        if dt is None:
            dt = min(0.25, max(0.0, now - self._last_time))
        self._last_time = now
        try:
            for event in pygame.event.get():
                self.dispatch(event)
                if not self.running:
                    return
            if self.dev is not None:
                self.dev.poll()  # looks at the file's time at most a few times a second
            self.animating = self.screen.update(dt)
            self.autosave()
            if self.dirty or self.animating:
                self.draw()
            self._failing = False
        except Exception as exc:  # noqa: BLE001 - the safety net: never crash in front of a room
            if self._failing:
                raise
            self._failing = True
            self.fail(exc)
            self.draw()

    def draw(self) -> None:
        """Draw the screens (overlays on top of what they cover) and show the frame."""
        surface = pygame.display.get_surface() or self.surface
        self.surface = surface
        if surface.get_size() != self.theme.size:
            self.theme = self._make_theme()
        self.screen.draw(surface)
        if self.dev is not None:
            self.dev.draw(surface)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.frames == 1:
            self.catalog.start()  # read the scenarios in the background once the first frame is up

    def idle(self) -> bool:
        """True when nothing moves and the player has not touched anything for a while."""
        return not self.animating and not self.dirty and self.clock() - self._last_input > ACTIVE_SECONDS

    def run(self, max_frames: int | None = None, max_seconds: float | None = None, close: bool = True) -> int:
        """Run until the player quits (or `max_frames` frames were drawn, or `max_seconds` passed); the exit code."""
        started = time.monotonic()
        try:
            while self.running:
                self.frame()
                if max_frames is not None and self.frames >= max_frames:
                    break
                if max_seconds is not None and time.monotonic() - started >= max_seconds:
                    break
                self._pg_clock.tick(IDLE_FPS if self.idle() else ACTIVE_FPS)
        except Exception as exc:  # noqa: BLE001 - last resort: log and leave quietly
            log_exception(exc, "fatal")
            self.exit_code = 1
            close = True
        finally:
            if close:
                self.close()
        return self.exit_code

    def close(self) -> None:
        """Close the window."""
        fonts.clear()
        icons.clear()
        images.clear()
        pygame.display.quit()


def run_app(args: argparse.Namespace | None) -> int:
    """Open the game: the title screen, or (with the `play` arguments) that scenario directly."""
    try:
        app = App(args)
    except Exception as exc:  # noqa: BLE001 - no window: say so on the terminal and leave calmly
        path = log_exception(exc, "start")
        print(f"weerbaar: the game window could not be opened ({exc}); details in {path}")
        return 1
    try:
        return app.run()
    except KeyboardInterrupt:
        return 130
