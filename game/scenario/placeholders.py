"""The {name} placeholders of scenario texts: checking at load time, filling in at play time."""

from __future__ import annotations

import re
from collections.abc import Callable

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


def placeholder_problems(text: str) -> list[tuple[int, str]]:
    """Every (offset, problem) in the placeholders of `text`; names are returned as 'name:<id>'."""
    problems: list[tuple[int, str]] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if token in ("{", "}"):
            problems.append((match.start(), f"brace:{token}"))
            continue
        problems.append((match.start(), f"name:{match.group(1).strip()}"))
    return problems


def placeholder_names(text: str) -> list[str]:
    """The names used as {name} in `text`."""
    return [p[5:] for _, p in placeholder_problems(text) if p.startswith("name:")]


def fill(text: str, lookup: Callable[[str], str]) -> str:
    """Replace {name} by lookup(name) and {{ }} by single braces."""
    if "{" not in text and "}" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if match.group(1) is None:
            return token
        return lookup(match.group(1).strip())

    return _TOKEN.sub(replace, text)


def format_value(value: object, lang: str = "nl") -> str:
    """How a meter or flag value is shown inside a text in `lang`."""
    if isinstance(value, bool):
        if lang == "nl":
            return "ja" if value else "nee"
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
