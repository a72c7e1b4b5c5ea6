"""Office tests: the throwaway PostgreSQL cluster (tests/pg_fixtures.py) and the station
fixtures."""

from pg_fixtures import office_dsn, pg_cluster  # noqa: F401
from station_fixtures import (  # noqa: F401
    admin,
    cli_roster_file,
    data_dir,
    engine,
    hc,
    roster,
    station,
)
