"""The typed scenario model: what a loaded, validated scenario file contains."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Union

from .expressions import Expression

Pos = tuple[int, int]
Value = Union[bool, int, float, str]
SceneType = Literal["dialogue", "feed", "chat", "news", "document"]
SCENE_TYPES: tuple[str, ...] = ("dialogue", "feed", "chat", "news", "document")
RATINGS: tuple[str, ...] = ("good", "mixed", "bad")
QUALITIES: tuple[str, ...] = ("good", "mixed", "poor")


@dataclass(frozen=True)
class Text:
    """A player-facing text in one or more languages; may contain {name} placeholders."""

    by_lang: dict[str, str]

    def get(self, lang: str) -> str:
        """The text in `lang`, else in the first language it has."""
        found = self.by_lang.get(lang)
        if found is not None:
            return found
        return next(iter(self.by_lang.values()), "")


@dataclass(frozen=True)
class Asset:
    """A file a scenario names: as written, and where it was found."""

    ref: str
    path: Path


@dataclass
class Meter:
    """A number the player sees as a bar; every change is clamped to min..max."""

    id: str
    label: Text
    start: float
    min: float = 0
    max: float = 100
    good: Literal["high", "low"] = "high"
    hidden: bool = False
    pos: Pos = (0, 0)


@dataclass
class Flag:
    """A hidden variable: boolean, integer or string."""

    id: str
    start: Value
    pos: Pos = (0, 0)


@dataclass
class Character:
    """A recurring person: display name, role, portrait and colour."""

    id: str
    name: str
    role: Text | None = None
    portrait: Asset | None = None
    color: str | None = None


@dataclass
class Line:
    """One line of dialogue or narration (speaker None)."""

    speaker: str | None
    text: Text


@dataclass
class Post:
    """A social-media post in a feed scene."""

    author: str
    handle: str
    text: Text
    likes: int = 0
    shares: int = 0
    replies: int = 0
    image: Asset | None = None
    technique: str | None = None
    fake: bool = False
    verified: bool = False


@dataclass
class Message:
    """A chat message; `sender` is a character id when `is_character`."""

    sender: str
    is_character: bool
    text: Text
    time: str


@dataclass
class Branch:
    """One candidate destination: taken when `condition` is None or true."""

    goto: str
    condition: Expression | None = None
    pos: Pos = (0, 0)
    condition_pos: Pos = (0, 0)


@dataclass
class Choice:
    """A choice the player can take in a scene."""

    index: int
    id: str | None
    text: Text
    next: list[Branch]
    condition: Expression | None = None
    effects: dict[str, float] = field(default_factory=dict)
    sets: dict[str, Expression | Value] = field(default_factory=dict)
    quality: str | None = None
    correct: bool | None = None
    feedback: Text | None = None
    pos: Pos = (0, 0)
    condition_pos: Pos = (0, 0)

    @property
    def key(self) -> str:
        """The choice's id, or '#N' (1-based position) when it has none."""
        return self.id if self.id is not None else f"#{self.index + 1}"


@dataclass
class Timer:
    """An urgent choice: after `seconds`, the choice `choice` is taken."""

    seconds: float
    choice: str


@dataclass
class Ending:
    """What reaching an ending scene means."""

    rating: str
    title: Text
    text: Text


@dataclass
class Scene:
    """One scene: its content and exactly one way on (choices, next or ending)."""

    id: str
    type: str = "dialogue"
    title: Text | None = None
    background: Asset | None = None
    lines: list[Line] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    app: str | None = None
    outlet: str | None = None
    headline: Text | None = None
    lede: Text | None = None
    body: Text | None = None
    image: Asset | None = None
    heading: Text | None = None
    letterhead: str | None = None
    letterhead_logo: Asset | None = None
    signature: str | None = None
    note: Text | None = None
    choices: list[Choice] = field(default_factory=list)
    next: list[Branch] | None = None
    ending: Ending | None = None
    quiz: bool = False
    timer: Timer | None = None
    pos: Pos = (0, 0)

    def successors(self) -> list[str]:
        """Every scene id this scene can lead to, in order, without duplicates."""
        seen: dict[str, None] = {}
        for branch in self.next or []:
            seen[branch.goto] = None
        for choice in self.choices:
            for branch in choice.next:
                seen[branch.goto] = None
        return list(seen)

    def choice_by_id(self, choice_id: str) -> Choice | None:
        """The choice with this id (or '#N' key), if any."""
        return next((c for c in self.choices if c.key == choice_id), None)


@dataclass
class Technique:
    """A disinformation technique from the glossary."""

    id: str
    name: Text
    explanation: Text
    builtin: bool = True


@dataclass
class Debrief:
    """Discussion questions, takeaways and sources for after play."""

    questions: list[Text] = field(default_factory=list)
    takeaways: list[Text] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass
class Scenario:
    """A whole loaded scenario."""

    path: Path
    id: str
    title: Text
    languages: list[str]
    start: str
    scenes: dict[str, Scene]
    summary: Text | None = None
    minutes: float | None = None
    techniques: list[str] = field(default_factory=list)
    meters: dict[str, Meter] = field(default_factory=dict)
    flags: dict[str, Flag] = field(default_factory=dict)
    characters: dict[str, Character] = field(default_factory=dict)
    debrief: Debrief = field(default_factory=Debrief)
    glossary: dict[str, Technique] = field(default_factory=dict)

    @property
    def default_language(self) -> str:
        """The scenario's first language."""
        return self.languages[0]

    def technique(self, technique_id: str) -> Technique | None:
        """A technique from this scenario's glossary or the built-in one."""
        from .glossary import BUILTIN_TECHNIQUES

        return self.glossary.get(technique_id) or BUILTIN_TECHNIQUES.get(technique_id)
