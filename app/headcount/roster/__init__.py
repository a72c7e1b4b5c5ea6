"""Roster files from school systems: CSV (UTF-8, GBK/GB18030) and XLSX, Chinese or
English headers, validated row by row. ``parse_roster(path)`` is the entry point."""

from headcount.roster.reader import PersonRow, RosterResult, RowError, parse_roster

__all__ = ["PersonRow", "RosterResult", "RowError", "parse_roster"]
