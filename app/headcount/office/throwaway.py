"""A throwaway PostgreSQL cluster: initdb in a temporary folder, a free port, always
stopped and removed. Used by the office tests (tests/office/conftest.py) and by
``headcount bench office``; Debian's ``postgresql`` package provides the binaries.

PostgreSQL refuses to run as root (CI and the dev machine are root), so initdb and pg_ctl
run as the ``postgres`` system user the Debian package creates, on a folder chowned to it.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass

from headcount.errors import BadInput

SUPERUSER_PASSWORD = "office-test-admin"


@dataclass
class Cluster:
    root: str
    data: str
    port: int
    run_as: list[str]
    bin: str

    @property
    def admin_dsn(self) -> str:
        return (f"host=127.0.0.1 port={self.port} dbname=postgres user=postgres "
                f"password={SUPERUSER_PASSWORD}")

    def pg_ctl(self, *args: str) -> None:
        subprocess.run([*self.run_as, f"{self.bin}/pg_ctl", "-D", self.data, "-w", "-s",
                        *args], check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.pg_ctl("-l", f"{self.root}/log", "-o",
                    f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                    "-c fsync=off -c full_page_writes=off", "start")

    def stop(self, mode: str = "fast") -> None:
        self.pg_ctl("-m", mode, "stop")

    def postmaster_pid(self) -> int:
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())


def bin_dir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    bindir = bin_dir()
    if bindir is None:
        raise BadInput("PostgreSQL is not installed: run scripts/setup.sh (apt package "
                       "postgresql)", "未安装 PostgreSQL：请运行 scripts/setup.sh（apt 软件包 "
                       "postgresql）")
    root = tempfile.mkdtemp(prefix="headcount-pg-")
    run_as: list[str] = []
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    os.chmod(root, 0o700)
    pwfile = os.path.join(root, "pw")
    with open(pwfile, "w") as f:
        f.write(SUPERUSER_PASSWORD)
    if run_as:
        os.chown(pwfile, pw.pw_uid, pw.pw_gid)
    cluster = Cluster(root, os.path.join(root, "data"), free_port(), run_as, bindir)
    started = False
    try:
        subprocess.run([*run_as, f"{bindir}/initdb", "-D", cluster.data, "-U", "postgres",
                        "--pwfile", pwfile, "--auth=scram-sha-256", "-E", "UTF8",
                        "--locale=C", "--no-sync"], check=True, capture_output=True,
                       timeout=120)
        started = True  # from here a stop is due, even if start itself fails half-way
        cluster.start()
        yield cluster
    finally:
        if started:
            with contextlib.suppress(subprocess.CalledProcessError,
                                     subprocess.TimeoutExpired):
                cluster.stop("immediate")  # may already be stopped by a test
        shutil.rmtree(root, ignore_errors=True)
