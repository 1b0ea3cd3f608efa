"""Writing a crash's traceback to a log file in the user's data folder."""

from __future__ import annotations

import datetime
import platform
import sys
import tempfile
import traceback
from pathlib import Path

from .settings import data_dir

LOG_NAME = "weerbaar-errors.log"
MAX_LOG_BYTES = 1_000_000


def log_path() -> Path:
    """The error log file."""
    return data_dir() / "logs" / LOG_NAME


def log_exception(exc: BaseException, where: str = "") -> Path | None:
    """Append the traceback of `exc` to the log; the file written, or None when nothing could be written."""
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    entry = (f"=== {stamp} {where}\nPython {sys.version.split()[0]} on {platform.platform()}\n{text}\n")
    for path in (log_path(), Path(tempfile.gettempdir()) / LOG_NAME):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                path.replace(path.with_suffix(".old.log"))
            with path.open("a", encoding="utf-8") as handle:
                handle.write(entry)
            return path
        except OSError:
            continue
    return None
