"""GUI test fixtures: a real demo station (SQLite file, encrypted templates, consent
records) copied fresh for each test, demo templates, and a window factory.

Runs offscreen (tests/conftest.py sets QT_QPA_PLATFORM=offscreen). Nothing from
../shared: faces come from the public-domain photos scikit-image and matplotlib ship.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from headcount.gui.backend import User
from headcount.gui.station_backend import StationBackend

ADMIN = User("admin", "admin")
OPERATOR = User("teacher", "operator")


@pytest.fixture(autouse=True)
def _no_log_left() -> Iterator[None]:
    """A window's controller starts the station's diagnostic log; each test ends it."""
    yield
    from headcount.store import logfile

    logfile.stop()
    logfile.listeners.clear()


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return ["headcount-tests"]


@pytest.fixture(autouse=True)
def _english(qapp: Any) -> Iterator[None]:
    from headcount.gui.qt import ensure_cjk_font, set_language

    ensure_cjk_font(qapp)
    set_language("en")
    yield
    set_language("en")


@pytest.fixture(scope="session")
def demo_templates() -> dict[str, np.ndarray]:
    """Templates of the two demo photos (number -> 128-D), computed once."""
    from headcount.gui.demo import demo_photos
    from headcount.vision.pipeline import FacePipeline

    out = {}
    with FacePipeline(mode="entrance", threads=1) as pipe:
        for number, photo in demo_photos().items():
            result = pipe.enrol_image(photo)
            assert result.ok, (number, result.reasons)
            out[number] = result.template
    return out


@pytest.fixture(scope="session")
def demo_template_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo station built once (users, notice, ten people, consents, sessions)."""
    from headcount.gui.demo import build_demo_station

    folder = tmp_path_factory.mktemp("demo-station")
    build_demo_station(folder, "en").close()
    return folder


@pytest.fixture
def backend(demo_template_folder: Path, tmp_path: Path) -> Iterator[StationBackend]:
    """A copy of the demo station: an open exam (room 301, six people) and room 302."""
    from headcount.gui.demo import build_demo_backend

    folder = tmp_path / "demo"
    shutil.copytree(demo_template_folder, folder)
    b: StationBackend = build_demo_backend(folder, "en")
    yield b
    b.st.close()


@pytest.fixture
def enrolled(backend: StationBackend, demo_templates: dict[str, np.ndarray]) -> StationBackend:
    people = {p.number: p for p in backend.people()}
    for number, template in demo_templates.items():
        outcome = backend.enrol_template(people[number].id, template, user=ADMIN,
                                         source="test")
        assert outcome.ok, outcome
    return backend


def person(backend: StationBackend, number: str) -> Any:
    return next(p for p in backend.people() if p.number == number)


@pytest.fixture
def make_window(qtbot: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    from headcount.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(backend: StationBackend, user: User = ADMIN, **kw: Any) -> MainWindow:
        w = MainWindow(backend, user, **kw)
        # Runs before the backend fixture closes the station (added later, run first):
        # the window's task thread and feeds are done by then.
        request.node.addfinalizer(w.close)
        qtbot.addWidget(w)
        windows.append(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        w.confirm = lambda title, text: True  # type: ignore[method-assign]
        # Generous: on a loaded machine the first load (models, templates) takes a while.
        qtbot.waitUntil(lambda: w.session is not None, timeout=20000)
        return w

    yield make
    for w in windows:
        w.stop_feeds()
