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
from .diagnostics import Diagnostic, DiagnosticSink, Say, Severity, join_say
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
        reason = exc.strerror or exc
        sink.add("WB110", (1, 1),
                 Say(f"the file cannot be read ({reason})", f"het bestand kan niet gelezen worden ({reason})"),
                 Say("check the path and permissions", "controleer het pad en de rechten"))
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
            sink.add("WB108", getattr(root, "pos", (1, 1)),
                     Say("this file does not contain a scenario", "dit bestand bevat geen scenario"),
                     Say("a scenario starts with keys such as 'format: 1', 'id:', 'title:' and 'scenes:'",
                         "een scenario begint met sleutels zoals 'format: 1', 'id:', 'title:' en 'scenes:'"))
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
            other = display_path(seen[scenario_id])
            sink.add("WB109", (1, 1), Say(f"the scenario id '{scenario_id}' is also used by {other}",
                                          f"het scenario-id '{scenario_id}' wordt ook gebruikt door {other}"),
                     Say("give each scenario its own id", "geef elk scenario een eigen id"))
            result.diagnostics = sorted(result.diagnostics + sink.items, key=lambda d: (d.line, d.column))
            result.scenario = None
        else:
            seen[scenario_id] = result.path
    return results


def _looks_like_asset(text: str) -> bool:
    """A letterhead that names a logo file (e.g. logos/lindeweerd.svg) rather than an organisation."""
    stripped = text.strip()
    return " " not in stripped and stripped.lower().endswith(ASSET_SUFFIXES)


# ---- messages in two languages ----------------------------------------------
# Diagnostics are written in English and Dutch (Say). The loader passes descriptions of places in the file
# ("the title of the scene 'intro'") down to its checks; so that the happy path does not build texts it never
# shows, a description is one of
#   - a plain str: a YAML key or other word that reads the same in both languages ("choices", "minutes");
#   - a Say: a fixed description, made once below;
#   - a tuple (template, *args): a Say whose {} are filled with args (str, int or descriptions) by _say(),
#     only when a problem is reported.

_KINDS = {
    "nothing": Say("nothing", "niets"),
    "bool": Say("true/false", "true/false"),
    "number": Say("a number", "een getal"),
    "text": Say("a text", "een tekst"),
    "list": Say("a list", "een lijst"),
    "mapping": Say("a mapping", "een blok met sleutels"),
}
# how ExprType values read inside a Dutch sentence (the English keeps ExprType.value)
_TYPE_NL = {ex.ExprType.BOOL: "true/false", ex.ExprType.NUMBER: "een getal", ex.ExprType.STRING: "een tekst"}

# descriptions of places (see above)
THE_SCENARIO = Say("the scenario", "het scenario")
THE_SCENARIO_ID = Say("the scenario id", "het scenario-id")
THE_TITLE = Say("the title", "de titel")
THE_SUMMARY = Say("the summary", "de samenvatting")
THE_SCENE = Say("the scene '{}'", "de scène '{}'")
THE_SCENE_ID = Say("the scene id", "het scène-id")
THE_CHOICE_ID = Say("the choice id", "het keuze-id")
THE_CHARACTER_ID = Say("the character id", "het personage-id")
THE_TECHNIQUE_ID = Say("the technique id", "het techniek-id")
THE_VAR_ID = {"meters": Say("the meter id", "het meter-id"), "flags": Say("the flag id", "het flag-id")}
THE_METER = Say("the meter '{}'", "de meter '{}'")
THE_LABEL_OF = Say("the label of '{}'", "het label van '{}'")
THE_CHARACTER = Say("the character '{}'", "het personage '{}'")
THE_ROLE_OF = Say("the role of '{}'", "de rol van '{}'")
THE_TECHNIQUE = Say("the technique '{}'", "de techniek '{}'")
THE_DEBRIEF = Say("the debrief", "de nabespreking")
AN_ITEM_OF = Say("an item of {}", "een onderdeel van {}")
A_SOURCE = Say("a source", "een bron")
THE_TITLE_OF = Say("the title of {}", "de titel van {}")
THE_NOTE_OF = Say("the note of {}", "de notitie van {}")
THE_KEY_OF = Say("the {} of {}", "de {} van {}")
THE_NEXT_OF = Say("the next of {}", "de next van {}")
A_LINE = Say("a line", "een tekstregel")
THE_TEXT_OF_A_LINE = Say("the text of a line", "een tekstregel")
A_POST = Say("a post", "een bericht")
THE_TEXT_OF_A_POST = Say("the text of a post", "de tekst van een bericht")
A_MESSAGE = Say("a message", "een chatbericht")
THE_TEXT_OF_A_MESSAGE = Say("the text of a message", "de tekst van een chatbericht")
THE_ENDING = Say("the ending", "het einde")
THE_ENDINGS_TITLE = Say("the ending's title", "de titel van het einde")
THE_ENDINGS_TEXT = Say("the ending's text", "de tekst van het einde")
THE_TIMER = Say("the timer", "de timer")
A_CHOICE = Say("a choice", "een keuze")
THE_TEXT_OF_A_CHOICE = Say("the text of a choice", "de tekst van een keuze")
THE_FEEDBACK_OF_A_CHOICE = Say("the feedback of a choice", "de feedback van een keuze")
THE_IF_OF_CHOICE = Say("the if of choice '{}' in '{}'", "de voorwaarde van keuze '{}' in de scène '{}'")
THE_NEXT_OF_CHOICE = Say("the next of choice '{}' in '{}'", "de next van keuze '{}' in de scène '{}'")
THE_EFFECT_ON = Say("the effect on '{}'", "het effect op '{}'")
THE_VALUE_SET_TO = Say("the value set to '{}' in choice '{}' of '{}'",
                       "de nieuwe waarde voor '{}' (set:) in keuze '{}' van de scène '{}'")
A_BRANCH = Say("a branch", "een tak")
THE_IF_OF_A_BRANCH_IN = Say("the if of a branch in {}", "de voorwaarde van een tak in {}")
THE_LANG_TEXT_OF = Say("the {} text of {}", "de {}-versie van {}")

# examples of a right value (typed) and id rules (ident)
A_WHOLE_NUMBER = Say("a whole number such as 3", "een heel getal zoals 3")
A_NUMBER = Say("a number such as 20", "een getal zoals 20")
A_TEXT_IN_QUOTES = Say("\"a text in quotes\"", "\"een tekst tussen aanhalingstekens\"")
A_QUOTED_TEXT = Say("\"a text\"", "\"een tekst\"")
A_FILE_PATH = Say("a file path such as portraits/mayor.svg", "een bestandspad zoals portraits/mayor.svg")
A_SOURCE_TEXT = Say("\"Title, publisher, year\"", "\"Titel, uitgever, jaar\"")
A_SENDER = Say("a character id or a name", "een personage-id of een naam")
A_CHARACTER_ID = Say("a character id", "een personage-id")
SCENARIO_ID_RULE = Say("lower-case letters, digits and '-', e.g. rumour-shelter",
                       "kleine letters, cijfers en '-', bijvoorbeeld gerucht-zwembad")
SCENE_ID_RULE = Say("lower-case letters, digits and _", "kleine letters, cijfers en _")
START_RULE = Say("a scene id", "een scène-id")
VAR_ID_RULE = Say("lower-case letters, digits and _, starting with a letter or _",
                  "kleine letters, cijfers en _, beginnend met een letter of _")
CHARACTER_ID_RULE = Say("lower-case letters, digits, _ and -", "kleine letters, cijfers, _ en -")


def _say(what: Any) -> Say:
    """A description (see above) in both languages; plain strings and numbers read the same in both."""
    if isinstance(what, Say):
        return what
    if isinstance(what, tuple):
        template, *args = what
        parts = [_say(arg) for arg in args]
        return Say(template.en.format(*(p.en for p in parts)), template.nl.format(*(p.nl for p in parts)))
    return Say(str(what), str(what))


def _kind(value: Any) -> Say:
    """A plain-language name for the kind of a YAML value."""
    if value is None:
        return _KINDS["nothing"]
    if isinstance(value, bool):
        return _KINDS["bool"]
    if isinstance(value, (int, float)):
        return _KINDS["number"]
    if isinstance(value, str):
        return _KINDS["text"]
    if isinstance(value, list):
        return _KINDS["list"]
    return _KINDS["mapping"]


def _suggest(word: str, options: Iterable[str]) -> Say | str:
    """'did you mean X?' when a close match exists, else "" (so `_suggest(...) or other_hint` works)."""
    match = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return Say(f"did you mean '{match[0]}'?", f"bedoel je '{match[0]}'?") if match else ""


@dataclass
class _PendingExpr:
    """An expression to compile once every scene and choice is known."""

    source: str
    pos: Pos
    store: Callable[[ex.Expression], None]
    want: ex.ExprType | None
    what: Any          # a description, see _say


# Dutch words trainers write where the format wants its English word (good: hoog, rating: goed, type: nieuws).
DUTCH_WORDS = {
    "hoog": "high", "laag": "low", "goed": "good", "gemengd": "mixed", "wisselend": "mixed", "slecht": "bad",
    "zwak": "poor", "sterk": "good", "nieuws": "news", "nieuwsbericht": "news", "gesprek": "dialogue",
    "dialoog": "dialogue", "tijdlijn": "feed", "berichten": "chat", "brief": "document",
}


def _scene_list(scene_ids: Iterable[str], most: int = 12) -> Say:
    """'name one of the scenes under scenes: a, b, c …' (the first `most`, in file order)."""
    ids = list(scene_ids)
    shown = ", ".join(ids[:most]) + (", …" if len(ids) > most else "")
    if not ids:
        return Say("name one of the scenes under scenes:", "noem een van de scènes onder scenes:")
    return Say(f"name one of the scenes under scenes: {shown}", f"noem een van de scènes onder scenes: {shown}")


def _translated(word: str, options: Iterable[str]) -> Say | None:
    """'did you mean high?' for a Dutch word whose English counterpart is allowed here."""
    english = DUTCH_WORDS.get(word.strip().lower())
    if english is None or english not in options:
        return None
    return Say(f"write the English word: '{english}' (not '{word}')",
               f"schrijf het Engelse woord: '{english}' (niet '{word}')")


def _dutch_operator(source: str, offset: int) -> str:
    """'en', 'of' or 'niet' when the word at `offset`, or the word just before it, is one ('' otherwise):
    'trust > 5 en checked' stops at 'en', 'niet checked' at 'checked'."""
    here = source[offset:].split(" ", 1)[0].strip("()").lower()
    before = source[:offset].split()
    for word in (here, before[-1].strip("()").lower() if before else ""):
        if word in DUTCH_OPERATORS:
            return word
    return ""


YES_NO_WORDS = frozenset({"ja", "nee", "waar", "onwaar"})  # text in YAML, but meant as true/false
DUTCH_OPERATORS = {"en": "and", "of": "or", "niet": "not"}  # Dutch words typed for the English operators


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
        self.scene_ids: dict[str, None] = {}  # in file order (for lists in hints)
        self.yes_no_flags: dict[str, tuple[str, Pos]] = {}  # flags that start as the text 'ja', 'nee', …
        self.meter_labels: dict[str, Text] = {}  # for 'did you mean' when a label is used where the id belongs

    # ---- small checks -------------------------------------------------
    def err(self, code: str, pos: Pos, message: str | Say, hint: str | Say = "") -> None:
        """Record a diagnostic; a Say gives it a Dutch text too (a plain str is English only)."""
        self.sink.add(code, pos, message, hint)

    def keys(self, m: YMap, allowed: set[str], required: Iterable[str], where: Any,
             other: Callable[[str], tuple[Say, Say] | None] | None = None) -> None:
        """Report unknown keys (x- keys excepted) and missing required keys of a mapping. `where` is a
        description (see _say); other(key) gives the WB211 message and hint for a key that belongs elsewhere."""
        for key in m:
            if isinstance(key, str) and key.startswith("x-"):
                continue
            if key not in allowed:
                wrong = other(key) if other else None
                if wrong:
                    self.err("WB211", m.key_pos[key], wrong[0], wrong[1])
                    continue
                w = _say(where)
                listed = ", ".join(sorted(allowed))
                hint = _suggest(key, allowed) or Say(f"allowed here: {listed}", f"hier mag: {listed}")
                self.err("WB201", m.key_pos[key],
                         Say(f"unknown key '{key}' in {w.en}", f"onbekende sleutel '{key}' in {w.nl}"),
                         join_say(hint, Say(" (keys starting with x- are free for your own notes)",
                                            " (sleutels die met x- beginnen zijn vrij voor je eigen notities)")))
        for key in required:
            if key not in m:
                w = _say(where)
                self.err("WB202", m.pos, Say(f"{w.en} has no '{key}'", f"{w.nl} heeft geen '{key}'"),
                         Say(f"add '{key}:'", f"voeg '{key}:' toe"))

    def typed(self, value: Any, kinds: tuple[type, ...], pos: Pos, what: Any, example: Any) -> bool:
        """Check the Python type of a value; report WB203 when it is wrong."""
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            w, e, k = _say(what), _say(example), _kind(value)
            self.err("WB203", pos, Say(f"{w.en} should be {e.en}, not {k.en}", f"{w.nl} moet {e.nl} zijn, maar is {k.nl}"),
                     Say(f"write it like {e.en}", f"schrijf het als {e.nl}") if not isinstance(value, bool) else
                     Say("words like yes/no/on/off are read as true/false: put the text in quotes",
                         "woorden als yes/no/on/off leest YAML als true/false: zet de tekst tussen aanhalingstekens"))
        return ok

    def mapping(self, value: Any, pos: Pos, what: Any) -> YMap | None:
        """The value as a mapping, or None after reporting."""
        if isinstance(value, YMap):
            return value
        w, k = _say(what), _kind(value)
        self.err("WB203", pos, Say(f"{w.en} should be a mapping (keys with values), not {k.en}",
                                   f"{w.nl} moet een blok met sleutels en waarden zijn, maar is {k.nl}"),
                 Say("indent the keys below it, or write {key: value}",
                     "zet de sleutels ingesprongen eronder, of schrijf {sleutel: waarde}"))
        return None

    def seq(self, value: Any, pos: Pos, what: Any, non_empty: bool = False) -> YList | None:
        """The value as a list, or None after reporting."""
        if not isinstance(value, YList):
            w, k = _say(what), _kind(value)
            self.err("WB203", pos,
                     Say(f"{w.en} should be a list, not {k.en}", f"{w.nl} moet een lijst zijn, maar is {k.nl}"),
                     Say("write each item on its own line starting with '- ', or [a, b]",
                         "zet elk onderdeel op een eigen regel die begint met '- ', of schrijf [a, b]"))
            return None
        if non_empty and not value:
            w = _say(what)
            self.err("WB215", pos, Say(f"{w.en} is empty", f"{w.nl} is leeg"),
                     Say("add at least one item", "zet er minstens één onderdeel in"))
        return value

    def text(self, value: Any, pos: Pos, what: Any) -> Text | None:
        """A Text: a plain string (one language) or a mapping with every language."""
        if isinstance(value, str):
            if self.languages_ok and len(self.languages) > 1:
                w, n = _say(what), len(self.languages)
                form = "{" + ", ".join(f"{lang}: \"...\"" for lang in self.languages) + "}"
                self.err("WB206", pos, Say(f"{w.en} is a plain text, but the scenario has {n} languages",
                                           f"{w.nl} is maar in één taal geschreven, terwijl het scenario "
                                           f"{n} talen heeft"),
                         Say("write it as " + form, "schrijf het als " + form))
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
                    w = _say(what)
                    if item is None and (" " in str(lang) or not LANG_CODE.match(str(lang))):
                        self.err("WB203", value.key_pos[lang],
                                 Say(f"'{lang}' in {w.en} looks like the rest of a text cut off at a comma",
                                     f"'{lang}' in {w.nl} lijkt het laatste stuk van een tekst die bij een komma is "
                                     "afgebroken"),
                                 Say("a comma inside { } ends the text: put the whole text in quotes, "
                                     "e.g. {nl: \"Nee, nog niets zeggen\", en: \"No, say nothing yet\"}",
                                     "een komma binnen { } beëindigt de tekst: zet de hele tekst tussen aanhalingstekens, "
                                     "bijvoorbeeld {nl: \"Nee, nog niets zeggen\", en: \"No, say nothing yet\"}"))
                    else:
                        listed = ", ".join(self.languages)
                        self.err("WB206", value.key_pos[lang],
                                 Say(f"{w.en} has the language '{lang}', which is not in languages",
                                     f"{w.nl} heeft de taal '{lang}', maar die staat niet in languages"),
                                 Say(f"use only {listed}, or add '{lang}' to languages",
                                     f"gebruik alleen de talen uit languages ({listed}), of zet '{lang}' erbij"))
                    continue
                if not isinstance(item, str):
                    self.typed(item, (str,), ipos, (THE_LANG_TEXT_OF, lang, what), A_TEXT_IN_QUOTES)
                    continue
                out[str(lang)] = item
                self.texts.append((item, ipos))
            if self.languages_ok:
                for lang in self.languages:
                    if lang not in value:
                        w = _say(what)
                        self.err("WB206", value.pos,
                                 Say(f"{w.en} has no '{lang}' text", f"{w.nl} heeft geen tekst in de taal '{lang}'"),
                                 Say(f"add {lang}: \"...\"", f"voeg {lang}: \"...\" toe"))
            return Text(out) if out else None
        self.typed(value, (str,), pos, what, "{nl: \"...\", en: \"...\"}")
        return None

    def ident(self, value: Any, pattern: re.Pattern[str], pos: Pos, what: Any, rule: Say) -> str | None:
        """An id matching `pattern`."""
        if isinstance(value, bool):
            w = _say(what)
            self.err("WB205", pos, Say(f"{w.en} should be an id ({rule.en}), but YAML reads this word as true/false",
                                       f"{w.nl} moet een id zijn ({rule.nl}), maar YAML leest dit woord als true/false"),
                     Say("words like yes, no, on, off, true and false are read as true/false: choose another id, "
                         "or put it in quotes",
                         "woorden als yes, no, on, off, true en false leest YAML als true/false: kies een ander id, "
                         "of zet het tussen aanhalingstekens"))
            return None
        if not isinstance(value, (str, int)):
            w, k = _say(what), _kind(value)
            self.err("WB205", pos, Say(f"{w.en} should be an id ({rule.en}), not {k.en}",
                                       f"{w.nl} moet een id zijn ({rule.nl}), maar is {k.nl}"),
                     Say(f"use {rule.en}", f"gebruik {rule.nl}"))
            return None
        value = str(value)
        if not pattern.match(value):
            lowered = value.lower().replace(" ", "_" if "_" in rule.en else "-")
            hint = (Say(f"ids are written in lower case: did you mean '{lowered}'?",
                        f"id's schrijf je in kleine letters: bedoel je '{lowered}'?") if pattern.match(lowered) else
                    Say(f"use {rule.en}", f"gebruik {rule.nl}"))
            w = _say(what)
            self.err("WB205", pos, Say(f"{w.en} '{value}' is not a valid id", f"{w.nl} '{value}' is geen geldig id"), hint)
            return None
        return value

    def number(self, value: Any, pos: Pos, what: Any, low: float | None = None, integer: bool = False) -> float | None:
        """A number (optionally whole, optionally at least `low`)."""
        kinds: tuple[type, ...] = (int,) if integer else (int, float)
        if not self.typed(value, kinds, pos, what, A_WHOLE_NUMBER if integer else A_NUMBER):
            return None
        if low is not None and value < low:
            w = _say(what)
            self.err("WB208", pos, Say(f"{w.en} is {value}; it must be at least {low:g}",
                                       f"{w.nl} is {value}, maar moet minstens {low:g} zijn"),
                     Say(f"use a number of {low:g} or more", f"gebruik een getal van {low:g} of meer"))
            return None
        return value

    def boolean(self, value: Any, pos: Pos, what: Any) -> bool | None:
        """true or false."""
        if isinstance(value, bool):
            return value
        w, k = _say(what), _kind(value)
        self.err("WB203", pos, Say(f"{w.en} should be true or false, not {k.en}",
                                   f"{w.nl} moet true of false zijn, maar is {k.nl}"),
                 Say("write true or false", "schrijf true of false (niet ja of nee)"))
        return None

    def word(self, value: Any, options: tuple[str, ...], pos: Pos, what: Any) -> str | None:
        """One of a fixed set of words."""
        if isinstance(value, str) and value in options:
            return value
        hint = (_translated(value, options) or _suggest(value, options)) if isinstance(value, str) else ""
        w, listed = _say(what), ", ".join(options)
        self.err("WB209", pos, Say(f"{w.en} is '{value}'; it must be one of: {listed}",
                                   f"{w.nl} is '{value}', maar moet een van deze woorden zijn: {listed}"),
                 hint or Say(f"write one of {listed}", f"schrijf een van deze woorden: {listed}"))
        return None

    def asset(self, value: Any, pos: Pos, what: Any) -> Asset | None:
        """A resolved asset path."""
        if not self.typed(value, (str,), pos, what, A_FILE_PATH):
            return None
        found = self.assets.resolve(value)
        if isinstance(found, AssetProblem):
            self.err(found.code, pos, Say(found.message, found.message_nl or found.message),
                     Say(found.hint, found.hint_nl or found.hint))
            return None
        return Asset(value, found)

    def expression(self, value: Any, pos: Pos, store: Callable[[ex.Expression], None],
                   want: ex.ExprType | None, what: Any) -> None:
        """Queue an expression for compiling once all scenes are known."""
        if isinstance(value, bool) or not isinstance(value, str):
            w, k = _say(what), _kind(value)
            self.err("WB203", pos, Say(f"{w.en} should be an expression in quotes, not {k.en}",
                                       f"{w.nl} moet een uitdrukking tussen aanhalingstekens zijn, maar is {k.nl}"),
                     Say("write it like \"trust < 40\"", "schrijf een voorwaarde tussen aanhalingstekens, "
                                                         "bijvoorbeeld \"trust < 40\""))
            return
        self.pending.append(_PendingExpr(value, pos, store, want, what))

    # ---- the scenario ---------------------------------------------------
    def build(self, root: YMap) -> Scenario | None:
        """Build the whole scenario; returns None only when it could not be formed at all."""
        vp = root.val_pos
        self.keys(root, TOP_KEYS, ("format", "id", "title", "languages", "start", "scenes"), THE_SCENARIO)
        if "format" in root and (root["format"] != 1 or isinstance(root["format"], bool)):
            self.err("WB204", vp["format"], Say(f"format is {root['format']!r}; this game reads format 1",
                                                f"format is {root['format']!r}, maar dit spel leest alleen format 1"),
                     Say("write format: 1 (and check the scenario follows version 1 of the format)",
                         "schrijf format: 1 (en controleer of het scenario versie 1 van het formaat volgt)"))
        scenario_id = self.ident(root.get("id"), SCENARIO_ID, vp.get("id", root.pos), THE_SCENARIO_ID,
                                 SCENARIO_ID_RULE) if "id" in root else None
        self._languages(root)
        known_vars = self._var_ids(root)
        characters = self._characters(root)
        for clash in set(characters) & set(known_vars):
            self.err("WB212", root["characters"].key_pos[clash],
                     Say(f"'{clash}' is both a character and a meter or flag",
                         f"'{clash}' is zowel een personage als een meter of flag"),
                     Say("rename one, so {" + clash + "} in a text is not ambiguous",
                         "geef een van beide een andere naam, zodat {" + clash + "} in een tekst niet dubbelzinnig is"))
        self.placeholder_names = set(known_vars) | set(characters)
        title = self.text(root["title"], vp["title"], THE_TITLE) if "title" in root else None
        summary = self.text(root["summary"], vp["summary"], THE_SUMMARY) if "summary" in root else None
        minutes = self.number(root["minutes"], vp["minutes"], "minutes", low=1) if "minutes" in root else None
        meters = self._meters(root)
        flags = self._flags(root)
        glossary = self._glossary(root)
        technique_ids = set(BUILTIN_TECHNIQUES) | set(glossary)
        techniques = self._technique_list(root, technique_ids)
        scenes = self._scenes(root, characters, technique_ids, meters, flags)
        start = None
        if "start" in root:
            start = self.ident(root["start"], SCENE_ID, vp["start"], "start", START_RULE)
            if start is not None and start not in scenes and isinstance(root.get("scenes"), YMap):
                self.err("WB301", vp["start"], Say(f"start names the scene '{start}', which does not exist",
                                                   f"start noemt de scène '{start}', maar die bestaat niet"),
                         _suggest(start, scenes) or _scene_list(scenes))
        debrief = self._debrief(root)
        self._check_placeholders()
        self._compile_expressions(scenes)
        if self.sink.has_errors or title is None or scenario_id is None or start is None:
            return None
        scenario = Scenario(path=self.path, id=scenario_id, title=title, languages=self.languages, start=start,
                            scenes=scenes, summary=summary, minutes=minutes, techniques=techniques, meters=meters,
                            flags=flags, characters=characters, debrief=debrief, glossary=glossary)
        for code, pos, message, hint in graph_warnings(scenario, self._var_uses()):
            self.err(code, pos, message, hint)      # graph.py writes these (str or Say)
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
                self.err("WB207", ipos, Say(f"'{item}' is not a language code", f"'{item}' is geen taalcode"),
                         Say("use codes such as nl and en", "gebruik taalcodes zoals 'nl' en 'en'"))
            elif item in langs:
                self.err("WB207", ipos,
                         Say(f"the language '{item}' is listed twice", f"de taal '{item}' staat er twee keer in"),
                         Say("list each language once", "noem elke taal één keer"))
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
                name = self.ident(key, VAR_ID, pos, THE_VAR_ID[section], VAR_ID_RULE)
                if name is None:
                    continue
                if name in RESERVED:
                    self.err("WB205", pos, Say(f"'{name}' is a reserved word",
                                               f"'{name}' is een gereserveerd woord (het spel gebruikt het zelf)"),
                             Say("choose another name", "kies een andere naam"))
                elif name in ids:
                    self.err("WB212", pos,
                             Say(f"'{name}' is both a meter and a flag", f"'{name}' is zowel een meter als een flag"),
                             Say("meters and flags share one set of names; rename one",
                                 "meters en flags delen één lijst van namen; geef een van beide een andere naam"))
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
            spec = self.mapping(value, kpos, (THE_METER, key))
            if spec is None or not isinstance(key, str) or not VAR_ID.match(key) or key in RESERVED:
                continue
            vp = spec.val_pos
            self.keys(spec, {"label", "start", "min", "max", "good", "hidden"}, ("label", "start"), (THE_METER, key))
            label = self.text(spec["label"], vp["label"], (THE_LABEL_OF, key)) if "label" in spec else None
            low = self.number(spec.get("min", 0), vp.get("min", kpos), "min")
            high = self.number(spec.get("max", 100), vp.get("max", kpos), "max")
            start = self.number(spec["start"], vp["start"], "start") if "start" in spec else None
            good = self.word(spec.get("good", "high"), ("high", "low"), vp.get("good", kpos), "good")
            hidden = self.boolean(spec.get("hidden", False), vp.get("hidden", kpos), "hidden")
            # a range problem is reported, but the meter is still declared so its uses do not cascade into errors
            if low is not None and high is not None and low >= high:
                self.err("WB208", vp.get("max", kpos), Say(f"max ({high:g}) must be more than min ({low:g})",
                                                           f"max ({high:g}) moet groter zijn dan min ({low:g})"),
                         Say("make max larger than min", "maak max groter dan min"))
                low, high = min(low, high), max(low, high) + 1
            if start is not None and low is not None and high is not None and not low <= start <= high:
                self.err("WB208", vp["start"], Say(f"start is {start:g}, outside {low:g}..{high:g}",
                                                   f"start is {start:g}, maar moet tussen min ({low:g}) en max "
                                                   f"({high:g}) liggen"),
                         Say(f"choose a start between {low:g} and {high:g}",
                             f"kies een start van {low:g} tot en met {high:g}"))
                start = min(high, max(low, start))
            if start is not None and low is not None and high is not None:
                # a bad label, good or hidden is reported above; the meter is declared anyway (with a stand-in for
                # what was wrong), so that every effect and condition using it does not report it as unknown too
                meters[key] = Meter(key, label or Text({"": key}), start, low, high, good or "high",  # type: ignore[arg-type]
                                    bool(hidden), kpos)
                if label is not None:
                    self.meter_labels[key] = label
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
                k = _kind(value)
                self.err("WB203", pos, Say(f"the flag '{key}' starts as {k.en}", f"de beginwaarde van de flag "
                                                                                 f"'{key}' is {k.nl}"),
                         Say("a flag starts as true/false, a whole number, or a text in quotes (\"\" for empty)",
                             "een flag begint als true/false, een heel getal of een tekst tussen aanhalingstekens "
                             "(\"\" voor leeg)"))
                continue
            flags[key] = Flag(key, value, block.key_pos[key])  # type: ignore[union-attr]
            self.var_types[key] = kind
            if isinstance(value, str) and value.strip().lower() in YES_NO_WORDS:
                self.yes_no_flags[key] = (value, pos)
        return flags

    def _label_hint(self, word: str, before: str = "", after: str = "") -> Say | None:
        """'did you mean reach?' when `word` is (a word of) a meter's label rather than its id: trainers write the
        name they see on screen, 'bereik', where the condition or placeholder needs the id."""
        wanted = word.strip().lower()
        if len(wanted) < 3:
            return None
        for meter_id, label in self.meter_labels.items():
            for text in label.by_lang.values():
                words = text.lower().replace("-", " ").split()
                if wanted == text.lower() or wanted in words:
                    return Say(f"did you mean {before}{meter_id}{after}? '{text}' is the meter's label; conditions and "
                               "placeholders use its id",
                               f"bedoel je {before}{meter_id}{after}? '{text}' is de naam die de speler ziet; in "
                               "voorwaarden en {…} gebruik je het id")
        return None

    def _yes_no_hint(self, names: Iterable[str]) -> Say | None:
        """When one of `names` is a flag that starts as the text 'ja', 'nee', 'waar' or 'onwaar': say that this is
        text, not true/false (the usual cause of the type errors that follow)."""
        for name in sorted(names):
            if name in self.yes_no_flags:
                value, pos = self.yes_no_flags[name]
                meant = "true" if value.strip().lower() in ("ja", "waar", "yes", "true") else "false"
                return Say(f"the flag '{name}' starts as the text '{value}' (line {pos[0]}); for true/false write "
                           f"{name}: {meant} there, without quotes",
                           f"de flag '{name}' begint als de tekst '{value}' (regel {pos[0]}); bedoel je waar/onwaar, "
                           f"schrijf daar dan {name}: {meant}, zonder aanhalingstekens")
        return None

    def _characters(self, root: YMap) -> dict[str, Character]:
        """The characters block."""
        result: dict[str, Character] = {}
        if "characters" not in root:
            return result
        block = self.mapping(root["characters"], root.val_pos["characters"], "characters")
        for key, value in (block or {}).items():
            kpos = block.key_pos[key]  # type: ignore[union-attr]
            cid = self.ident(key, CHARACTER_ID, kpos, THE_CHARACTER_ID, CHARACTER_ID_RULE)
            spec = self.mapping(value, kpos, (THE_CHARACTER, key))
            if cid is None or spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, {"name", "role", "portrait", "color"}, ("name",), (THE_CHARACTER, cid))
            name = spec.get("name")
            if "name" in spec and not self.typed(name, (str,), vp["name"], "name", "\"Fenna de Vries\""):
                name = None
            role = self.text(spec["role"], vp["role"], (THE_ROLE_OF, cid)) if "role" in spec else None
            portrait = self.asset(spec["portrait"], vp["portrait"], "portrait") if "portrait" in spec else None
            color = spec.get("color")
            if color is not None and not (isinstance(color, str) and COLOUR.match(color)):
                self.err("WB213", vp["color"], Say(f"the colour '{color}' is not a #rrggbb colour",
                                                   f"de kleur '{color}' is geen #rrggbb-kleur"),
                         Say("write it like \"#1f7a5c\" (in quotes: # starts a comment otherwise)",
                             "schrijf het als \"#1f7a5c\" (tussen aanhalingstekens, want anders begint bij # "
                             "commentaar)"))
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
            tid = self.ident(key, VAR_ID, kpos, THE_TECHNIQUE_ID, SCENE_ID_RULE)
            if tid in BUILTIN_TECHNIQUES:
                self.err("WB305", kpos,
                         Say(f"'{tid}' is already a built-in technique", f"'{tid}' is al een ingebouwde techniek"),
                         Say("use the built-in one, or pick another id for your own",
                             "gebruik de ingebouwde, of kies een ander id voor je eigen techniek"))
                continue
            spec = self.mapping(value, kpos, (THE_TECHNIQUE, key))
            if tid is None or spec is None:
                continue
            self.keys(spec, {"name", "explanation"}, ("name", "explanation"), (THE_TECHNIQUE, tid))
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
        listed = ", ".join(sorted(known))
        self.err("WB303", pos,
                 Say(f"'{value}' is not a technique in the glossary", f"'{value}' is geen ingebouwde techniek en "
                                                                      f"staat ook niet onder glossary:"),
                 _suggest(str(value), known) or Say(f"use one of {listed}, or add it under glossary:",
                                                    f"gebruik een van deze: {listed}, of voeg hem toe onder glossary:"))
        return False

    def _debrief(self, root: YMap) -> Debrief:
        """The debrief block."""
        debrief = Debrief()
        if "debrief" not in root:
            return debrief
        block = self.mapping(root["debrief"], root.val_pos["debrief"], "debrief")
        if block is None:
            return debrief
        self.keys(block, {"questions", "takeaways", "sources"}, (), THE_DEBRIEF)
        for key, target in (("questions", debrief.questions), ("takeaways", debrief.takeaways)):
            if key in block:
                items = self.seq(block[key], block.val_pos[key], key)
                for item, ipos in zip(items or [], items.item_pos if items else []):
                    text = self.text(item, ipos, (AN_ITEM_OF, key))
                    if text:
                        target.append(text)
        if "sources" in block:
            items = self.seq(block["sources"], block.val_pos["sources"], "sources")
            for item, ipos in zip(items or [], items.item_pos if items else []):
                if self.typed(item, (str,), ipos, A_SOURCE, A_SOURCE_TEXT):
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
            self.err("WB215", root.val_pos["scenes"], Say("scenes is empty", "scenes is leeg"),
                     Say("add at least one scene", "voeg minstens één scène toe"))
        self.scene_ids = dict.fromkeys(str(k) for k in block)
        for key, value in block.items():
            kpos = block.key_pos[key]
            sid = self.ident(key, SCENE_ID, kpos, THE_SCENE_ID, SCENE_ID_RULE)
            spec = self.mapping(value, kpos, (THE_SCENE, key))
            if sid is None or spec is None:
                continue
            scene = self._scene(sid, spec, kpos, characters, techniques, meters, flags)
            scenes[sid] = scene
        return scenes

    @staticmethod
    def _wrong_type_key(key: str, sid: str, stype: str) -> tuple[Say, Say] | None:
        """WB211's message and hint when `key` belongs to other scene types than `stype`, else None."""
        if key not in ALL_TYPE_KEYS or key in TYPE_KEYS[stype]:
            return None
        types = ", ".join(t for t, ks in TYPE_KEYS.items() if key in ks)
        return (Say(f"'{key}' belongs to {types} scenes, but '{sid}' is a {stype} scene",
                    f"'{key}' hoort bij scènes van het type {types}, maar '{sid}' is een {stype}-scène"),
                Say("change the type, or remove the key", "verander het type, of haal de sleutel weg"))

    def _scene(self, sid: str, spec: YMap, kpos: Pos, characters: dict[str, Character], techniques: set[str],
               meters: dict[str, Meter], flags: dict[str, Flag]) -> Scene:
        """One scene."""
        vp = spec.val_pos
        known_type = self.word(spec.get("type", "dialogue"), SCENE_TYPES, vp.get("type", kpos), "type")
        stype = known_type or "dialogue"
        where = (THE_SCENE, sid)
        if known_type is None:  # the type is reported above; judging the keys by a guessed type only adds confusion
            self.keys(spec, COMMON_SCENE_KEYS | ALL_TYPE_KEYS, (), where)
        else:
            self.keys(spec, COMMON_SCENE_KEYS | TYPE_KEYS[stype], TYPE_REQUIRED[stype], where,
                      lambda key: self._wrong_type_key(key, sid, stype))
        scene = Scene(id=sid, type=stype, pos=kpos)
        if "title" in spec:
            scene.title = self.text(spec["title"], vp["title"], (THE_TITLE_OF, where))
        if "background" in spec:
            scene.background = self.asset(spec["background"], vp["background"], "background")
        if "note" in spec:
            scene.note = self.text(spec["note"], vp["note"], (THE_NOTE_OF, where))
        if "lines" in spec:
            scene.lines = self._lines(spec["lines"], vp["lines"], characters, stype == "dialogue")
        for key in ("headline", "lede", "body", "heading"):
            if key in spec and key in TYPE_KEYS[stype]:
                setattr(scene, key, self.text(spec[key], vp[key], (THE_KEY_OF, key, where)))
        for key in ("outlet", "letterhead", "signature", "app"):
            if key in spec and key in TYPE_KEYS[stype] and self.typed(spec[key], (str,), vp[key], key, A_QUOTED_TEXT):
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
        quiz_unknown = False
        if "quiz" in spec:
            quiz = self.boolean(spec["quiz"], vp["quiz"], "quiz")
            scene.quiz, quiz_unknown = bool(quiz), quiz is None
        ways = [k for k in ("choices", "next", "ending") if k in spec]
        if len(ways) != 1:
            w = _say(where)
            ways_nl = (f"meer dan één manier om verder te gaan: {', '.join(ways[:-1])} en {ways[-1]}" if ways
                       else "geen manier om verder te gaan")
            self.err("WB210", kpos, Say(f"{w.en} has {' and '.join(ways) if ways else 'no way on'}",
                                        f"{w.nl} heeft {ways_nl}"),
                     Say("give it exactly one of: choices (the player decides), next (goes on by itself) or ending",
                         "geef de scène precies één van deze sleutels: choices (de speler kiest), next (het spel "
                         "gaat vanzelf verder) of ending (het scenario eindigt hier)"))
        if "choices" in spec:
            scene.choices = self._choices(sid, spec["choices"], vp["choices"], scene.quiz, meters, flags,
                                          quiz_unknown)
        elif scene.quiz:
            w = _say(where)
            self.err("WB216", vp["quiz"],
                     Say(f"{w.en} is a quiz but has no choices", f"{w.nl} is een quiz, maar heeft geen keuzes"),
                     Say("add choices with correct: true/false", "voeg choices toe met correct: true/false"))
        if "next" in spec:
            scene.next = self._next(spec["next"], vp["next"], (THE_NEXT_OF, where))
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
            spec = self.mapping(item, ipos, A_LINE)
            if spec is None:
                continue
            self.keys(spec, {"speaker", "text"}, ("text",), A_LINE)
            speaker = spec.get("speaker")
            if isinstance(speaker, (YMap, YList)):      # a list or mapping cannot name a character
                self.typed(speaker, (str,), spec.val_pos["speaker"], "speaker", A_CHARACTER_ID)
                speaker = None
            if speaker is not None and speaker not in characters:
                self.err("WB302", spec.val_pos["speaker"], Say(f"the speaker '{speaker}' is not a character",
                                                               f"de spreker '{speaker}' is geen personage "
                                                               "uit characters:"),
                         _suggest(str(speaker), characters) or
                         Say("add them under characters:, or leave out speaker for narration",
                             "voeg het personage toe onder characters:, of laat speaker weg voor de verteller"))
                speaker = None
            text = self.text(spec["text"], spec.val_pos["text"], THE_TEXT_OF_A_LINE) if "text" in spec else None
            if text:
                lines.append(Line(speaker, text))
        return lines

    def _posts(self, value: Any, pos: Pos, techniques: set[str]) -> list[Post]:
        """A feed's posts."""
        items = self.seq(value, pos, "posts", non_empty=True)
        posts: list[Post] = []
        allowed = {"author", "handle", "text", "likes", "shares", "replies", "image", "technique", "fake", "verified"}
        for item, ipos in zip(items or [], items.item_pos if items else []):
            spec = self.mapping(item, ipos, A_POST)
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, allowed, ("author", "handle", "text"), A_POST)
            ok = True
            for key in ("author", "handle"):
                if key in spec and not self.typed(spec[key], (str,), vp[key], key, A_QUOTED_TEXT):
                    ok = False
            handle = spec.get("handle")
            if isinstance(handle, str) and not handle.startswith("@"):
                self.err("WB203", vp["handle"], Say(f"the handle '{handle}' does not start with @",
                                                    f"de accountnaam (handle) '{handle}' begint niet met @"),
                         Say(f"write \"@{handle}\"", f"schrijf \"@{handle}\""))
            text = self.text(spec["text"], vp["text"], THE_TEXT_OF_A_POST) if "text" in spec else None
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
            spec = self.mapping(item, ipos, A_MESSAGE)
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, {"from", "text", "time"}, ("from", "text", "time"), A_MESSAGE)
            sender = spec.get("from")
            if "from" in spec and not self.typed(sender, (str,), vp["from"], "from", A_SENDER):
                sender = None
            time = spec.get("time")
            if "time" in spec:
                if isinstance(time, int) and not isinstance(time, bool):
                    written = f"{time // 60}:{time % 60:02d}"
                    quoted = f"time: \"{time // 60:02d}:{time % 60:02d}\""
                    self.err("WB203", vp["time"],
                             Say(f"the time is not in quotes, so YAML read {written} as the number {time}",
                                 f"de tijd staat niet tussen aanhalingstekens, dus YAML las {written} als het getal {time}"),
                             Say(f"put it in quotes: {quoted}", f"zet hem tussen aanhalingstekens: {quoted}"))
                    time = None
                elif not isinstance(time, str) or not TIME.match(time):
                    self.err("WB203", vp["time"], Say(f"the time {time!r} is not a time like \"09:14\"",
                                                      f"de tijd {time!r} is geen tijd zoals \"09:14\""),
                             Say("write the time in quotes as hours:minutes, e.g. \"09:14\"",
                                 "schrijf de tijd tussen aanhalingstekens als uren:minuten, bijvoorbeeld \"09:14\""))
                    time = None
            text = self.text(spec["text"], vp["text"], THE_TEXT_OF_A_MESSAGE) if "text" in spec else None
            if isinstance(sender, str) and text and isinstance(time, str):
                messages.append(Message(sender, sender in characters, text, time))
        return messages

    def _ending(self, value: Any, pos: Pos) -> Ending | None:
        """An ending block."""
        spec = self.mapping(value, pos, "ending")
        if spec is None:
            return None
        vp = spec.val_pos
        self.keys(spec, {"rating", "title", "text"}, ("rating", "title", "text"), THE_ENDING)
        rating = self.word(spec["rating"], RATINGS, vp["rating"], "rating") if "rating" in spec else None
        title = self.text(spec["title"], vp["title"], THE_ENDINGS_TITLE) if "title" in spec else None
        text = self.text(spec["text"], vp["text"], THE_ENDINGS_TEXT) if "text" in spec else None
        if rating and title and text:
            return Ending(rating, title, text)
        return None

    def _timer(self, value: Any, pos: Pos, scene: Scene) -> Timer | None:
        """A timer block; its choice must exist and always be available."""
        spec = self.mapping(value, pos, "timer")
        if spec is None:
            return None
        vp = spec.val_pos
        self.keys(spec, {"seconds", "choice"}, ("seconds", "choice"), THE_TIMER)
        seconds = self.number(spec["seconds"], vp["seconds"], "seconds", low=1) if "seconds" in spec else None
        choice_id = spec.get("choice")
        if not scene.choices:
            self.err("WB217", pos, Say(f"the scene '{scene.id}' has a timer but no choices",
                                       f"de scène '{scene.id}' heeft een timer, maar geen keuzes"),
                     Say("remove the timer, or add choices", "haal de timer weg, of voeg choices toe"))
            return None
        if "choice" not in spec:
            return None
        choice = scene.choice_by_id(str(choice_id))
        if choice is None or choice.id is None:
            ids = [c.id for c in scene.choices if c.id]
            self.err("WB217", vp["choice"], Say(f"the timer takes the choice '{choice_id}', which this scene does not have",
                                                f"de timer kiest de keuze '{choice_id}', maar deze scène heeft geen "
                                                f"keuze met dat id"),
                     _suggest(str(choice_id), ids) or (
                         Say(f"the choices here with an id: {', '.join(ids)}; name one of them (or give the choice "
                             "the timer should take an id:)",
                             f"de keuzes hier met een id: {', '.join(ids)}; noem er een van (of geef de keuze die "
                             "de timer moet nemen een id:)") if ids else
                         Say("give the choice an id: and name it here",
                             "geef de keuze die de timer moet nemen een id: en noem dat id hier")))
            return None
        if (scene.id, choice.index) in self.conditional_choices:
            self.err("WB217", vp["choice"],
                     Say(f"the timer takes the choice '{choice_id}', which has an if and may be hidden",
                         f"de timer kiest de keuze '{choice_id}', maar die heeft een if en is dus misschien niet te zien"),
                     Say("let the timer take a choice without an if, so it can always be taken",
                         "laat de timer een keuze zonder if kiezen, zodat die altijd genomen kan worden"))
            return None
        if seconds is None:
            return None
        return Timer(float(seconds), choice.id)

    def _choices(self, sid: str, value: Any, pos: Pos, quiz: bool, meters: dict[str, Meter],
                 flags: dict[str, Flag], quiz_unknown: bool = False) -> list[Choice]:
        """A scene's choices (quiz_unknown: the scene's quiz: was not true/false, and has been reported)."""
        items = self.seq(value, pos, "choices", non_empty=True)
        choices: list[Choice] = []
        ids: set[str] = set()
        allowed = {"id", "text", "if", "effects", "set", "quality", "correct", "feedback", "next"}
        any_correct = False
        for index, (item, ipos) in enumerate(zip(items or [], items.item_pos if items else [])):
            spec = self.mapping(item, ipos, A_CHOICE)
            if spec is None:
                continue
            vp = spec.val_pos
            self.keys(spec, allowed, ("text", "next"), A_CHOICE)
            cid = None
            if "id" in spec:
                cid = self.ident(spec["id"], SCENE_ID, vp["id"], THE_CHOICE_ID, SCENE_ID_RULE)
                if cid in ids:
                    self.err("WB212", vp["id"], Say(f"two choices in '{sid}' have the id '{cid}'",
                                                    f"twee keuzes in de scène '{sid}' hebben het id '{cid}'"),
                             Say("give each choice its own id", "geef elke keuze een eigen id"))
                elif cid:
                    ids.add(cid)
            label = cid or f"#{index + 1}"
            text = self.text(spec["text"], vp["text"], THE_TEXT_OF_A_CHOICE) if "text" in spec else None
            choice = Choice(index=index, id=cid, text=text or Text({}), next=[], pos=ipos)
            if "if" in spec:
                self.conditional_choices.add((sid, index))
                choice.condition_pos = vp["if"]
                self.expression(spec["if"], vp["if"], lambda e, c=choice: setattr(c, "condition", e),
                                ex.ExprType.BOOL, (THE_IF_OF_CHOICE, label, sid))
            if "effects" in spec:
                choice.effects = self._effects(spec["effects"], vp["effects"], meters, flags)
            if "set" in spec:
                choice.sets = self._sets(spec["set"], vp["set"], meters, flags, sid, label)
            if "quality" in spec:
                choice.quality = self.word(spec["quality"], QUALITIES, vp["quality"], "quality")
            if "correct" in spec:
                if not quiz and not quiz_unknown:
                    self.err("WB216", vp["correct"], Say(f"'correct' is used in '{sid}', which is not a quiz",
                                                         f"'correct' staat in de scène '{sid}', maar die is geen "
                                                         "quiz"),
                             Say("add quiz: true to the scene, or remove correct:",
                                 "zet quiz: true bij de scène, of haal correct: weg"))
                choice.correct = self.boolean(spec["correct"], vp["correct"], "correct")
                any_correct = any_correct or bool(choice.correct)
            elif quiz:
                self.err("WB216", ipos, Say(f"a choice in the quiz '{sid}' has no 'correct'",
                                            f"een keuze in de quiz '{sid}' heeft geen 'correct'"),
                         Say("add correct: true or false", "voeg correct: true of false toe"))
            if "feedback" in spec:
                choice.feedback = self.text(spec["feedback"], vp["feedback"], THE_FEEDBACK_OF_A_CHOICE)
            if "next" in spec:
                choice.next = self._next(spec["next"], vp["next"], (THE_NEXT_OF_CHOICE, label, sid))
            choices.append(choice)
        if quiz and choices and not any_correct and all(c.correct is not None for c in choices):
            self.err("WB216", pos,
                     Say(f"the quiz '{sid}' has no correct answer", f"de quiz '{sid}' heeft geen goed antwoord"),
                     Say("mark at least one choice correct: true", "geef minstens één keuze correct: true"))
        return choices

    def _effects(self, value: Any, pos: Pos, meters: dict[str, Meter], flags: dict[str, Flag]) -> dict[str, float]:
        """Meter deltas."""
        spec = self.mapping(value, pos, "effects")
        result: dict[str, float] = {}
        for key, delta in (spec or {}).items():
            kpos = spec.key_pos[key]  # type: ignore[union-attr]
            if key not in meters:
                hint = (Say("flags change through set:, not effects:", "flags verander je met set:, niet met effects:")
                        if key in flags else
                        _suggest(str(key), meters) or Say("effects change meters declared under meters:",
                                                          "met effects: verander je alleen meters die onder meters: "
                                                          "staan"))
                self.err("WB304", kpos, Say(f"effects names '{key}', which is not a meter",
                                            f"effects noemt '{key}', maar dat is geen meter"), hint)
                continue
            if self.number(delta, spec.val_pos[key], (THE_EFFECT_ON, key)) is not None:  # type: ignore[union-attr]
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
                hint = (Say("meters change only through effects:", "meters verander je alleen met effects:")
                        if key in meters else
                        _suggest(str(key), flags) or Say("set changes flags declared under flags:",
                                                         "met set: verander je alleen flags die onder flags: staan"))
                self.err("WB304", kpos,
                         Say(f"set names '{key}', which is not a flag", f"set noemt '{key}', maar dat is geen flag"), hint)
                continue
            want = self.var_types[key]
            if isinstance(item, bool) or isinstance(item, (int, float)):
                got = ex.ExprType.BOOL if isinstance(item, bool) else ex.ExprType.NUMBER
                if got is not want:
                    k = _kind(item)
                    self.err("WB219", vpos, Say(f"the flag '{key}' holds {want.value}, but is set to {k.en}",
                                                f"de flag '{key}' heeft als beginwaarde {_TYPE_NL[want]}, maar "
                                                f"krijgt hier {k.nl}"),
                             self._yes_no_hint([key]) or
                             Say("set it to a value of the same kind as its start value",
                                 "geef hem een waarde van dezelfde soort als zijn beginwaarde"))
                else:
                    result[key] = item
                continue
            self.expression(item, vpos, lambda e, k=key: result.__setitem__(k, e), want,
                            (THE_VALUE_SET_TO, key, label, sid))
        return result

    def _next(self, value: Any, pos: Pos, what: Any) -> list[Branch]:
        """A scene id or a list of branches."""
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return [self._goto(str(value), pos, what)]
        items = self.seq(value, pos, what, non_empty=True)
        branches: list[Branch] = []
        count = len(items or [])
        for index, (item, ipos) in enumerate(zip(items or [], items.item_pos if items else [])):
            spec = self.mapping(item, ipos, A_BRANCH)
            if spec is None:
                continue
            self.keys(spec, {"if", "goto"}, ("goto",), A_BRANCH)
            branch = self._goto(spec.get("goto"), spec.val_pos.get("goto", ipos), what) if "goto" in spec else None
            last = index == count - 1
            if "if" in spec:
                if last:
                    self.err("WB214", spec.key_pos["if"], Say("the last branch has an if", "de laatste tak heeft een if"),
                             Say("remove the if from the last branch, so there is always a way on",
                                 "haal de if weg bij de laatste tak, zodat er altijd een weg verder is"))
                elif branch is not None:
                    branch.condition_pos = spec.val_pos["if"]
                    self.expression(spec["if"], spec.val_pos["if"], lambda e, b=branch: setattr(b, "condition", e),
                                    ex.ExprType.BOOL, (THE_IF_OF_A_BRANCH_IN, what))
            elif not last:
                self.err("WB214", ipos,
                         Say("a branch without an if comes before other branches, which can never be taken",
                             "een tak zonder if staat vóór andere takken; die kunnen dan nooit genomen worden"),
                         Say("give this branch an if, or move it to the end", "geef deze tak een if, of zet hem achteraan"))
            if branch is not None:
                branches.append(branch)
        return branches

    def _goto(self, value: Any, pos: Pos, what: Any) -> Branch:
        """A branch to a scene that must exist."""
        target = str(value)
        if target not in self.scene_ids:
            w = _say(what)
            self.err("WB301", pos, Say(f"{w.en} goes to the scene '{target}', which does not exist",
                                       f"{w.nl} gaat naar de scène '{target}', maar die bestaat niet"),
                     _suggest(target, self.scene_ids) or _scene_list(self.scene_ids))
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
                    brace = problem[6:]
                    self.err("WB218", where, Say(f"a lone '{brace}' in a text", f"een losse '{brace}' in een tekst"),
                             Say("write {{ or }} for a literal brace, or {name} to insert a value",
                                 "schrijf {{ of }} voor een echte accolade, of {naam} om een waarde in te voegen"))
                else:
                    name = problem[5:]
                    if name not in self.placeholder_names:
                        self.err("WB218", where, Say(f"{{{name}}} names nothing this scenario declares",
                                                     f"{{{name}}} is geen personage, meter of flag uit dit scenario"),
                                 _suggest(name, self.placeholder_names) or self._label_hint(name, "{", "}") or
                                 Say("use a character id, a meter or a flag; write {{ }} for literal braces",
                                     "gebruik een personage-id, een meter of een flag; bedoel je echte accolades, "
                                     "schrijf dan {{ en }}"))

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
                # expressions.py may give its texts in Dutch too (message_nl/hint_nl); English when it does not
                hint = Say(problem.hint, getattr(problem, "hint_nl", "") or problem.hint)
                word = pending.source[problem.offset:].split(" ", 1)[0].strip("()").lower()
                if problem.code == "WB402" and word in ("ja", "nee", "waar", "onwaar", "yes", "no"):
                    hint = Say("true and false are written true and false (ja, nee, waar and onwaar are ordinary words); "
                               "give the flag a start value of true or false too",
                               "waar en onwaar schrijf je als true en false (ja, nee, waar en onwaar zijn gewone woorden); "
                               "geef de flag ook een beginwaarde true of false")
                elif problem.code in ("WB401", "WB402") and (dutch := _dutch_operator(pending.source, problem.offset)):
                    english = DUTCH_OPERATORS[dutch]
                    hint = Say(f"conditions use the English words and, or and not: write {english} instead of {dutch}",
                               f"voorwaarden gebruiken de Engelse woorden and, or en not: schrijf {english} in plaats "
                               f"van {dutch}")
                elif problem.code == "WB402" and "did you mean" not in problem.hint and (label := self._label_hint(word)):
                    hint = label
                elif problem.code == "WB406" and expr is not None and (yes_no := self._yes_no_hint(expr.names())):
                    hint = yes_no
                elif pending.want is ex.ExprType.STRING and problem.code in ("WB401", "WB402"):
                    quoted = f"\"'{pending.source.strip()}'\""
                    hint = Say(f"a text value needs quotes inside the quotes: {quoted} "
                               "(without them it is read as an expression)",
                               f"een tekst als waarde heeft aanhalingstekens binnen de aanhalingstekens nodig: {quoted} "
                               "(zonder de binnenste aanhalingstekens leest het spel het als een uitdrukking)")
                w = _say(pending.what)
                self.err(problem.code, self._offset_pos(pending.pos, problem.offset),
                         Say(f"in {w.en}: {problem.message}",
                             f"in {w.nl}: {getattr(problem, 'message_nl', '') or problem.message}"), hint)
            if expr is not None:
                names = expr.names()
                if isinstance(pending.what, tuple) and pending.what and pending.what[0] is THE_VALUE_SET_TO:
                    names = names - {pending.what[1]}  # calls: "calls + 1" alone does not make 'calls' used
                self.names_read |= names
            if expr is None or problems:
                continue
            if pending.want is not None and kind is not None and kind is not pending.want:
                code = "WB408" if pending.want is ex.ExprType.BOOL else "WB219"
                w = _say(pending.what)
                self.err(code, pending.pos,
                         Say(f"{w.en} gives {kind.value}, but {pending.want.value} is needed",
                             f"{w.nl} geeft {_TYPE_NL[kind]}, maar hier is {_TYPE_NL[pending.want]} nodig"),
                         self._yes_no_hint(expr.names()) or Say("compare with < > == etc. to get true/false",
                             "maak er een vergelijking van met <, >, == enzovoort, zodat er true/false "
                             "uitkomt") if code == "WB408" else
                         Say("the value must be of the same kind as the flag's start value",
                             "de waarde moet van dezelfde soort zijn als de beginwaarde van de flag"))
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
