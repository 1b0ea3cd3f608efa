"""Safe YAML reading: plain data with source positions, for untrusted trainer files."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .diagnostics import DiagnosticSink, Say

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40

Pos = tuple[int, int]

_TAG = "tag:yaml.org,2002:"
# First characters with which a plain scalar may resolve to something other than text (YAML 1.1).
_MAYBE_NOT_TEXT = frozenset("yYnNtTfFoO-+0123456789.<~=")
_base_resolve = yaml.resolver.Resolver.resolve

try:  # libyaml's parser is much faster; its scanner also bounds flow nesting itself
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_TIMESTAMP, _MAP, _SEQ = _TAG + "timestamp", _TAG + "map", _TAG + "seq"
_constructor = yaml.constructor.SafeConstructor()


class YMap(dict):  # type: ignore[type-arg]
    """A YAML mapping with the position of the mapping, each key and each value."""

    __slots__ = ("pos", "key_pos", "val_pos")

    def __init__(self, pos: Pos) -> None:
        """Create an empty mapping that starts at `pos`."""
        super().__init__()
        self.pos = pos
        self.key_pos: dict[Any, Pos] = {}
        self.val_pos: dict[Any, Pos] = {}


class YList(list):  # type: ignore[type-arg]
    """A YAML sequence with the position of the sequence and of each item."""

    __slots__ = ("pos", "item_pos")

    def __init__(self, pos: Pos) -> None:
        """Create an empty sequence that starts at `pos`."""
        super().__init__()
        self.pos = pos
        self.item_pos: list[Pos] = []


def decode_source(data: bytes, sink: DiagnosticSink) -> str | None:
    """Check size and encoding of a file's bytes; return its text or None."""
    if len(data) > MAX_FILE_BYTES:
        size = f"{len(data) / 1048576:.1f}"
        sink.add("WB101", (1, 1), Say(f"the file is {size} MiB; the limit is 2 MiB",
                                      f"het bestand is {size.replace('.', ',')} MiB; de grens is 2 MiB"),
                 Say("split it into several scenarios or remove pasted material",
                     "verdeel het over meer scenario's of haal geplakt materiaal weg"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.add("WB102", (line, col), Say("this file is not UTF-8 text (or is not a text file at all)",
                                           "dit bestand is geen UTF-8-tekst (of helemaal geen tekstbestand)"),
                 Say("save it as 'UTF-8' in your editor (in Word: save as plain text, UTF-8)",
                     "sla het in je editor op als 'UTF-8' (in Word: opslaan als platte tekst, UTF-8)"))
        return None
    bad = text.find("\x00")
    if bad >= 0:
        line = text.count("\n", 0, bad) + 1
        sink.add("WB102", (line, bad - text.rfind("\n", 0, bad)),
                 Say("this file contains binary data (a NUL byte)",
                     "dit bestand bevat binaire gegevens (een NUL-byte)"),
                 Say("scenario files are plain text; check that you picked the right file",
                     "een scenario is platte tekst; kijk of je het goede bestand hebt gekozen"))
        return None
    return text


def parse_yaml(text: str, sink: DiagnosticSink) -> Any:
    """Parse YAML text into YMap/YList/scalars, reporting every problem to `sink`."""
    builder = _EventBuilder(sink)
    loader = _Loader(text)
    try:
        builder.run(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "the text could not be read as YAML"
        if "nesting depth" in problem:
            sink.add("WB106", pos, Say("the file is nested too deeply", "het bestand heeft te veel niveaus in elkaar"),
                     Say("flatten the structure; scenarios need only a few levels",
                         "maak de opbouw platter; een scenario heeft maar een paar niveaus nodig"))
        else:
            lines = text.splitlines()
            opened = _unclosed_single_quote(lines, pos[0])
            if opened is not None:
                sink.add("WB103", opened, Say("YAML syntax: a text starts with ' but the quote is never closed",
                                              "YAML-syntaxis: een tekst begint met ', maar dat aanhalingsteken wordt "
                                              "nergens gesloten"),
                         Say("a text that starts with ' (like 's avonds or 't) must be put in double quotes, "
                             "e.g. text: \"'s Avonds belt Sanne.\"",
                             "zet een tekst die met ' begint (zoals 's avonds of 't) tussen dubbele aanhalingstekens, "
                             "bijvoorbeeld text: \"'s Avonds belt Sanne.\""))
                return None
            swallowed = _apostrophe_closes_quote(lines, pos[0])
            if swallowed is not None:
                opened, word = swallowed
                sink.add("WB103", opened, Say(f"YAML syntax: a text starts with ' and runs on to the apostrophe in "
                                              f"'{word}' further on the line",
                                              f"YAML-syntaxis: een tekst begint met ' en loopt door tot de apostrof in "
                                              f"'{word}' verderop op de regel"),
                         Say("put each text that starts with ' (like 's avonds or 't) in double quotes, e.g. "
                             "{nl: \"'t Klopt\", en: \"It's true\"}",
                             "zet elke tekst die met ' begint (zoals 's avonds of 't) tussen dubbele aanhalingstekens, "
                             "bijvoorbeeld {nl: \"'t Klopt\", en: \"It's true\"}"))
                return None
            glued = _missing_space_after_colon(lines, pos[0])
            if glued is not None:
                sink.add("WB103", glued, Say("YAML syntax: a key is followed by its value without a space after the ':'",
                                             "YAML-syntaxis: na de dubbele punt van een sleutel staat geen spatie"),
                         Say("put a space after the colon, e.g. outlet: \"De Weerdbode\"",
                             "zet een spatie na de dubbele punt, bijvoorbeeld outlet: \"De Weerdbode\""))
                return None
            opened = _unclosed_double_quote(lines, pos[0])
            if opened is not None:
                sink.add("WB103", opened, Say("YAML syntax: a text starts with \" but the quote is not closed on its line",
                                              "YAML-syntaxis: een tekst begint met \", maar dat aanhalingsteken wordt op "
                                              "deze regel niet gesloten"),
                         Say("end the text with \" on the same line (a \" inside the text is written \\\")",
                             "sluit de tekst op dezelfde regel af met het aanhalingsteken \" (aanhalingstekens in de tekst zelf "
                             "schrijf je als \\\")"))
                return None
            line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
            above = next((i for i in range(min(pos[0], len(lines) + 1) - 2, -1, -1) if lines[i].strip()), None)
            before = lines[above] if above is not None else ""
            hint = _syntax_hint(problem, line, before)
            in_braces = "expected ','" in problem or "flow" in problem
            if in_braces and above is not None and _cut_by_comment_or_open(before, line):
                # the cause is on the line above (an open [ or {, or a # that cut it short): point there instead
                comment = before.find(" #")
                pos = (above + 1, comment + 2 if comment >= 0 else len(before.rstrip()) + 1)
                missing = _unclosed_bracket(before)
                hint = _syntax_hint(problem, before, "") if " #" in before or not missing else Say(
                    f"this line opens a list or block that it does not close: end it with {missing}",
                    f"deze regel opent een lijst of blok dat hij niet sluit: sluit het af met {missing}")
            sink.add("WB103", pos,
                     Say(f"YAML syntax: {problem}", f"YAML-syntaxis: {_problem_nl(problem, exc.context)}"), hint)
        return None
    except yaml.YAMLError as exc:
        sink.add("WB103", (1, 1), Say(f"YAML syntax: {exc}", f"YAML-syntaxis: het bestand is niet te lezen ({exc})"),
                 Say("check the indentation and quotes", "controleer de inspringing en de aanhalingstekens"))
        return None
    finally:
        loader.dispose()
    return builder.root


_SINGLE_QUOTED_START = re.compile(r"""^(\s*(?:-\s+)?(?:[\w-]+:\s+|.*[{,\[]\s*[\w-]+:\s*))'""")


def _unclosed_single_quote(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """The position of a value that opens a '…' text never closed on its line (e.g. 's avonds), up to the error."""
    for number, line in enumerate(lines[:error_line], 1):
        match = _SINGLE_QUOTED_START.match(line)
        if match is None:
            continue
        rest = line[match.end():].replace("''", "")
        if "'" not in rest:
            return (number, match.end())
    return None


def _apostrophe_closes_quote(lines: list[str], error_line: int) -> tuple[tuple[int, int], str] | None:
    """Where a value opens a '…' text (like 't Is) that an apostrophe inside a later word (it's) closes, up to the
    error: the position of the opening quote and that word."""
    for number, line in enumerate(lines[:error_line], 1):
        for match in _SINGLE_QUOTED_VALUE.finditer(line):
            start = match.end()
            close = start
            while True:
                close = line.find("'", close)
                if close < 0 or line[close + 1:close + 2] != "'":
                    break
                close += 2
            if close > 0 and line[close + 1:close + 2].isalpha() and line[close - 1:close].isalpha():
                before = re.search(r"\w*$", line[:close])
                after = re.match(r"\w*", line[close + 1:])
                word = (before.group() if before else "") + "'" + (after.group() if after else "")
                return (number, start), word
    return None


_SINGLE_QUOTED_VALUE = re.compile(r"(?:^\s*(?:-\s+)?|[{,\[]\s*)[\w-]+:\s+'")
_DOUBLE_QUOTED_START = re.compile(r'^(\s*(?:-\s+)?(?:[\w-]+:\s+|.*[{,\[]\s*[\w-]+:\s*))"')


_GLUED_KEY = re.compile(r'^(\s*(?:-\s+)?[A-Za-z_][\w-]*):(?=["\'\[{A-Za-z])')


def _missing_space_after_colon(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """The position after 'key:' where a value follows without a space (outlet:"De Weerdbode"), searching back
    from the error; told only when adding the space lets YAML read on past the error."""
    for number in range(min(error_line, len(lines)), 0, -1):
        line = lines[number - 1]
        match = _GLUED_KEY.match(line)
        if match is None:
            continue
        patched = lines[:number - 1] + [line[:match.end()] + " " + line[match.end():]] + lines[number:]
        try:
            _Loader("\n".join(patched) + "\n").raw_parse()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if mark is None or mark.line + 1 <= error_line:
                continue
        except yaml.YAMLError:
            continue
        return (number, match.end())  # the colon
    return None


def _unclosed_double_quote(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """The position of a value that opens a "…" text not closed on its line, when closing it there lets YAML
    read on past the error (a "…" text may span lines, so the guess is checked before it is told)."""
    for number, line in enumerate(lines[:error_line], 1):
        match = _DOUBLE_QUOTED_START.match(line)
        if match is None:
            continue
        rest = line[match.end():].replace("\\\\", "").replace('\\"', "")
        if '"' in rest:
            continue
        patched = lines[:number - 1] + [line.rstrip() + '"'] + lines[number:]
        try:
            _Loader("\n".join(patched) + "\n").raw_parse()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if mark is None or mark.line + 1 <= error_line:
                return None
        except yaml.YAMLError:
            return None
        return (number, match.end())
    return None


# PyYAML's problem texts (libyaml's and the pure-Python parser's wording) -> a Dutch rendering; the
# first pattern that matches wins. {0} is the first group of the match (a character or token).
_PROBLEMS_NL: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), dutch) for pattern, dutch in (
    (r"^mapping values are not allowed", "hier staat een dubbele punt (': ') op een plek waar YAML dat niet "
                                         "verwacht"),
    (r"^could not find expected ':'", "YAML mist hier een dubbele punt (:) na een sleutel"),
    (r"^found character '\\t' that cannot start any token", "hier staat een tab; YAML accepteert geen tabs"),
    (r"^found a tab character", "hier staat een tab die de inspringing verstoort"),
    (r"^found character '(.+)' that cannot start any token", "een tekst zonder aanhalingstekens kan niet beginnen met "
                                                             "het teken '{0}'"),
    (r"^found character that cannot start any token", "hier staat een teken waarmee een tekst zonder aanhalingstekens "
                                                       "niet kan beginnen (zoals @, `, % of een tab)"),
    (r"^found unexpected end of stream", "het bestand houdt op terwijl er nog iets openstaat"),
    (r"^expected <block end>", "de inspringing klopt hier niet: YAML verwachtte dat het blok erboven hier ophield"),
    (r"^did not find expected key", "YAML verwachtte hier een nieuwe sleutel"),
    (r"^expected <block mapping start>", "YAML verwachtte hier een sleutel"),
    (r"^did not find expected '-' indicator", "YAML verwachtte hier een onderdeel van de lijst, beginnend met '- '"),
    (r"^(?:did not find )?expected ',' or '\}'", "binnen { } verwachtte YAML hier een komma of een }"),
    (r"^(?:did not find )?expected ',' or '\]'", "binnen [ ] verwachtte YAML hier een komma of een ]"),
    (r"^found undefined alias", "een verwijzing (*naam) naar iets dat niet bestaat"),
    (r"^(?:did not find expected node content|expected the node content)", "hier ontbreekt een waarde"),
    (r"^found unknown escape character", "een onbekende code met \\ in een tekst tussen dubbele aanhalingstekens"),
    (r"^(?:did not find )?expected '?<document start>'?", "na het einde van het document staat nog iets"),
    (r"^found unknown directive name", "een regel die met % begint, maar die YAML niet kent"),
    (r"^(?:did not find expected comment or line break|expected chomping or indentation indicators)",
     "na | of > mag op dezelfde regel niets anders staan"),
    (r"^found unexpected ':'", "hier staat een dubbele punt die YAML niet verwacht"),
    (r"^found unexpected document", "hier begint onverwacht een nieuw document (---)"),
    (r"^the text could not be read as YAML", "de tekst is niet als YAML te lezen"),
)]
_END_OF_STREAM_NL = {    # PyYAML's context of "found unexpected end of stream" -> what is left open
    "while scanning a quoted scalar": "midden in een tekst tussen aanhalingstekens: het sluitende aanhalingsteken "
                                      "ontbreekt",
    "while scanning a double-quoted scalar": "midden in een tekst tussen dubbele aanhalingstekens: het sluitende \" "
                                             "ontbreekt",
    "while scanning a single-quoted scalar": "midden in een tekst tussen enkele aanhalingstekens: het sluitende ' "
                                             "ontbreekt",
    "while parsing a flow mapping": "binnen { }: de sluitende } ontbreekt",
    "while parsing a flow sequence": "binnen [ ]: de sluitende ] ontbreekt",
}


def _problem_nl(problem: str, context: str | None = None) -> str:
    """PyYAML's English problem text in Dutch (the English inside a Dutch sentence when it is not in the table)."""
    for pattern, dutch in _PROBLEMS_NL:
        match = pattern.match(problem)
        if match:
            open_part = _END_OF_STREAM_NL.get(context or "") if "end of stream" in problem else None
            if open_part:
                return f"het bestand houdt op {open_part}"
            return dutch.replace("{0}", match.group(1)) if match.groups() else dutch
    return f"YAML kan dit niet lezen (in het Engels: {problem})"


def _indent(line: str) -> int:
    """The number of spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _spaces_nl(count: int) -> str:
    """'1 spatie', '4 spaties'."""
    return f"{count} spatie" if count == 1 else f"{count} spaties"


def _cut_by_comment_or_open(before: str, line: str) -> bool:
    """True when the line above the error leaves a [ or { open, or has a # that cut it short, and the error's own
    line does not (so the line above is where to look)."""
    if " #" in line:
        return False
    return bool(_unclosed_bracket(before)) or (" #" in before and ("{" in before or "[" in before))


def _unclosed_bracket(line: str) -> str:
    """The closing brackets a line leaves missing ('', ']' or '}]' …), counting only outside quotes and comments."""
    open_stack: list[str] = []
    quote = ""
    skip = False
    for index, char in enumerate(line):
        if skip:
            skip = False
        elif quote:
            if char == quote == "'" and line[index + 1:index + 2] == "'":
                skip = True  # '' inside '…' is one quote
            elif char == "\\" and quote == '"':
                skip = True
            elif char == quote:
                quote = ""
        elif char in "\"'" and (index == 0 or line[index - 1] in " ,[{:"):
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] == " "):
            break
        elif char in "[{":
            open_stack.append("]" if char == "[" else "}")
        elif char in "]}" and open_stack and open_stack[-1] == char:
            open_stack.pop()
    return "".join(reversed(open_stack))


def _text_after_closing_quote(line: str) -> bool:
    """True when a "…" text on the line is followed straight away by more text, as in "Zij zei: "nee"" (where the
    inner quotes end the text early); pairs of quotes are read left to right, as YAML reads them."""
    start = line.find('"')
    while start >= 0:
        end = start + 1
        while end < len(line) and line[end] != '"':
            end += 2 if line[end] == "\\" else 1
        if end >= len(line):
            return False
        rest = line[end + 1:].lstrip(" ")
        if rest and rest[0] not in ",}]#:":
            return True
        start = line.find('"', end + 1)
    return False


def _syntax_hint(problem: str, line: str = "", before: str = "") -> Say:
    """A plain-language fix for the most common YAML syntax problems, looking at the reported line and the
    line before it."""
    near = f"{before} {line}"
    if line[:1] == "\t" or (line.lstrip(" ")[:1] == "\t"):
        return Say("this line starts with a tab: use spaces, not tabs, for indentation",
                   "deze regel begint met een tab: spring in met spaties, niet met tabs")
    if _text_after_closing_quote(line):
        return Say("there are double quotes inside a text in double quotes: use single quotes inside, "
                   "e.g. if: \"chose('scene', 'choice')\" or text: \"Hij zei: 'nee'\"",
                   "er staan dubbele aanhalingstekens binnen een tekst tussen dubbele aanhalingstekens: gebruik "
                   "daarbinnen enkele, bijvoorbeeld if: \"chose('scene', 'choice')\" of text: \"Hij zei: 'nee'\"")
    in_braces = "expected ','" in problem or "flow" in problem
    if in_braces and " #" in near and ("{" in near or "[" in near):
        where = Say("this line", "deze regel") if " #" in line else Say("the line before", "de regel erboven")
        return Say(f"a # on {where.en} starts a comment, which cuts that line short: put values with # in quotes, "
                   "e.g. color: \"#1f7a5c\"",
                   f"een # op {where.nl} begint commentaar, waardoor de rest van die regel wegvalt: zet "
                   "waarden met # tussen aanhalingstekens, bijvoorbeeld color: \"#1f7a5c\"")
    missing = _unclosed_bracket(before)
    if in_braces and missing:
        return Say(f"the line above opens a list or block that it does not close: end it with {missing} on that line",
                   f"de regel erboven opent een lijst of blok dat hij niet sluit: sluit het op die regel af met "
                   f"{missing}")
    if in_braces:
        return Say("inside { } or [ ], a text with ': ', ',' or brackets in it must be in quotes, "
                   "e.g. {nl: \"Let op: nep\", en: \"Note: fake\"}",
                   "binnen { } of [ ] moet een tekst met ': ', ',' of haakjes erin tussen aanhalingstekens, "
                   "bijvoorbeeld {nl: \"Let op: nep\", en: \"Note: fake\"}")
    key_line = bool(re.match(r"^\s*[\w-]+:(\s|$)", line))
    if "mapping values are not allowed" in problem and key_line and before and _indent(line) != _indent(before) \
            and not before.rstrip().endswith(":"):
        return Say(f"this line starts {_indent(line)} spaces in, the line above {_indent(before)}: keys at the "
                   "same level must line up exactly (or, if it is a text with ': ' in it, put it in quotes)",
                   f"deze regel springt {_spaces_nl(_indent(line))} in, de regel erboven "
                   f"{_spaces_nl(_indent(before))}: sleutels op hetzelfde niveau moeten precies even ver inspringen "
                   "(of, als het een tekst met ': ' erin is, zet hem tussen aanhalingstekens)")
    if "mapping values are not allowed" in problem:
        return Say("a text containing ': ' must be put in quotes, e.g. text: \"Let op: nep\"",
                   "een tekst met ': ' erin moet tussen aanhalingstekens, bijvoorbeeld text: \"Let op: nep\"")
    if ("expected key" in problem or "'-' indicator" in problem or "expected <block end>" in problem) and before \
            and line.strip() and _indent(line) != _indent(before):
        return Say(f"this line starts {_indent(line)} spaces in, the line above {_indent(before)}: keys at the "
                   "same level must line up exactly, and the items of a list all start with '- ' at the same place",
                   f"deze regel springt {_spaces_nl(_indent(line))} in, de regel erboven "
                   f"{_spaces_nl(_indent(before))}: sleutels op hetzelfde niveau moeten precies even ver inspringen, "
                   "en alle onderdelen van een lijst beginnen met '- ' op dezelfde plek")
    if "found character '\\t'" in problem or "tab" in problem:
        return Say("use spaces, not tabs, for indentation", "spring in met spaties, niet met tabs")
    if "expected <block end>" in problem or "indent" in problem:
        return Say("check that keys at the same level line up exactly",
                   "controleer of sleutels op hetzelfde niveau precies even ver inspringen")
    if "found undefined alias" in problem:
        return Say("YAML aliases (*name) are not allowed in scenarios; write the value out",
                   "verwijzingen (*naam) mogen niet in een scenario; schrijf de waarde helemaal uit")
    return Say("check the indentation, and put texts with special characters in quotes",
               "controleer de inspringing, en zet teksten met bijzondere tekens tussen aanhalingstekens")


class _Frame:
    """An open mapping or sequence while events stream in."""

    __slots__ = ("container", "is_map", "key", "key_pos", "has_key", "skip")

    def __init__(self, container: Any, is_map: bool, skip: bool) -> None:
        self.container = container
        self.is_map = is_map
        self.key: Any = None
        self.key_pos: Pos = (0, 0)
        self.has_key = False
        self.skip = skip


class _EventBuilder:
    """Builds located plain data straight from parser events (no node tree, no recursion)."""

    def __init__(self, sink: DiagnosticSink) -> None:
        self.sink = sink
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0

    def run(self, loader: Any) -> None:
        """Consume every event of a loader; plain text values take a fast path."""
        get_event = loader.get_event
        scalar_event, stream_end = yaml.ScalarEvent, yaml.StreamEndEvent
        maybe_not_text = _MAYBE_NOT_TEXT
        stack = self.stack
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event and stack:
                frame = stack[-1]
                value = event.value
                tag = event.tag
                if (frame.is_map and frame.has_key and not frame.skip and tag is None and event.implicit[0]
                        and value.isascii() and value.isdigit() and (len(value) == 1 or value[0] != "0")
                        and frame.key is not _DISCARD):
                    mark = event.start_mark  # a plain whole number as a value: the next most common case
                    key = frame.key
                    frame.has_key = False
                    container = frame.container
                    container[key] = int(value)
                    container.key_pos[key] = frame.key_pos
                    container.val_pos[key] = (mark.line + 1, mark.column + 1)
                    continue
                if (frame.is_map and not frame.skip and (tag is None or tag == "!")
                        and (not event.implicit[0] or (value and value[0] not in maybe_not_text))):
                    mark = event.start_mark
                    pos = (mark.line + 1, mark.column + 1)
                    container = frame.container
                    if frame.has_key:
                        key = frame.key
                        frame.has_key = False
                        if key is not _DISCARD:
                            container[key] = value
                            container.key_pos[key] = frame.key_pos
                            container.val_pos[key] = pos
                        continue
                    if value not in container:
                        frame.has_key = True
                        frame.key = value
                        frame.key_pos = pos
                        continue
            elif kind is stream_end or event is None:
                return
            self.feed(event)

    def feed(self, event: yaml.Event) -> None:
        """Take one parser event."""
        kind = type(event)
        if kind is yaml.ScalarEvent:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            self._emit(self._scalar(event, pos), pos)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            is_map = kind is yaml.MappingStartEvent
            tag = event.tag
            if tag is not None and tag != "!" and tag != (_MAP if is_map else _SEQ):
                self._bad_tag(tag, pos)
            deep = len(self.stack) >= MAX_DEPTH
            if deep and not (self.stack and self.stack[-1].skip):
                self.sink.add("WB106", pos, Say(f"nested more than {MAX_DEPTH} levels deep",
                                                f"meer dan {MAX_DEPTH} niveaus in elkaar"),
                              Say("flatten the structure", "maak de opbouw platter"))
            container: Any = YMap(pos) if is_map else YList(pos)
            parent_skips = self._emit(container, pos)
            self.stack.append(_Frame(container, is_map, deep or parent_skips))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            self.sink.add("WB104", pos, Say("YAML aliases (*name) are not allowed",
                                            "YAML-verwijzingen (*naam) mogen niet"),
                          Say("write the value out in full instead of referring to an anchor (&name)",
                              "schrijf de waarde helemaal uit in plaats van te verwijzen naar een anker (&naam)"))
            self._emit(None, pos)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                self.sink.add("WB103", (mark.line + 1, mark.column + 1),
                              Say("YAML syntax: a second document (---) in one file",
                                  "YAML-syntaxis: een tweede document (---) in één bestand"),
                              Say("put each scenario in its own file", "zet elk scenario in een eigen bestand"))
                self.stack.append(_Frame(YList((0, 0)), False, True))
        elif kind is yaml.DocumentEndEvent and self.documents > 1:
            self.stack.pop()

    def _emit(self, value: Any, pos: Pos) -> bool:
        """Place a finished value (or a just-opened container) in its parent; True when it is discarded."""
        if not self.stack:
            if self.documents <= 1:
                self.root = value
            return False
        frame = self.stack[-1]
        if frame.skip:
            return True
        if not frame.is_map:
            frame.container.append(value)
            frame.container.item_pos.append(pos)
            return False
        if not frame.has_key:
            frame.has_key = True
            frame.key_pos = pos
            if isinstance(value, (YMap, YList)):
                self.sink.add("WB203", pos, Say("a key must be a plain word", "een sleutel moet een gewoon woord zijn"),
                              Say("write keys as simple words, e.g. title:",
                                  "schrijf sleutels als eenvoudige woorden, bijvoorbeeld title:"))
                frame.key = _DISCARD
                return True
            if value is _MERGE:
                self.sink.add("WB104", pos, Say("YAML merge keys (<<) are not allowed",
                                                "YAML-samenvoegsleutels (<<) mogen niet"),
                              Say("write the keys out in full", "schrijf de sleutels helemaal uit"))
                frame.key = _DISCARD
                return False
            key = value if isinstance(value, (str, int)) and not isinstance(value, bool) else str(value).lower()
            if key in frame.container:
                first = frame.container.key_pos[key]
                self.sink.add("WB107", pos, Say(f"the key '{key}' appears twice here (first on line {first[0]})",
                                                f"de sleutel '{key}' staat hier twee keer (de eerste keer op regel "
                                                f"{first[0]})"),
                              Say("remove or rename one of them; otherwise one would silently be lost",
                                  "haal er één weg of geef één ervan een andere naam; anders gaat er ongemerkt "
                                  "één verloren"))
                key = _DISCARD
            frame.key = key
            return False
        frame.has_key = False
        key = frame.key
        if key is _DISCARD:
            return True
        container = frame.container
        container[key] = value
        container.key_pos[key] = frame.key_pos
        container.val_pos[key] = pos
        return False

    def _scalar(self, event: yaml.ScalarEvent, pos: Pos) -> Any:
        """Construct a plain scalar, refusing every tag beyond YAML's core types."""
        value = event.value
        tag = event.tag
        if tag is None or tag == "!":
            if not event.implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT):
                return value
            tag = _base_resolve(_RESOLVER, yaml.ScalarNode, value, event.implicit)
        if tag == _STR or tag == _TIMESTAMP:
            return value
        if tag == _INT:
            digits = value.lstrip("+-")
            if digits.isdigit() and (len(digits) == 1 or digits[0] != "0"):
                return int(value)
            return _constructor.construct_yaml_int(yaml.ScalarNode(tag, value))
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(yaml.ScalarNode(tag, value))
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(yaml.ScalarNode(tag, value))
        if tag == _NULL:
            return None
        if tag == _TAG + "merge":
            return _MERGE
        self._bad_tag(tag, pos)
        return value

    def _bad_tag(self, tag: str, pos: Pos) -> None:
        """Report an explicit YAML tag such as !!python/object."""
        shown = tag.replace(_TAG, "!!")
        self.sink.add("WB105", pos, Say(f"the YAML tag '{shown}' is not allowed",
                                        f"de YAML-tag '{shown}' mag niet"),
                      Say("remove the tag; scenario files contain only plain text, numbers, lists and mappings",
                          "haal de tag weg; een scenario bevat alleen tekst, getallen, lijsten en sleutels met "
                          "waarden"))


_DISCARD = object()
_MERGE = object()
_RESOLVER = yaml.resolver.Resolver()
