"""Starting play anywhere with a chosen state: --start SCENE --set name=value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..i18n import either
from ..scenario.model import Scenario, Value
from .engine import Engine


class JumpError(ValueError):
    """A --start or --set that does not fit the scenario (the message in the language asked for)."""



def parse_value(raw: str) -> Value:
    """Read a command-line value: true/false, a number, or text (quotes optional)."""
    text = raw.strip()
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        pass
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def parse_assignments(pairs: Iterable[str], lang: str = "en") -> dict[str, Value]:
    """Turn ['trust=40', 'met=true'] into {'trust': 40, 'met': True}."""
    values: dict[str, Value] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep or not name.strip():
            raise JumpError(either(lang, f"'{pair}' is not name=value (e.g. trust=40 or met_residents=true)",
                                f"'{pair}' is geen naam=waarde (bijvoorbeeld trust=40 of met_residents=true)"))
        values[name.strip()] = parse_value(raw)
    return values


def check_values(scenario: Scenario, values: Mapping[str, Value], lang: str = "en") -> list[str]:
    """Problems with values for the scenario's meters and flags, in `lang` (empty when all fit)."""
    problems: list[str] = []
    for name, value in values.items():
        meter = scenario.meters.get(name)
        flag = scenario.flags.get(name)
        if meter is not None:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                problems.append(either(lang, f"the meter '{name}' takes a number, not {value!r}",
                                    f"de meter '{name}' krijgt een getal, niet {value!r}"))
            elif not meter.min <= value <= meter.max:
                problems.append(either(lang, f"the meter '{name}' goes from {meter.min:g} to {meter.max:g}; {value:g} is "
                                          "outside",
                                    f"de meter '{name}' gaat van {meter.min:g} tot {meter.max:g}; {value:g} valt "
                                    "daarbuiten"))
        elif flag is not None:
            start = flag.start
            same = (isinstance(value, bool) == isinstance(start, bool)
                    and isinstance(value, (int, float)) == isinstance(start, (int, float))
                    and isinstance(value, str) == isinstance(start, str))
            if not same or (isinstance(start, int) and not isinstance(start, bool) and isinstance(value, float)):
                kind = "true/false" if isinstance(start, bool) else "a whole number" if isinstance(start, int) else "text"
                soort = "true/false" if isinstance(start, bool) else "een heel getal" if isinstance(start, int) \
                    else "een tekst"
                problems.append(either(lang, f"the flag '{name}' holds {kind}, not {value!r}",
                                    f"de flag '{name}' bevat {soort}, niet {value!r}"))
        else:
            known = ", ".join(list(scenario.meters) + list(scenario.flags)) or either(lang, "none", "geen")
            problems.append(either(lang, f"'{name}' is not a meter or flag of this scenario (it has: {known})",
                                f"'{name}' is geen meter of flag van dit scenario (het heeft: {known})"))
    return problems


def start_engine(scenario: Scenario, scene: str | None = None, values: Mapping[str, Value] | None = None,
                 lang: str = "en", **engine_args: object) -> Engine:
    """An engine at `scene` (default: the start) with `values` set; raises JumpError (in `lang`) when they do
    not fit."""
    values = dict(values or {})
    problems = check_values(scenario, values, lang)
    if scene is not None and scene not in scenario.scenes:
        scenes = ", ".join(scenario.scenes)
        problems.insert(0, either(lang, f"there is no scene '{scene}' (scenes: {scenes})",
                               f"er is geen scène '{scene}' (scènes: {scenes})"))
    if problems:
        raise JumpError("; ".join(problems))
    engine = Engine(scenario, **engine_args)  # type: ignore[arg-type]
    for name, value in values.items():
        if name in engine.state.meters:
            engine.state.meters[name] = value  # type: ignore[assignment]
        else:
            engine.state.flags[name] = value
    if scene is not None and scene != scenario.start:
        engine.jump(scene)
    return engine
