"""``headcount bench office``: a school's exam morning against the school server.

N stations (default 60) with M candidates each (default 45) check everyone in within T
minutes (default 5), at random moments. Each station is a real station (SQLite, its own
login role on the server, linked): a check-in commits on the station, the outbox trigger
queues it in the same transaction, and the station's ``sync`` (outbox.sync -> events.push)
sends it right after the commit, as a linked station does. One office reader polls
``office status`` (the same query as the window and the ``status`` command) every
``poll`` seconds. Measured: for every check-in, the time from its commit on the station to
the first status read that counts it (median, p95, max), split into station -> server
(sync) and the status read itself; and the server's CPU over the run (all PostgreSQL
processes of the throwaway cluster, from /proc, exited backends included).

Stations run as threads of one Python process (the server, the stations and the office
share the machine's cores, a harsher setting than a school's thirty PCs).

``outage`` (seconds): halfway through, the server is killed (``pg_ctl stop -m immediate``,
no clean shutdown) and started again after that long. Stations go on checking in; a
failed sync leaves the event waiting and the next one carries it, as the window does.
Reported: every check-in on the server exactly once, and how long after the restart the
office saw everyone committed during the outage.
"""

from __future__ import annotations

import contextlib
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

EXAM = "模拟考试"
PASSWORD = "bench-pass"


def _cpu_seconds(postmaster: int) -> float:
    """User+system CPU of the postmaster, its live children, and its waited-for
    (exited) children: every backend that served a connection during the run."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid: int) -> list[str]:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()

    main = stat(postmaster)
    total = sum(int(x) for x in main[11:15])  # utime stime cutime cstime
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                fields = stat(int(entry))
                if int(fields[1]) == postmaster:  # ppid
                    total += int(fields[11]) + int(fields[12])
    return total / tick


@contextlib.contextmanager
def _server(dsn: str | None) -> Iterator[tuple[str, Any]]:
    """(administrator DSN of an empty school database, the throwaway cluster or None)."""
    if dsn:
        yield dsn, None
        return
    import psycopg

    from headcount.office.throwaway import throwaway_cluster

    with throwaway_cluster() as cluster:
        with psycopg.connect(cluster.admin_dsn, autocommit=True) as conn:
            conn.execute('CREATE DATABASE "bench"')
        yield cluster.admin_dsn.replace("dbname=postgres", "dbname=bench"), cluster


class _Station(threading.Thread):
    """One exam room: builds its station in its own thread (a SQLite connection belongs
    to one thread), waits for the start, then checks its candidates in on schedule."""

    def __init__(self, index: int, root: Path, admin_dsn: str, candidates: int,
                 offsets: list[float], ready: threading.Barrier, start_at: list[float],
                 building: threading.Semaphore, patient: bool = True):
        super().__init__(name=f"station-{index}", daemon=True)
        self.index, self.root, self.admin_dsn = index, root, admin_dsn
        self.candidates, self.offsets = candidates, sorted(offsets)
        self.ready, self.start_at, self.building = ready, start_at, building
        self.patient = patient  # retry a failed sync now (False: the next one carries it)
        self.retries = 0  # syncs that failed (server busy or gone) and were tried again
        self.room = f"{101 + index}"
        self.commits: list[float] = []  # wall time of the k-th check-in's commit
        self.synced: list[float] = []  # when the sync carrying it returned
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with self.building:  # a few at a time: building is not what is measured
                st, admin, sid = self._build()
        except BaseException as exc:  # reported by the caller
            self.error = exc
            self.ready.abort()
            return
        try:
            self.ready.wait()
            for k, offset in enumerate(self.offsets):
                delay = self.start_at[0] + offset - time.time()
                if delay > 0:
                    time.sleep(delay)  # the next candidate walks up to the desk
                st.attendance.check_in(admin, sid, self._number(k), reason="declined")
                self.commits.append(time.time())
                self._sync(st)
                self.synced.append(time.time())
            if not self.patient:
                self.patient = True
                self._sync(st)  # whatever still waits after the last check-in
        except BaseException as exc:
            self.error = exc
        finally:
            st.close()

    def _sync(self, st: Any) -> None:
        """As a linked station does: send now; on failure keep it waiting, try again."""
        from headcount.errors import BadInput

        for _ in range(100):
            try:
                st.sync_office()
                return
            except BadInput:
                self.retries += 1
                if not self.patient:
                    return  # left waiting in the outbox; the next sync carries it
                time.sleep(0.5)
        raise RuntimeError("the server refused the station for 50 s")

    def _number(self, k: int) -> str:
        return f"S{self.index:03d}{k:03d}"

    def _build(self) -> tuple[Any, Any, int]:
        from headcount.office.schema import add_station
        from headcount.station import Station

        st = Station.init(self.root / f"station-{self.index}", school="Bench School",
                          contact="bench", admin="admin", password=PASSWORD,
                          use_keyring=False, key_dir=self.root / f"key-{self.index}")
        admin = st.login("admin", PASSWORD)
        csv = self.root / f"roster-{self.index}.csv"
        csv.write_text("number,name,class,birth_date\n" + "".join(
            f"{self._number(k)},考生{self.index}-{k},高三{self.index}班,2008-01-01\n"
            for k in range(self.candidates)), encoding="utf-8")
        st.import_roster(admin, csv)
        st.link_office(admin, add_station(self.admin_dsn, f"room-{self.room}")["dsn"])
        sid = st.sessions.create(admin, kind="exam", name=EXAM, room=self.room,
                                 candidates=[(self._number(k), str(k + 1))
                                             for k in range(self.candidates)],
                                 invigilators=["监考老师"]).id
        st.sessions.start(admin, sid)
        st.sync_office()  # the session and its list arrive before the morning starts
        return st, admin, sid


def _stats(values: list[float]) -> dict[str, float]:
    if not values:
        return {"n": 0}
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return {"n": len(values), "median": round(statistics.median(values), 3),
            "p95": round(p95, 3), "max": round(values[-1], 3)}


def run(*, stations: int = 60, candidates: int = 45, minutes: float = 5.0,
        dsn: str | None = None, poll: float = 0.25, seed: int = 14,
        outage: float = 0.0) -> dict[str, Any]:
    from headcount.office.schema import init
    from headcount.office.status import status

    os.environ.setdefault("HEADCOUNT_KEYRING", "0")
    rng = random.Random(seed)
    span = minutes * 60
    out: dict[str, Any] = {"stations": stations, "candidates": candidates,
                           "minutes": minutes, "poll_s": poll, "cpus": os.cpu_count()}
    if outage and dsn:
        raise ValueError("an outage needs the throwaway cluster (no --dsn)")
    with tempfile.TemporaryDirectory(prefix="headcount-bench-office-") as tmp, \
            _server(dsn) as (admin_dsn, cluster):
        postmaster = cluster.postmaster_pid() if cluster else None
        init(admin_dsn)
        ready = threading.Barrier(stations + 1)
        start_at = [0.0]
        building = threading.Semaphore(2)
        t = time.perf_counter()
        rooms = [_Station(i, Path(tmp), admin_dsn, candidates,
                          [rng.uniform(0, span) for _ in range(candidates)], ready, start_at,
                          building, patient=not outage)
                 for i in range(stations)]
        for r in rooms:
            r.start()
        try:
            ready.wait()
        except threading.BrokenBarrierError:
            for r in rooms:
                r.join()
            failed = next(r.error for r in rooms if r.error)
            raise RuntimeError(f"a station could not be set up: {failed!r}") from failed
        out["setup_s"] = round(time.perf_counter() - t, 1)
        out["load_avg_1min_at_start"] = round(os.getloadavg()[0], 1)  # others' jobs
        cpu0, wall0 = (_cpu_seconds(postmaster) if postmaster else 0.0), time.time()
        start_at[0] = wall0 + 0.5
        seen: dict[str, list[float]] = {f"room-{r.room}": [] for r in rooms}
        reads: list[float] = []
        total = stations * candidates
        deadline = start_at[0] + span + 120 + outage
        down = (start_at[0] + span / 2, start_at[0] + span / 2 + outage) if outage else None
        cpu_before_kill = 0.0
        while time.time() < deadline:
            began = time.time()
            if down and cluster and began >= down[0] and "killed_at" not in out:
                cpu_before_kill = _cpu_seconds(cluster.postmaster_pid()) - cpu0
                cluster.stop("immediate")
                out["killed_at"] = began
            if down and cluster and began >= down[1] and "restarted_at" not in out:
                cluster.start()
                postmaster = cluster.postmaster_pid()
                cpu0 = -cpu_before_kill  # CPU after the restart adds to what came before
                out["restarted_at"] = time.time()
            if "killed_at" in out and "restarted_at" not in out:
                time.sleep(poll)
                continue  # the office sees nothing while the server is down
            try:
                got = status(admin_dsn, EXAM)
            except Exception:  # the server still starting up after the restart
                time.sleep(poll)
                continue
            done = time.time()
            reads.append(done - began)
            for room in got["rooms"]:
                times = seen[room["station"]]
                times.extend([done] * (room["present"] - len(times)))
            if sum(len(v) for v in seen.values()) >= total:
                break
            if all(not r.is_alive() for r in rooms) and any(r.error for r in rooms):
                break
            time.sleep(max(0.0, poll - (time.time() - began)))
        wall = time.time() - wall0
        cpu = (_cpu_seconds(postmaster) - cpu0) if postmaster else None
        out["load_avg_1min_at_end"] = round(os.getloadavg()[0], 1)
        for r in rooms:
            r.join(timeout=30)
        errors = [repr(r.error) for r in rooms if r.error]
        on_server = _server_checkins(admin_dsn) if outage else None
    latency, sync = [], []
    for r in rooms:
        times = seen[f"room-{r.room}"]
        latency += [s - c for c, s in zip(r.commits, times, strict=False)]
        sync += [s - c for c, s in zip(r.commits, r.synced, strict=False)]
    out.update({
        "checkins": sum(len(r.commits) for r in rooms), "seen": len(latency),
        "commit_to_status_s": _stats(latency), "commit_to_server_s": _stats(sync),
        "status_read_s": _stats(reads), "run_s": round(wall, 1),
        "sync_retries": sum(r.retries for r in rooms),
        "server_cpu_s": round(cpu, 1) if cpu is not None else None,
        "server_cpu_percent_of_one_core": round(100 * cpu / wall, 1) if cpu else None,
        "goal_p95_under_2s": bool(latency) and _stats(latency)["p95"] < 2.0,
    })
    if outage:
        out.update(_outage_figures(out, rooms, seen, on_server))
    if errors:
        out["errors"] = errors[:5]
    return out


def _server_checkins(admin_dsn: str) -> tuple[int, int]:
    """(check-in events on the server, distinct (station, number) among them)."""
    import psycopg

    with psycopg.connect(admin_dsn) as conn:
        row = conn.execute("SELECT count(*), count(DISTINCT (station, number)) "
                           "FROM headcount.events WHERE kind = 'checkin'").fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _outage_figures(out: dict[str, Any], rooms: list[_Station], seen: dict[str, list[float]],
                    on_server: tuple[int, int] | None) -> dict[str, Any]:
    """Check-ins committed while the server was down; when the office saw the last of
    them after the restart; and the server's own count (exactly once)."""
    killed, restarted = out.pop("killed_at", None), out.pop("restarted_at", None)
    if killed is None or restarted is None:
        return {"outage": "the run ended before the outage"}
    during, caught_up = 0, restarted
    for r in rooms:
        times = seen[f"room-{r.room}"]
        for c, s in zip(r.commits, times, strict=False):
            if killed <= c <= restarted:
                during += 1
                caught_up = max(caught_up, s)
    figures: dict[str, Any] = {"outage_s": round(restarted - killed, 1),
                               "checkins_during_outage": during,
                               "office_caught_up_s_after_restart": round(caught_up - restarted,
                                                                         2)}
    if on_server is not None:
        n, distinct = on_server
        figures["server_checkin_events"] = n
        figures["exactly_once"] = n == distinct == out["checkins"]
    return figures
