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

_REQUIRED = {"scenario": str, "title": str, "played_at": str, "decisions": list, "meters": dict, "quiz": dict}


def word(key: str, lang: str, **values: object) -> str:
    """One of the summary's phrases (game/i18n.py, keys sum_*) in `lang`, with {values} filled in."""
    return tr("sum_" + key, lang, **values)


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


@dataclass
class ChoiceCount:
    """How often one choice was made at one decision."""

    text: str
    count: int
    share: float  # of the times this decision was taken, 0..1
    quality: str | None
    timeouts: int
    hands: int = 0  # hands raised for it in the rooms that voted (show of hands, facilitator mode)


@dataclass
class DecisionSummary:
    """One decision point across the sessions: how many reached it, how long they took, what they chose."""

    label: str
    reached: int
    median_seconds: float
    choices: list[ChoiceCount]


@dataclass
class ScenarioSummary:
    """One scenario's sessions, counted: what the trainer discusses after a training."""

    title: str
    sessions: int
    first: str
    last: str
    endings: list[tuple[str, str | None, int]]  # (title, or '' when unfinished; rating; count), most first
    decisions: list[DecisionSummary]
    meters: list[tuple[str, float, float, float, float]]  # label, start, mean end, lowest, highest
    quiz: tuple[float, int, int, int] | None  # mean right, asked, all-right sessions, sessions with a quiz
    questions: list[str]


def summarise(group: list[dict[str, Any]]) -> ScenarioSummary:
    """Count one scenario's sessions (oldest first, as read_sessions sorts them)."""
    total = len(group)
    endings = Counter((d.get("ending") or "", d.get("ending_title") or d.get("ending") or "", d.get("rating"))
                      for d in group)
    ordered_endings = [(title if ending else "", rating if rating in RATINGS else None, count)
                       for (ending, title, rating), count in sorted(endings.items(), key=lambda i: (-i[1], i[0][0]))]
    order: dict[str, float] = {}
    for session in group:
        for decision in session["decisions"]:
            number = decision.get("number", 1e6)
            order[decision["scene"]] = min(order.get(decision["scene"], 1e9),
                                           float(number) if isinstance(number, (int, float)) else 1e6)
    decisions = []
    for scene in sorted(order, key=lambda s: (order[s], s)):
        taken = [d for s in group for d in s["decisions"] if d["scene"] == scene]
        reached = sum(1 for s in group if any(d["scene"] == scene for d in s["decisions"]))
        votes = [v for d in taken for v in (d.get("votes") or []) if isinstance(v, dict)
                 and isinstance(v.get("choice"), str) and isinstance(v.get("hands"), int)]
        counts = Counter(d["choice"] for d in taken)
        hands: Counter[str] = Counter()
        texts = {v["choice"]: str(v.get("choice_text", v["choice"])) for v in votes}
        for vote in votes:
            hands[vote["choice"]] += vote["hands"]
        choices = []
        for choice in sorted(set(counts) | set(hands), key=lambda c: (-counts[c], -hands[c], c)):
            sample = next((d for d in taken if d["choice"] == choice), None)
            quality = sample.get("quality") if sample and sample.get("quality") in QUALITIES else None
            timeouts = sum(1 for d in taken if d["choice"] == choice and d.get("timed_out"))
            text = sample["choice_text"] if sample else texts[choice]
            choices.append(ChoiceCount(text, counts[choice], counts[choice] / len(taken), quality, timeouts,
                                       hands[choice]))
        seconds = statistics.median(float(d.get("seconds", 0)) for d in taken)
        decisions.append(DecisionSummary(taken[0]["scene_label"], reached, seconds, choices))
    meters = []
    for meter_id, meter in group[-1]["meters"].items():
        ends = [float(s["meters"][meter_id]["end"]) for s in group if meter_id in s["meters"]]
        meters.append((str(meter.get("label", meter_id)), float(meter["start"]), statistics.fmean(ends),
                       min(ends), max(ends)))
    asked = [s for s in group if s["quiz"]["asked"]]
    quiz = None
    if asked:
        quiz = (statistics.fmean(s["quiz"]["right"] for s in asked), asked[-1]["quiz"]["asked"],
                sum(1 for s in asked if s["quiz"]["right"] == s["quiz"]["asked"]), len(asked))
    questions = group[-1].get("questions")
    return ScenarioSummary(group[-1]["title"], total, group[0]["played_at"], group[-1]["played_at"],
                           ordered_endings, decisions, meters, quiz,
                           [q for q in questions if isinstance(q, str)] if isinstance(questions, list) else [])


def when_played(summary: ScenarioSummary, lang: str) -> str:
    """'7 sessies, op 28-11-2026' or '7 sessions, from … to …'."""
    first, last = _date(summary.first, lang), _date(summary.last, lang)
    if summary.sessions == 1:
        return word("session", lang, first=first)
    if first == last:
        return word("sessions_one_day", lang, count=summary.sessions, first=first)
    return word("sessions", lang, count=summary.sessions, first=first, last=last)


def ending_name(title: str, rating: str | None, lang: str) -> str:
    """An ending's title with its rating, or 'not finished'."""
    if not title:
        return word("unfinished", lang)
    return f"{title} ({tr('rating_' + rating, lang).lower()})" if rating else title


def meter_lines(summary: ScenarioSummary, lang: str) -> list[str]:
    """'Vertrouwen: begon op 55, eindigde gemiddeld op 21,7 (laagste 0, hoogste 45)', one per meter."""
    return [word("meter_line", lang, label=label, start=_number(start, lang), mean=_number(round(mean, 1), lang),
                 low=_number(low, lang), high=_number(high, lang))
            for label, start, mean, low, high in summary.meters]


def quiz_line(summary: ScenarioSummary, lang: str) -> str | None:
    """The quiz's average and how many sessions had it all right (None without a quiz)."""
    if summary.quiz is None:
        return None
    right, asked, perfect, sessions = summary.quiz
    return word("quiz_line", lang, right=_number(round(right, 1), lang), asked=asked, perfect=perfect,
                total=sessions)


def choice_notes(choice: ChoiceCount, lang: str) -> list[str]:
    """'strong choice', 'time ran out 2×'."""
    notes = [tr("quality_" + choice.quality, lang)] if choice.quality else []
    if choice.timeouts:
        notes.append(word("timed_out", lang, count=choice.timeouts))
    if choice.hands:
        notes.append(word("hands", lang, count=choice.hands))
    return notes


def scenario_markdown(group: list[dict[str, Any]], lang: str) -> list[str]:
    """The summary of one scenario's sessions as Markdown lines."""
    summary = summarise(group)
    total = summary.sessions
    out = [f"## {word('title', lang, title=summary.title)}", "", f"_{when_played(summary, lang)}_", ""]
    out += [f"### {word('endings', lang)}", ""]
    for title, rating, count in summary.endings:
        out.append(f"- {ending_name(title, rating, lang)}: {count}× ({_percent(count, total)})")
    out.append("")
    out += [f"### {word('decisions', lang)}", ""]
    for decision in summary.decisions:
        out.append(f"**{decision.label}** — {word('taken', lang, count=decision.reached, total=total)}, "
                   f"{word('median', lang, seconds=_number(round(decision.median_seconds), lang))}")
        out.append("")
        for choice in decision.choices:
            notes = choice_notes(choice, lang)
            extra = f" _({', '.join(notes)})_" if notes else ""
            out.append(f"- **{word('times', lang, count=choice.count)}** ({round(100 * choice.share)}%) — "
                       f"{choice.text}{extra}")
        out.append("")
    if summary.meters:
        out += [f"### {word('meters', lang)}", ""] + [f"- {line}" for line in meter_lines(summary, lang)] + [""]
    quiz = quiz_line(summary, lang)
    if quiz is not None:
        out += [f"### {word('quiz', lang)}", "", f"- {quiz}", ""]
    if summary.questions:
        out += [f"### {word('questions', lang)}", ""] + [f"- {q}" for q in summary.questions] + [""]
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
