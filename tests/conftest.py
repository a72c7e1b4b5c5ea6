"""Fixtures shared by every test folder.

Real faces from ../shared/faces are optional: tests that need them use the
``shared_faces`` fixture and are skipped when the folder is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from pg_fixtures import office_dsn, pg_cluster  # noqa: F401  (one school server per run)

REPO = Path(__file__).resolve().parents[1]
SHARED_FACES = Path(os.environ.get("HEADCOUNT_SHARED_FACES", REPO.parent / "shared" / "faces"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HEADCOUNT_LANG", "en")


@pytest.fixture(scope="session")
def shared_faces() -> Path:
    if not SHARED_FACES.is_dir():
        pytest.skip("../shared/faces is not here (optional real-face data)")
    return SHARED_FACES


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """scikit-image's public-domain astronaut photo (Eileen Collins), RGB uint8 512x512."""
    from skimage import data

    return np.ascontiguousarray(data.astronaut())


@pytest.fixture(scope="session")
def grace_hopper() -> np.ndarray:
    """Public-domain portrait of Grace Hopper shipped by matplotlib, RGB uint8 600x512."""
    import cv2
    from matplotlib import cbook

    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    return np.ascontiguousarray(cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB))
