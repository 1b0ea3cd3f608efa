"""Safe YAML reading: plain data with source positions, for untrusted trainer files."""

from __future__ import annotations

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

try:  # libyaml is much faster; its scanner also bounds flow nesting itself
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader with a fast path for the common case: plain text scalars."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        """Resolve a node's tag; text that cannot be anything else skips the regular expressions."""
        if kind is yaml.ScalarNode and (not implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT)):
            return _TAG + "str"
        return _base_resolve(self, kind, value, implicit)


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
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "the text could not be read as YAML"
        if "nesting depth" in problem:
            sink.add("WB106", pos, "the file is nested too deeply", "flatten the structure; scenarios need only a few levels")
        else:
            sink.add("WB103", pos, f"YAML syntax: {problem}", _syntax_hint(problem))
        return None
    except yaml.YAMLError as exc:
        sink.add("WB103", (1, 1), f"YAML syntax: {exc}", "check the indentation and quotes")
        return None
    except RecursionError:
        sink.add("WB106", (1, 1), "the file is nested too deeply", "flatten the structure")
        return None
    if root is None:
        return None
    return _Converter(sink).convert(root, 0, (root.start_mark.line + 1, root.start_mark.column + 1))


def _syntax_hint(problem: str) -> str:
    """A plain-language fix for the most common YAML syntax problems."""
    if "mapping values are not allowed" in problem:
        return "a text containing ': ' must be put in quotes, e.g. text: \"Let op: nep\""
    if "found character '\\t'" in problem or "tab" in problem:
        return "use spaces, not tabs, for indentation"
    if "expected <block end>" in problem or "indent" in problem:
        return "check that keys at the same level line up exactly"
    if "found undefined alias" in problem:
        return "YAML aliases (*name) are not allowed in scenarios; write the value out"
    return "check the indentation, and put texts with special characters in quotes"


class _Converter:
    """Walks composed YAML nodes into located plain data."""

    def __init__(self, sink: DiagnosticSink) -> None:
        self.sink = sink
        self.seen: set[int] = set()

    def convert(self, node: yaml.Node, depth: int, use_pos: Pos) -> Any:
        """Convert one node; `use_pos` is where to report a problem with it."""
        if depth > MAX_DEPTH:
            self.sink.add("WB106", use_pos, f"nested more than {MAX_DEPTH} levels deep", "flatten the structure")
            return None
        node_id = id(node)
        if node_id in self.seen:
            self.sink.add("WB104", use_pos, "YAML aliases (*name) are not allowed",
                          "write the value out in full instead of referring to an anchor (&name)")
            return None
        self.seen.add(node_id)
        tag = node.tag
        mark = node.start_mark
        pos = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, tag, pos)
        if isinstance(node, yaml.SequenceNode):
            if tag != _SEQ:
                self._bad_tag(tag, pos)
            out = YList(pos)
            for item in node.value:
                m = item.start_mark
                ipos = (m.line + 1, m.column + 1)
                out.item_pos.append(ipos)
                out.append(self.convert(item, depth + 1, ipos))
            return out
        if tag != _MAP:
            self._bad_tag(tag, pos)
        result = YMap(pos)
        for key_node, value_node in node.value:
            km = key_node.start_mark
            kpos = (km.line + 1, km.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.sink.add("WB203", kpos, "a key must be a plain word", "write keys as simple words, e.g. title:")
                continue
            if key_node.tag == _TAG + "merge":
                self.sink.add("WB104", kpos, "YAML merge keys (<<) are not allowed", "write the keys out in full")
                continue
            key = self._scalar(key_node, key_node.tag, kpos)
            if not isinstance(key, (str, int, bool)) or key is None:
                key = str(key)
            if key in result:
                first = result.key_pos[key]
                self.sink.add("WB107", kpos, f"the key '{key}' appears twice here (first on line {first[0]})",
                              "remove or rename one of them; otherwise one would silently be lost")
                continue
            vm = value_node.start_mark
            vpos = (vm.line + 1, vm.column + 1)
            result.key_pos[key] = kpos
            result.val_pos[key] = vpos
            result[key] = self.convert(value_node, depth + 1, kpos)
        return result

    def _scalar(self, node: yaml.ScalarNode, tag: str, pos: Pos) -> Any:
        """Construct a plain scalar, refusing every tag beyond YAML's core types."""
        if tag == _STR or tag == _TIMESTAMP:
            return node.value
        if tag == _INT:
            digits = node.value.lstrip("+-")
            if digits.isdigit() and (len(digits) == 1 or digits[0] != "0"):
                return int(node.value)
            return _constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return _constructor.construct_yaml_float(node)
        if tag == _BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == _NULL:
            return None
        self._bad_tag(tag, pos)
        return node.value

    def _bad_tag(self, tag: str, pos: Pos) -> None:
        """Report an explicit YAML tag such as !!python/object."""
        shown = tag.replace(_TAG, "!!")
        self.sink.add("WB105", pos, f"the YAML tag '{shown}' is not allowed",
                      "remove the tag; scenario files contain only plain text, numbers, lists and mappings")
