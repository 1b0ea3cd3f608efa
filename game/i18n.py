"""The game's own words (not the scenarios'), in Dutch and English."""

from __future__ import annotations

UI_LANGUAGES = ("nl", "en")

STRINGS: dict[str, dict[str, str]] = {
    "choices": {"nl": "Wat doe je?", "en": "What do you do?"},
    "choose_prompt": {"nl": "Kies een nummer (q = stoppen): ", "en": "Choose a number (q = quit): "},
    "not_a_choice": {"nl": "Dat is geen keuze. Typ een nummer van 1 tot {n}.",
                     "en": "That is not a choice. Type a number from 1 to {n}."},
    "press_enter": {"nl": "(Enter om verder te gaan)", "en": "(Press Enter to continue)"},
    "feedback": {"nl": "Terugkoppeling", "en": "Feedback"},
    "meters": {"nl": "Meters", "en": "Meters"},
    "right": {"nl": "Goed!", "en": "Correct!"},
    "wrong": {"nl": "Niet goed.", "en": "Not quite."},
    "timer": {"nl": "Let op: dit is urgent ({seconds} seconden).", "en": "Note: this is urgent ({seconds} seconds)."},
    "ending": {"nl": "Einde", "en": "Ending"},
    "rating_good": {"nl": "Goed afgelopen", "en": "A good outcome"},
    "rating_mixed": {"nl": "Wisselend resultaat", "en": "A mixed outcome"},
    "rating_bad": {"nl": "Slecht afgelopen", "en": "A bad outcome"},
    "debrief": {"nl": "Nabespreking", "en": "Debrief"},
    "your_decisions": {"nl": "Jouw beslissingen", "en": "Your decisions"},
    "quality_good": {"nl": "sterke keuze", "en": "strong choice"},
    "quality_mixed": {"nl": "twijfelachtige keuze", "en": "debatable choice"},
    "quality_poor": {"nl": "zwakke keuze", "en": "weak choice"},
    "timed_out": {"nl": "(tijd verstreken)", "en": "(time ran out)"},
    "techniques_seen": {"nl": "Technieken die je zag", "en": "Techniques you saw"},
    "quiz_score": {"nl": "Quiz: {right} van {asked} goed", "en": "Quiz: {right} of {asked} right"},
    "questions": {"nl": "Vragen om te bespreken", "en": "Questions to discuss"},
    "takeaways": {"nl": "Lessen", "en": "Takeaways"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "narrator": {"nl": "Verteller", "en": "Narrator"},
    "fake": {"nl": "nep", "en": "fake"},
    "verified": {"nl": "geverifieerd", "en": "verified"},
    "likes": {"nl": "vind-ik-leuks", "en": "likes"},
    "shares": {"nl": "keer gedeeld", "en": "shares"},
    "replies": {"nl": "reacties", "en": "replies"},
    "stopped": {"nl": "Gestopt.", "en": "Stopped."},
    "no_choice": {"nl": "Deze scène biedt geen keuze in deze situatie: een fout in het scenario.",
                  "en": "This scene offers no choice in this situation: a mistake in the scenario."},
    "signed": {"nl": "Ondertekend", "en": "Signed"},
    "facilitator_note": {"nl": "Notitie voor de trainer", "en": "Facilitator note"},
}


def tr(key: str, lang: str, **values: object) -> str:
    """The game's text `key` in `lang` (Dutch when the language is unknown), with {values} filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["nl"]
    return text.format(**values) if values else text
