"""The game state: plain data that serialises to JSON and back exactly."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..scenario.model import Value

STATE_VERSION = 1


@dataclass
class Decision:
    """One choice the player took, with what it changed."""

    scene: str
    choice: str
    index: int
    seconds: float
    timed_out: bool
    meters_before: dict[str, float]
    meters_after: dict[str, float]
    correct: bool | None = None
    votes: dict[str, int] | None = None  # a group's show of hands: choice key -> hands, when the trainer counted

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        """Rebuild from `to_dict` output."""
        return cls(**data)


@dataclass
class GameState:
    """Everything that changes during play; the scenario itself is not part of it."""

    scenario: str
    scene: str
    meters: dict[str, float]
    flags: dict[str, Value]
    visits: dict[str, int] = field(default_factory=dict)
    chosen: list[tuple[str, str]] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    history: list[Decision] = field(default_factory=list)
    quiz_right: int = 0
    quiz_asked: int = 0
    ended: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary."""
        data = asdict(self)
        data["chosen"] = [list(pair) for pair in self.chosen]
        data["version"] = STATE_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GameState:
        """Rebuild a state from `to_dict` output (after json round trip)."""
        fields = {k: v for k, v in data.items() if k != "version"}
        fields["chosen"] = [tuple(pair) for pair in data.get("chosen", [])]
        fields["history"] = [Decision.from_dict(d) for d in data.get("history", [])]
        return cls(**fields)
