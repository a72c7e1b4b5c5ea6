"""Exam entry and classroom attendance: sessions, check-ins, statuses, corrections."""
