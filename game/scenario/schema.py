"""The JSON Schema (draft 2020-12) of scenario format 1, for editors: `python main.py schema` writes it, and
schema/scenario.schema.json is the committed copy that VS Code's YAML extension reads to complete and
check keys while a trainer types. The loader stays the judge: the schema cannot see across the file
(ids that must exist, a plain text allowed only with one language, expressions), but it knows every key.
"""

from __future__ import annotations

import json
from typing import Any

from .glossary import BUILTIN_TECHNIQUES
from .loader import COMMON_SCENE_KEYS, TYPE_KEYS, TYPE_REQUIRED
from .model import QUALITIES, RATINGS, SCENE_TYPES

SCHEMA_ID = "urn:weerbaar:scenario-format:1"
SCENARIO_ID = "^[a-z0-9-]+$"
SCENE_ID = "^[a-z0-9_]+$"
VAR_ID = "^[a-z_][a-z0-9_]*$"
CHARACTER_ID = "^[a-z0-9_-]+$"
LANG_CODE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"
NOTES = {"^x-": {"description": "Eigen notitie, genegeerd door het spel. / Your own note, ignored by the game."}}


def _ref(name: str) -> dict[str, str]:
    """A reference to a definition."""
    return {"$ref": f"#/$defs/{name}"}


def _obj(properties: dict[str, Any], required: list[str] | None = None, description: str = "",
         notes: bool = True) -> dict[str, Any]:
    """A closed object: only these keys (and x- notes)."""
    schema: dict[str, Any] = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = properties
    if notes:
        schema["patternProperties"] = dict(NOTES)
    schema["additionalProperties"] = False
    if required:
        schema["required"] = required
    return schema


def _d(nl: str, en: str, **extra: Any) -> dict[str, Any]:
    """A schema with a Dutch / English description."""
    return {"description": f"{nl} / {en}", **extra}


def _definitions() -> dict[str, Any]:
    """Every reusable part of the format."""
    text_map = _obj({"nl": {"type": "string", "description": "Nederlands"},
                     "en": {"type": "string", "description": "English"}}, notes=False)
    text_map["patternProperties"] = {LANG_CODE: {"type": "string"}, **NOTES}
    text_map["minProperties"] = 1
    text_map["defaultSnippets"] = [{"label": "nl + en", "body": {"nl": "$1", "en": "$2"}}]
    defs: dict[str, Any] = {
        "text": _d("Een tekst: gewone tekst (alleen bij één taal) of per taal, bijv. {nl: \"...\", en: \"...\"}.",
                   "A text: plain (only with one language) or one per language, e.g. {nl: \"...\", en: \"...\"}.",
                   oneOf=[{"type": "string"}, text_map]),
        "expression": _d("Een voorwaarde of waarde tussen aanhalingstekens, bijv. \"trust < 40 and not met\"; namen "
                         "zijn meters en flags; visited('scene'), chose('scene', 'keuze'); teksten in enkele quotes.",
                         "A condition or value in quotes, e.g. \"trust < 40 and not met\"; names are meters and "
                         "flags; visited('scene'), chose('scene', 'choice'); texts in single quotes.",
                         type="string", minLength=1),
        "scene_id": _d("Het id van een scène (kleine letters, cijfers en _).",
                       "A scene id (lower-case letters, digits and _).", type="string", pattern=SCENE_ID),
        "asset": _d("Een plaatje (.svg, .png of .jpg), naast het scenario of in assets/, bijv. portraits/mayor.svg.",
                    "An image (.svg, .png or .jpg), next to the scenario or in assets/, e.g. portraits/mayor.svg.",
                    type="string", pattern=r"^(?![/\\])(?!.*(^|/)\.\.(/|$))[^\\]+\.([sS][vV][gG]|[pP][nN][gG]|"
                                           r"[jJ][pP][eE]?[gG])$"),
        "meter": _obj({
            "label": _ref("text"),
            "start": _d("Beginwaarde.", "Start value.", type="number"),
            "min": _d("Laagste waarde (standaard 0).", "Lowest value (default 0).", type="number", default=0),
            "max": _d("Hoogste waarde (standaard 100).", "Highest value (default 100).", type="number", default=100),
            "good": _d("Is hoog of laag goed? (standaard high)", "Is high or low good? (default high)",
                       enum=["high", "low"], default="high"),
            "hidden": _d("Niet tonen in beeld.", "Keep it off screen.", type="boolean", default=False),
        }, ["label", "start"], "Een meter: een getal dat de speler als balk ziet. / A meter: a number shown as a bar."),
        "character": _obj({
            "name": _d("Naam (wordt niet vertaald).", "Name (not translated).", type="string"),
            "role": _ref("text"),
            "portrait": _ref("asset"),
            "color": _d("Kleur als \"#rrggbb\" (tussen aanhalingstekens).", "Colour as \"#rrggbb\" (in quotes).",
                        type="string", pattern="^#[0-9a-fA-F]{6}$"),
        }, ["name"]),
        "line": _obj({
            "speaker": _d("Id van een personage; weglaten voor de verteller.",
                          "A character id; leave out for narration.", type="string", pattern=CHARACTER_ID),
            "text": _ref("text"),
        }, ["text"]),
        "post": _obj({
            "author": {"type": "string"},
            "handle": _d("Begint met @.", "Starts with @.", type="string", pattern="^@"),
            "text": _ref("text"),
            "likes": {"type": "integer", "minimum": 0},
            "shares": {"type": "integer", "minimum": 0},
            "replies": {"type": "integer", "minimum": 0},
            "image": _ref("asset"),
            "technique": _d("Id uit de woordenlijst: komt in de nabespreking.",
                            "A glossary id: collected for the debrief.", type="string",
                            examples=sorted(BUILTIN_TECHNIQUES)),
            "fake": {"type": "boolean", "default": False},
            "verified": {"type": "boolean", "default": False},
        }, ["author", "handle", "text"]),
        "message": _obj({
            "from": _d("Id van een personage of een naam.", "A character id or a plain name.", type="string"),
            "text": _ref("text"),
            "time": _d("Tijd als \"09:14\" (tussen aanhalingstekens).", "Time as \"09:14\" (in quotes).",
                       type="string", pattern="^([01]?[0-9]|2[0-3]):[0-5][0-9]$"),
        }, ["from", "text", "time"]),
        "branch": _obj({"if": _ref("expression"), "goto": _ref("scene_id")}, ["goto"],
                       "Een tak: de eerste waarvan de if klopt, wint; de laatste heeft geen if. / "
                       "A branch: the first whose if holds wins; the last has no if."),
        "next": _d("Een scène-id, of een lijst takken.", "A scene id, or a list of branches.",
                   oneOf=[_ref("scene_id"), {"type": "array", "minItems": 1, "items": _ref("branch")}]),
        "choice": _obj({
            "id": _d("Eigen id (voor chose() en testplannen).", "Own id (for chose() and test plans).",
                     type="string", pattern=SCENE_ID),
            "text": _ref("text"),
            "if": _ref("expression"),
            "effects": _d("Meters erbij of eraf, bijv. {trust: 5, reach: -10}.",
                          "Meter changes, e.g. {trust: 5, reach: -10}.", type="object",
                          propertyNames={"pattern": VAR_ID}, additionalProperties={"type": "number"}),
            "set": _d("Flags zetten: true/false, een getal, of een expressie tussen aanhalingstekens "
                      "(tekst dan in enkele quotes: \"'feiten'\").",
                      "Set flags: true/false, a number, or an expression in quotes (text in single quotes: "
                      "\"'facts'\").", type="object", propertyNames={"pattern": VAR_ID},
                      additionalProperties={"type": ["boolean", "number", "string"]}),
            "quality": _d("Jouw oordeel over de keuze, voor de nabespreking.", "Your judgement, for the debrief.",
                          enum=list(QUALITIES)),
            "correct": _d("Alleen in een quiz: is dit antwoord goed?", "Quiz only: is this answer right?",
                          type="boolean"),
            "feedback": _ref("text"),
            "next": _ref("next"),
        }, ["text", "next"]),
        "ending": _obj({"rating": {"enum": list(RATINGS)}, "title": _ref("text"), "text": _ref("text")},
                       ["rating", "title", "text"]),
        "timer": _obj({
            "seconds": _d("Aantal seconden.", "Seconds.", type="number", minimum=1),
            "choice": _d("Id van de keuze die genomen wordt als de tijd om is (zonder if).",
                         "Id of the choice taken when time runs out (one without an if).", type="string",
                         pattern=SCENE_ID),
        }, ["seconds", "choice"]),
        "technique": _obj({"name": _ref("text"), "explanation": _ref("text")}, ["name", "explanation"]),
    }
    defs["choice"]["defaultSnippets"] = [{"label": "choice", "body": {
        "id": "$1", "text": {"nl": "$2", "en": "$3"}, "effects": {}, "next": "$4"}}]
    defs["scene"] = _scene()
    return defs


def _scene() -> dict[str, Any]:
    """A scene: common keys, its type's keys, and exactly one way on."""
    common: dict[str, Any] = {
        "type": _d("Soort scène (standaard dialogue).", "Kind of scene (default dialogue).",
                   enum=list(SCENE_TYPES), default="dialogue"),
        "title": _ref("text"),
        "background": _ref("asset"),
        "lines": {"type": "array", "items": _ref("line")},
        "note": _d("Notitie voor de trainer (alleen in trainersmodus).", "Facilitator note (facilitator mode only).",
                   **_ref("text")),
        "choices": {"type": "array", "minItems": 1, "items": _ref("choice")},
        "next": _ref("next"),
        "ending": _ref("ending"),
        "quiz": _d("Een kennisvraag: elke keuze heeft correct: true/false.",
                   "A knowledge question: every choice has correct: true/false.", type="boolean"),
        "timer": _ref("timer"),
    }
    typed: dict[str, Any] = {
        "posts": {"type": "array", "minItems": 1, "items": _ref("post")},
        "messages": {"type": "array", "minItems": 1, "items": _ref("message")},
        "app": _d("Naam van de app in de kop.", "App name in the header.", type="string"),
        "outlet": _d("Naam van het medium.", "Name of the outlet.", type="string"),
        "headline": _ref("text"), "lede": _ref("text"), "body": _ref("text"), "image": _ref("asset"),
        "heading": _ref("text"), "letterhead": {"type": "string"}, "signature": {"type": "string"},
    }
    assert set(common) == COMMON_SCENE_KEYS and set(typed) == set().union(*TYPE_KEYS.values())
    scene = _obj({**common, **typed}, description="Een scène. / A scene.")
    rules = []
    for kind in SCENE_TYPES:
        condition: dict[str, Any] = {"properties": {"type": {"const": kind}}}
        if kind != "dialogue":
            condition["required"] = ["type"]
        others = sorted(set(typed) - TYPE_KEYS[kind])
        rules.append({"if": condition, "then": {"required": list(TYPE_REQUIRED[kind]),
                                                "properties": {key: False for key in others}}})
    scene["allOf"] = rules
    scene["oneOf"] = [{"required": [way]} for way in ("choices", "next", "ending")]
    return scene


def scenario_schema() -> dict[str, Any]:
    """The whole schema as a dictionary."""
    top = _obj({
        "format": _d("Versie van het formaat: altijd 1.", "Format version: always 1.", const=1),
        "id": _d("Id van het scenario: kleine letters, cijfers en -.", "Scenario id: lower-case letters, digits, -.",
                 type="string", pattern=SCENARIO_ID),
        "title": _ref("text"),
        "summary": _ref("text"),
        "languages": _d("Talen; de eerste is de standaard.", "Languages; the first is the default.", type="array",
                        minItems=1, uniqueItems=True, items={"type": "string", "pattern": LANG_CODE},
                        examples=[["nl", "en"]]),
        "minutes": _d("Geschatte speeltijd in minuten.", "Estimated play time in minutes.", type="number", minimum=1),
        "techniques": _d("Leerdoelen: technieken uit de woordenlijst.", "Learning goals: glossary techniques.",
                         type="array", items={"type": "string", "examples": sorted(BUILTIN_TECHNIQUES)}),
        "meters": _d("Meters, per id.", "Meters, by id.", type="object", propertyNames={"pattern": VAR_ID},
                     additionalProperties=_ref("meter")),
        "flags": _d("Verborgen variabelen met hun beginwaarde: true/false, een heel getal of een tekst.",
                    "Hidden variables with their start value: true/false, a whole number or a text.", type="object",
                    propertyNames={"pattern": VAR_ID}, additionalProperties={"type": ["boolean", "integer", "string"]}),
        "characters": _d("Personages, per id.", "Characters, by id.", type="object",
                         propertyNames={"pattern": CHARACTER_ID}, additionalProperties=_ref("character")),
        "start": _ref("scene_id"),
        "scenes": _d("Scènes, per id.", "Scenes, by id.", type="object", minProperties=1,
                     propertyNames={"pattern": SCENE_ID}, additionalProperties=_ref("scene")),
        "debrief": _obj({
            "questions": {"type": "array", "items": _ref("text")},
            "takeaways": {"type": "array", "items": _ref("text")},
            "sources": {"type": "array", "items": {"type": "string"}},
        }),
        "glossary": _d("Eigen technieken, per id.", "Own techniques, by id.", type="object",
                       propertyNames={"pattern": VAR_ID, "not": {"enum": sorted(BUILTIN_TECHNIQUES)}},
                       additionalProperties=_ref("technique")),
    }, ["format", "id", "title", "languages", "start", "scenes"],
        "Een Weerbaar-scenario (formaat 1); zie docs/authoring.md. / A Weerbaar scenario (format 1); "
        "see docs/authoring.en.md.")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "Weerbaar scenario", **top, "$defs": _definitions()}


def schema_json() -> str:
    """The schema as the text of schema/scenario.schema.json."""
    return json.dumps(scenario_schema(), ensure_ascii=False, indent=2) + "\n"
