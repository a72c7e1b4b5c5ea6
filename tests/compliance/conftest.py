from station_fixtures import admin, data_dir, engine, hc, roster, station  # noqa: F401
