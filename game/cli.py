"""The command line: validate, play (window or terminal) and the trainers' tools."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .scenario.deeplint import DEFAULT_MAX_STATES
from .i18n import either
from .scenario.diagnostics import LANGUAGES, Diagnostic, Severity
from .scenario.loader import LoadResult, load_file, load_paths

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
LANG_ENV = "WEERBAAR_LANG"


def message_language(asked: str | None = None) -> str:
    """The language for messages to trainers: --lang, else $WEERBAAR_LANG, else Dutch."""
    import os

    for candidate in (asked, os.environ.get(LANG_ENV, "")):
        if candidate and candidate.lower() in LANGUAGES:
            return candidate.lower()
    return "nl"


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a plain message on usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        """Print usage and the problem, then exit 2."""
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog="weerbaar", description="Weerbaar: a serious game about disinformation "
                     "aimed at Dutch municipalities. Without a command, the game opens.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    validate = sub.add_parser("validate", help="check scenario files and print every problem")
    validate.add_argument("paths", nargs="+", help="scenario files or folders")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    validate.add_argument("--lang", choices=LANGUAGES, help=f"language of the messages: nl or en "
                          f"(default: ${LANG_ENV}, else nl)")
    validate.add_argument("--max-states", type=_count, default=DEFAULT_MAX_STATES, metavar="N",
                          help="the deep check plays every possible game through, up to N situations "
                               f"(default {DEFAULT_MAX_STATES:,}; 0 switches it off)")

    play = sub.add_parser("play", help="play a scenario (in the window, or in the terminal with --text)")
    play.add_argument("file", help="the scenario file")
    play.add_argument("--text", action="store_true", help="play in the terminal (plain text, screen-reader friendly)")
    play.add_argument("--lang", help="language (default: the scenario's first)")
    play.add_argument("--choices", help="scripted play: 1-based choice numbers, e.g. 2,1,3")
    play.add_argument("--json", action="store_true", help="with --choices: print the result as JSON")
    play.add_argument("--facilitator", action="store_true", help="show facilitator notes; no timers")
    play.add_argument("--start", metavar="SCENE", help="start at this scene (trainers: test one scene)")
    play.add_argument("--set", metavar="NAME=VALUE", action="append", default=[],
                      help="start with a meter or flag set, e.g. --set trust=40 --set met_residents=true")
    play.add_argument("--dev", action="store_true",
                      help="developer mode: reload the file on every save, show errors in the game, map and scene picker")

    test = sub.add_parser("test", help="run play-through test plans (FILE.test.yaml)")
    test.add_argument("paths", nargs="+", help="test plans, scenarios (their plan next to them) or folders")
    test.add_argument("--lang", choices=LANGUAGES, help=f"language of the messages: nl or en "
                      f"(default: ${LANG_ENV}, else nl)")

    stats = sub.add_parser("stats", help="scenes, choices, words, play time and the ways to each ending")
    stats.add_argument("file", help="the scenario file")

    scene_map = sub.add_parser("map", help="the scenes and the ways between them, as a Mermaid or Graphviz diagram")
    scene_map.add_argument("file", help="the scenario file")
    scene_map.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                           help="mermaid (paste into mermaid.live or a Markdown file) or dot (Graphviz)")
    scene_map.add_argument("--output", metavar="PATH", help="write to this file instead of the screen")

    schema = sub.add_parser("schema", help="write the JSON Schema of the scenario format (for editors)")
    schema.add_argument("--output", metavar="PATH", help="write to this file instead of the screen")

    summary = sub.add_parser("summary", help="the exported sessions of a training side by side (for the debrief)")
    summary.add_argument("paths", nargs="*", help="exported .json files or folders (default: the export folder)")
    summary.add_argument("--scenario", metavar="ID", help="only this scenario's sessions")
    summary.add_argument("--output", metavar="PATH", help="write the Markdown to this file instead of the screen")
    summary.add_argument("--lang", choices=LANGUAGES, help=f"language of the headings: nl or en "
                         f"(default: ${LANG_ENV}, else nl)")

    new = sub.add_parser("new", help="write a commented starter scenario and its test plan")
    new.add_argument("id", help="the new scenario's id: lower-case letters, digits and -, e.g. rumour-pool")
    new.add_argument("--output", metavar="DIR", default="scenarios", help="the folder to write to (default: scenarios)")
    return parser


def _count(text: str) -> int:
    """A whole number of at least 0 (for --max-states)."""
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("use 0 or more")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.paths, args.strict, args.format, args.max_states, message_language(args.lang))
    if args.command == "play":
        return cmd_play(args)
    if args.command == "test":
        return cmd_test(args.paths, message_language(args.lang))
    if args.command == "stats":
        return cmd_stats(args.file)
    if args.command == "map":
        return cmd_map(args.file, args.format, args.output)
    if args.command == "schema":
        return cmd_schema(args.output)
    if args.command == "new":
        return cmd_new(args.id, args.output)
    if args.command == "summary":
        return cmd_summary(args.paths, args.scenario, args.output, message_language(args.lang))
    return cmd_open_game()


def print_diagnostics(results: list[LoadResult], strict: bool, stream=None,  # type: ignore[no-untyped-def]
                      lang: str = "en") -> int:
    """Print diagnostics as text in `lang`; return the number of errors (warnings count when strict)."""
    stream = stream or sys.stderr
    failures = 0
    for result in results:
        for diagnostic in result.diagnostics:
            print(diagnostic.format(strict, lang), file=stream)
            if strict or diagnostic.severity is Severity.ERROR:
                failures += 1
    return failures


def cmd_validate(paths: list[str], strict: bool, fmt: str, max_states: int = DEFAULT_MAX_STATES,
                 lang: str = "en") -> int:
    """`validate`: check files and folders (deep check included); exit 0 clean, 1 with errors, 2 for a
    missing path."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for path in missing:
            print(_missing(path, lang), file=sys.stderr)
        return EXIT_USAGE
    results = load_paths(paths, max_states=max_states)
    diagnostics: list[Diagnostic] = [d for r in results for d in r.diagnostics]
    failures = sum(1 for d in diagnostics if strict or d.severity is Severity.ERROR)
    if fmt == "json":
        print(json.dumps([d.to_json(strict, lang) for d in diagnostics], ensure_ascii=False, indent=2))
    else:
        print_diagnostics(results, strict, sys.stdout, lang)
        errors = sum(1 for d in diagnostics if strict or d.severity is Severity.ERROR)
        print(validate_summary(len(results), errors, len(diagnostics) - errors, lang))
    return EXIT_FAIL if failures else EXIT_OK


def validate_summary(files: int, errors: int, warnings: int, lang: str) -> str:
    """The closing line of `validate`, e.g. '2 files checked: 1 error, 0 warnings'."""
    if lang == "nl":
        return (f"{files} {'bestand' if files == 1 else 'bestanden'} gecontroleerd: {errors} "
                f"{'fout' if errors == 1 else 'fouten'}, {warnings} {'waarschuwing' if warnings == 1 else 'waarschuwingen'}")
    return (f"{files} file{'s' * (files != 1)} checked: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}")


def _missing(path: object, lang: str) -> str:
    """'weerbaar: error: 'x' does not exist', in the trainer's language."""
    return "weerbaar: error: " + either(lang, f"'{path}' does not exist", f"'{path}' bestaat niet")


def _load_one(path: str, lang: str | None = None) -> LoadResult | None:
    """Load a scenario for playing; print its problems; None when it cannot be played."""
    if not Path(path).is_file():
        print("weerbaar: error: " + either(message_language(lang), f"'{path}' is not a file",
                                           f"'{path}' is geen bestand"), file=sys.stderr)
        return None
    result = load_file(path)
    print_diagnostics([result] if not result.ok else [], strict=False, lang=message_language(lang))
    return result if result.ok else None


def cmd_play(args: argparse.Namespace) -> int:
    """`play`: the window by default, the terminal with --text."""
    from .engine.engine import EngineError
    from .textplayer import ScriptError, dumps, play_interactive, play_scripted, result_json

    result = _load_one(args.file, args.lang)
    if result is None:
        if getattr(args, "dev", False) and not args.text and Path(args.file).is_file():
            return cmd_open_game(args)  # developer mode: the window shows the errors and starts once they are fixed
        return EXIT_USAGE if not Path(args.file).is_file() else EXIT_FAIL
    scenario = result.scenario
    assert scenario is not None
    lang = args.lang or scenario.default_language
    if lang not in scenario.languages:
        has = ", ".join(scenario.languages)
        print("weerbaar: error: " + either(message_language(args.lang),
                                           f"the scenario has no language '{lang}' (it has {has})",
                                           f"het scenario heeft geen taal '{lang}' (wel: {has})"), file=sys.stderr)
        return EXIT_USAGE
    from .engine.jump import JumpError, parse_assignments, start_engine

    try:
        says = message_language(args.lang)
        args.values = parse_assignments(args.set, says)
        engine = start_engine(scenario, args.start, args.values, says)
    except JumpError as exc:
        print(f"weerbaar: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not args.text:
        return cmd_open_game(args)
    if args.choices is not None:
        try:
            numbers = [int(part) for part in args.choices.replace(" ", "").split(",") if part]
        except ValueError:
            print("weerbaar: error: " + either(says, "--choices takes numbers separated by commas, e.g. 2,1,3",
                                               "--choices wil getallen met komma's ertussen, bijvoorbeeld 2,1,3"),
                  file=sys.stderr)
            return EXIT_USAGE
        try:
            play_scripted(engine, numbers, lang, None if args.json else print, facilitator=args.facilitator)
        except (ScriptError, EngineError) as exc:
            print(f"weerbaar: error: {exc}", file=sys.stderr)
            return EXIT_FAIL
        if args.json:
            print(dumps(result_json(engine)))
        return EXIT_OK
    return play_interactive(engine, lang, sys.stdin, print, facilitator=args.facilitator)


def cmd_test(paths: list[str], lang: str = "en") -> int:
    """`test`: run test plans; exit 0 when every run passes."""
    from .testplan import format_report, plan_files, run_plan

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for path in missing:
            print(_missing(path, lang), file=sys.stderr)
        return EXIT_USAGE
    plans = plan_files(paths)
    if not plans:
        print("weerbaar: error: " + either(lang, "no test plans (*.test.yaml) found",
                                           "geen testplannen (*.test.yaml) gevonden"), file=sys.stderr)
        return EXIT_USAGE
    text, _, failed = format_report([run_plan(plan, lang) for plan in plans], lang)
    print(text)
    return EXIT_FAIL if failed else EXIT_OK


def cmd_summary(paths: list[str], scenario: str | None, output: str | None, lang: str) -> int:
    """`summary`: the exported sessions side by side; exit 1 when there are none to summarise."""
    from .report import export_folder
    from .tools.summary import read_sessions, summary_markdown

    folders = [Path(p) for p in paths] or [export_folder()]
    missing = [p for p in folders if not p.exists()]
    if missing:
        for path in missing:
            print(_missing(path, lang), file=sys.stderr)
        return EXIT_USAGE
    sessions = read_sessions(folders)
    if scenario is not None:
        sessions.by_scenario = {k: v for k, v in sessions.by_scenario.items() if k == scenario}
    if not sessions.count:
        where = ", ".join(str(p) for p in folders)
        of = f" of {scenario!r}" if scenario else ""
        van = f" van {scenario!r}" if scenario else ""
        print("weerbaar: error: " + either(lang, f"no exported sessions{of} in {where} (export them from the "
                                                 "debrief screen)",
                                           f"geen geëxporteerde sessies{van} in {where} (exporteer ze op het "
                                           "scherm Nabespreking)"), file=sys.stderr)
        return EXIT_FAIL
    return _write(summary_markdown(sessions, lang), output, lang)


def _write(text: str, output: str | None, lang: str | None = None) -> int:
    """Print `text`, or write it to `output`."""
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    says = message_language(lang)
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        why = exc.strerror or exc
        print("weerbaar: error: " + either(says, f"cannot write '{output}': {why}",
                                           f"kan '{output}' niet schrijven: {why}"), file=sys.stderr)
        return EXIT_USAGE
    print(either(says, f"wrote {output}", f"geschreven: {output}"), file=sys.stderr)
    return EXIT_OK


def cmd_stats(path: str) -> int:
    """`stats`: size, words, play time and ways to each ending of one scenario."""
    from .tools.stats import format_stats, scenario_stats

    result = _load_one(path)
    if result is None:
        return EXIT_USAGE if not Path(path).is_file() else EXIT_FAIL
    assert result.scenario is not None
    print(format_stats(result.scenario, scenario_stats(result.scenario)))
    return EXIT_OK


def cmd_map(path: str, fmt: str, output: str | None) -> int:
    """`map`: the scene map as Mermaid or dot."""
    from .tools.scenemap import to_dot, to_mermaid

    result = _load_one(path)
    if result is None:
        return EXIT_USAGE if not Path(path).is_file() else EXIT_FAIL
    assert result.scenario is not None
    return _write(to_mermaid(result.scenario) if fmt == "mermaid" else to_dot(result.scenario), output)


def cmd_schema(output: str | None) -> int:
    """`schema`: the JSON Schema of the format."""
    from .scenario.schema import schema_json

    return _write(schema_json(), output)


def cmd_new(scenario_id: str, folder: str) -> int:
    """`new`: a starter scenario and its test plan."""
    from .tools.starter import StarterError, write_starter

    says = message_language()
    try:
        written = write_starter(scenario_id, Path(folder), says)
    except StarterError as exc:
        print(f"weerbaar: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        why = exc.strerror or exc
        print("weerbaar: error: " + either(says, f"cannot write in '{folder}': {why}",
                                           f"kan niet schrijven in '{folder}': {why}"), file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(either(says, f"wrote {path}", f"geschreven: {path}"))
    commands = (f"  python main.py validate {written[0]}\n  python main.py play {written[0]} --dev\n"
                f"  python main.py test {written[0]}")
    print(either(says, f"next: open {written[0]} in VS Code (with the YAML extension), then run\n{commands}",
                 f"volgende stap: open {written[0]} in VS Code (met de YAML-extensie) en voer dan uit:\n{commands}"))
    return EXIT_OK


def cmd_open_game(args: argparse.Namespace | None = None) -> int:
    """Open the game window (the graphical front end)."""
    try:
        from .ui.app import run_app
    except ImportError:
        build_parser().print_help()
        return EXIT_OK
    return run_app(args)
