"""Headcount: offline exam-hall entry checks and classroom attendance.

The core (everything but ``headcount.gui``) never imports Qt.
"""

__version__ = "0.1.0"
