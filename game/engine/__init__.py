"""Game engine: the scenario state machine built on transitions (no pygame)."""
