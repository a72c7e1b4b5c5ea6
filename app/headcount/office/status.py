"""The exam office's view: every room's counts, duplicates across rooms, the filing count.

One SQL round trip each, computed by the server from the events. A session is a station's
own session id (names repeat: a class every day); duplicates are grouped by name, since
the rooms of one exam share it. A person's state in a session is their latest check-in
or correction there; the filing count is the number of
distinct people whose latest face-data event at some station says the data is held.
"""

from __future__ import annotations

from headcount.office.schema import connect

# Art. 15: processors holding facial data of 100,000 people or more must file.
FILING_THRESHOLD = 100_000

_STATE = """
    WITH marks AS MATERIALIZED (  -- once, not once per room (the planner guesses 1 room)
        SELECT DISTINCT ON (station, session_ref, number)
               station, session_ref, session, number, present
        FROM headcount.events
        WHERE kind IN ('checkin', 'correction') AND (%(exam)s::text IS NULL OR session = %(exam)s)
        ORDER BY station, session_ref, number, at DESC, seq DESC
    ),
    -- each session's latest name and room; with an exam, only sessions ever named so
    -- (found through the (session, kind) index, not by reading a term of classes)
    sessions AS MATERIALIZED (
        SELECT DISTINCT ON (station, session_ref) station, session_ref, e.session, e.room,
               e.session_kind
        FROM headcount.events e
        JOIN (SELECT DISTINCT station, session_ref FROM headcount.events
              WHERE kind = 'session' AND (%(exam)s::text IS NULL OR session = %(exam)s)
              ) named USING (station, session_ref)
        WHERE e.kind = 'session'
        ORDER BY station, session_ref, e.at DESC, e.seq DESC
    )
"""

_ROOMS = _STATE + """
    , counts AS MATERIALIZED (  -- one pass over the entries and marks, then per room
        SELECT e.station, e.session_ref, count(DISTINCT e.number) AS expected,
               count(DISTINCT e.number) FILTER (WHERE m.present) AS present
        FROM sessions s
        JOIN headcount.events e
            ON e.kind = 'entry' AND e.station = s.station AND e.session_ref = s.session_ref
        LEFT JOIN marks m
            ON m.station = e.station AND m.session_ref = e.session_ref AND m.number = e.number
        GROUP BY e.station, e.session_ref
    )
    SELECT s.station, s.session, s.room, coalesce(c.expected, 0) AS expected,
           coalesce(c.present, 0) AS present, s.session_ref
    FROM sessions s LEFT JOIN counts c USING (station, session_ref)
    WHERE %(exam)s::text IS NULL OR s.session = %(exam)s
    ORDER BY s.session, s.room, s.station, s.session_ref
"""

_DUPLICATES = _STATE + """
    SELECT m.session, m.number,
           array_agg(coalesce(s.room, m.station) ORDER BY s.room, m.station) AS rooms
    FROM marks m
    JOIN sessions s
        ON s.station = m.station AND s.session_ref = m.session_ref
    -- only an exam's rooms: a class of the same name every day is not a second room
    WHERE m.present AND s.session_kind = 'exam'
    GROUP BY m.session, m.number HAVING count(*) > 1
    ORDER BY m.session, m.number
"""

_FACE_DATA = """
    SELECT count(DISTINCT number) FROM (
        SELECT DISTINCT ON (station, number) number, held FROM headcount.events
        WHERE kind = 'face_data' ORDER BY station, number, at DESC, seq DESC) latest
    WHERE held
"""


def status(dsn: str, exam: str | None = None) -> dict:
    """The office status as the fixed JSON shape of issue 14."""
    params = {"exam": exam}
    with connect(dsn) as conn:
        rooms = [
            {"station": st, "session": se, "room": ro, "expected": ex, "present": pr,
             "absent": ex - pr}
            for st, se, ro, ex, pr, _ref in conn.execute(_ROOMS, params).fetchall()
        ]
        duplicates = [{"number": num, "session": se, "rooms": list(rs)}
                      for se, num, rs in conn.execute(_DUPLICATES, params).fetchall()]
        row = conn.execute(_FACE_DATA).fetchone()
    people = int(row[0]) if row else 0
    return {"rooms": rooms, "duplicates": duplicates, "people_with_face_data": people,
            "filing_required": people >= FILING_THRESHOLD}
