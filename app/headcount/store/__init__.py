"""Storage: one SQLite file per station (sqlite-utils), migrations, encryption, users, audit.

Nothing here imports Qt or touches the network.
"""
