"""The look of the game: palettes (normal and high contrast), type scale and spacing, scaled to the window."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from . import fonts

Color = tuple[int, int, int]

# The reference window every size below is given for; the theme scales it to the real window.
REFERENCE = (1280, 720)
MIN_WINDOW = (1024, 576)
BASE_TEXT_PX = 25

# Type scale: each role's size relative to body text.
TYPE_SCALE: dict[str, float] = {
    "caption": 0.8,
    "small": 0.88,
    "body": 1.0,
    "large": 1.16,
    "h3": 1.3,
    "h2": 1.55,
    "h1": 2.1,
    "display": 2.9,
}

# Spacing steps in reference pixels.
SPACING: dict[str, int] = {"xxs": 2, "xs": 4, "s": 8, "m": 14, "l": 22, "xl": 32, "xxl": 48}


def hex_color(value: str | None, fallback: Color) -> Color:
    """A '#rrggbb' string as an RGB tuple, or `fallback` when it is missing or malformed."""
    if not value or len(value) != 7 or not value.startswith("#"):
        return fallback
    try:
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    except ValueError:
        return fallback


def mix(a: Color, b: Color, t: float) -> Color:
    """The colour `t` of the way from `a` to `b`."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def readable_on(background: Color) -> Color:
    """Black or white, whichever reads better on `background`."""
    r, g, b = background
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return (20, 20, 20) if luminance > 150 else (255, 255, 255)


@dataclass(frozen=True)
class Palette:
    """Every colour the UI uses, by purpose."""

    bg: Color
    surface: Color
    surface_alt: Color
    border: Color
    text: Color
    muted: Color
    primary: Color
    primary_hover: Color
    on_primary: Color
    secondary: Color
    on_secondary: Color
    focus: Color
    good: Color
    bad: Color
    mixed: Color
    shade: Color
    hud: Color
    on_hud: Color
    paper: Color
    ink: Color
    feed_bg: Color
    card: Color
    chat_bg: Color
    chat_header: Color
    bubble_in: Color
    bubble_out: Color
    link: Color
    high_contrast: bool = False
    # a disabled button: its label (still readable on `bg` and on the hatching), its dashed outline, its hatching
    disabled_text: Color = (84, 94, 108)
    disabled_border: Color = (120, 130, 144)
    disabled_hatch: Color = (222, 228, 235)


DEFAULT = Palette(
    bg=(238, 242, 246), surface=(255, 255, 255), surface_alt=(228, 234, 241), border=(196, 205, 216),
    text=(24, 32, 44), muted=(84, 94, 108), primary=(21, 66, 115), primary_hover=(14, 48, 88),
    on_primary=(255, 255, 255), secondary=(221, 230, 240), on_secondary=(21, 66, 115), focus=(255, 182, 18),
    good=(40, 122, 46), bad=(196, 38, 30), mixed=(196, 110, 0), shade=(12, 22, 36),
    hud=(21, 66, 115), on_hud=(255, 255, 255), paper=(253, 251, 245), ink=(30, 30, 34),
    feed_bg=(232, 236, 241), card=(255, 255, 255), chat_bg=(233, 228, 219), chat_header=(16, 94, 84),
    bubble_in=(255, 255, 255), bubble_out=(214, 243, 200), link=(1, 104, 155),
    disabled_text=(84, 94, 108), disabled_border=(120, 130, 144), disabled_hatch=(222, 228, 235),
)

HIGH_CONTRAST = Palette(
    bg=(0, 0, 0), surface=(0, 0, 0), surface_alt=(20, 20, 20), border=(255, 255, 255),
    text=(255, 255, 255), muted=(255, 255, 255), primary=(255, 230, 0), primary_hover=(255, 255, 120),
    on_primary=(0, 0, 0), secondary=(0, 0, 0), on_secondary=(255, 255, 255), focus=(0, 229, 255),
    good=(90, 255, 120), bad=(255, 120, 120), mixed=(255, 200, 80), shade=(0, 0, 0),
    hud=(0, 0, 0), on_hud=(255, 255, 255), paper=(0, 0, 0), ink=(255, 255, 255),
    feed_bg=(0, 0, 0), card=(0, 0, 0), chat_bg=(0, 0, 0), chat_header=(0, 0, 0),
    bubble_in=(0, 0, 0), bubble_out=(0, 0, 0), link=(120, 220, 255), high_contrast=True,
    disabled_text=(190, 190, 190), disabled_border=(190, 190, 190), disabled_hatch=(64, 64, 64),
)


class Theme:
    """Palette, fonts and spacing for one window size and text size."""

    def __init__(self, size: tuple[int, int], text_scale: float = 1.0, high_contrast: bool = False) -> None:
        """Scale the reference design to `size`, with text `text_scale` times larger."""
        self.size = (max(1, size[0]), max(1, size[1]))
        self.scale = max(0.5, min(self.size[0] / REFERENCE[0], self.size[1] / REFERENCE[1]))
        self.text_scale = text_scale
        self.palette = HIGH_CONTRAST if high_contrast else DEFAULT
        self.key = (self.size, text_scale, high_contrast)

    @property
    def rect(self) -> pygame.Rect:
        """The whole window."""
        return pygame.Rect(0, 0, *self.size)

    def px(self, reference_px: float) -> int:
        """A layout length given in reference pixels, scaled to the window (not to the text size)."""
        return max(1, round(reference_px * self.scale))

    def sp(self, step: str) -> int:
        """A spacing step ('xs' … 'xxl') in real pixels."""
        return self.px(SPACING[step])

    def tsp(self, step: str) -> int:
        """A spacing step that also grows with the text size (padding around text)."""
        return max(1, round(SPACING[step] * self.scale * (0.5 + 0.5 * self.text_scale)))

    def text_px(self, role: str) -> int:
        """The pixel size of a type role."""
        return max(8, round(BASE_TEXT_PX * TYPE_SCALE[role] * self.scale * self.text_scale))

    def font(self, role: str = "body", weight: str = "regular") -> pygame.font.Font:
        """The font for a type role in a weight (regular, medium, semibold, bold, italic)."""
        return fonts.get(weight, self.text_px(role))

    def line_height(self, font: pygame.font.Font) -> int:
        """Comfortable line spacing for a font."""
        return max(font.get_linesize(), round(font.get_height() * 1.18))

    def radius(self, reference_px: float = 10) -> int:
        """A corner radius."""
        return self.px(reference_px)

    def border(self) -> int:
        """The width of a panel border (thicker in high contrast)."""
        return self.px(3 if self.palette.high_contrast else 1)

    def focus_width(self) -> int:
        """The width of the keyboard focus ring."""
        return max(3, self.px(4))
