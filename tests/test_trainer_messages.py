"""Messages improved after a trainer's dry run: each typical mistake gets a hint that says how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import load_text

BASE = """\
format: 1
id: demo
title: Demo
languages: [nl]
characters:
  fenna: {name: "Fenna", color: "#1f7a5c"}
start: a
scenes:
  a:
    type: chat
    messages:
      - {from: fenna, text: Hallo, time: "09:14"}
    choices:
      - {id: go, text: Verder, next: b}
  b:
    type: news
    outlet: Krant
    headline: Kop
    lede: "Het gerucht klopt niet."
    ending: {rating: good, title: Einde, text: Klaar}
"""


@pytest.mark.parametrize("old, new, code, line, hint", [
    ('color: "#1f7a5c"', "color: #1f7a5c", "WB103", 6, 'a # on this line starts a comment'),
    ("text: Hallo,", "text: Let op: nep,", "WB103", 12, "inside { } or [ ]"),
    ("    outlet: Krant", "     outlet: Krant", "WB103", 17, "this line starts 5 spaces in, the line above 4"),
    ('time: "09:14"', "time: 9:14", "WB203", 12, 'YAML read 9:14 as the number 554 — put it in quotes: time: "09:14"'),
    ("id: go", "id: on", "WB205", 14, "choose another id, or put it in quotes"),
    ('lede: "Het gerucht klopt niet."', "lede: Let op: nep", "WB103", 19, 'must be put in quotes'),
    ('lede: "Het gerucht klopt niet."', "lede: 's Avonds klopt het niet.", "WB103", 19, "must be put in double quotes"),
    ("text: Hallo,", "text: 't Is mis,", "WB103", 12, "must be put in double quotes"),
    ("    outlet: Krant", "\toutlet: Krant", "WB103", 17, "this line starts with a tab"),
    ('lede: "Het gerucht klopt niet."', 'lede: "Zij zei: "nee""', "WB103", 19, "use single quotes inside"),
    ("text: Hallo,", "text: {nl: Nee, nog niet},", "WB203", 12, "a comma inside { } ends the text"),
    ('      - {from: fenna, text: Hallo, time: "09:14"}',
     '      - {from: fenna, text: Hallo, time: "09:14"}\n     - {from: fenna, text: Hoi, time: "09:15"}', "WB103", 13,
     "this line starts 5 spaces in, the line above 6"),
    ("id: go", "id: Go", "WB205", 14, "did you mean 'go'?"),
    ('      - {from: fenna, text: Hallo, time: "09:14"}', '      - [{from: fenna, text: Hallo, time: "09:14"}',
     "WB103", 12, "this line opens a list or block that it does not close: end it with ]"),
    ("ending: {rating: good, title: Einde, text: Klaar}", 'ending: {rating: good, title: "Einde", text: "Klaar"',
     "WB103", 20, "this line opens a list or block that it does not close: end it with }"),
])
def test_typical_mistake_gets_a_fix(old: str, new: str, code: str, line: int, hint: str, tmp_path: Path) -> None:
    """The mistake is reported at its line with a hint that names the fix (and never the advice about double quotes
    inside quotes unless that is the mistake)."""
    assert load_text(tmp_path, BASE).ok
    result = load_text(tmp_path, BASE.replace(old, new))
    found = [d for d in result.diagnostics if d.code == code]
    assert found and found[0].line == line, [d.format() for d in result.diagnostics]
    assert hint in found[0].format()
    if "single quotes inside" not in hint:
        assert "double quotes inside" not in found[0].format()


def test_ja_nee_get_a_true_false_hint(tmp_path: Path) -> None:
    """`set: {flag: ja}` says that true/false are written true and false."""
    text = BASE.replace("start: a", "flags: {seen: false}\nstart: a").replace(
        "{id: go, text: Verder, next: b}", "{id: go, text: Verder, set: {seen: ja}, next: b}").replace(
        "headline: Kop", "headline: \"Kop {seen}\"")
    found = [d for d in load_text(tmp_path, text).diagnostics if d.code == "WB402"]
    assert found and "true and false are written true and false" in found[0].hint


def test_a_meter_out_of_range_gives_one_error_not_a_cascade(tmp_path: Path) -> None:
    """A bad start value is one error; the meter's uses are not reported as unknown."""
    text = BASE.replace("start: a", "meters: {trust: {label: V, start: 155}}\nstart: a").replace(
        "{id: go, text: Verder, next: b}", "{id: go, text: Verder, effects: {trust: 5}, next: b}").replace(
        "headline: Kop", "headline: \"Kop {trust}\"")
    result = load_text(tmp_path, text)
    assert [d.code for d in result.diagnostics] == ["WB208"]


def test_a_repeated_condition_is_reported_at_each_place_it_is_used(tmp_path: Path) -> None:
    """The loader checks each distinct condition text once, but every use gets its own message and line."""
    text = BASE.replace("      - {id: go, text: Verder, next: b}",
                        "      - {id: go, text: Verder, if: \"trust > 5\", next: b}\n"
                        "      - {id: stay, text: Blijf, if: \"trust > 5\", next: b}")
    result = load_text(tmp_path, text)
    found = [(d.line, d.column) for d in result.diagnostics if d.code == "WB402"]
    assert [line for line, _ in found] == [14, 15], [d.format() for d in result.diagnostics]
    assert found[0][1] != found[1][1]  # each column points into its own line's text


def test_a_repeated_condition_works_at_each_place(tmp_path: Path) -> None:
    """Uses that share a condition text each evaluate it for the state at hand."""
    from game.engine.engine import Engine

    text = BASE.replace("languages: [nl]", "languages: [nl]\nflags: {seen: false}").replace(
        "      - {id: go, text: Verder, next: b}",
        "      - {id: go, text: Verder, if: \"not seen\", next: b}\n"
        "      - {id: stay, text: Blijf, if: \"not seen\", next: b}\n"
        "      - {id: look, text: Kijk, set: {seen: true}, next: a}")
    result = load_text(tmp_path, text)
    assert result.scenario is not None, [d.format() for d in result.diagnostics]
    engine = Engine(result.scenario)
    assert [c.id for c in engine.available_choices()] == ["go", "stay", "look"]
    engine.choose("look")
    assert [c.id for c in engine.available_choices()] == ["look"]


def test_an_unclosed_double_quote_is_reported_where_it_opens(tmp_path: Path) -> None:
    """title: "Demo (no closing quote): YAML reads on for lines; the message points at line 3, not at the fallout."""
    result = load_text(tmp_path, BASE.replace("title: Demo", 'title: "Demo'))
    [found] = [d for d in result.diagnostics if d.code == "WB103"]
    assert (found.line, found.column) == (3, 8), found.format()
    assert "not closed on its line" in found.format() and "niet gesloten" in found.format(lang="nl")


def test_a_legal_text_over_two_lines_is_not_blamed(tmp_path: Path) -> None:
    """A "…" text may continue on the next line; a later, unrelated mistake is reported as before."""
    text = BASE.replace('lede: "Het gerucht klopt niet."', 'lede: "Het gerucht\n      klopt niet."').replace(
        "    outlet: Krant", "     outlet: Krant")
    result = load_text(tmp_path, text)
    [found] = [d for d in result.diagnostics if d.code == "WB103"]
    assert "not closed on its line" not in found.format() and found.line == 17, found.format()


@pytest.mark.parametrize("condition, dutch, english", [
    ("seen en ok", "en", "and"), ("seen of ok", "of", "or"), ("niet seen", "niet", "not")])
def test_dutch_words_for_and_or_not_get_a_precise_hint(tmp_path: Path, condition: str, dutch: str,
                                                         english: str) -> None:
    """Trainers type en/of/niet; the hint names the English word to write instead, in both languages."""
    text = BASE.replace("languages: [nl]", "languages: [nl]\nflags: {seen: false, ok: true}").replace(
        "      - {id: go, text: Verder, next: b}", f'      - {{id: go, text: Verder, if: "{condition}", next: b}}')
    result = load_text(tmp_path, text)
    [found] = [d for d in result.diagnostics if d.code in ("WB401", "WB402")]
    assert f"write {english} instead of {dutch}" in found.format()
    assert f"schrijf {english} in plaats van {dutch}" in found.format(lang="nl")


def test_a_flag_that_starts_as_nee_is_named_as_the_cause(tmp_path: Path) -> None:
    """flags: {checked: nee} makes 'checked' a text; the errors where it is set or tested point back to line 7."""
    text = BASE.replace("languages: [nl]", "languages: [nl]\nflags: {checked: nee}").replace(
        "      - {id: go, text: Verder, next: b}",
        '      - {id: go, text: Verder, set: {checked: true}, next: b}\n'
        '      - {id: look, text: Kijk, if: "not checked", next: b}')
    result = load_text(tmp_path, text)
    found = {d.code: d for d in result.diagnostics}
    assert set(found) == {"WB219", "WB406"}, [d.format() for d in result.diagnostics]
    for diagnostic in found.values():
        assert "starts as the text 'nee' (line 5); for true/false write checked: false there" in diagnostic.format()
        assert "begint als de tekst 'nee' (regel 5)" in diagnostic.format(lang="nl")


def test_a_missing_space_after_a_colon_is_named_on_its_own_line(tmp_path: Path) -> None:
    """outlet:"Krant" (no space): YAML complains later; the message points at the colon and says to add a space."""
    result = load_text(tmp_path, BASE.replace("    outlet: Krant", '    outlet:"Krant"'))
    [found] = result.diagnostics
    assert (found.code, found.line, found.column) == ("WB103", 17, 11), found.format()
    assert "put a space after the colon" in found.format()
    assert "zet een spatie na de dubbele punt" in found.format(lang="nl")


@pytest.mark.parametrize("old, new, english", [
    ("ending: {rating: good,", "ending: {rating: goed,", "good"),
    ("    type: news", "    type: nieuws", "news"),
])
def test_a_dutch_word_for_an_english_one_is_one_message_with_the_word_to_write(
        tmp_path: Path, old: str, new: str, english: str) -> None:
    """rating: goed or type: nieuws: one WB209 that names the English word; no follow-on errors about the scene."""
    result = load_text(tmp_path, BASE.replace(old, new))
    assert [d.code for d in result.diagnostics] == ["WB209"], [d.format() for d in result.diagnostics]
    assert f"schrijf het Engelse woord: '{english}'" in result.diagnostics[0].format(lang="nl")


def test_a_bad_meter_setting_does_not_make_the_meter_unknown(tmp_path: Path) -> None:
    """good: hoog is one error; the effects and conditions that use the meter are not reported as well."""
    text = BASE.replace("languages: [nl]", "languages: [nl]\nmeters:\n  trust: {label: Vertrouwen, start: 50, good: hoog}"
                        ).replace("      - {id: go, text: Verder, next: b}",
                                  '      - {id: go, text: Verder, if: "trust > 10", effects: {trust: 5}, next: b}')
    result = load_text(tmp_path, text)
    assert [d.code for d in result.diagnostics] == ["WB209"], [d.format() for d in result.diagnostics]
    assert "'high'" in result.diagnostics[0].format()


def test_quiz_written_as_ja_is_one_message_not_a_quiz_contradiction(tmp_path: Path) -> None:
    """quiz: ja is reported; the choices' correct: is then not called wrong for 'a scene that is no quiz'."""
    text = BASE.replace("    messages:", "    quiz: ja\n    messages:").replace(
        "      - {id: go, text: Verder, next: b}", "      - {id: go, text: Verder, correct: true, next: b}")
    result = load_text(tmp_path, text)
    assert [d.code for d in result.diagnostics] == ["WB203"], [d.format() for d in result.diagnostics]


@pytest.mark.parametrize("where, written", [("if", "vertrouwen > 5"), ("text", "{vertrouwen}")])
def test_a_meters_label_where_its_id_belongs_gets_the_id(tmp_path: Path, where: str, written: str) -> None:
    """Trainers write the name they see ('Vertrouwen'); the hint names the id to use (trust)."""
    text = BASE.replace("languages: [nl]", "languages: [nl]\nmeters:\n  trust: {label: Vertrouwen, start: 50}")
    if where == "if":
        text = text.replace("      - {id: go, text: Verder, next: b}",
                            f'      - {{id: go, text: Verder, if: "{written}", effects: {{trust: 1}}, next: b}}')
    else:
        text = text.replace("text: Hallo,", f'text: "Hallo {written}",').replace(
            "      - {id: go, text: Verder, next: b}", "      - {id: go, text: Verder, effects: {trust: 1}, next: b}")
    result = load_text(tmp_path, text)
    [found] = result.diagnostics
    wanted = "trust" if where == "if" else "{trust}"
    assert f"did you mean {wanted}?" in found.format() and f"bedoel je {wanted}?" in found.format(lang="nl")


def test_an_unknown_scene_without_a_close_match_lists_the_scenes_in_file_order(tmp_path: Path) -> None:
    """next: kwis (nothing close): the hint lists the scenes, in the order of the file."""
    result = load_text(tmp_path, BASE.replace("      - {id: go, text: Verder, next: b}",
                                              "      - {id: go, text: Verder, next: kwis}"))
    [found] = [d for d in result.diagnostics if d.code == "WB301"]
    assert found.format().endswith("name one of the scenes under scenes: a, b [WB301]")


def test_a_counter_that_only_counts_itself_is_reported_as_unused(tmp_path: Path) -> None:
    """calls: "calls + 1" with calls read nowhere else: WB605 (set but never read); reading it elsewhere clears it."""
    text = BASE.replace("languages: [nl]", "languages: [nl]\nflags: {calls: 0}").replace(
        "      - {id: go, text: Verder, next: b}", '      - {id: go, text: Verder, set: {calls: "calls + 1"}, next: b}')
    result = load_text(tmp_path, text)
    assert [(d.code, d.line) for d in result.diagnostics] == [("WB605", 5)], [d.format() for d in result.diagnostics]
    used = load_text(tmp_path, text.replace('lede: "Het gerucht klopt niet."', 'lede: "Gebeld: {calls} keer."'))
    assert not used.diagnostics, [d.format() for d in used.diagnostics]


def test_an_apostrophe_in_the_other_language_that_closes_a_t_text_is_explained(tmp_path: Path) -> None:
    """{nl: 't Klopt, en: "It's true"}: the Dutch text runs on to it's; the message says so at the opening quote."""
    text = BASE.replace("languages: [nl]", "languages: [nl, en]").replace(
        "text: Hallo,", "text: {nl: 't Klopt, en: \"It's true\"},")
    result = load_text(tmp_path, text)
    found = [d for d in result.diagnostics if d.code == "WB103"]
    assert len(found) == 1 and "runs on to the apostrophe in 'It's'" in found[0].format(), found[0].format()
    assert "loopt door tot de apostrof in 'It's'" in found[0].format(lang="nl")
    assert found[0].line == 12
