"""Developer mode for trainers (`python main.py play FILE --dev`): the game watches the scenario file and
reloads it on save (keeping the scene and state where they still fit), shows a broken save's errors on
screen while play goes on with the previous version, and offers a map (M), a scene picker (J) and a
state panel (D). A small hint in a corner names the keys.

The App owns one DevMode when --dev is given; it calls `poll` once a frame (the file's modification time
is looked at no more than RELOAD_INTERVAL apart, so an idle game stays idle), `handle_key` for the keys
and `draw` after the screens.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from ..devreload import HotReloader, ReloadEvent
from ..i18n import UI_LANGUAGES, tr
from ..scenario.diagnostics import Diagnostic, Severity
from ..scenario.loader import LoadResult, load_file
from ..scenario.model import Scenario, Text
from .errorlog import log_exception
from .session import Session
from .textlayout import TextBlock
from .theme import Theme, mix, readable_on

if TYPE_CHECKING:
    from .app import App
    from .screens.base import Screen

RELOAD_INTERVAL = 0.3          # seconds between two looks at the file (about three a second)
NOTICE_SECONDS = 5.0           # how long a notice stays, plus NOTICE_PER_LINE for each further line
NOTICE_PER_LINE = 1.5
HINT_SCREENS = ("play", "ending", "debrief", "pause")
# screens whose scenario is not the one being developed: a save does not take them over
FOREIGN_SCREENS = ("title", "menu", "intro", "settings")


TOOL_MAX_TEXT = 1.5           # the map, picker and state panel grow with the text size up to 150 %, like the HUD
_tool_themes: dict[object, Theme] = {}


def tool_theme(theme: Theme) -> Theme:
    """The theme of the developer tools: the game's, its text size capped at TOOL_MAX_TEXT (so a map or a
    list still shows several scenes at 200 % text on a small window)."""
    if theme.text_scale <= TOOL_MAX_TEXT:
        return theme
    found = _tool_themes.get(theme.key)
    if found is None:
        _tool_themes.clear()
        found = _tool_themes[theme.key] = Theme(theme.size, TOOL_MAX_TEXT, theme.palette.high_contrast)
    return found


@dataclass
class Notice:
    """A short message over the game: what a reload changed, where a jump went, what went wrong."""

    text: str
    kind: str            # "ok", "warning" or "error"
    until: float


class DevMode:
    """Hot reload, the notice and hint, and the doors to the map, picker and state panel."""

    def __init__(self, app: App, path: Path | str) -> None:
        """Watch `path` for `app`."""
        self.app = app
        self.path = Path(path)
        self.reloader = HotReloader(self.path, interval=RELOAD_INTERVAL, clock=app.clock)
        self.scenario: Scenario | None = None       # the version being played
        self.session: Session | None = None         # the last session of that version
        self.problems: LoadResult | None = None     # the errors of the last save, while it is broken
        self.problems_message: Text | None = None
        self.warnings: list[Diagnostic] = []        # the warnings of the version being played
        self.notice: Notice | None = None
        self.notice_rect = pygame.Rect(0, 0, 0, 0)

    # ---- the version being played ------------------------------------------------------------
    def started(self, result: LoadResult) -> None:
        """The app opened the file (at start or after a fix): remember its version and warnings."""
        self.scenario = result.scenario
        self.warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]

    def dev_session(self) -> Session | None:
        """The session playing the watched file, if the app is playing it."""
        session = self.app.session
        if session is not None and self.scenario is not None and session.scenario is self.scenario:
            self.session = session
            return session
        return None

    # ---- once a frame ----------------------------------------------------------------------------
    def poll(self) -> None:
        """Reload after a save; let an old notice go. Never raises."""
        now = self.app.clock()
        if self.notice is not None and now >= self.notice.until:
            self.notice = None
            self.app.invalidate()
        try:
            if not self.reloader.watcher.poll():
                return
            self._reload()
        except Exception as exc:  # noqa: BLE001 - a reload must never stop the game
            log_exception(exc, "dev reload")
            self.notify(tr("dev_failed", self.lang(), error=f"{type(exc).__name__}: {exc}"), "error")

    def lang(self) -> str:
        """The UI language."""
        return self.app.ui_lang()

    def _reload(self) -> None:
        """The file changed: carry the play over to the new version, or show the new errors."""
        session = self.dev_session()
        base = self.app.stack[0] if self.app.stack else None
        if session is None and base is not None and base.name in FOREIGN_SCREENS:
            return  # the trainer left for the menu: do not pull them back
        if session is None and base is not None and base.name != "problems" and self.session is not None:
            session = self.session  # e.g. the error screen after a scenario bug: resume where it broke
        if session is None:
            self._load_fresh()
            return
        event = self.reloader.reload(session.engine)
        if event.ok:
            self._swap(session, event)
        else:
            self._show_problems(LoadResult(self.path, None, event.diagnostics), event.message)

    def _load_fresh(self) -> None:
        """No play to carry over (the file was broken from the start): start it once it loads."""
        result = load_file(self.path, max_states=self.reloader.max_states)
        if result.scenario is None:
            errors = len(result.errors())
            key = "dev_file_error" if errors == 1 else "dev_file_errors"
            self._show_problems(result, Text({lang: tr(key, lang, count=errors) for lang in UI_LANGUAGES}))
            return
        from ..engine.jump import JumpError

        self.problems = None
        self.problems_message = None
        self.started(result)
        args = self.app.args
        start = getattr(args, "start", None)
        try:
            self.app.start_scenario(result.scenario, start, self.app._start_values())
            lines = [tr("dev_loaded", self.lang(), scene=self.app.session.engine.scene.id if self.app.session else "")]
        except JumpError:
            self.app.start_scenario(result.scenario)
            lines = [tr("dev_start_gone", self.lang(), scene=start or "")]
        self.dev_session()
        self.notify("\n".join(lines + self._warning_lines()), "warning" if self.warnings else "ok")

    def _swap(self, old: Session, event: ReloadEvent) -> None:
        """Play on with the new version: the same screen kind, the same scene and line where possible."""
        from .screens.devproblems import DevProblemsScreen

        engine = event.engine
        assert engine is not None
        scenario = engine.scenario
        session = Session(scenario, engine, old.facilitator)
        app = self.app
        stack = list(app.stack)
        base = stack[0] if stack else None
        new_base = self._screen_for(session, base)   # first: if this fails, the old version plays on untouched
        self.scenario = scenario
        self.warnings = [d for d in event.diagnostics if d.severity is Severity.WARNING]
        self.problems = None
        self.problems_message = None
        app.session = session
        self.session = session
        keep = [s for s in stack[1:] if not isinstance(s, DevProblemsScreen)]
        app.stack = [new_base] + keep
        for screen in keep:
            screen.relayout()
        app.invalidate()
        self.notify("\n".join([event.message.get(self.lang())] + self._warning_lines()),
                    "warning" if self.warnings else "ok")

    def _screen_for(self, session: Session, old: Screen | None) -> Screen:
        """The screen that shows `session` as `old` showed the previous version."""
        from .screens.debrief import DebriefScreen
        from .screens.ending import EndingScreen
        from .screens.play import PlayScreen

        name = old.name if old is not None else "play"
        if name == "ending" and session.engine.ended:
            return EndingScreen(self.app, session)
        if name == "debrief" and session.engine.ended:
            return DebriefScreen(self.app, session)
        screen = PlayScreen(self.app, session)
        if isinstance(old, PlayScreen) and old.scene.id == screen.scene.id:
            screen.restore_position(old.line_index, old.phase in ("choosing", "stuck"))
        return screen

    def _warning_lines(self) -> list[str]:
        """A line about the warnings of the version being played, if it has any."""
        return [tr("dev_warnings_note", self.lang(), count=len(self.warnings))] if self.warnings else []

    # ---- errors on screen ---------------------------------------------------------------------
    def _show_problems(self, result: LoadResult, message: Text | None) -> None:
        """Show a broken save's errors (the game keeps running underneath)."""
        from .screens.devproblems import DevProblemsScreen

        self.problems = result
        self.problems_message = message
        self.notice = None   # the problems screen says it all
        top = self.app.screen if self.app.stack else None
        if isinstance(top, DevProblemsScreen):
            top.show_result(result, message, waiting=self._waiting())
            return
        self.app.stack = [s for s in self.app.stack if not isinstance(s, DevProblemsScreen)]
        screen = DevProblemsScreen(self.app, result, message, waiting=self._waiting())
        if self.app.stack:
            self.app.push(screen)
        else:
            self.app.show(screen)

    def _waiting(self) -> bool:
        """True when there is no earlier version to play on with."""
        return self.dev_session() is None and self.session is None

    def show_diagnostics(self) -> None:
        """E: the errors of the broken save again, else the warnings of the version playing."""
        from .screens.devproblems import DevProblemsScreen

        if isinstance(self.app.screen, DevProblemsScreen):
            self.app.screen.on_button("back")
            return
        if self.problems is not None:
            self._show_problems(self.problems, self.problems_message)
        elif self.warnings:
            self.app.push(DevProblemsScreen(self.app, LoadResult(self.path, self.scenario, list(self.warnings)),
                                            None, waiting=False))
        else:
            self.notify(tr("dev_no_problems", self.lang()), "ok")

    # ---- the tools --------------------------------------------------------------------------------
    def handle_key(self, event: pygame.event.Event) -> bool:
        """The developer keys (M, J, D, E); True when the key was used here."""
        if event.type != pygame.KEYDOWN or not self.app.stack:
            return False
        if getattr(event, "mod", 0) & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
            return False
        screen = self.app.screen
        if getattr(screen, "takes_text", False):
            return False
        actions = {pygame.K_m: ("map", self.open_map), pygame.K_j: ("picker", self.open_picker),
                   pygame.K_d: ("state", self.open_state), pygame.K_e: ("problems", self.show_diagnostics)}
        found = actions.get(event.key)
        if found is None:
            return False
        tool, action = found
        if getattr(screen, "dev_tool", None) == tool:
            self.close_tools()  # the same key closes the tool again
        else:
            action()
        return True

    def close_tools(self) -> None:
        """Close the map, picker or state panel on top."""
        while len(self.app.stack) > 1 and getattr(self.app.screen, "dev_tool", None):
            self.app.pop()

    def _open(self, make) -> None:  # type: ignore[no-untyped-def]
        """Open a tool over the game (in place of another tool)."""
        if self.app.session is None:
            self.notify(tr("dev_no_session", self.lang()), "warning")
            return
        self.close_tools()
        self.notice = None   # the tools have their own header where a notice would sit
        self.app.push(make())

    def open_map(self) -> None:
        """M: the map of the scenes."""
        from .screens.devmap import DevMapScreen

        self._open(lambda: DevMapScreen(self.app))

    def open_picker(self) -> None:
        """J: the searchable list of scenes."""
        from .screens.devpicker import DevPickerScreen

        self._open(lambda: DevPickerScreen(self.app))

    def open_state(self) -> None:
        """D: the meters and flags, editable."""
        from .screens.devstate import DevStateScreen

        self._open(lambda: DevStateScreen(self.app))

    def jump(self, scene_id: str) -> bool:
        """Go to a scene keeping the meters and flags (engine.jump); True when it worked."""
        from ..engine.engine import EngineError
        from .screens.play import PlayScreen

        session = self.app.session
        if session is None:
            self.notify(tr("dev_no_session", self.lang()), "warning")
            return False
        try:
            session.engine.jump(scene_id)
            screen = PlayScreen(self.app, session)
        except EngineError as exc:
            self.notify(tr("dev_failed", self.lang(), error=str(exc)), "error")
            return False
        self.app.show(screen)
        self.notify(tr("dev_jumped", self.lang(), scene=scene_id), "ok")
        return True

    def state_changed(self) -> None:
        """A meter or flag was edited: the play screen shows it and offers what is available now."""
        from .screens.play import PlayScreen

        for screen in self.app.stack:
            if isinstance(screen, PlayScreen):
                screen.refresh_state()
            elif screen is not self.app.screen:
                screen.relayout()

    # ---- drawing ----------------------------------------------------------------------------------
    def notify(self, text: str, kind: str = "ok") -> None:
        """Show a notice for a few seconds (longer when it has more lines)."""
        lines = max(1, text.count("\n") + 1)
        self.notice = Notice(text, kind, self.app.clock() + NOTICE_SECONDS + NOTICE_PER_LINE * (lines - 1))
        self.app.invalidate()

    def dismiss_notice(self) -> None:
        """Take the notice away (a click on it)."""
        self.notice = None
        self.notice_rect = pygame.Rect(0, 0, 0, 0)
        self.app.invalidate()

    def handle_click(self, pos: tuple[int, int]) -> bool:
        """A click on the notice dismisses it; True when it was used."""
        if self.notice is not None and self.notice_rect.collidepoint(pos):
            self.dismiss_notice()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """The hint in the corner and the notice, over whatever the screens drew."""
        if not self.app.stack:
            return
        if self.app.screen.name in HINT_SCREENS:
            self._draw_hint(surface)
        if self.notice is not None:
            self._draw_notice(surface)
        else:
            self.notice_rect = pygame.Rect(0, 0, 0, 0)

    def _draw_hint(self, surface: pygame.Surface) -> None:
        """One small pill at the bottom left: 'Developer mode  M map · J … · D …', and a red (errors) or amber
        (warnings) chip at its end that E opens."""
        theme = self.app.theme
        pal = theme.palette
        lang = self.lang()
        font, bold = theme.font("caption", "semibold"), theme.font("caption", "bold")
        pad_x, pad_y = theme.tsp("s"), theme.tsp("xxs") + 1
        margin = theme.sp("xs")
        fill = pal.shade if not pal.high_contrast else pal.bg
        head = tr("dev_mode", lang)
        keys = tr("dev_hint", lang)
        chip: tuple[str, tuple[int, int, int]] | None = None
        if self.problems is not None:
            chip = (tr("dev_hint_errors", lang), pal.bad)
        elif self.warnings:
            chip = (tr("dev_hint_warnings", lang, count=len(self.warnings)), pal.mixed)
        height = font.get_height() + 2 * pad_y
        head_w = bold.size(head)[0]
        chip_w = bold.size(chip[0])[0] + 2 * pad_x if chip else 0
        room = surface.get_width() - 2 * margin
        keys_room = max(0, room - 2 * pad_x - head_w - pad_x - (chip_w + pad_x if chip else 0))
        keys = _clip(keys, font, keys_room) if keys_room > font.size("M…")[0] else ""
        width = 2 * pad_x + head_w + (pad_x + font.size(keys)[0] if keys else 0) + (pad_x + chip_w if chip else 0)
        rect = pygame.Rect(margin, surface.get_height() - margin - height, min(width, room), height)
        pygame.draw.rect(surface, fill, rect, border_radius=height // 2)
        if pal.high_contrast:
            pygame.draw.rect(surface, pal.border, rect, width=theme.border(), border_radius=height // 2)
        x, y = rect.x + pad_x, rect.y + pad_y
        TextBlock.make(head, bold, pal.focus, head_w + 1).draw(surface, x, y, pygame.Rect(x, y, head_w + 1, height))
        x += head_w + pad_x
        if keys:
            keys_w = font.size(keys)[0]
            TextBlock.make(keys, font, readable_on(fill) if not pal.high_contrast else pal.text, keys_w + 1).draw(
                surface, x, y, pygame.Rect(x, y, keys_w + 1, height))
            x += keys_w + pad_x
        if chip:
            text, colour = chip
            inset = theme.px(3)
            box = pygame.Rect(x, rect.y + inset, min(chip_w, rect.right - x - inset), height - 2 * inset)
            pygame.draw.rect(surface, colour, box, border_radius=box.height // 2)
            ink = readable_on(colour)
            label = _clip(text, bold, box.width - 2 * pad_x)
            TextBlock.make(label, bold, ink, box.width).draw(surface, box.x + pad_x, y, pygame.Rect(box.x + pad_x, y,
                                                                                                box.width, height))

    def _draw_notice(self, surface: pygame.Surface) -> None:
        """The notice: a panel at the top centre (below the play screen's bar), its first line in bold."""
        assert self.notice is not None
        theme = self.app.theme
        pal = theme.palette
        w, h = surface.get_size()
        width = min(w - 2 * theme.sp("m"), max(theme.px(560), round(w * 0.55)))
        pad = theme.tsp("m")
        stripe = theme.px(8)
        inner = width - 2 * pad - stripe
        lines = self.notice.text.split("\n")
        head_font, body_font = theme.font("body", "bold"), theme.font("small")
        blocks = [TextBlock.make(lines[0], head_font, pal.text, inner, line_height=theme.line_height(head_font))]
        blocks += [TextBlock.make(line, body_font, pal.text, inner, line_height=theme.line_height(body_font))
                   for line in lines[1:]]
        gap = theme.tsp("xs")
        height = 2 * pad + sum(b.height for b in blocks) + gap * (len(blocks) - 1)
        top = theme.sp("s")
        screen = self.app.stack[0]
        hud = getattr(screen, "hud", None)
        if screen.name == "play" and hud is not None and self.app.screen is screen:
            top += hud.height
        height = min(height, h - top - theme.sp("s"))
        if getattr(self.app.screen, "dev_tool", None) in ("map", "picker", "state"):
            top = h - height - theme.sp("s")   # a tool's buttons are at its top: keep them free
        rect = pygame.Rect((w - width) // 2, top, width, height)
        accent = {"ok": pal.good, "warning": pal.mixed, "error": pal.bad}.get(self.notice.kind, pal.primary)
        if not pal.high_contrast:
            shadow = rect.move(0, theme.px(4))
            pygame.draw.rect(surface, mix(pal.bg, pal.shade, 0.25), shadow, border_radius=theme.radius(10))
        pygame.draw.rect(surface, pal.surface, rect, border_radius=theme.radius(10))
        pygame.draw.rect(surface, accent, rect, width=max(2, theme.border() * 2), border_radius=theme.radius(10))
        pygame.draw.rect(surface, accent, pygame.Rect(rect.x, rect.y, stripe, rect.height),
                         border_top_left_radius=theme.radius(10), border_bottom_left_radius=theme.radius(10))
        old_clip = surface.get_clip()
        surface.set_clip(rect.inflate(-2, -2).clip(old_clip))
        y = rect.y + pad
        x = rect.x + stripe + pad
        for block in blocks:
            if y + block.height > rect.bottom - pad + 1:
                break
            block.draw(surface, x, y, pygame.Rect(x, y, inner, block.height))
            y += block.height + gap
        surface.set_clip(old_clip)
        self.notice_rect = rect


def _clip(text: str, font: pygame.font.Font, width: int) -> str:
    """`text` shortened with an ellipsis to fit `width` pixels."""
    if font.size(text)[0] <= width:
        return text
    while text and font.size(text + "…")[0] > width:
        text = text[:-1]
    return text + "…"
