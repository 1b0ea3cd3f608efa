"""Scenario model, loader, expressions and validation (no pygame)."""
