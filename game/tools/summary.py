"""Group summary: the exported sessions of one scenario side by side, for the trainer's debrief."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n import tr

RATINGS = ("good", "mixed", "bad")
QUALITIES = ("good", "mixed", "poor")
MAX_EXPORT_BYTES = 4 * 1024 * 1024  # an export is a few kB; a larger file is not one of ours

_WORDS = {
    "title": {"nl": "Groepsoverzicht: {title}", "en": "Group summary: {title}"},
    "sessions": {"nl": "{count} sessies, van {first} tot {last}", "en": "{count} sessions, from {first} to {last}"},
    "session": {"nl": "1 sessie, op {first}", "en": "1 session, on {first}"},
    "sessions_one_day": {"nl": "{count} sessies, op {first}", "en": "{count} sessions, on {first}"},
    "endings": {"nl": "Eindes", "en": "Endings"},
    "unfinished": {"nl": "niet uitgespeeld", "en": "not finished"},
    "decisions": {"nl": "Beslissingen", "en": "Decisions"},
    "taken": {"nl": "gekozen in {count} van de {total} sessies", "en": "taken in {count} of {total} sessions"},
    "times": {"nl": "{count}×", "en": "{count}×"},
    "timed_out": {"nl": "{count}× de tijd verstreken", "en": "time ran out {count}×"},
    "median": {"nl": "mediaan {seconds} s bedenktijd", "en": "median {seconds} s to decide"},
    "meters": {"nl": "Meters aan het eind", "en": "Meters at the end"},
    "meter_line": {"nl": "{label}: begon op {start}, eindigde gemiddeld op {mean} (laagste {low}, hoogste {high})",
                   "en": "{label}: started at {start}, ended at {mean} on average (lowest {low}, highest {high})"},
    "quiz": {"nl": "Quiz", "en": "Quiz"},
    "quiz_line": {"nl": "gemiddeld {right} van de {asked} goed; alles goed in {perfect} van de {total} sessies",
                  "en": "{right} of {asked} right on average; all right in {perfect} of {total} sessions"},
    "questions": {"nl": "Om te bespreken", "en": "To discuss"},
    "skipped": {"nl": "Overgeslagen bestanden", "en": "Skipped files"},
    "not_json": {"nl": "geen leesbaar JSON-bestand", "en": "not a readable JSON file"},
    "not_export": {"nl": "geen export van Weerbaar", "en": "not a Weerbaar export"},
    "too_large": {"nl": "te groot voor een export", "en": "too large for an export"},
}
_REQUIRED = {"scenario": str, "title": str, "played_at": str, "decisions": list, "meters": dict, "quiz": dict}


def word(key: str, lang: str, **values: object) -> str:
    """One of this module's phrases in `lang` (Dutch when unknown), with {values} filled in."""
    entry = _WORDS[key]
    text = entry.get(lang) or entry["nl"]
    return text.format(**values) if values else text


@dataclass
class Sessions:
    """Exports read from disk, by scenario id, and the files that were not exports (with the reason)."""

    by_scenario: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many sessions were read."""
        return sum(len(v) for v in self.by_scenario.values())


def export_files(paths: list[Path]) -> list[Path]:
    """The *.json files named by `paths` (folders are searched one level deep), in name order."""
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return found


def read_sessions(paths: list[Path]) -> Sessions:
    """Read every export under `paths`; anything that is not one is skipped with a reason, never raised."""
    sessions = Sessions()
    for path in export_files(paths):
        try:
            if path.stat().st_size > MAX_EXPORT_BYTES:
                sessions.skipped.append((path, "too_large"))
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            sessions.skipped.append((path, "not_json"))
            continue
        if not _is_export(data):
            sessions.skipped.append((path, "not_export"))
            continue
        sessions.by_scenario.setdefault(data["scenario"], []).append(data)
    for group in sessions.by_scenario.values():
        group.sort(key=lambda d: d["played_at"])
    return sessions


def _is_export(data: Any) -> bool:
    """True when `data` has the shape session_data() writes (enough of it to summarise safely)."""
    if not isinstance(data, dict) or any(not isinstance(data.get(k), t) for k, t in _REQUIRED.items()):
        return False
    for decision in data["decisions"]:
        if not isinstance(decision, dict) or not all(isinstance(decision.get(k), str)
                                                     for k in ("scene", "choice", "scene_label", "choice_text")):
            return False
        if not isinstance(decision.get("seconds", 0), (int, float)):
            return False
    for meter in data["meters"].values():
        if not isinstance(meter, dict) or not all(isinstance(meter.get(k), (int, float)) for k in ("start", "end")):
            return False
    return all(isinstance(data["quiz"].get(k), int) for k in ("right", "asked"))


def _date(played_at: str, lang: str) -> str:
    """The day of an ISO timestamp, written the Dutch way (28-11-2026) or ISO for English."""
    day = played_at[:10]
    if lang == "nl" and len(day) == 10 and day[4] == "-" and day[7] == "-":
        return f"{day[8:10]}-{day[5:7]}-{day[:4]}"
    return day


def _number(value: float, lang: str = "en") -> str:
    """A number as people write it: 42, or 42.5 (42,5 in Dutch)."""
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return text.replace(".", ",") if lang == "nl" else text


def _percent(part: int, whole: int) -> str:
    """'40%'."""
    return f"{round(100 * part / whole)}%" if whole else "0%"


def scenario_markdown(group: list[dict[str, Any]], lang: str) -> list[str]:
    """The summary of one scenario's sessions as Markdown lines."""
    total = len(group)
    first, last = _date(group[0]["played_at"], lang), _date(group[-1]["played_at"], lang)
    out = [f"## {word('title', lang, title=group[-1]['title'])}", ""]
    when = word("sessions", lang, count=total, first=first, last=last) if first != last else \
        word("sessions_one_day", lang, count=total, first=first)
    out += [f"_{word('session', lang, first=first) if total == 1 else when}_", ""]

    endings = Counter((d.get("ending"), d.get("ending_title"), d.get("rating")) for d in group)
    out += [f"### {word('endings', lang)}", ""]
    for (ending, title, rating), count in sorted(endings.items(), key=lambda item: (-item[1], str(item[0][0]))):
        name = f"{title} ({tr('rating_' + rating, lang).lower()})" if ending and rating in RATINGS else title or ending
        out.append(f"- {name if ending else word('unfinished', lang)}: {count}× ({_percent(count, total)})")
    out.append("")

    out += [f"### {word('decisions', lang)}", ""]
    order: dict[str, float] = {}
    for session in group:
        for decision in session["decisions"]:
            order[decision["scene"]] = min(order.get(decision["scene"], 1e9), float(decision.get("number", 1e6)))
    for scene in sorted(order, key=lambda s: (order[s], s)):
        taken = [d for s in group for d in s["decisions"] if d["scene"] == scene]
        reached = sum(1 for s in group if any(d["scene"] == scene for d in s["decisions"]))
        label = next(d["scene_label"] for d in taken)
        seconds = statistics.median(float(d.get("seconds", 0)) for d in taken)
        out.append(f"**{label}** — {word('taken', lang, count=reached, total=total)}, "
                   f"{word('median', lang, seconds=_number(round(seconds), lang))}")
        out.append("")
        choices = Counter(d["choice"] for d in taken)
        for choice, count in sorted(choices.items(), key=lambda item: (-item[1], item[0])):
            sample = next(d for d in taken if d["choice"] == choice)
            notes = [tr("quality_" + sample["quality"], lang)] if sample.get("quality") in QUALITIES else []
            timeouts = sum(1 for d in taken if d["choice"] == choice and d.get("timed_out"))
            if timeouts:
                notes.append(word("timed_out", lang, count=timeouts))
            extra = f" _({', '.join(notes)})_" if notes else ""
            out.append(f"- **{word('times', lang, count=count)}** ({_percent(count, len(taken))}) — "
                       f"{sample['choice_text']}{extra}")
        out.append("")

    meters = group[-1]["meters"]
    if meters:
        out += [f"### {word('meters', lang)}", ""]
        for meter_id, meter in meters.items():
            ends = [s["meters"][meter_id]["end"] for s in group if meter_id in s["meters"]]
            out.append("- " + word("meter_line", lang, label=meter.get("label", meter_id),
                                   start=_number(meter["start"], lang), mean=_number(round(statistics.fmean(ends), 1), lang),
                                   low=_number(min(ends), lang), high=_number(max(ends), lang)))
        out.append("")

    asked = [s for s in group if s["quiz"]["asked"]]
    if asked:
        right = statistics.fmean(s["quiz"]["right"] for s in asked)
        perfect = sum(1 for s in asked if s["quiz"]["right"] == s["quiz"]["asked"])
        out += [f"### {word('quiz', lang)}", "",
                "- " + word("quiz_line", lang, right=_number(round(right, 1), lang), asked=asked[-1]["quiz"]["asked"],
                            perfect=perfect, total=len(asked)), ""]

    questions = group[-1].get("questions")
    if isinstance(questions, list) and questions:
        out += [f"### {word('questions', lang)}", ""] + [f"- {q}" for q in questions if isinstance(q, str)] + [""]
    return out


def summary_markdown(sessions: Sessions, lang: str) -> str:
    """Every scenario's summary (the most played first), then the files that were skipped."""
    out: list[str] = []
    for _, group in sorted(sessions.by_scenario.items(), key=lambda item: (-len(item[1]), item[0])):
        out += scenario_markdown(group, lang)
    if sessions.skipped:
        out += [f"## {word('skipped', lang)}", ""]
        out += [f"- {path.name}: {word(reason, lang)}" for path, reason in sessions.skipped]
        out.append("")
    return "\n".join(out)
