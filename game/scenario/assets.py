"""Resolving asset paths named in scenarios, never outside their two folders."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ASSET_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
GAME_ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class AssetProblem:
    """Why an asset reference was refused: a diagnostic code, message and hint (in English, and in Dutch)."""

    code: str
    message: str
    hint: str
    message_nl: str = ""
    hint_nl: str = ""


class AssetResolver:
    """Finds assets next to the scenario file first, then in the game's assets folder."""

    def __init__(self, scenario_dir: Path, assets_dir: Path = GAME_ASSETS_DIR) -> None:
        """Prepare to resolve references for a scenario in `scenario_dir`."""
        self.roots = [scenario_dir.resolve(), assets_dir.resolve()]
        self._cache: dict[str, Path | AssetProblem] = {}

    def resolve(self, ref: str) -> Path | AssetProblem:
        """The real path of `ref`, or the reason it is refused."""
        cached = self._cache.get(ref)
        if cached is None:
            cached = self._cache[ref] = self._resolve(ref)
        return cached

    def _resolve(self, ref: str) -> Path | AssetProblem:
        """Uncached resolution of one reference."""
        if not ref.strip():
            return AssetProblem("WB501", "the asset path is empty", "name a file, e.g. portraits/mayor.svg",
                                "het pad naar het plaatje is leeg", "noem een bestand, bijvoorbeeld portraits/mayor.svg")
        if "\\" in ref:
            return AssetProblem("WB501", f"the asset path '{ref}' uses backslashes",
                                "write folders with forward slashes, e.g. portraits/mayor.svg",
                                f"het pad '{ref}' bevat achterwaartse schuine strepen (\\)",
                                "schrijf mappen met gewone schuine strepen (/), bijvoorbeeld portraits/mayor.svg")
        pure = PurePosixPath(ref)
        if pure.is_absolute() or _DRIVE.match(ref):
            return AssetProblem("WB501", f"the asset path '{ref}' is absolute",
                                "write it relative to the scenario's folder or assets/, e.g. portraits/mayor.svg",
                                f"het pad '{ref}' is een volledig (absoluut) pad, dat bij een schijf of de hoofdmap "
                                f"begint",
                                "schrijf het pad vanaf de map van het scenario of vanaf assets/, bijvoorbeeld "
                                "portraits/mayor.svg")
        if ".." in pure.parts:
            return AssetProblem("WB501", f"the asset path '{ref}' goes up a folder with '..'",
                                "put the file next to the scenario or in assets/ and name it from there",
                                f"het pad '{ref}' gaat met '..' een map omhoog",
                                "zet het bestand naast het scenario of in assets/ en noem het pad vanaf daar")
        if pure.suffix.lower() not in ASSET_SUFFIXES:
            return AssetProblem("WB504", f"'{ref}' is not an SVG, PNG or JPEG file",
                                "use an .svg, .png or .jpg file",
                                f"'{ref}' is geen SVG-, PNG- of JPEG-bestand", "gebruik een .svg-, .png- of .jpg-bestand")
        outside: Path | None = None
        for root in self.roots:
            candidate = root / pure
            if not candidate.exists():
                continue
            real = candidate.resolve()
            if not real.is_relative_to(root):
                outside = candidate
                continue
            if real.is_file():
                return real
        if outside is not None:
            return AssetProblem("WB503", f"'{ref}' is a link to a file outside the scenario's folder and assets/",
                                "copy the file itself into the scenario's folder or assets/",
                                f"'{ref}' is een snelkoppeling naar een bestand buiten de map van het scenario en assets/",
                                "kopieer het bestand zelf naar de map van het scenario of naar assets/")
        return AssetProblem("WB502", f"the asset '{ref}' was not found",
                            f"looked in {self.roots[0]} and {self.roots[1]}; check the spelling and the folder",
                            f"het plaatje '{ref}' is niet gevonden",
                            f"gezocht in {self.roots[0]} en {self.roots[1]}; controleer de spelling en de map")
