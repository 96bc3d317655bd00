"""The national-scale benchmark: a registry of a million datasheets, served and loaded.

`qualimark bench` builds the demo registry at the asked size on SQLite and on PostgreSQL,
times its generation and its open-data export, serves it with each WSGI server the way
production does, loads it with wrk from a second process on 127.0.0.1, and writes the
figures as JSON beside a table that says which targets are met. It is not part of the
test suite: a run at 1,000,000 datasheets takes the better part of an hour.
"""
