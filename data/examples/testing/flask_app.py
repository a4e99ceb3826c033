"""Testing with the framework's test client, Flask version.

An application factory lets each test build an app with its own config;
the module-level ``app`` is what ``flask --app flask_app run`` serves.
See test_flask_app.py beside this file.
"""
from typing import Any

from flask import Flask, current_app, request


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config["GREETING"] = "Hello"
    app.config.update(config or {})

    @app.get("/greet")
    def greet() -> dict[str, str]:
        name = request.args.get("name", "World")
        return {"message": f"{current_app.config['GREETING']}, {name}!"}

    return app


app = create_app()
