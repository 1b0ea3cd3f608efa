"""Session results for the trainer: a readable Markdown debrief and the same data as JSON."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from .i18n import tr

if TYPE_CHECKING:  # the export folder is looked up by the menu, which should not load the engine for it
    from .engine.engine import Engine

EXPORT_ENV = "WEERBAAR_EXPORT_DIR"


def _votes(engine: Engine, scene: Any, votes: dict[str, int] | None, lang: str) -> list[dict[str, Any]] | None:
    """A group's show of hands at a decision, most hands first: choice key, its text, hands."""
    if votes is None:
        return None
    rows = []
    for key, hands in votes.items():
        choice = scene.choice_by_id(key)
        rows.append({"choice": key, "choice_text": engine.text(choice.text, lang) if choice else key, "hands": hands})
    return sorted(rows, key=lambda row: -row["hands"])


def session_data(engine: Engine, lang: str, played_at: datetime, group: bool = False) -> dict[str, Any]:
    """Everything a debrief needs, as plain JSON-ready data; `group` when a group played it with a trainer."""
    scenario = engine.scenario
    state = engine.state
    ending = engine.ending
    decisions = []
    for number, decision in enumerate(state.history, 1):
        scene = scenario.scenes[decision.scene]
        choice = scene.choice_by_id(decision.choice)
        decisions.append({
            "number": number,
            "scene": decision.scene,
            "scene_label": engine.scene_label(decision.scene, lang),
            "choice": decision.choice,
            "choice_text": engine.text(choice.text, lang) if choice else decision.choice,
            "quality": choice.quality if choice else None,
            "correct": decision.correct,
            "timed_out": decision.timed_out,
            "seconds": decision.seconds,
            "feedback": engine.text(choice.feedback, lang) if choice and choice.feedback else None,
            "meters_after": decision.meters_after,
            "votes": _votes(engine, scene, decision.votes, lang),
        })
    return {
        "scenario": scenario.id,
        "title": scenario.title.get(lang),
        "language": lang,
        "played_at": played_at.isoformat(timespec="seconds"),
        "group": group,
        "ending": state.scene if ending else None,
        "ending_title": engine.text(ending.title, lang) if ending else None,
        "rating": ending.rating if ending else None,
        "meters": {m.id: {"label": m.label.get(lang), "start": m.start, "end": state.meters[m.id], "good": m.good}
                   for m in scenario.meters.values() if not m.hidden},
        "decisions": decisions,
        "quiz": {"right": state.quiz_right, "asked": state.quiz_asked},
        "techniques_seen": [
            {"id": t, "name": tech.name.get(lang), "explanation": tech.explanation.get(lang)}
            for t in engine.techniques_seen() if (tech := scenario.technique(t)) is not None
        ],
        "questions": [engine.text(q, lang) for q in scenario.debrief.questions],
        "takeaways": [engine.text(t, lang) for t in scenario.debrief.takeaways],
        "sources": list(scenario.debrief.sources),
    }


def session_markdown(data: dict[str, Any]) -> str:
    """The session as a Markdown document to print or share after the training."""
    lang = data["language"]
    out = [f"# {tr('debrief', lang)}: {data['title']}", "", f"_{data['played_at'].replace('T', ' ')}_", ""]
    if data["ending"]:
        out += [f"**{tr('ending', lang)}:** {data['ending_title']} ({tr('rating_' + data['rating'], lang)})", ""]
    if data["meters"]:
        out += [f"## {tr('meters', lang)}", ""]
        out += [f"- {m['label']}: {m['start']:g} → {m['end']:g}" for m in data["meters"].values()]
        out.append("")
    out += [f"## {tr('group_decisions' if data.get('group') else 'your_decisions', lang)}", ""]
    for d in data["decisions"]:
        extras = [tr("quality_" + d["quality"], lang)] if d["quality"] else []
        if d["correct"] is not None:
            extras.append(tr("right", lang) if d["correct"] else tr("wrong", lang))
        if d["timed_out"]:
            extras.append(tr("timed_out", lang))
        extras.append(f"{d['seconds']:.0f} s")
        out.append(f"{d['number']}. **{d['scene_label']}**: {d['choice_text']} ({', '.join(extras)})")
        if d.get("votes"):
            hands = "; ".join(f"{v['hands']} × {v['choice_text']}" for v in d["votes"])
            out.append(f"   {tr('the_room_voted', lang)}: {hands}")
        if d["feedback"]:
            out.append(f"   {d['feedback']}")
    out.append("")
    if data["quiz"]["asked"]:
        out += [tr("quiz_score", lang, **data["quiz"]), ""]
    for key, heading in (("techniques_seen", "techniques_seen"), ("questions", "questions"),
                         ("takeaways", "takeaways"), ("sources", "sources")):
        items = data[key]
        if not items:
            continue
        out += [f"## {tr(heading, lang)}", ""]
        for item in items:
            out.append(f"- **{item['name']}**: {item['explanation']}" if isinstance(item, dict) else f"- {item}")
        out.append("")
    return "\n".join(out)


def export_folder() -> Path:
    """Where exports go: $WEERBAAR_EXPORT_DIR, else a Weerbaar folder in the user's documents."""
    configured = os.environ.get(EXPORT_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_documents_dir()) / "Weerbaar"


def export_session(engine: Engine, lang: str, folder: Path | None = None,
                   played_at: datetime | None = None, group: bool = False) -> tuple[Path, Path]:
    """Write the session as Markdown and JSON; returns both paths (never overwrites an earlier export)."""
    played_at = played_at or datetime.now()
    folder = folder or export_folder()
    folder.mkdir(parents=True, exist_ok=True)
    data = session_data(engine, lang, played_at, group)
    stem = f"{played_at:%Y-%m-%d-%H%M}-{re.sub(r'[^a-z0-9-]', '', engine.scenario.id)}"
    base, number = folder / stem, 1
    while base.with_suffix(".md").exists() or base.with_suffix(".json").exists():
        number += 1
        base = folder / f"{stem}-{number}"
    markdown, data_path = base.with_suffix(".md"), base.with_suffix(".json")
    markdown.write_text(session_markdown(data), encoding="utf-8")
    data_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return markdown, data_path
