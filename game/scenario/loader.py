"""Loading scenario files: safe YAML in, a typed Scenario and every diagnostic out."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import expressions as ex
from .assets import ASSET_SUFFIXES, GAME_ASSETS_DIR, AssetProblem, AssetResolver
from .diagnostics import Diagnostic, DiagnosticSink, Severity
from .glossary import BUILTIN_TECHNIQUES
from .gcpause import paused_gc
from .graph import graph_warnings
from .model import (
    QUALITIES, RATINGS, SCENE_TYPES, Asset, Branch, Character, Choice, Debrief, Ending, Flag, Line,
    Message, Meter, Post, Scenario, Scene, Technique, Text, Timer, Value,
)
from .placeholders import placeholder_problems
from .yamlread import Pos, YList, YMap, decode_source, parse_yaml

SCENARIO_ID = re.compile(r"^[a-z0-9-]+$")
SCENE_ID = re.compile(r"^[a-z0-9_]+$")
VAR_ID = re.compile(r"^[a-z_][a-z0-9_]*$")
CHARACTER_ID = re.compile(r"^[a-z0-9_-]+$")
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
RESERVED = {"true", "false", "and", "or", "not", "visited", "chose"}

TOP_KEYS = {"format", "id", "title", "summary", "languages", "minutes", "techniques", "meters", "flags",
            "characters", "start", "scenes", "debrief", "glossary"}
COMMON_SCENE_KEYS = {"type", "title", "background", "lines", "note", "choices", "next", "ending", "quiz", "timer"}
TYPE_KEYS: dict[str, set[str]] = {
    "dialogue": set(),
    "feed": {"posts"},
    "chat": {"messages", "app"},
    "news": {"outlet", "headline", "lede", "body", "image"},
    "document": {"heading", "body", "letterhead", "signature"},
}
TYPE_REQUIRED: dict[str, tuple[str, ...]] = {
    "dialogue": ("lines",),
    "feed": ("posts",),
    "chat": ("messages",),
    "news": ("outlet", "headline", "lede"),
    "document": ("heading", "body"),
}
ALL_TYPE_KEYS = set().union(*TYPE_KEYS.values())


@dataclass
class LoadResult:
    """A loaded file: the scenario (None when it has errors) and its diagnostics."""

    path: Path
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the file has no errors (warnings allowed)."""
        return self.scenario is not None

    def errors(self) -> list[Diagnostic]:
        """Only the errors."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def display_path(path: Path) -> str:
    """A path as shown in diagnostics: relative to the working folder when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_file(path: Path | str, assets_dir: Path = GAME_ASSETS_DIR, max_states: int = 0) -> LoadResult:
    """Read, check and build one scenario file; never raises for bad input. With max_states > 0 the
    deep lint (deeplint.py) explores up to that many game states and adds its findings too."""
    path = Path(path)
    sink = DiagnosticSink(display_path(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        sink.add("WB110", (1, 1), f"the file cannot be read ({exc.strerror or exc})", "check the path and permissions")
        return LoadResult(path, None, sink.sorted())
    return deep_check(load_bytes(data, path, sink, assets_dir), max_states)


def deep_check(result: LoadResult, max_states: int) -> LoadResult:
    """Add the deep lint's findings to a loaded file (nothing when max_states <= 0 or it has errors)."""
    if max_states <= 0 or result.scenario is None:
        return result
    from .deeplint import deep_lint

    sink = DiagnosticSink(display_path(result.path))
    for code, pos, message, hint in deep_lint(result.scenario, max_states).findings:
        sink.add(code, pos, message, hint)
    result.diagnostics = sorted(result.diagnostics + sink.items, key=lambda d: (d.line, d.column, d.code))
    if sink.has_errors:
        result.scenario = None
    return result


def load_bytes(data: bytes, path: Path, sink: DiagnosticSink | None = None,
               assets_dir: Path = GAME_ASSETS_DIR) -> LoadResult:
    """Check and build a scenario from the bytes of a file at `path`."""
    sink = sink or DiagnosticSink(display_path(path))
    with paused_gc():
        return _load(data, path, sink, assets_dir)


def _load(data: bytes, path: Path, sink: DiagnosticSink, assets_dir: Path) -> LoadResult:
    """The body of load_bytes, run with the cyclic garbage collector paused."""
    text = decode_source(data, sink)
    root = parse_yaml(text, sink) if text is not None else None
    scenario: Scenario | None = None
    if text is not None and not any(d.code in ("WB103", "WB106") for d in sink.items):
        if not isinstance(root, YMap):
            sink.add("WB108", getattr(root, "pos", (1, 1)), "this file does not contain a scenario",
                     "a scenario starts with keys such as 'format: 1', 'id:', 'title:' and 'scenes:'")
        else:
            scenario = _Builder(sink, path, text, AssetResolver(path.parent, assets_dir)).build(root)
    if sink.has_errors:
        scenario = None
    return LoadResult(path, scenario, sink.sorted())


def scenario_files(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders to their *.yaml scenario files (test plans excluded), in name order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(p for p in sorted(path.glob("*.yaml")) if not p.name.endswith(".test.yaml"))
        else:
            found.append(path)
    return found


def load_paths(paths: Iterable[Path | str], assets_dir: Path = GAME_ASSETS_DIR,
               max_states: int = 0) -> list[LoadResult]:
    """Load every scenario under `paths` (deep lint with max_states > 0); a scenario id used twice is an
    error in the later file."""
    results = [load_file(p, assets_dir, max_states) for p in scenario_files(paths)]
    seen: dict[str, Path] = {}
    for result in results:
        if result.scenario is None:
            continue
        scenario_id = result.scenario.id
        if scenario_id in seen:
            sink = DiagnosticSink(display_path(result.path))
            sink.add("WB109", (1, 1), f"the scenario id '{scenario_id}' is also used by {display_path(seen[scenario_id])}",
                     "give each scenario its own id")
            result.diagnostics = sorted(result.diagnostics + sink.items, key=lambda d: (d.line, d.column))
            result.scenario = None
        else:
            seen[scenario_id] = result.path
    return results


def _looks_like_asset(text: str) -> bool:
    """A letterhead that names a logo file (e.g. logos/lindeweerd.svg) rather than an organisation."""
    stripped = text.strip()
    return " " not in stripped and stripped.lower().endswith(ASSET_SUFFIXES)


def _kind(value: Any) -> str:
    """A plain-language name for the kind of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, list):
        return "a list"
    return "a mapping"


def _suggest(word: str, options: Iterable[str]) -> str:
    """'did you mean X?' when a close match exists."""
    match = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


@dataclass
class _PendingExpr:
    """An expression to compile once every scene and choice is known."""

    source: str
    pos: Pos
    store: Callable[[ex.Expression], None]
    want: ex.ExprType | None
    what: str


class _Builder:
    """Builds a Scenario from located YAML data, reporting every problem."""

    def __init__(self, sink: DiagnosticSink, path: Path, text: str, assets: AssetResolver) -> None:
        self.sink = sink
        self.path = path
        self.lines = text.splitlines()
        self.assets = assets
        self.languages: list[str] = ["nl"]
        self.languages_ok = False
        self.placeholder_names: set[str] = set()
        self.pending: list[_PendingExpr] = []
        self.texts: list[tuple[str, Pos]] = []
        self.var_types: dict[str, ex.ExprType] = {}
        self.conditional_choices: set[tuple[str, int]] = set()
        self.names_read: set[str] = set()
        self.scene_ids: set[str] = set()

    # ---- small checks -------------------------------------------------
    def err(self, code: str, pos: Pos, message: str, hint: str = "") -> None:
        """Record a diagnostic."""
        self.sink.add(code, pos, message, hint)

    def keys(self, m: YMap, allowed: set[str], required: Iterable[str], where: str,
             other: dict[str, str] | None = None) -> None:
        """Report unknown keys (x- keys excepted) and missing required keys of a mapping."""
        for key in m:
            if isinstance(key, str) and key.startswith("x-"):
                continue
            if key not in allowed:
                if other and key in other:
                    self.err("WB211", m.key_pos[key], other[key][0], other[key][1])
                    continue
                hint = _suggest(key, allowed) or f"allowed here: {', '.join(sorted(allowed))}"
                self.err("WB201", m.key_pos[key], f"unknown key '{key}' in {where}",
                         hint + " (keys starting with x- are free for your own notes)")
        for key in required:
            if key not in m:
                self.err("WB202", m.pos, f"{where} has no '{key}'", f"add '{key}:'")

    def typed(self, value: Any, kinds: tuple[type, ...], pos: Pos, what: str, example: str) -> bool:
        """Check the Python type of a value; report WB203 when it is wrong."""
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            self.err("WB203", pos, f"{what} should be {example}, not {_kind(value)}",
                     f"write it like {example}" if not isinstance(value, bool) else
                     "words like yes/no/on/off are read as true/false: put the text in quotes")
        return ok

    def mapping(self, value: Any, pos: Pos, what: str) -> YMap | None:
        """The value as a mapping, or None after reporting."""
        if isinstance(value, YMap):
            return value
        self.err("WB203", pos, f"{what} should be a mapping (keys with values), not {_kind(value)}",
                 "indent the keys below it, or write {key: value}")
        return None

    def seq(self, value: Any, pos: Pos, what: str, non_empty: bool = False) -> YList | None:
        """The value as a list, or None after reporting."""
        if not isinstance(value, YList):
            self.err("WB203", pos, f"{what} should be a list, not {_kind(value)}",
                     "write each item on its own line starting with '- ', or [a, b]")
            return None
        if non_empty and not value:
            self.err("WB215", pos, f"{what} is empty", "add at least one item")
        return value

    def text(self, value: Any, pos: Pos, what: str) -> Text | None:
        """A Text: a plain string (one language) or a mapping with every language."""
        if isinstance(value, str):
            if self.languages_ok and len(self.languages) > 1:
                self.err("WB206", pos, f"{what} is a plain text, but the scenario has {len(self.languages)} languages",
                         "write it as {" + ", ".join(f"{lang}: \"...\"" for lang in self.languages) + "}")
                return None
            self.texts.append((value, pos))
            return Text({self.languages[0]: value})
        if isinstance(value, YMap):
            out: dict[str, str] = {}
            for lang, item in value.items():
                if isinstance(lang, str) and lang.startswith("x-"):
                    continue
                ipos = value.val_pos[lang]
                if self.languages_ok and lang not in self.languages:
                    if item is None and (" " in str(lang) or not LANG_CODE.match(str(lang))):
                        self.err("WB203", value.key_pos[lang], f"'{lang}' in {what} looks like the rest of a text cut "
                                 "off at a comma", "a comma inside { } ends the text: put the whole text in quotes, "
                                 "e.g. {nl: \"Nee, nog niets zeggen\", en: \"No, say nothing yet\"}")
                    else:
                        self.err("WB206", value.key_pos[lang], f"{what} has the language '{lang}', which is not in "
                                 "languages", f"use only {', '.join(self.languages)}, or add '{lang}' to languages")
                    continue
                if not isinstance(item, str):
                    self.typed(item, (str,), ipos, f"the {lang} text of {what}", "\"a text in quotes\"")
                    continue
                out[str(lang)] = item
                self.texts.append((item, ipos))
            if self.languages_ok:
                for lang in self.languages:
                    if lang not in value:
                        self.err("WB206", value.pos, f"{what} has no '{lang}' text", f"add {lang}: \"...\"")
            return Text(out) if out else None
        self.typed(value, (str,), pos, what, "{nl: \"...\", en: \"...\"}")
        return None

    def ident(self, value: Any, pattern: re.Pattern[str], pos: Pos, what: str, rule: str) -> str | None:
        """An id matching `pattern`."""
        if isinstance(value, bool):
            self.err("WB205", pos, f"{what} should be an id ({rule}), but YAML reads this word as true/false",
                     "words like yes, no, on, off, true and false are read as true/false: choose another id, "
                     "or put it in quotes")
            return None
        if not isinstance(value, (str, int)):
            self.err("WB205", pos, f"{what} should be an id ({rule}), not {_kind(value)}", f"use {rule}")
            return None
        value = str(value)
        if not pattern.match(value):
            lowered = value.lower().replace(" ", "_" if "_" in rule else "-")
            hint = f"ids are written in lower case: did you mean '{lowered}'?" if pattern.match(lowered) else f"use {rule}"
            self.err("WB205", pos, f"{what} '{value}' is not a valid id", hint)
            return None
        return value

    def number(self, value: Any, pos: Pos, what: str, low: float | None = None, integer: bool = False) -> float | None:
        """A number (optionally whole, optionally at least `low`)."""
        kinds: tuple[type, ...] = (int,) if integer else (int, float)
        if not self.typed(value, kinds, pos, what, "a whole number such as 3" if integer else "a number such as 20"):
            return None
        if low is not None and value < low:
            self.err("WB208", pos, f"{what} is {value}; it must be at least {low:g}", f"use a number of {low:g} or more")
            return None
        return value

    def boolean(self, value: Any, pos: Pos, what: str) -> bool | None:
        """true or false."""
        if isinstance(value, bool):
            return value
        self.err("WB203", pos, f"{what} should be true or false, not {_kind(value)}", "write true or false")
        return None

    def word(self, value: Any, options: tuple[str, ...], pos: Pos, what: str) -> str | None:
        """One of a fixed set of words."""
        if isinstance(value, str) and value in options:
            return value
        hint = _suggest(value, options) if isinstance(value, str) else ""
        self.err("WB209", pos, f"{what} is '{value}'; it must be one of: {', '.join(options)}",
                 hint or f"write one of {', '.join(options)}")
        return None

    def asset(self, value: Any, pos: Pos, what: str) -> Asset | None:
        """A resolved asset path."""
        if not self.typed(value, (str,), pos, what, "a file path such as portraits/mayor.svg"):
            return None
        found = self.assets.resolve(value)
        if isinstance(found, AssetProblem):
            self.err(found.code, pos, found.message, found.hint)
            return None
        return Asset(value, found)

    def expression(self, value: Any, pos: Pos, store: Callable[[ex.Expression], None],
                   want: ex.ExprType | None, what: str) -> None:
        """Queue an expression for compiling once all scenes are known."""
        if isinstance(value, bool) or not isinstance(value, str):
            self.err("WB203", pos, f"{what} should be an expression in quotes, not {_kind(value)}",
                     "write it like \"trust < 40\"")
            return
        self.pending.append(_PendingExpr(value, pos, store, want, what))

    # ---- the scenario ---------------------------------------------------
    def build(self, root: YMap) -> Scenario | None:
        """Build the whole scenario; returns None only when it could not be formed at all."""
        vp = root.val_pos
        self.keys(root, TOP_KEYS, ("format", "id", "title", "languages", "start", "scenes"), "the scenario")
        if "format" in root and (root["format"] != 1 or isinstance(root["format"], bool)):
            self.err("WB204", vp["format"], f"format is {root['format']!r}; this game reads format 1",
                     "write format: 1 (and check the scenario follows version 1 of the format)")
        scenario_id = self.ident(root.get("id"), SCENARIO_ID, vp.get("id", root.pos), "the scenario id",
                                 "lower-case letters, digits and '-', e.g. rumour-shelter") if "id" in root else None
        self._languages(root)
        known_vars = self._var_ids(root)
        characters = self._characters(root)
        for clash in set(characters) & set(known_vars):
            self.err("WB212", root["characters"].key_pos[clash], f"'{clash}' is both a character and a meter or flag",
                     "rename one, so {" + clash + "} in a text is not ambiguous")
        self.placeholder_names = set(known_vars) | set(characters)
        title = self.text(root["title"], vp["title"], "the title") if "title" in root else None
        summary = self.text(root["summary"], vp["summary"], "the summary") if "summary" in root else None
        minutes = self.number(root["minutes"], vp["minutes"], "minutes", low=1) if "minutes" in root else None
        meters = self._meters(root)
        flags = self._flags(root)
        glossary = self._glossary(root)
        technique_ids = set(BUILTIN_TECHNIQUES) | set(glossary)
        techniques = self._technique_list(root, technique_ids)
        scenes = self._scenes(root, characters, technique_ids, meters, flags)
        start = None
        if "start" in root:
            start = self.ident(root["start"], SCENE_ID, vp["start"], "start", "a scene id")
            if start is not None and start not in scenes and isinstance(root.get("scenes"), YMap):
                self.err("WB301", vp["start"], f"start names the scene '{start}', which does not exist",
                         _suggest(start, scenes) or "name one of the scenes under scenes:")
        debrief = self._debrief(root)
        self._check_placeholders()
        self._compile_expressions(scenes)
        if self.sink.has_errors or title is None or scenario_id is None or start is None:
            return None
        scenario = Scenario(path=self.path, id=scenario_id, title=title, languages=self.languages, start=start,
                            scenes=scenes, summary=summary, minutes=minutes, techniques=techniques, meters=meters,
                            flags=flags, characters=characters, debrief=debrief, glossary=glossary)
        for code, pos, message, hint in graph_warnings(scenario, self._var_uses()):
            self.err(code, pos, message, hint)
        return scenario

    def _languages(self, root: YMap) -> None:
        """Read `languages` first: every Text depends on it."""
        if "languages" not in root:
            return
        pos = root.val_pos["languages"]
        items = self.seq(root["languages"], pos, "languages", non_empty=True)
        if not items:
            return
        langs: list[str] = []
        for item, ipos in zip(items, items.item_pos):
            if not isinstance(item, str) or not LANG_CODE.match(item):
                self.err("WB207", ipos, f"'{item}' is not a language code", "use codes such as nl and en")
            elif item in langs:
                self.err("WB207", ipos, f"the language '{item}' is listed twice", "list each language once")
            else:
                langs.append(item)
        if langs and len(langs) == len(items):
            self.languages = langs
            self.languages_ok = True

    def _var_ids(self, root: YMap) -> list[str]:
        """The meter and flag ids, checked for shape and clashes (one namespace)."""
        ids: list[str] = []
        for section in ("meters", "flags"):
            block = root.get(section)
            if not isinstance(block, YMap):
                continue
            for key in block:
                pos = block.key_pos[key]
                name = self.ident(key, VAR_ID, pos, f"the {section[:-1]} id", "lower-case letters, digits and _, "
                                  "starting with a letter or _")
                if name is None:
                    continue
                if name in RESERVED:
                    self.err("WB205", pos, f"'{name}' is a reserved word", "choose another name")
                elif name in ids:
                    self.err("WB212", pos, f"'{name}' is both a meter and a flag", "meters and flags share one set of "
                             "names; rename one")
                else:
                    ids.append(name)
        return ids

    def _meters(self, root: YMap) -> dict[str, Meter]:
        """The meters block."""
        meters: dict[str, Meter] = {}
        if "meters" not in root:
            return meters
        block = self.mapping(root["meters"], root.val_pos["meters"], "meters")
        for key, value in (block or {}).items():
            kpos = block.key_pos[key]  # type: ignore[union-attr]
            spec = self.mapping(value, kpos, f"the meter '{key}'")
            if spec is None or not isinstance(key, str) or not VAR_ID.match(key) or key in RESERVED:
                continue
            vp = spec.val_pos
            self.keys(spec, {"label", "start", "min", "max", "good", "hidden"}, ("label", "start"), f"the meter '{key}'")
            label = self.text(spec["label"], vp["label"], f"the label of '{key}'") if "label" in spec else None
            low = self.number(spec.get("min", 0), vp.get("min", kpos), "min")
            high = self.number(spec.get("max", 100), vp.get("max", kpos), "max")
            start = self.number(spec["start"], vp["start"], "start") if "start" in spec else None
            good = self.word(spec.get("good", "high"), ("high", "low"), vp.get("good", kpos), "good")
            hidden = self.boolean(spec.get("hidden", False), vp.get("hidden", kpos), "hidden")
            # a range problem is reported, but the meter is still declared so its uses do not cascade into errors
            if low is not None and high is not None and low >= high:
                self.err("WB208", vp.get("max", kpos), f"max ({high:g}) must be more than min ({low:g})",
                         "make max larger than min")
                low, high = min(low, high), max(low, high) + 1
            if start is not None and low is not None and high is not None and not low <= start <= high:
                self.err("WB208", vp["start"], f"start is {start:g}, outside {low:g}..{high:g}",
                         f"choose a start between {low:g} and {high:g}")
                start = min(high, max(low, start))
            if label is not None and start is not None and low is not None and high is not None and good and hidden is not None:
                meters[key] = Meter(key, label, start, low, high, good, hidden, kpos)  # type: ignore[arg-type]
                self.var_types[key] = ex.ExprType.NUMBER
        return meters

    def _flags(self, root: YMap) -> dict[str, Flag]:
        """The flags block."""
        flags: dict[str, Flag] = {}
        if "flags" not in root:
            return flags
        block = self.mapping(root["flags"], root.val_pos["flags"], "flags")
        for key, value in (block or {}).items():
            if not isinstance(key, str) or not VAR_ID.match(key) or key in RESERVED:
                continue
            pos = block.val_pos[key]  # type: ignore[union-attr]
            if isinstance(value, bool):
                kind = ex.ExprType.BOOL
            elif isinstance(value, int):
                kind = ex.ExprType.NUMBER
            elif isinstance(value, str):
                kind = ex.ExprType.STRING
            else:
                self.err("WB203", pos, f"the flag '{key}' starts as {_kind(value)}",
                         "a flag starts as true/false, a whole number, or a text in quotes (\"\" for empty)")
                continue
            flags[key] = Flag(key, value, block.key_pos[key])  # type: ignore[union-attr]
            self.var_types[key] = kind
        return flags

    def _characters(self, root: YMap) -> dict[str, Character]:
        """The characters block."""
        result: dict[str, Character] = {}
        if "characters" not in root:
            return result
        block = self.mapping(root["characters"], root.val_pos["characters"], "characters")
        for key, value in (block or {}).items():
            kpos = block.key_pos[key]  # type: ignore[union-attr]
            cid = self.ident(key, CHARACTER_ID, kpos, "the character id", "lower-case letters, digits, _ and -")
            spec = self.mapping(value, kpos, f"the character '{key}'")
            if cid is None or spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, {"name", "role", "portrait", "color"}, ("name",), f"the character '{cid}'")
            name = spec.get("name")
            if "name" in spec and not self.typed(name, (str,), vp["name"], "name", "\"Fenna de Vries\""):
                name = None
            role = self.text(spec["role"], vp["role"], f"the role of '{cid}'") if "role" in spec else None
            portrait = self.asset(spec["portrait"], vp["portrait"], "portrait") if "portrait" in spec else None
            color = spec.get("color")
            if color is not None and not (isinstance(color, str) and COLOUR.match(color)):
                self.err("WB213", vp["color"], f"the colour '{color}' is not a #rrggbb colour",
                         "write it like \"#1f7a5c\" (in quotes: # starts a comment otherwise)")
                color = None
            if isinstance(name, str):
                result[cid] = Character(cid, name, role, portrait, color)
        return result

    def _glossary(self, root: YMap) -> dict[str, Technique]:
        """The scenario's own techniques."""
        result: dict[str, Technique] = {}
        if "glossary" not in root:
            return result
        block = self.mapping(root["glossary"], root.val_pos["glossary"], "glossary")
        for key, value in (block or {}).items():
            kpos = block.key_pos[key]  # type: ignore[union-attr]
            tid = self.ident(key, VAR_ID, kpos, "the technique id", "lower-case letters, digits and _")
            if tid in BUILTIN_TECHNIQUES:
                self.err("WB305", kpos, f"'{tid}' is already a built-in technique", "use the built-in one, or pick "
                         "another id for your own")
                continue
            spec = self.mapping(value, kpos, f"the technique '{key}'")
            if tid is None or spec is None:
                continue
            self.keys(spec, {"name", "explanation"}, ("name", "explanation"), f"the technique '{tid}'")
            name = self.text(spec["name"], spec.val_pos["name"], "name") if "name" in spec else None
            expl = self.text(spec["explanation"], spec.val_pos["explanation"], "explanation") if "explanation" in spec else None
            if name and expl:
                result[tid] = Technique(tid, name, expl, builtin=False)
        return result

    def _technique_list(self, root: YMap, known: set[str]) -> list[str]:
        """The scenario's learning goals."""
        if "techniques" not in root:
            return []
        items = self.seq(root["techniques"], root.val_pos["techniques"], "techniques")
        result: list[str] = []
        for item, ipos in zip(items or [], (items.item_pos if items else [])):
            if self.technique_ref(item, ipos, known):
                result.append(item)
        return result

    def technique_ref(self, value: Any, pos: Pos, known: set[str]) -> bool:
        """Check a technique id against the glossary."""
        if isinstance(value, str) and value in known:
            return True
        self.err("WB303", pos, f"'{value}' is not a technique in the glossary",
                 _suggest(str(value), known) or f"use one of {', '.join(sorted(known))}, or add it under glossary:")
        return False

    def _debrief(self, root: YMap) -> Debrief:
        """The debrief block."""
        debrief = Debrief()
        if "debrief" not in root:
            return debrief
        block = self.mapping(root["debrief"], root.val_pos["debrief"], "debrief")
        if block is None:
            return debrief
        self.keys(block, {"questions", "takeaways", "sources"}, (), "the debrief")
        for key, target in (("questions", debrief.questions), ("takeaways", debrief.takeaways)):
            if key in block:
                items = self.seq(block[key], block.val_pos[key], key)
                for item, ipos in zip(items or [], items.item_pos if items else []):
                    text = self.text(item, ipos, f"an item of {key}")
                    if text:
                        target.append(text)
        if "sources" in block:
            items = self.seq(block["sources"], block.val_pos["sources"], "sources")
            for item, ipos in zip(items or [], items.item_pos if items else []):
                if self.typed(item, (str,), ipos, "a source", "\"Title, publisher, year\""):
                    debrief.sources.append(item)
        return debrief

    # ---- scenes ---------------------------------------------------------
    def _scenes(self, root: YMap, characters: dict[str, Character], techniques: set[str],
                meters: dict[str, Meter], flags: dict[str, Flag]) -> dict[str, Scene]:
        """Every scene."""
        scenes: dict[str, Scene] = {}
        if "scenes" not in root:
            return scenes
        block = self.mapping(root["scenes"], root.val_pos["scenes"], "scenes")
        if block is None:
            return scenes
        if not block:
            self.err("WB215", root.val_pos["scenes"], "scenes is empty", "add at least one scene")
        self.scene_ids = {str(k) for k in block}
        for key, value in block.items():
            kpos = block.key_pos[key]
            sid = self.ident(key, SCENE_ID, kpos, "the scene id", "lower-case letters, digits and _")
            spec = self.mapping(value, kpos, f"the scene '{key}'")
            if sid is None or spec is None:
                continue
            scene = self._scene(sid, spec, kpos, characters, techniques, meters, flags)
            scenes[sid] = scene
        return scenes

    def _scene(self, sid: str, spec: YMap, kpos: Pos, characters: dict[str, Character], techniques: set[str],
               meters: dict[str, Meter], flags: dict[str, Flag]) -> Scene:
        """One scene."""
        vp = spec.val_pos
        stype = self.word(spec.get("type", "dialogue"), SCENE_TYPES, vp.get("type", kpos), "type") or "dialogue"
        where = f"the scene '{sid}'"
        other = {k: (f"'{k}' belongs to {', '.join(t for t, ks in TYPE_KEYS.items() if k in ks)} scenes, "
                     f"but '{sid}' is a {stype} scene", "change the type, or remove the key")
                 for k in ALL_TYPE_KEYS - TYPE_KEYS[stype]}
        self.keys(spec, COMMON_SCENE_KEYS | TYPE_KEYS[stype], TYPE_REQUIRED[stype], where, other)
        scene = Scene(id=sid, type=stype, pos=kpos)
        if "title" in spec:
            scene.title = self.text(spec["title"], vp["title"], f"the title of {where}")
        if "background" in spec:
            scene.background = self.asset(spec["background"], vp["background"], "background")
        if "note" in spec:
            scene.note = self.text(spec["note"], vp["note"], f"the note of {where}")
        if "lines" in spec:
            scene.lines = self._lines(spec["lines"], vp["lines"], characters, stype == "dialogue")
        for key in ("headline", "lede", "body", "heading"):
            if key in spec and key in TYPE_KEYS[stype]:
                setattr(scene, key, self.text(spec[key], vp[key], f"the {key} of {where}"))
        for key in ("outlet", "letterhead", "signature", "app"):
            if key in spec and key in TYPE_KEYS[stype] and self.typed(spec[key], (str,), vp[key], key, "\"a text\""):
                setattr(scene, key, spec[key])
        if scene.letterhead and _looks_like_asset(scene.letterhead):
            scene.letterhead_logo = self.asset(scene.letterhead.strip(), vp["letterhead"], "letterhead")
            scene.letterhead = None
        if "image" in spec and stype == "news":
            scene.image = self.asset(spec["image"], vp["image"], "image")
        if "posts" in spec and stype == "feed":
            scene.posts = self._posts(spec["posts"], vp["posts"], techniques)
        if "messages" in spec and stype == "chat":
            scene.messages = self._messages(spec["messages"], vp["messages"], characters)
        if "quiz" in spec:
            scene.quiz = bool(self.boolean(spec["quiz"], vp["quiz"], "quiz"))
        ways = [k for k in ("choices", "next", "ending") if k in spec]
        if len(ways) != 1:
            self.err("WB210", kpos, f"{where} has {' and '.join(ways) if ways else 'no way on'}",
                     "give it exactly one of: choices (the player decides), next (goes on by itself) or ending")
        if "choices" in spec:
            scene.choices = self._choices(sid, spec["choices"], vp["choices"], scene.quiz, meters, flags)
        elif scene.quiz:
            self.err("WB216", vp["quiz"], f"{where} is a quiz but has no choices", "add choices with correct: true/false")
        if "next" in spec:
            scene.next = self._next(spec["next"], vp["next"], f"the next of {where}")
        if "ending" in spec:
            scene.ending = self._ending(spec["ending"], vp["ending"])
        if "timer" in spec:
            scene.timer = self._timer(spec["timer"], vp["timer"], scene)
        return scene

    def _lines(self, value: Any, pos: Pos, characters: dict[str, Character], required: bool) -> list[Line]:
        """A list of lines: {speaker?, text}."""
        items = self.seq(value, pos, "lines", non_empty=required)
        lines: list[Line] = []
        for item, ipos in zip(items or [], items.item_pos if items else []):
            spec = self.mapping(item, ipos, "a line")
            if spec is None:
                continue
            self.keys(spec, {"speaker", "text"}, ("text",), "a line")
            speaker = spec.get("speaker")
            if speaker is not None and speaker not in characters:
                self.err("WB302", spec.val_pos["speaker"], f"the speaker '{speaker}' is not a character",
                         _suggest(str(speaker), characters) or "add them under characters:, or leave out speaker for narration")
                speaker = None
            text = self.text(spec["text"], spec.val_pos["text"], "the text of a line") if "text" in spec else None
            if text:
                lines.append(Line(speaker, text))
        return lines

    def _posts(self, value: Any, pos: Pos, techniques: set[str]) -> list[Post]:
        """A feed's posts."""
        items = self.seq(value, pos, "posts", non_empty=True)
        posts: list[Post] = []
        allowed = {"author", "handle", "text", "likes", "shares", "replies", "image", "technique", "fake", "verified"}
        for item, ipos in zip(items or [], items.item_pos if items else []):
            spec = self.mapping(item, ipos, "a post")
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, allowed, ("author", "handle", "text"), "a post")
            ok = True
            for key in ("author", "handle"):
                if key in spec and not self.typed(spec[key], (str,), vp[key], key, "\"a text\""):
                    ok = False
            handle = spec.get("handle")
            if isinstance(handle, str) and not handle.startswith("@"):
                self.err("WB203", vp["handle"], f"the handle '{handle}' does not start with @", f"write \"@{handle}\"")
            text = self.text(spec["text"], vp["text"], "the text of a post") if "text" in spec else None
            counts = {k: self.number(spec.get(k, 0), vp.get(k, ipos), k, low=0, integer=True)
                      for k in ("likes", "shares", "replies")}
            image = self.asset(spec["image"], vp["image"], "image") if "image" in spec else None
            technique = spec.get("technique")
            if technique is not None and not self.technique_ref(technique, vp["technique"], techniques):
                technique = None
            fake = self.boolean(spec.get("fake", False), vp.get("fake", ipos), "fake")
            verified = self.boolean(spec.get("verified", False), vp.get("verified", ipos), "verified")
            if ok and text and "author" in spec and "handle" in spec:
                posts.append(Post(spec["author"], spec["handle"], text, int(counts["likes"] or 0),
                                  int(counts["shares"] or 0), int(counts["replies"] or 0), image, technique,
                                  bool(fake), bool(verified)))
        return posts

    def _messages(self, value: Any, pos: Pos, characters: dict[str, Character]) -> list[Message]:
        """A chat's messages."""
        items = self.seq(value, pos, "messages", non_empty=True)
        messages: list[Message] = []
        for item, ipos in zip(items or [], items.item_pos if items else []):
            spec = self.mapping(item, ipos, "a message")
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, {"from", "text", "time"}, ("from", "text", "time"), "a message")
            sender = spec.get("from")
            if "from" in spec and not self.typed(sender, (str,), vp["from"], "from", "a character id or a name"):
                sender = None
            time = spec.get("time")
            if "time" in spec:
                if isinstance(time, int) and not isinstance(time, bool):
                    written = f"{time // 60}:{time % 60:02d}"
                    self.err("WB203", vp["time"], f"the time is not in quotes, so YAML read {written} as the number "
                             f"{time}", f"put it in quotes: time: \"{time // 60:02d}:{time % 60:02d}\"")
                    time = None
                elif not isinstance(time, str) or not TIME.match(time):
                    self.err("WB203", vp["time"], f"the time {time!r} is not a time like \"09:14\"",
                             "write the time in quotes as hours:minutes, e.g. \"09:14\"")
                    time = None
            text = self.text(spec["text"], vp["text"], "the text of a message") if "text" in spec else None
            if isinstance(sender, str) and text and isinstance(time, str):
                messages.append(Message(sender, sender in characters, text, time))
        return messages

    def _ending(self, value: Any, pos: Pos) -> Ending | None:
        """An ending block."""
        spec = self.mapping(value, pos, "ending")
        if spec is None:
            return None
        vp = spec.val_pos
        self.keys(spec, {"rating", "title", "text"}, ("rating", "title", "text"), "the ending")
        rating = self.word(spec["rating"], RATINGS, vp["rating"], "rating") if "rating" in spec else None
        title = self.text(spec["title"], vp["title"], "the ending's title") if "title" in spec else None
        text = self.text(spec["text"], vp["text"], "the ending's text") if "text" in spec else None
        if rating and title and text:
            return Ending(rating, title, text)
        return None

    def _timer(self, value: Any, pos: Pos, scene: Scene) -> Timer | None:
        """A timer block; its choice must exist and always be available."""
        spec = self.mapping(value, pos, "timer")
        if spec is None:
            return None
        vp = spec.val_pos
        self.keys(spec, {"seconds", "choice"}, ("seconds", "choice"), "the timer")
        seconds = self.number(spec["seconds"], vp["seconds"], "seconds", low=1) if "seconds" in spec else None
        choice_id = spec.get("choice")
        if not scene.choices:
            self.err("WB217", pos, f"the scene '{scene.id}' has a timer but no choices", "remove the timer, or add choices")
            return None
        if "choice" not in spec:
            return None
        choice = scene.choice_by_id(str(choice_id))
        if choice is None or choice.id is None:
            ids = [c.id for c in scene.choices if c.id]
            self.err("WB217", vp["choice"], f"the timer takes the choice '{choice_id}', which this scene does not have",
                     _suggest(str(choice_id), ids) or "give the choice an id: and name it here")
            return None
        if (scene.id, choice.index) in self.conditional_choices:
            self.err("WB217", vp["choice"], f"the timer takes the choice '{choice_id}', which has an if and may be hidden",
                     "let the timer take a choice without an if, so it can always be taken")
            return None
        if seconds is None:
            return None
        return Timer(float(seconds), choice.id)

    def _choices(self, sid: str, value: Any, pos: Pos, quiz: bool, meters: dict[str, Meter],
                 flags: dict[str, Flag]) -> list[Choice]:
        """A scene's choices."""
        items = self.seq(value, pos, "choices", non_empty=True)
        choices: list[Choice] = []
        ids: set[str] = set()
        allowed = {"id", "text", "if", "effects", "set", "quality", "correct", "feedback", "next"}
        any_correct = False
        for index, (item, ipos) in enumerate(zip(items or [], items.item_pos if items else [])):
            spec = self.mapping(item, ipos, "a choice")
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, allowed, ("text", "next"), "a choice")
            cid = None
            if "id" in spec:
                cid = self.ident(spec["id"], SCENE_ID, vp["id"], "the choice id", "lower-case letters, digits and _")
                if cid in ids:
                    self.err("WB212", vp["id"], f"two choices in '{sid}' have the id '{cid}'", "give each choice its own id")
                elif cid:
                    ids.add(cid)
            label = cid or f"#{index + 1}"
            text = self.text(spec["text"], vp["text"], "the text of a choice") if "text" in spec else None
            choice = Choice(index=index, id=cid, text=text or Text({}), next=[], pos=ipos)
            if "if" in spec:
                self.conditional_choices.add((sid, index))
                choice.condition_pos = vp["if"]
                self.expression(spec["if"], vp["if"], lambda e, c=choice: setattr(c, "condition", e),
                                ex.ExprType.BOOL, f"the if of choice '{label}' in '{sid}'")
            if "effects" in spec:
                choice.effects = self._effects(spec["effects"], vp["effects"], meters, flags)
            if "set" in spec:
                choice.sets = self._sets(spec["set"], vp["set"], meters, flags, sid, label)
            if "quality" in spec:
                choice.quality = self.word(spec["quality"], QUALITIES, vp["quality"], "quality")
            if "correct" in spec:
                if not quiz:
                    self.err("WB216", vp["correct"], f"'correct' is used in '{sid}', which is not a quiz",
                             "add quiz: true to the scene, or remove correct:")
                choice.correct = self.boolean(spec["correct"], vp["correct"], "correct")
                any_correct = any_correct or bool(choice.correct)
            elif quiz:
                self.err("WB216", ipos, f"a choice in the quiz '{sid}' has no 'correct'", "add correct: true or false")
            if "feedback" in spec:
                choice.feedback = self.text(spec["feedback"], vp["feedback"], "the feedback of a choice")
            if "next" in spec:
                choice.next = self._next(spec["next"], vp["next"], f"the next of choice '{label}'")
            choices.append(choice)
        if quiz and choices and not any_correct and all(c.correct is not None for c in choices):
            self.err("WB216", pos, f"the quiz '{sid}' has no correct answer", "mark at least one choice correct: true")
        return choices

    def _effects(self, value: Any, pos: Pos, meters: dict[str, Meter], flags: dict[str, Flag]) -> dict[str, float]:
        """Meter deltas."""
        spec = self.mapping(value, pos, "effects")
        result: dict[str, float] = {}
        for key, delta in (spec or {}).items():
            kpos = spec.key_pos[key]  # type: ignore[union-attr]
            if key not in meters:
                hint = ("flags change through set:, not effects:" if key in flags else
                        _suggest(str(key), meters) or "effects change meters declared under meters:")
                self.err("WB304", kpos, f"effects names '{key}', which is not a meter", hint)
                continue
            if self.number(delta, spec.val_pos[key], f"the effect on '{key}'") is not None:  # type: ignore[union-attr]
                result[key] = delta
        return result

    def _sets(self, value: Any, pos: Pos, meters: dict[str, Meter], flags: dict[str, Flag], sid: str,
              label: str) -> dict[str, ex.Expression | Value]:
        """Flag assignments: literal booleans/numbers, or expressions in strings."""
        spec = self.mapping(value, pos, "set")
        result: dict[str, ex.Expression | Value] = {}
        for key, item in (spec or {}).items():
            kpos, vpos = spec.key_pos[key], spec.val_pos[key]  # type: ignore[union-attr]
            if key not in flags:
                hint = ("meters change only through effects:" if key in meters else
                        _suggest(str(key), flags) or "set changes flags declared under flags:")
                self.err("WB304", kpos, f"set names '{key}', which is not a flag", hint)
                continue
            want = self.var_types[key]
            if isinstance(item, bool) or isinstance(item, (int, float)):
                got = ex.ExprType.BOOL if isinstance(item, bool) else ex.ExprType.NUMBER
                if got is not want:
                    self.err("WB219", vpos, f"the flag '{key}' holds {want.value}, but is set to {_kind(item)}",
                             "set it to a value of the same kind as its start value")
                else:
                    result[key] = item
                continue
            self.expression(item, vpos, lambda e, k=key: result.__setitem__(k, e), want,
                            f"the value set to '{key}' in choice '{label}' of '{sid}'")
        return result

    def _next(self, value: Any, pos: Pos, what: str) -> list[Branch]:
        """A scene id or a list of branches."""
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return [self._goto(str(value), pos, what)]
        items = self.seq(value, pos, what, non_empty=True)
        branches: list[Branch] = []
        count = len(items or [])
        for index, (item, ipos) in enumerate(zip(items or [], items.item_pos if items else [])):
            spec = self.mapping(item, ipos, "a branch")
            if spec is None:
                continue
            self.keys(spec, {"if", "goto"}, ("goto",), "a branch")
            branch = self._goto(spec.get("goto"), spec.val_pos.get("goto", ipos), what) if "goto" in spec else None
            last = index == count - 1
            if "if" in spec:
                if last:
                    self.err("WB214", spec.key_pos["if"], "the last branch has an if",
                             "remove the if from the last branch, so there is always a way on")
                elif branch is not None:
                    branch.condition_pos = spec.val_pos["if"]
                    self.expression(spec["if"], spec.val_pos["if"], lambda e, b=branch: setattr(b, "condition", e),
                                    ex.ExprType.BOOL, f"the if of a branch in {what}")
            elif not last:
                self.err("WB214", ipos, "a branch without an if comes before other branches, which can never be taken",
                         "give this branch an if, or move it to the end")
            if branch is not None:
                branches.append(branch)
        return branches

    def _goto(self, value: Any, pos: Pos, what: str) -> Branch:
        """A branch to a scene that must exist."""
        target = str(value)
        if target not in self.scene_ids:
            self.err("WB301", pos, f"{what} goes to the scene '{target}', which does not exist",
                     _suggest(target, self.scene_ids) or "name one of the scenes under scenes:")
        return Branch(target, None, pos)

    # ---- second pass ----------------------------------------------------
    def _check_placeholders(self) -> None:
        """Every {name} in a text must name a character, meter or flag."""
        for text, pos in self.texts:
            if "{" not in text and "}" not in text:
                continue
            for offset, problem in placeholder_problems(text):
                where = self._offset_pos(pos, offset)
                if problem.startswith("brace:"):
                    self.err("WB218", where, f"a lone '{problem[6:]}' in a text",
                             "write {{ or }} for a literal brace, or {name} to insert a value")
                else:
                    name = problem[5:]
                    if name not in self.placeholder_names:
                        self.err("WB218", where, f"{{{name}}} names nothing this scenario declares",
                                 _suggest(name, self.placeholder_names) or
                                 "use a character id, a meter or a flag; write {{ }} for literal braces")

    def _compile_expressions(self, scenes: dict[str, Scene]) -> None:
        """Parse and type-check every queued expression."""
        scene_choices = {sid: [c.id for c in s.choices if c.id] for sid, s in scenes.items()}
        # Scenarios repeat conditions such as "trust >= 50": each distinct text is parsed and checked once.
        # Sharing the result is safe because an Expression is immutable and its errors carry offsets
        # within the text, which each use below turns into its own file position.
        compiled: dict[str, tuple[ex.Expression | None, ex.ExprType | None, list[ex.ExpressionError]]] = {}
        for pending in self.pending:
            result = compiled.get(pending.source)
            if result is None:
                result = compiled[pending.source] = ex.compile_expression(pending.source, self.var_types,
                                                                          scene_choices)
            expr, kind, problems = result
            for problem in problems:
                hint = problem.hint
                word = pending.source[problem.offset:].split(" ", 1)[0].strip("()").lower()
                if problem.code == "WB402" and word in ("ja", "nee", "waar", "onwaar", "yes", "no"):
                    hint = ("true and false are written true and false (ja, nee, waar and onwaar are ordinary words); "
                            "give the flag a start value of true or false too")
                elif pending.want is ex.ExprType.STRING and problem.code in ("WB401", "WB402"):
                    hint = (f"a text value needs quotes inside the quotes: \"'{pending.source.strip()}'\" "
                            "(without them it is read as an expression)")
                self.err(problem.code, self._offset_pos(pending.pos, problem.offset),
                         f"in {pending.what}: {problem.message}", hint)
            if expr is not None:
                self.names_read |= expr.names()
            if expr is None or problems:
                continue
            if pending.want is not None and kind is not None and kind is not pending.want:
                code = "WB408" if pending.want is ex.ExprType.BOOL else "WB219"
                self.err(code, pending.pos, f"{pending.what} gives {kind.value}, but {pending.want.value} is needed",
                         "compare with < > == etc. to get true/false" if code == "WB408"
                         else "the value must be of the same kind as the flag's start value")
                continue
            pending.store(expr)

    def _var_uses(self) -> tuple[set[str], set[str]]:
        """Names read by expressions and by text placeholders; names changed by effects/set come from the model."""
        read = set(self.names_read)
        placeholders: set[str] = set()
        for text, _ in self.texts:
            if "{" in text:
                placeholders.update(p[5:] for _, p in placeholder_problems(text) if p.startswith("name:"))
        return read, placeholders

    def _offset_pos(self, pos: Pos, offset: int) -> Pos:
        """The file position of character `offset` of a scalar that starts at `pos`."""
        line_index = pos[0] - 1
        if 0 <= line_index < len(self.lines):
            source_line = self.lines[line_index]
            start = pos[1] - 1
            if start < len(source_line) and source_line[start] in "\"'":
                return (pos[0], pos[1] + 1 + offset)
            if start < len(source_line) and source_line[start] in "|>":
                return (pos[0] + 1, 1)
        return (pos[0], pos[1] + offset)
