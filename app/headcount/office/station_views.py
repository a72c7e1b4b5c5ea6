"""What a station may read back from the school server (schema version 4), as SQL.

Row-level security keeps a station from reading other stations' events. Three
``SECURITY DEFINER`` functions give it exactly what it needs, nothing more:

- ``my_duplicates()``: the numbers this station checked in that another station also
  checked in (present) for an exam of the same name, with the other room only: no
  other station's name, times, operators or list.
- ``school_face_data()``: the school's count of distinct people with facial data held
  (the filing count of Art. 15), a number only.
- ``my_last_seq()``: the highest sequence the server holds from this station, so a
  station restored from an older backup continues after it (office/outbox.py).

Inside a definer function ``current_user`` is the owner, so the caller is
``session_user`` (a station logs in as its own role).
"""

from __future__ import annotations

MIGRATION = """
    -- The latest mark (check-in or correction) of each number in each station's session,
    -- and each session's latest room and kind. Not granted to stations (views bypass RLS).
    CREATE VIEW headcount.marks AS
        SELECT DISTINCT ON (station, session_ref, number)
               station, session_ref, session, number, present
        FROM headcount.events WHERE kind IN ('checkin', 'correction')
        ORDER BY station, session_ref, number, at DESC, seq DESC;
    CREATE VIEW headcount.session_rooms AS
        SELECT DISTINCT ON (station, session_ref) station, session_ref, session,
               session_kind, room
        FROM headcount.events WHERE kind = 'session'
        ORDER BY station, session_ref, at DESC, seq DESC;
    CREATE FUNCTION headcount.my_duplicates()
        RETURNS TABLE (session_ref bigint, session text, number text, other_room text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = headcount, pg_temp AS $$
        SELECT DISTINCT mine.session_ref, mine.session, mine.number,
               coalesce(theirs_room.room, '') AS other_room
        FROM headcount.marks mine
        JOIN headcount.session_rooms mine_room
            ON mine_room.station = mine.station AND mine_room.session_ref = mine.session_ref
        JOIN headcount.marks theirs
            ON theirs.session = mine.session AND theirs.number = mine.number
           AND theirs.station <> mine.station
        JOIN headcount.session_rooms theirs_room
            ON theirs_room.station = theirs.station
           AND theirs_room.session_ref = theirs.session_ref
        WHERE mine.station = headcount.station_of(session_user)
          AND mine.present AND theirs.present
          AND mine_room.session_kind = 'exam' AND theirs_room.session_kind = 'exam'
        ORDER BY mine.session_ref, mine.number, other_room
    $$;
    CREATE FUNCTION headcount.school_face_data() RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = headcount, pg_temp AS $$
        SELECT count(DISTINCT number) FROM (
            SELECT DISTINCT ON (station, number) number, held FROM headcount.events
            WHERE kind = 'face_data' ORDER BY station, number, at DESC, seq DESC) latest
        WHERE held
    $$;
    CREATE FUNCTION headcount.my_last_seq() RETURNS bigint
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = headcount, pg_temp AS $$
        SELECT coalesce(max(seq), 0) FROM headcount.events
        WHERE station = headcount.station_of(session_user)
    $$;
    REVOKE ALL ON FUNCTION headcount.my_duplicates(), headcount.school_face_data(),
        headcount.my_last_seq() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION headcount.my_duplicates(), headcount.school_face_data(),
        headcount.my_last_seq() TO {group};
"""
