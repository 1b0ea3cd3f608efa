"""Benchmark: load + validate + machine build for generated scenarios of 1,000 and 10,000 scenes.

Run: python bench/load.py   (prints one line per size and the 10k/1k ratio; floor: 10k < 1.5 s, ratio <= 12)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml  # noqa: E402

from game.engine.engine import Engine  # noqa: E402
from game.scenario import yamlread  # noqa: E402
from game.scenario.diagnostics import DiagnosticSink  # noqa: E402
from game.scenario.gcpause import paused_gc  # noqa: E402
from game.scenario.loader import load_bytes  # noqa: E402


def generate(scenes: int) -> bytes:
    """A scenario like a real one, but long: each scene has text, 3 choices, conditions and effects."""
    out = [
        "format: 1", f"id: bench-{scenes}", "title: {nl: Bench, en: Bench}", "languages: [nl, en]",
        "meters:", "  trust: {label: {nl: Vertrouwen, en: Trust}, start: 50}",
        "  reach: {label: {nl: Bereik, en: Reach}, start: 20, good: low}",
        "flags: {calls: 0, met: false}", "start: s0", "scenes:",
    ]
    for i in range(scenes):
        nxt, alt = f"s{i + 1}", f"s{min(i + 2, scenes - 1)}"
        if i == scenes - 1:
            out.append(f"  s{i}: {{lines: [{{text: {{nl: 'Einde {{trust}}', en: 'End {{trust}}'}}}}], "
                       "ending: {rating: good, title: {nl: Einde, en: End}, text: {nl: Klaar, en: Done}}}")
            continue
        alt = alt if alt != f"s{i}" else nxt
        out.append(
            f"  s{i}: {{type: feed, posts: [{{author: Piet, handle: '@piet', text: {{nl: 'Bericht {i}', en: 'Post {i}'}}, "
            f"likes: {i % 97}, technique: emotion}}], choices: ["
            f"{{id: a, text: {{nl: Negeer, en: Ignore}}, effects: {{reach: 5}}, quality: poor, "
            f"feedback: {{nl: Jammer, en: Pity}}, next: [{{if: \"reach > 60 and not met\", goto: {alt}}}, {{goto: {nxt}}}]}}, "
            f"{{id: b, text: {{nl: Reageer, en: Respond}}, if: \"trust >= 30 or visited('s{i}') > 1\", effects: {{trust: 3}}, "
            f"set: {{calls: \"calls + 1\", met: true}}, quality: good, next: {nxt}}}, "
            f"{{id: c, text: {{nl: Bel, en: Call}}, if: \"chose('s{i}', 'a')\", next: {alt}}}]}}"
        )
    return ("\n".join(out) + "\n").encode()


def measure(scenes: int, repeats: int = 3) -> dict[str, float]:
    """Best-of-n seconds for each stage: libyaml's C parser alone, PyYAML's Python events, our located
    reading, the whole load + validate, and the machine build."""
    data = generate(scenes)
    text = data.decode()
    best = dict.fromkeys(("c_parse", "events", "read", "load", "machine"), float("inf"))

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        result = work()
        best[stage] = min(best[stage], time.perf_counter() - start)
        return result

    for _ in range(repeats):
        timed("c_parse", lambda: yaml.CSafeLoader(text).raw_parse())  # C only: no Python object per event
        timed("events", lambda: sum(1 for _event in yaml.parse(text, Loader=yaml.CSafeLoader)))
        with paused_gc():
            timed("read", lambda: yamlread.parse_yaml(text, DiagnosticSink("bench")))
        result = timed("load", lambda: load_bytes(data, Path(f"bench-{scenes}.yaml")))
        assert result.scenario is not None, result.diagnostics[:5]
        timed("machine", lambda: Engine(result.scenario))
    return best


def main() -> None:
    """Print one line per size, where the time goes, and the ratio."""
    yamlread.MAX_FILE_BYTES = 64 * 1024 * 1024  # the 2 MiB limit protects players; the bench measures scaling
    totals = []
    for scenes in (1_000, 10_000):
        t = measure(scenes)
        total = t["load"] + t["machine"]
        totals.append(total)
        print(f"{scenes:>6,} scenes: {total:6.3f} s total = load+validate {t['load']:.3f} s + machine build "
              f"{t['machine']:.3f} s")
        print(f"        where it goes: libyaml's C parser {t['c_parse']:.3f} s; PyYAML's events (C parser + "
              f"Python objects) {t['events']:.3f} s; located reading {t['read']:.3f} s; model, checks and "
              f"expressions {t['load'] - t['read']:.3f} s")
    print(f"10k total: {totals[1]:.3f} s (floor: < 1.5 s); ratio 10k/1k: {totals[1] / totals[0]:.1f} "
          "(floor: <= 12; linear is 10)")


if __name__ == "__main__":
    main()
