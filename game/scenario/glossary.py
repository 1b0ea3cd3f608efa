"""The built-in glossary of disinformation techniques, in Dutch and English."""

from __future__ import annotations

from .model import Technique, Text


def _t(nl: str, en: str) -> Text:
    """A two-language text."""
    return Text({"nl": nl, "en": en})


BUILTIN_TECHNIQUES: dict[str, Technique] = {
    "impersonation": Technique(
        "impersonation",
        _t("Imitatie", "Impersonation"),
        _t("Zich voordoen als een betrouwbare afzender, zoals de gemeente, om geloofwaardig te lijken.",
           "Posing as a trusted sender, such as the municipality, to seem credible."),
    ),
    "emotion": Technique(
        "emotion",
        _t("Emotie", "Emotion"),
        _t("Angst, woede of verontwaardiging opwekken zodat mensen delen voordat ze nadenken.",
           "Stirring fear, anger or outrage so people share before they think."),
    ),
    "polarization": Technique(
        "polarization",
        _t("Polarisatie", "Polarisation"),
        _t("Groepen tegen elkaar opzetten: wij tegen zij, zodat het midden verdwijnt.",
           "Setting groups against each other, us against them, until the middle ground disappears."),
    ),
    "conspiracy": Technique(
        "conspiracy",
        _t("Complot", "Conspiracy"),
        _t("Een verborgen plan van machtigen suggereren dat alles verklaart en niet te weerleggen is.",
           "Suggesting a hidden plan by the powerful that explains everything and cannot be disproved."),
    ),
    "discrediting": Technique(
        "discrediting",
        _t("Zwartmaken", "Discrediting"),
        _t("Critici, journalisten of instanties aanvallen in plaats van op hun argumenten in te gaan.",
           "Attacking critics, journalists or institutions instead of answering their arguments."),
    ),
    "trolling": Technique(
        "trolling",
        _t("Trollen", "Trolling"),
        _t("Uitlokken en treiteren om een reactie te krijgen en het gesprek te ontsporen.",
           "Baiting and provoking to get a reaction and derail the conversation."),
    ),
    "manipulated_media": Technique(
        "manipulated_media",
        _t("Gemanipuleerde beelden", "Manipulated media"),
        _t("Bewerkte of verzonnen foto's, geluid of video, zoals een deepfake.",
           "Edited or fabricated photos, audio or video, such as a deepfake."),
    ),
    "decontextualisation": Technique(
        "decontextualisation",
        _t("Uit de context", "Decontextualisation"),
        _t("Echt materiaal in een valse context plaatsen, zodat het iets anders lijkt te bewijzen.",
           "Putting real material in a false context so it seems to prove something else."),
    ),
    "astroturfing": Technique(
        "astroturfing",
        _t("Nepbeweging", "Astroturfing"),
        _t("Een schijnbaar spontane beweging van burgers: veel accounts, één afzender.",
           "A seemingly spontaneous grassroots movement: many accounts, one sender."),
    ),
}
