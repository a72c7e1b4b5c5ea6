from station_fixtures import admin, data_dir, engine, roster, station  # noqa: F401
