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

    @classmethod
    def start(cls, scenario: Scenario, clock: Callable[[], float], facilitator: bool = False) -> Session:
        """A fresh play of `scenario`."""
        return cls(scenario, Engine(scenario, clock=clock), facilitator)

    def restart(self) -> Session:
        """A fresh play of the same scenario."""
        return Session(self.scenario, Engine(self.scenario, clock=self.engine.clock), self.facilitator)
