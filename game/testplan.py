"""Play-through test plans: FILE.test.yaml next to a scenario, run against the real engine."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.engine import Engine, EngineError
from .engine.jump import JumpError, start_engine
from .i18n import either
from .scenario.diagnostics import DiagnosticSink
from .scenario.loader import display_path, load_file
from .scenario.model import Scenario
from .scenario.yamlread import YList, YMap, decode_source, parse_yaml

COMPARISON = re.compile(r"^\s*(==|!=|<=|>=|<|>)?\s*(-?\d+(?:\.\d+)?)\s*$")
EXPECT_KEYS = {"scene", "ending", "rating", "meters", "flags", "offered", "not_offered", "quiz"}


@dataclass
class RunReport:
    """The outcome of one named run."""

    name: str
    line: int
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when nothing failed."""
        return not self.failures


@dataclass
class PlanReport:
    """The outcome of one test plan file."""

    plan: Path
    scenario: Path
    problems: list[str] = field(default_factory=list)
    runs: list[RunReport] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when the plan loaded and every run passed."""
        return not self.problems and all(r.passed for r in self.runs)


def plan_files(paths: list[str]) -> list[Path]:
    """Test plans named by paths: a plan, a scenario (its plan next to it) or a folder."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(path.glob("*.test.yaml")))
        elif path.name.endswith(".test.yaml"):
            found.append(path)
        else:
            found.append(path.with_name(path.name[: -len(path.suffix)] + ".test.yaml"))
    return found


def scenario_for(plan: Path) -> Path:
    """The scenario file a plan tests: X.test.yaml -> X.yaml."""
    return plan.with_name(plan.name[: -len(".test.yaml")] + ".yaml")



def run_plan(plan: Path, lang: str = "en") -> PlanReport:
    """Load a plan and its scenario and run every run in it; messages in `lang` ('nl' or 'en')."""
    report = PlanReport(plan, scenario_for(plan))
    where = display_path(plan)
    if not plan.is_file():
        report.problems.append(either(lang, f"{where}: error: no test plan here — write one next to the scenario, named "
                                         f"{plan.name}",
                                   f"{where}: error: hier is geen testplan — schrijf er een naast het scenario, met "
                                   f"de naam {plan.name}"))
        return report
    sink = DiagnosticSink(where)
    text = decode_source(plan.read_bytes(), sink)
    data = parse_yaml(text, sink) if text is not None else None
    loaded = load_file(report.scenario)
    for diagnostic in sink.items + [d for d in loaded.diagnostics if not loaded.ok]:
        report.problems.append(diagnostic.format(lang=lang))
    if report.problems or loaded.scenario is None:
        if loaded.scenario is None and not report.problems:
            report.problems.append(either(lang, f"{display_path(report.scenario)}: error: the scenario could not be loaded",
                                       f"{display_path(report.scenario)}: error: het scenario kon niet worden gelezen"))
        return report
    if not isinstance(data, YMap) or not isinstance(data.get("runs"), YList):
        report.problems.append(either(lang, f"{where}:1:1: error: a test plan has a list under 'runs:' — see "
                                         "docs/authoring.md",
                                   f"{where}:1:1: error: een testplan heeft een lijst onder 'runs:' — zie "
                                   "docs/authoring.md"))
        return report
    for run, pos in zip(data["runs"], data["runs"].item_pos):
        report.runs.append(_run(loaded.scenario, run, pos, where, lang))
    return report


def _run(scenario: Scenario, run: Any, pos: tuple[int, int], where: str, lang: str = "en") -> RunReport:
    """Play one run and check its expectations."""
    if not isinstance(run, YMap):
        return RunReport("?", pos[0], [either(lang, f"{where}:{pos[0]}:{pos[1]}: a run is a mapping with name: and steps:",
                                           f"{where}:{pos[0]}:{pos[1]}: een run is een blok met name: en steps:")])
    report = RunReport(str(run.get("name", either(lang, f"run on line {pos[0]}", f"run op regel {pos[0]}"))), pos[0])
    unknown = set(run) - {"name", "start", "steps"}
    if unknown:
        keys = ", ".join(map(str, unknown))
        report.failures.append(either(lang, f"{where}:{pos[0]}: unknown key(s) {keys} in a run",
                                   f"{where}:{pos[0]}: onbekende sleutel(s) {keys} in een run"))
        return report
    start = run.get("start") or {}
    try:
        engine = start_engine(scenario, start.get("scene") if isinstance(start, dict) else None,
                              start.get("set") if isinstance(start, dict) else None, lang, clock=lambda: 0.0)
        engine.run_automatic()
    except (JumpError, EngineError) as exc:
        report.failures.append(f"{where}:{pos[0]}: start: {exc}")
        return report
    steps = run.get("steps") or []
    item_pos = getattr(steps, "item_pos", [pos] * len(steps))
    for number, (step, spos) in enumerate(zip(steps, item_pos), 1):
        at = f"{where}:{spos[0]}: " + either(lang, f"step {number}", f"stap {number}")
        if not isinstance(step, YMap) or len(step) != 1 or not ({"choose", "expect"} & set(step)):
            close = difflib.get_close_matches(str(next(iter(step), "")), ["choose", "expect"], n=1, cutoff=0.6) \
                if isinstance(step, YMap) and len(step) == 1 else []
            mean = either(lang, f" — did you mean '{close[0]}'?", f" — bedoel je '{close[0]}'?") if close else ""
            report.failures.append(f"{at}: " + either(lang, "a step is either 'choose: id' or 'expect: {...}'",
                                                   "een stap is 'choose: id' of 'expect: {...}'") + mean)
            return report
        if "choose" in step:
            failure = _choose(engine, step["choose"], lang)
        else:
            failure = _expect(engine, step["expect"], lang)
        if failure:
            report.failures.append(f"{at}: {failure}")
            return report
    return report


def _choose(engine: Engine, target: Any, lang: str = "en") -> str | None:
    """Take a choice by id or 1-based position; a message when it is not on offer."""
    if engine.ended:
        return either(lang, f"cannot choose '{target}': the scenario already ended at '{engine.state.scene}'",
                   f"kan '{target}' niet kiezen: het scenario was al afgelopen bij '{engine.state.scene}'")
    available = engine.available_choices()
    offered = ", ".join(c.key for c in available) or either(lang, "nothing", "niets")
    scene = engine.scene.id
    if isinstance(target, int) and not isinstance(target, bool):
        if not 1 <= target <= len(available):
            return either(lang, f"there is no choice {target} in '{scene}' (offered: {offered})",
                       f"er is geen keuze {target} in '{scene}' (te kiezen: {offered})")
        picked = available[target - 1]
    else:
        picked = next((c for c in available if c.key == str(target)), None)
        if picked is None:
            return either(lang, f"'{target}' is not offered in '{scene}' (offered: {offered})",
                       f"'{target}' is niet te kiezen in '{scene}' (te kiezen: {offered})")
    try:
        engine.choose(picked)
        engine.run_automatic()
    except EngineError as exc:
        return str(exc)
    return None


def _matches(actual: Any, expected: Any) -> bool:
    """Compare a value to an expectation: equal, or a comparison like '>= 50'."""
    if isinstance(expected, str) and not isinstance(actual, str):
        match = COMPARISON.match(expected)
        if match and isinstance(actual, (int, float)) and not isinstance(actual, bool):
            op, number = match.group(1) or "==", float(match.group(2))
            return {"==": actual == number, "!=": actual != number, "<": actual < number,
                    "<=": actual <= number, ">": actual > number, ">=": actual >= number}[op]
        return False
    return bool(actual == expected and isinstance(actual, bool) == isinstance(expected, bool))


def _expect(engine: Engine, expected: Any, lang: str = "en") -> str | None:
    """Check every expectation; the first mismatch as a message."""
    if not isinstance(expected, dict):
        return either(lang, "expect takes a mapping, e.g. {scene: evening}",
                   "na expect komt een blok, bijvoorbeeld {scene: evening}")
    unknown = set(expected) - EXPECT_KEYS
    if unknown:
        names, allowed = ", ".join(map(str, unknown)), ", ".join(sorted(EXPECT_KEYS))
        return either(lang, f"unknown expectation(s) {names} (use {allowed})",
                   f"onbekende verwachting(en) {names} (gebruik {allowed})")
    state = engine.state
    if "scene" in expected and state.scene != expected["scene"]:
        return either(lang, f"expected scene '{expected['scene']}', but it is '{state.scene}'",
                   f"verwacht: scène '{expected['scene']}', maar het is '{state.scene}'")
    if "ending" in expected:
        actual = state.scene if engine.ended else None
        if actual != expected["ending"]:
            if actual:
                return either(lang, f"expected ending '{expected['ending']}', but it ended at {actual!r}",
                           f"verwacht: einde '{expected['ending']}', maar het eindigde bij {actual!r}")
            return either(lang, f"expected ending '{expected['ending']}', but no ending was reached (at {state.scene!r})",
                       f"verwacht: einde '{expected['ending']}', maar er is nog geen einde bereikt (bij {state.scene!r})")
    if "rating" in expected:
        rating = engine.ending.rating if engine.ending else None
        if rating != expected["rating"]:
            return either(lang, f"expected rating '{expected['rating']}', got {rating!r}",
                       f"verwacht: beoordeling '{expected['rating']}', maar het is {rating!r}")
    for group, values in (("meters", state.meters), ("flags", state.flags)):
        for name, want in (expected.get(group) or {}).items():
            if name not in values:
                return either(lang, f"'{name}' is not one of the {group}", f"'{name}' is niet een van de {group}")
            if isinstance(want, str) and isinstance(values[name], (int, float)) and not isinstance(values[name], bool) \
                    and not COMPARISON.match(want):
                return either(lang, f"'{want}' for '{name}' is not a number or a comparison: write e.g. 50 or \">= 50\" "
                                 "(== != < <= > >=)",
                           f"'{want}' bij '{name}' is geen getal of vergelijking: schrijf bijvoorbeeld 50 of \">= 50\" "
                           "(== != < <= > >=)")
            if not _matches(values[name], want):
                kind = either(lang, group[:-1], "meter" if group == "meters" else "flag")
                yes_no = isinstance(values[name], bool) and isinstance(want, str) and \
                    want.strip().lower() in ("ja", "nee", "waar", "onwaar")
                extra = either(lang, " (write true or false, not ja or nee)",
                            " (schrijf true of false, niet ja of nee)") if yes_no else ""
                return either(lang, f"expected {kind} '{name}' {_shown(want)}, but it is {_shown(values[name])}",
                           f"verwacht: {kind} '{name}' {_shown(want)}, maar die is {_shown(values[name])}") + extra
    offered = {c.key for c in engine.available_choices()} if not engine.ended else set()
    for name in expected.get("offered") or []:
        if name not in offered:
            shown = ", ".join(sorted(offered)) or either(lang, "nothing", "niets")
            return either(lang, f"expected '{name}' to be offered in '{state.scene}' (offered: {shown})",
                       f"verwacht dat '{name}' te kiezen is in '{state.scene}' (te kiezen: {shown})")
    for name in expected.get("not_offered") or []:
        if name in offered:
            return either(lang, f"expected '{name}' not to be offered in '{state.scene}'",
                       f"verwacht dat '{name}' niet te kiezen is in '{state.scene}'")
    quiz = expected.get("quiz")
    if quiz:
        actual_quiz = {"right": state.quiz_right, "asked": state.quiz_asked}
        if any(actual_quiz.get(k) != v for k, v in quiz.items()):
            return either(lang, f"expected quiz {dict(quiz)}, got {actual_quiz}",
                       f"verwacht: quiz {dict(quiz)}, maar het is {actual_quiz}")
    return None


def _shown(value: Any) -> str:
    """A value as written in YAML: true/false, numbers, 'text'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_report(reports: list[PlanReport], lang: str = "en") -> tuple[str, int, int]:
    """A readable pass/fail report in `lang`, and the counts of passed and failed runs."""
    lines: list[str] = []
    passed = failed = 0
    for report in reports:
        lines.append(display_path(report.plan))
        for problem in report.problems:
            lines.append(f"  {problem}")
            failed += 1
        for run in report.runs:
            mark = either(lang, "PASS", "GOED") if run.passed else either(lang, "FAIL", "FOUT")
            lines.append(f"  {mark}  {run.name}")
            lines.extend(f"        {failure}" for failure in run.failures)
            passed += run.passed
            failed += not run.passed
    lines.append(either(lang, f"{passed} passed, {failed} failed", f"{passed} geslaagd, {failed} mislukt"))
    return "\n".join(lines), passed, failed
