"""`python main.py new ID`: a commented starter scenario that validates and shows every feature once,
with a test plan next to it."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..i18n import either

SCENARIO_ID = re.compile(r"^[a-z0-9-]+$")
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "scenario.schema.json"

TEMPLATE = """\
# yaml-language-server: $schema=__SCHEMA__
# Startscenario: vervang de teksten door je eigen verhaal. Elke mogelijkheid van het formaat staat er
# één keer in. Uitleg: docs/authoring.md (English: docs/authoring.en.md).
# Controleren:   python main.py validate __FILE__
# Spelen:        python main.py play __FILE__ --dev
# Testplan:      python main.py test __FILE__
# Tip: regels die met # beginnen zijn commentaar; het spel slaat ze over.

format: 1                      # altijd 1
id: __ID__                     # uniek; kleine letters, cijfers en -
title: {nl: "__TITLE__", en: "__TITLE__"}
summary:                       # korte beschrijving in het scenariomenu
  nl: "Een woordvoerder ziet een gerucht rondgaan. Wat doe je eerst?"
  en: "A spokesperson sees a rumour spreading. What do you do first?"
languages: [nl, en]            # de eerste taal is de standaard
minutes: 10                    # geschatte speeltijd (python main.py stats rekent mee)
techniques: [emotion, fake_expert]   # leerdoelen: technieken uit de woordenlijst
x-auteur: "Jouw naam"          # sleutels die met x- beginnen zijn vrij voor eigen notities

# Meters: getallen die de speler als balk ziet. Effecten tellen op en blijven tussen min en max.
meters:
  trust:  {label: {nl: Vertrouwen, en: Trust}, start: 50, min: 0, max: 100, good: high}
  reach:  {label: {nl: Bereik gerucht, en: Rumour reach}, start: 30, good: low}
  stress: {label: {nl: Stress, en: Stress}, start: 10, hidden: true}   # hidden: niet in beeld

# Flags: verborgen geheugen met een beginwaarde: true/false, een heel getal of een tekst.
flags: {checked: false, calls: 0, answer: ""}

# Personages: kopieer ze uit docs/world.md; speaker: en from: verwijzen naar het id.
characters:
  spokesperson: {name: "Fenna de Vries", role: {nl: Woordvoerder, en: Spokesperson}, portrait: portraits/spokesperson.svg, color: "#1f7a5c"}
  resident: {name: "Ans Veldman", role: {nl: Bewoner, en: Resident}, portrait: portraits/resident.svg, color: "#8a6d3b"}

# Eigen technieken naast de ingebouwde (emotion, impersonation, ...).
glossary:
  fake_expert:
    name: {nl: Nepdeskundige, en: Fake expert}
    explanation: {nl: "Iemand doet zich voor als deskundige om een bewering gewicht te geven.", en: "Someone poses as an expert to give a claim weight."}

start: intro                   # de eerste scène

scenes:
  # Een dialoog: achtergrond, personages die praten, en een verteller (zonder speaker).
  intro:
    type: dialogue
    title: {nl: Maandagochtend, en: Monday morning}
    background: backgrounds/office.svg
    note: {nl: "Vraag de groep: wat doe je als eerste met zo'n bericht?", en: "Ask the group: what do you do first with a post like this?"}
    lines:
      - {text: {nl: "Je komt binnen op het gemeentehuis.", en: "You arrive at the town hall."}}
      - {speaker: spokesperson, text: {nl: "Goedemorgen! Er gaat een bericht rond. Kijk je mee?", en: "Good morning! A post is going round. Will you take a look?"}}
    next: feed                 # next: gaat vanzelf verder

  # Een tijdlijn met berichten; technique: komt terug in de nabespreking.
  feed:
    type: feed
    title: {nl: Tijdlijn, en: Timeline}
    posts:
      - author: "Buurtnieuws"
        handle: "@buurtnieuws"
        text: {nl: "SCHANDE! Morgen gaat het zwembad dicht en niemand wist het. Delen!", en: "DISGRACE! The pool closes tomorrow and nobody knew. Share!"}
        likes: 312
        shares: 120
        replies: 41
        image: images/crowd.svg
        technique: emotion
        fake: true
      - author: "Dr. P. Zwemmer"
        handle: "@zwemexpert"
        text: {nl: "Als deskundige kan ik bevestigen: het water is onveilig.", en: "As an expert I can confirm: the water is unsafe."}
        likes: 88
        technique: fake_expert
        fake: true
      - author: "Gemeente"
        handle: "@gemeente"
        text: {nl: "Het zwembad blijft gewoon open.", en: "The pool stays open as usual."}
        verified: true
    choices:
      - id: check
        text: {nl: "Eerst nagaan wie dit plaatst", en: "First check who posts this"}
        effects: {trust: 5}                          # meters erbij of eraf
        set: {checked: true, calls: "calls + 1"}     # flags: een waarde, of een som tussen aanhalingstekens
        quality: good                                # good, mixed of poor: jouw oordeel
        feedback: {nl: "Eerst verifiëren is verstandig.", en: "Verifying first is wise."}
        next: chat
      - id: share_now
        text: {nl: "Meteen reageren onder het bericht", en: "Reply under the post at once"}
        effects: {reach: 20, trust: -10, stress: 10}
        quality: poor
        feedback: {nl: "Een reactie geeft het bericht juist meer bereik.", en: "A reply gives the post more reach."}
        next: chat

  # Een chat; een timer neemt na de tijd vanzelf de genoemde keuze (die keuze heeft geen if).
  chat:
    type: chat
    app: "Buurtapp"
    messages:
      - {from: resident, text: {nl: "Klopt het dat het zwembad dichtgaat?", en: "Is the pool really closing?"}, time: "09:14"}
      - {from: "Piet (buurman)", text: {nl: "Mijn zus zegt van wel!", en: "My sister says so!"}, time: "09:15"}
    lines:
      - {speaker: spokesperson, text: {nl: "Het bereik staat nu op {reach}.", en: "The reach is now {reach}."}}
    timer: {seconds: 30, choice: wait}
    choices:
      - id: answer
        text: {nl: "Ans antwoorden met de feiten", en: "Answer Ans with the facts"}
        effects: {trust: 10, reach: -10}
        set: {answer: "'facts'"}                     # een tekst in een som: in enkele quotes
        quality: good
        next: news
      - id: wait
        text: {nl: "Niets zeggen en afwachten", en: "Say nothing and wait"}
        effects: {reach: 10}
        quality: mixed
        next: news
      - id: call_again
        text: {nl: "De bron nog eens bellen", en: "Call the source once more"}
        if: "checked and calls < 2"                  # alleen te kiezen als dit klopt
        set: {calls: "calls + 1"}
        effects: {stress: 5}
        quality: mixed
        next: chat

  # Een nieuwsartikel. {{ en }} geven accolades in de tekst.
  news:
    type: news
    outlet: "De Weerdbode"
    headline: {nl: "Zwembad blijft open", en: "Pool stays open"}
    lede: {nl: "Het bericht over de sluiting blijkt onjuist.", en: "The post about the closure turns out to be false."}
    body: {nl: "De gemeente reageert {{zoals altijd}} met de feiten.", en: "The municipality responds {{as always}} with the facts."}
    image: images/council-meeting.svg
    next:                                            # takken: de eerste die klopt, wint; de laatste zonder if
      - {if: "visited('chat') > 1 or chose('chat', 'wait') or stress > 15", goto: memo}
      - {goto: quiz}

  # Een document, bijvoorbeeld een (valse) brief of een memo.
  memo:
    type: document
    letterhead: "Gemeente"
    heading: {nl: "Memo", en: "Memo"}
    body: {nl: "Advies: reageer sneller op vragen van bewoners.", en: "Advice: respond faster to residents' questions."}
    signature: "Fenna de Vries"
    next: quiz

  # Een quizvraag: elke keuze heeft correct:, minstens één is goed.
  quiz:
    quiz: true
    lines:
      - {speaker: spokesperson, text: {nl: "Welke techniek gebruikte het eerste bericht?", en: "Which technique did the first post use?"}}
    choices:
      - id: emotion
        text: {nl: "Emotie", en: "Emotion"}
        correct: true
        feedback: {nl: "Juist: hoofdletters en 'schande' wekken woede op.", en: "Right: capitals and 'disgrace' stir up anger."}
        next: wrapup
      - id: impersonation
        text: {nl: "Imitatie", en: "Impersonation"}
        correct: false
        feedback: {nl: "Nee: het account deed zich niet als de gemeente voor.", en: "No: the account did not pose as the municipality."}
        next: wrapup

  wrapup:
    lines:
      - {speaker: spokesperson, text: {nl: "Dank je. Wat nemen we mee, {spokesperson}?", en: "Thanks. What do we take from this?"}}
    next:
      - {if: "trust >= 65 and reach < 30", goto: good_end}
      - {if: "trust >= 50 or answer == 'facts'", goto: mixed_end}
      - {goto: bad_end}

  # Eindes: rating good, mixed of bad.
  good_end:
    lines: [{text: {nl: "Het gerucht dooft uit.", en: "The rumour dies down."}}]
    ending: {rating: good, title: {nl: Rustig, en: Calm}, text: {nl: "Je verifieerde en gaf de feiten.", en: "You verified and gave the facts."}}
  mixed_end:
    lines: [{text: {nl: "Het gerucht zakt langzaam weg.", en: "The rumour slowly fades."}}]
    ending: {rating: mixed, title: {nl: Wisselend, en: Mixed}, text: {nl: "Het ging redelijk, maar het kon sneller.", en: "It went fairly well, but it could have been quicker."}}
  bad_end:
    lines: [{text: {nl: "Het gerucht blijft rondgaan.", en: "The rumour keeps going round."}}]
    ending: {rating: bad, title: {nl: Onrustig, en: Unsettled}, text: {nl: "Het bericht kreeg meer bereik dan nodig.", en: "The post got more reach than it needed."}}

debrief:
  questions:
    - {nl: "Wanneer is niet reageren de beste reactie?", en: "When is not responding the best response?"}
  takeaways:
    - {nl: "Verifieer eerst, en weeg bereik en schade.", en: "Verify first, and weigh reach and harm."}
  sources:
    - "BZK, Handreiking omgaan met desinformatie, 2022"
"""

PLAN = """\
# Testplan voor __FILE__: python main.py test __FILE__
# Elke run speelt vanaf het begin (of vanaf start:) en controleert onderweg wat je verwacht.
runs:
  - name: "Goed einde: eerst nagaan, dan antwoorden"
    steps:
      - expect: {scene: feed, offered: [check, share_now]}
      - choose: check
      - expect: {scene: chat, flags: {checked: true, calls: 1}, offered: [answer, wait, call_again]}
      - choose: answer
      - expect: {scene: quiz, meters: {trust: 65, reach: "< 30"}}
      - choose: emotion
      - expect: {ending: good_end, rating: good, quiz: {right: 1, asked: 1}}
  - name: "Wisselend einde: afwachten, via het memo"
    steps:
      - choose: check
      - choose: wait
      - expect: {scene: quiz}
      - choose: 2                       # een nummer kiest de zoveelste keuze die te zien is
      - expect: {ending: mixed_end, quiz: {right: 0, asked: 1}}
  - name: "Slecht einde: meteen reageren en afwachten"
    steps:
      - choose: share_now
      - expect: {meters: {reach: 50, trust: 40}, not_offered: [call_again]}
      - choose: wait
      - choose: emotion
      - expect: {ending: bad_end, rating: bad}
  - name: "Nog eens bellen kan maar één keer"
    steps:
      - choose: check
      - choose: call_again
      - expect: {scene: chat, flags: {calls: 2}, not_offered: [call_again]}
  - name: "Springen naar de chat met weinig vertrouwen"
    start: {scene: chat, set: {trust: 30}}
    steps:
      - choose: answer
      - choose: emotion
      - expect: {ending: mixed_end}
"""


class StarterError(ValueError):
    """The id is not valid, or a file would be overwritten."""


def starter_files(scenario_id: str, folder: Path, lang: str = "en") -> dict[Path, str]:
    """The starter scenario and its test plan for `scenario_id` in `folder`, as {path: text}."""
    if not SCENARIO_ID.match(scenario_id):
        raise StarterError(either(lang, f"'{scenario_id}' is not a valid scenario id: use lower-case letters, digits "
                                        "and '-', e.g. rumour-pool",
                                  f"'{scenario_id}' is geen geldig scenario-id: gebruik kleine letters, cijfers en "
                                  "'-', bijvoorbeeld gerucht-zwembad"))
    scenario = folder / f"{scenario_id}.yaml"
    plan = folder / f"{scenario_id}.test.yaml"
    title = scenario_id.replace("-", " ").capitalize()
    shown = scenario.as_posix()
    schema = Path(os.path.relpath(SCHEMA_FILE, folder.resolve())).as_posix()
    fill = {"__ID__": scenario_id, "__TITLE__": title, "__FILE__": shown, "__SCHEMA__": schema}
    texts = {}
    for path, template in ((scenario, TEMPLATE), (plan, PLAN)):
        for key, value in fill.items():
            template = template.replace(key, value)
        texts[path] = template
    return texts


def write_starter(scenario_id: str, folder: Path, lang: str = "en") -> list[Path]:
    """Write the starter files; refuses to overwrite anything (messages in `lang`)."""
    files = starter_files(scenario_id, folder, lang)
    existing = [path for path in files if path.exists()]
    if existing:
        raise StarterError(either(lang, f"{existing[0]} already exists; choose another id or folder",
                                  f"{existing[0]} bestaat al; kies een ander id of een andere map"))
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
