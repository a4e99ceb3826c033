"""Decision rooms (issue 18): each stakeholder weighs on their own device; the facilitator sees the room.

A room holds a title, the options to compare, a snapshot of the matrix it was
opened on, and one entry per participant (name, role, weights). The group's
answer is meeting mode's: :func:`scoring.evaluate` on
``Requirements(stakeholders=..., aggregation=...)``. Layout::

    rooms/tokens.py    room ids and tokens (``secrets``), their hashes, constant-time checks
    rooms/database.py  where the database is (SQLite file or PostgreSQL URL), engines, the schema and its upgrades
    rooms/store.py     the rooms and entries: create, submit, close, reveal, read (one transaction each)
    rooms/results.py   the group's evaluation, hidden weights taken out, text view, decision record

No Streamlit here: ``ui/room_view.py`` and ``stackwise_cli/room_cmd.py`` are the front ends.
"""
