"""Office tests: the station fixtures (the throwaway PostgreSQL cluster, tests/pg_fixtures.py,
comes from tests/conftest.py, so the window's tests share it)."""

from station_fixtures import (  # noqa: F401
    admin,
    cli_roster_file,
    data_dir,
    engine,
    hc,
    roster,
    station,
)
