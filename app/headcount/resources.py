"""Where the bundled resources (models, translations, icons) live.

Order: ``HEADCOUNT_RESOURCES``; a PyInstaller bundle (``sys._MEIPASS/resources``);
the source checkout (``<repo>/resources``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    env = os.environ.get("HEADCOUNT_RESOURCES")
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def models_dir() -> Path:
    return resources_dir() / "models"
