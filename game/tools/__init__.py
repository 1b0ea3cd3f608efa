"""Trainers' tools that work on a loaded scenario: statistics, the scene map, the starter scenario."""
