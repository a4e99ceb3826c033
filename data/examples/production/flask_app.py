"""Serving in production, Flask version (WSGI).

A WSGI server such as gunicorn imports ``flask_app:app`` and runs several
worker processes; ``flask run`` is for development only. Settings come from
the environment: ``FLASK_SECRET_KEY`` becomes ``app.config["SECRET_KEY"]``.
"""
from flask import Flask

app = Flask(__name__)
app.config.from_prefixed_env()  # FLASK_<NAME> -> app.config[NAME] (Flask 2.2+)


@app.get("/healthz")
def healthz() -> dict[str, object]:
    # Load balancers poll this; keep it cheap and dependency-free.
    return {"status": "ok", "debug": app.debug}
