"""One play of one scenario: the scenario, its engine and how it is being played."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..engine.engine import Engine
from ..scenario.model import Scenario


@dataclass
class Session:
    """A scenario being played, with its engine; `restart` starts it again from the top."""

    scenario: Scenario
    engine: Engine
    facilitator: bool = False
    autosave: bool = False  # kept in the autosave after each decision (not for jumps and developer mode)
    digest: str = ""  # the scenario file's SHA-256 when this play started

    @classmethod
    def start(cls, scenario: Scenario, clock: Callable[[], float], facilitator: bool = False,
              autosave: bool = False, digest: str = "") -> Session:
        """A fresh play of `scenario`."""
        return cls(scenario, Engine(scenario, clock=clock), facilitator, autosave, digest)

    def restart(self) -> Session:
        """A fresh play of the same scenario."""
        return Session(self.scenario, Engine(self.scenario, clock=self.engine.clock), self.facilitator,
                       self.autosave, self.digest)
