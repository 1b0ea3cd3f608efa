"""Safe YAML reading: plain data with source positions, for untrusted trainer files."""

from __future__ import annotations

import re
from typing import Any

import yaml

from .diagnostics import DiagnosticSink

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
        sink.add("WB101", (1, 1), f"the file is {len(data) / 1048576:.1f} MiB; the limit is 2 MiB",
                 "split it into several scenarios or remove pasted material")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        sink.add("WB102", (line, col), "this file is not UTF-8 text (or is not a text file at all)",
                 "save it as 'UTF-8' in your editor (in Word: save as plain text, UTF-8)")
        return None
    bad = text.find("\x00")
    if bad >= 0:
        line = text.count("\n", 0, bad) + 1
        sink.add("WB102", (line, bad - text.rfind("\n", 0, bad)), "this file contains binary data (a NUL byte)",
                 "scenario files are plain text; check that you picked the right file")
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
            sink.add("WB106", pos, "the file is nested too deeply", "flatten the structure; scenarios need only a few levels")
        else:
            lines = text.splitlines()
            opened = _unclosed_single_quote(lines, pos[0])
            if opened is not None:
                sink.add("WB103", opened, "YAML syntax: a text starts with ' but the quote is never closed",
                         "a text that starts with ' (like 's avonds or 't) must be put in double quotes, "
                         "e.g. text: \"'s Avonds belt Sanne.\"")
                return None
            line = lines[pos[0] - 1] if 0 < pos[0] <= len(lines) else ""
            before = next((lines[i] for i in range(pos[0] - 2, -1, -1) if lines[i].strip()), "") if lines else ""
            sink.add("WB103", pos, f"YAML syntax: {problem}", _syntax_hint(problem, line, before))
        return None
    except yaml.YAMLError as exc:
        sink.add("WB103", (1, 1), f"YAML syntax: {exc}", "check the indentation and quotes")
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


def _indent(line: str) -> int:
    """The number of spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _syntax_hint(problem: str, line: str = "", before: str = "") -> str:
    """A plain-language fix for the most common YAML syntax problems, looking at the reported line and the
    line before it."""
    near = f"{before} {line}"
    if line[:1] == "\t" or (line.lstrip(" ")[:1] == "\t"):
        return "this line starts with a tab: use spaces, not tabs, for indentation"
    if near.count('"') > 2 and re.search(r'"[^"]*"[^"]*"[^"]*"', line):
        return ("there are double quotes inside a text in double quotes: use single quotes inside, "
                "e.g. if: \"chose('scene', 'choice')\" or text: \"Hij zei: 'nee'\"")
    in_braces = "expected ','" in problem or "flow" in problem
    if in_braces and " #" in near and ("{" in near or "[" in near):
        where = "this line" if " #" in line else "the line before"
        return (f"a # on {where} starts a comment, which cuts that line short: put values with # in quotes, "
                "e.g. color: \"#1f7a5c\"")
    if in_braces:
        return ("inside { } or [ ], a text with ': ', ',' or brackets in it must be in quotes, "
                "e.g. {nl: \"Let op: nep\", en: \"Note: fake\"}")
    key_line = bool(re.match(r"^\s*[\w-]+:(\s|$)", line))
    if "mapping values are not allowed" in problem and key_line and before and _indent(line) != _indent(before) \
            and not before.rstrip().endswith(":"):
        return (f"this line starts {_indent(line)} spaces in, the line above {_indent(before)}: keys at the same "
                "level must line up exactly (or, if it is a text with ': ' in it, put it in quotes)")
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be put in quotes, e.g. text: \"Let op: nep\""
    if ("expected key" in problem or "'-' indicator" in problem or "expected <block end>" in problem) and before \
            and line.strip() and _indent(line) != _indent(before):
        return (f"this line starts {_indent(line)} spaces in, the line above {_indent(before)}: keys at the same "
                "level must line up exactly, and the items of a list all start with '- ' at the same place")
    if "found character '\\t'" in problem or "tab" in problem:
        return "use spaces, not tabs, for indentation"
    if "expected <block end>" in problem or "indent" in problem:
        return "check that keys at the same level line up exactly"
    if "found undefined alias" in problem:
        return "YAML aliases (*name) are not allowed in scenarios; write the value out"
    return "check the indentation, and put texts with special characters in quotes"


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
                self.sink.add("WB106", pos, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
            container: Any = YMap(pos) if is_map else YList(pos)
            parent_skips = self._emit(container, pos)
            self.stack.append(_Frame(container, is_map, deep or parent_skips))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            mark = event.start_mark
            pos = (mark.line + 1, mark.column + 1)
            self.sink.add("WB104", pos, "YAML aliases (*name) are not allowed",
                          "write the value out in full instead of referring to an anchor (&name)")
            self._emit(None, pos)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                mark = event.start_mark
                self.sink.add("WB103", (mark.line + 1, mark.column + 1), "YAML syntax: a second document (---) in "
                              "one file", "put each scenario in its own file")
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
                self.sink.add("WB203", pos, "a key must be a plain word", "write keys as simple words, e.g. title:")
                frame.key = _DISCARD
                return True
            if value is _MERGE:
                self.sink.add("WB104", pos, "YAML merge keys (<<) are not allowed", "write the keys out in full")
                frame.key = _DISCARD
                return False
            key = value if isinstance(value, (str, int)) and not isinstance(value, bool) else str(value).lower()
            if key in frame.container:
                first = frame.container.key_pos[key]
                self.sink.add("WB107", pos, f"the key '{key}' appears twice here (first on line {first[0]})",
                              "remove or rename one of them; otherwise one would silently be lost")
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
        self.sink.add("WB105", pos, f"the YAML tag '{shown}' is not allowed",
                      "remove the tag; scenario files contain only plain text, numbers, lists and mappings")


_DISCARD = object()
_MERGE = object()
_RESOLVER = yaml.resolver.Resolver()
