"""Weerbaar: a serious game about disinformation aimed at Dutch municipalities."""

__version__ = "0.1.0"
