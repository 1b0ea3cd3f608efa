"""Play-through test plans: FILE.test.yaml next to a scenario, run against the real engine."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine.engine import Engine, EngineError
from .engine.jump import JumpError, start_engine
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


def run_plan(plan: Path) -> PlanReport:
    """Load a plan and its scenario and run every run in it."""
    report = PlanReport(plan, scenario_for(plan))
    where = display_path(plan)
    if not plan.is_file():
        report.problems.append(f"{where}: error: no test plan here — write one next to the scenario, named "
                               f"{plan.name}")
        return report
    sink = DiagnosticSink(where)
    text = decode_source(plan.read_bytes(), sink)
    data = parse_yaml(text, sink) if text is not None else None
    loaded = load_file(report.scenario)
    for diagnostic in sink.items + [d for d in loaded.diagnostics if not loaded.ok]:
        report.problems.append(diagnostic.format())
    if report.problems or loaded.scenario is None:
        if loaded.scenario is None and not report.problems:
            report.problems.append(f"{display_path(report.scenario)}: error: the scenario could not be loaded")
        return report
    if not isinstance(data, YMap) or not isinstance(data.get("runs"), YList):
        report.problems.append(f"{where}:1:1: error: a test plan has a list under 'runs:' — see docs/authoring.md")
        return report
    for run, pos in zip(data["runs"], data["runs"].item_pos):
        report.runs.append(_run(loaded.scenario, run, pos, where))
    return report


def _run(scenario: Scenario, run: Any, pos: tuple[int, int], where: str) -> RunReport:
    """Play one run and check its expectations."""
    if not isinstance(run, YMap):
        return RunReport("?", pos[0], [f"{where}:{pos[0]}:{pos[1]}: a run is a mapping with name: and steps:"])
    report = RunReport(str(run.get("name", f"run on line {pos[0]}")), pos[0])
    unknown = set(run) - {"name", "start", "steps"}
    if unknown:
        report.failures.append(f"{where}:{pos[0]}: unknown key(s) {', '.join(map(str, unknown))} in a run")
        return report
    start = run.get("start") or {}
    try:
        engine = start_engine(scenario, start.get("scene") if isinstance(start, dict) else None,
                              start.get("set") if isinstance(start, dict) else None, clock=lambda: 0.0)
        engine.run_automatic()
    except (JumpError, EngineError) as exc:
        report.failures.append(f"{where}:{pos[0]}: start: {exc}")
        return report
    steps = run.get("steps") or []
    item_pos = getattr(steps, "item_pos", [pos] * len(steps))
    for number, (step, spos) in enumerate(zip(steps, item_pos), 1):
        at = f"{where}:{spos[0]}: step {number}"
        if not isinstance(step, YMap) or len(step) != 1 or not ({"choose", "expect"} & set(step)):
            report.failures.append(f"{at}: a step is either 'choose: id' or 'expect: {{...}}'")
            return report
        if "choose" in step:
            failure = _choose(engine, step["choose"])
        else:
            failure = _expect(engine, step["expect"])
        if failure:
            report.failures.append(f"{at}: {failure}")
            return report
    return report


def _choose(engine: Engine, target: Any) -> str | None:
    """Take a choice by id or 1-based position; a message when it is not on offer."""
    if engine.ended:
        return f"cannot choose '{target}': the scenario already ended at '{engine.state.scene}'"
    available = engine.available_choices()
    offered = ", ".join(c.key for c in available) or "nothing"
    if isinstance(target, int) and not isinstance(target, bool):
        if not 1 <= target <= len(available):
            return f"there is no choice {target} in '{engine.scene.id}' (offered: {offered})"
        picked = available[target - 1]
    else:
        picked = next((c for c in available if c.key == str(target)), None)
        if picked is None:
            return f"'{target}' is not offered in '{engine.scene.id}' (offered: {offered})"
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


def _expect(engine: Engine, expected: Any) -> str | None:
    """Check every expectation; the first mismatch as a message."""
    if not isinstance(expected, dict):
        return "expect takes a mapping, e.g. {scene: evening}"
    unknown = set(expected) - EXPECT_KEYS
    if unknown:
        return f"unknown expectation(s) {', '.join(map(str, unknown))} (use {', '.join(sorted(EXPECT_KEYS))})"
    state = engine.state
    if "scene" in expected and state.scene != expected["scene"]:
        return f"expected scene '{expected['scene']}', but it is '{state.scene}'"
    if "ending" in expected:
        actual = state.scene if engine.ended else None
        if actual != expected["ending"]:
            return f"expected ending '{expected['ending']}', but {'it ended at ' + repr(actual) if actual else 'no ending was reached (at ' + repr(state.scene) + ')'}"
    if "rating" in expected:
        rating = engine.ending.rating if engine.ending else None
        if rating != expected["rating"]:
            return f"expected rating '{expected['rating']}', got {rating!r}"
    for group, values in (("meters", state.meters), ("flags", state.flags)):
        for name, want in (expected.get(group) or {}).items():
            if name not in values:
                return f"'{name}' is not one of the {group}"
            if isinstance(want, str) and isinstance(values[name], (int, float)) and not isinstance(values[name], bool) \
                    and not COMPARISON.match(want):
                return (f"'{want}' for '{name}' is not a number or a comparison: write e.g. 50 or \">= 50\" "
                        "(== != < <= > >=)")
            if not _matches(values[name], want):
                return f"expected {group[:-1]} '{name}' {_shown(want)}, but it is {_shown(values[name])}"
    offered = {c.key for c in engine.available_choices()} if not engine.ended else set()
    for name in expected.get("offered") or []:
        if name not in offered:
            return f"expected '{name}' to be offered in '{state.scene}' (offered: {', '.join(sorted(offered)) or 'nothing'})"
    for name in expected.get("not_offered") or []:
        if name in offered:
            return f"expected '{name}' not to be offered in '{state.scene}'"
    quiz = expected.get("quiz")
    if quiz:
        actual_quiz = {"right": state.quiz_right, "asked": state.quiz_asked}
        if any(actual_quiz.get(k) != v for k, v in quiz.items()):
            return f"expected quiz {dict(quiz)}, got {actual_quiz}"
    return None


def _shown(value: Any) -> str:
    """A value as written in YAML: true/false, numbers, 'text'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return f"{value:g}" if isinstance(value, float) else str(value)


def format_report(reports: list[PlanReport]) -> tuple[str, int, int]:
    """A readable pass/fail report, and the counts of passed and failed runs."""
    lines: list[str] = []
    passed = failed = 0
    for report in reports:
        lines.append(display_path(report.plan))
        for problem in report.problems:
            lines.append(f"  {problem}")
            failed += 1
        for run in report.runs:
            mark = "PASS" if run.passed else "FAIL"
            lines.append(f"  {mark}  {run.name}")
            lines.extend(f"        {failure}" for failure in run.failures)
            passed += run.passed
            failed += not run.passed
    lines.append(f"{passed} passed, {failed} failed")
    return "\n".join(lines), passed, failed
