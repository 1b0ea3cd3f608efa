"""stats and map: counts that can be checked by hand, diagrams with colours and marks, the layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.loader import load_file
from game.tools.scenemap import RATING_COLOURS, layout_map, to_dot, to_mermaid
from game.tools.stats import count_words, format_stats, scenario_stats

from .conftest import SCENARIOS
from .helpers import scenario_from

SMALL = """\
    format: 1
    id: small
    title: {nl: Klein, en: Small}
    languages: [nl, en]
    meters:
      trust: {label: {nl: V, en: T}, start: 50}
    start: a
    scenes:
      a:
        lines: [{text: {nl: "een twee drie vier", en: "one two three"}}]
        choices:
          - {id: x, text: {nl: Ja, en: "Yes"}, effects: {trust: 10}, next: b}
          - {id: y, text: {nl: Nee, en: "No"}, next: b}
          - {id: z, text: {nl: Klaar, en: Done}, next: fin}
      b:
        type: news
        outlet: Krant
        headline: {nl: Kop, en: Head}
        lede: {nl: "Vijf woorden in deze zin", en: "Five words in this sentence"}
        next:
          - {if: "trust > 55", goto: fin}
          - {goto: loss}
      fin:
        lines: [{text: {nl: Einde, en: End}}]
        ending: {rating: good, title: {nl: Goed, en: Good}, text: {nl: Mooi zo, en: Well done}}
      loss:
        lines: [{text: {nl: Jammer, en: Pity}}]
        ending: {rating: bad, title: {nl: Slecht, en: Bad}, text: {nl: Helaas, en: Alas}}
"""


def test_word_count() -> None:
    """Words with apostrophes and hyphens count once; placeholders count as a word."""
    assert count_words("Het is 's avonds, zo'n e-mail van {spokesperson}!") == 8


def test_stats_of_a_small_scenario(tmp_path: Path) -> None:
    """Paths: fin is reached by z directly and by x/y through b (2), so 3 ways; loss by x/y (2)."""
    stats = scenario_stats(scenario_from(tmp_path, SMALL))
    assert (stats.scenes, stats.choices) == (4, 3)
    assert stats.by_type == {"dialogue": 3, "news": 1}
    endings = {e.scene: e for e in stats.endings}
    assert (endings["fin"].paths, endings["fin"].fewest, endings["fin"].most) == (3, 1, 1)
    assert (endings["loss"].paths, endings["loss"].rating) == (2, "bad")
    assert stats.fewest == 1 and stats.most == 1 and not stats.loops
    # nl words: title 1, lines 4+1+1, choices 3, headline 1, lede 5, endings 2+2 + 1+1 (Goed/Mooi zo, Slecht/Helaas)
    assert stats.words["nl"] == 1 + 4 + 3 + 1 + 5 + 1 + 1 + 1 + 2 + 1 + 1
    # quickest: a (4 + 3 choice words) then z, fin (1 + 1 + 2) at 200 wpm, plus one 10 s decision
    assert stats.minutes_short == pytest.approx(((7 + 4) * 60 / 200 + 10) / 60)


def test_stats_text_states_its_assumptions(tmp_path: Path) -> None:
    """The report names reading speed, decision time and what is left out."""
    scenario = scenario_from(tmp_path, SMALL)
    text = format_stats(scenario, scenario_stats(scenario))
    assert "200 words a minute" in text and "10 seconds per decision" in text
    assert re.search(r"fin\s+good\s+3 ways through the map, 1–1 decisions", text)
    assert "ifs are not checked" in text


def test_stats_caps_and_loops() -> None:
    """A shipped scenario with a loop says so; the cap is shown with a +."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    stats = scenario_stats(scenario, cap=5)
    assert stats.loops
    assert all(e.capped and e.paths == 5 for e in stats.endings)
    assert "5+ ways" in format_stats(scenario, stats) and "loops" in format_stats(scenario, stats)


def test_layout_layers_by_distance(tmp_path: Path) -> None:
    """Layers are breadth-first distances; unreachable scenes go to a last layer; positions are 0.."""
    scenario = scenario_from(tmp_path, SMALL)
    layout = layout_map(scenario)
    layers = {n.scene_id: n.layer for n in layout.nodes}
    assert layers == {"a": 0, "b": 1, "fin": 1, "loss": 2}
    for scene_id, layer, position in layout.nodes:          # unpacks as the documented triple
        assert position in range(layout.layer_sizes()[layer])
    assert ("a", "fin", "z", False, False) in layout.edges
    assert ("b", "fin", "", True, False) in layout.edges
    spots = layout.coordinates(800, 600, margin=50)
    assert spots["a"] == (50, 300) and spots["loss"][0] == 750
    assert layout.scene_at((752, 298), spots, radius=10) == "loss"
    assert layout.scene_at((400, 10), spots, radius=10) is None


def test_layout_marks_back_edges_and_unreachable(tmp_path: Path) -> None:
    """A loop edge is 'back'; a scene nobody leads to is in the last layer and not reachable."""
    scenario = scenario_from(tmp_path, """\
        format: 1
        id: loop
        title: L
        languages: [nl]
        start: a
        scenes:
          a:
            lines: [{text: A}]
            choices:
              - {id: again, text: Nog eens, next: a}
              - {id: onward, text: Door, next: end}
          lost:
            lines: [{text: Weg}]
            next: end
          end:
            lines: [{text: E}]
            ending: {rating: mixed, title: E, text: E}
    """)
    layout = layout_map(scenario)
    assert ("a", "a", "again", False, True) in layout.edges
    assert {n.scene_id: n.layer for n in layout.nodes}["lost"] == 2
    assert not layout.info["lost"].reachable and layout.info["end"].rating == "mixed"


def test_mermaid_has_colours_marks_and_every_edge() -> None:
    """Endings are styled by rating, the quiz and the timer are marked, choices label the edges."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    text = to_mermaid(scenario)
    assert text.startswith("---\ntitle: ") and "stateDiagram-v2" in text
    assert f"classDef s_good fill:{RATING_COLOURS['good']}" in text
    assert "Class s_good_end s_good" in text and "Class s_bad_end s_bad" in text
    assert "Class s_quiz s_quiz" in text and "Class s_chat s_timed" in text
    assert '"quiz — ❓ quiz"' in text and "⏱ 45 s" in text
    assert "s_timeline --> s_chat: check | react_now" in text
    assert "s_chat --> s_chat: ask_again (if …)" in text
    assert "[*] --> s_morning" in text


def test_dot_is_written_directly() -> None:
    """dot: one node per scene with rating colours, dashed conditional edges."""
    scenario = load_file(SCENARIOS / "example.yaml").scenario
    text = to_dot(scenario)
    assert text.startswith("digraph scenario {") and text.rstrip().endswith("}")
    assert text.count(" [label=") >= len(scenario.scenes)
    assert f'fillcolor="{RATING_COLOURS["bad"]}"' in text
    assert 's_chat -> s_chat [label="ask_again", style=dashed, constraint=false];' in text


def test_cli_stats_and_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The commands print, write files, and fail clearly on a broken file."""
    example = str(SCENARIOS / "example.yaml")
    assert main(["stats", example]) == 0
    assert "endings:" in capsys.readouterr().out
    out = tmp_path / "map.mmd"
    assert main(["map", example, "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("---")
    assert main(["map", example, "--format", "dot"]) == 0
    assert capsys.readouterr().out.startswith("digraph")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\n", encoding="utf-8")
    assert main(["stats", str(bad)]) == 1
    assert "WB204" in capsys.readouterr().err
    assert main(["map", str(tmp_path / "missing.yaml")]) == 2


def test_labels_keep_times_readable() -> None:
    """A title like 'Dinsdag, 07:50' stays a time (07.50) in the map; other colons become a dash."""
    from game.tools.scenemap import _clean

    assert _clean("Dinsdag, 07:50") == "Dinsdag, 07.50"
    assert _clean("Let op: nep") == "Let op – nep"
