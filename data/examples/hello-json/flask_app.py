"""Hello world as JSON, Flask version.

A view that returns a dict (or, since Flask 2.2, a list) is serialised to JSON
by ``app.json``; no ``jsonify`` call is needed.
"""
from datetime import datetime, timezone

from flask import Flask

app = Flask(__name__)

#: A fixed instant, so the two versions can be compared byte for byte.
RELEASED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


@app.get("/")
def hello() -> dict[str, str]:
    return {"message": "Hello, World"}


@app.get("/release")
def release() -> dict[str, object]:
    # Flask's default JSON provider writes datetimes as HTTP dates (RFC 822).
    return {"name": "example", "released": RELEASED}
