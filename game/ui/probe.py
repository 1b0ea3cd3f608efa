"""A layout probe for tests: records where text and scroll views were laid out, in pixels."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame


@dataclass
class TextRecord:
    """One block of text: its drawn rectangle, the box it belongs in and the surface it was drawn on."""

    text: str
    rect: pygame.Rect
    box: pygame.Rect
    surface: pygame.Rect


@dataclass
class ViewRecord:
    """One layer put on screen: where it shows, how tall its content is, how far it can scroll."""

    name: str
    viewport: pygame.Rect
    content_height: int
    scroll_max: int
    screen: pygame.Rect


@dataclass
class Probe:
    """Collects records while `active` (only tests switch it on)."""

    active: bool = False
    texts: list[TextRecord] = field(default_factory=list)
    views: list[ViewRecord] = field(default_factory=list)

    def clear(self) -> None:
        """Forget everything recorded."""
        self.texts.clear()
        self.views.clear()


PROBE = Probe()


def record_text(text: str, rect: pygame.Rect, box: pygame.Rect, surface: pygame.Surface) -> None:
    """Note a block of text drawn at `rect` that must stay inside `box` on `surface`."""
    if PROBE.active:
        bounds = surface.get_rect()
        if surface.get_clip() != bounds:
            # drawn into a clipped scroll view: its reach is checked through the view's record
            bounds = bounds.union(box)
        PROBE.texts.append(TextRecord(text, pygame.Rect(rect), pygame.Rect(box), bounds))


def record_view(name: str, viewport: pygame.Rect, content_height: int, scroll_max: int,
                screen: pygame.Surface) -> None:
    """Note a layer shown in `viewport` whose content is `content_height` tall and scrolls up to `scroll_max`."""
    if PROBE.active:
        PROBE.views.append(ViewRecord(name, pygame.Rect(viewport), content_height, scroll_max, screen.get_rect()))


def record_placement(name: str, rect: pygame.Rect, bounds: pygame.Rect) -> None:
    """Note a laid-out piece (a card, a button) that must stay inside `bounds` (same coordinates)."""
    if PROBE.active:
        PROBE.texts.append(TextRecord(f"[{name}]", pygame.Rect(rect), pygame.Rect(bounds), pygame.Rect(bounds)))
