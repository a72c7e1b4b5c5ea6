"""A throwaway PostgreSQL cluster (headcount.office.throwaway) for the tests that need the
school server (tests/office, and the station window's link in tests/gui), started once per
session and always stopped; a fresh database per test.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from headcount.errors import BadInput
from headcount.office.throwaway import SUPERUSER_PASSWORD, Cluster, throwaway_cluster
from headcount.office.throwaway import free_port as _free_port

__all__ = ["SUPERUSER_PASSWORD", "Cluster"]


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    try:
        with throwaway_cluster() as cluster:
            yield cluster
    except BadInput as err:
        pytest.fail(str(err))


@pytest.fixture
def office_dsn(pg_cluster: Cluster) -> Iterator[str]:
    """A fresh database per test (cheap: a template copy), dropped afterwards."""
    import psycopg

    name = f"school_{os.getpid()}_{_free_port()}"
    with psycopg.connect(pg_cluster.admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield pg_cluster.admin_dsn.replace("dbname=postgres", f"dbname={name}")
    with psycopg.connect(pg_cluster.admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
