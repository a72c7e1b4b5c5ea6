"""The exam office: the school server on PostgreSQL (issue 14). Qt-free.

Stations push events only (never faces); the office reads every room's status. A layer
above ``store``, beside ``compliance`` and ``attendance``.
"""
