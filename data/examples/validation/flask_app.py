"""Request validation and the error a client receives, Flask version.

Flask has no validation layer: the view checks the body itself and decides the
status code and the error body (here 400 with a list of field errors).
"""
from typing import Any

from flask import Flask, request

app = Flask(__name__)


def validate_signup(data: Any) -> list[dict[str, str]]:
    """Field errors for a signup body; an empty list means valid."""
    if not isinstance(data, dict):
        return [{"field": "", "message": "the body must be a JSON object"}]
    errors = []
    username = data.get("username")
    if not isinstance(username, str) or not 3 <= len(username) <= 20:
        errors.append({"field": "username", "message": "a text of 3 to 20 characters is required"})
    age = data.get("age")
    # bool is a subclass of int in Python, so True would pass a bare isinstance check.
    if not isinstance(age, int) or isinstance(age, bool) or age < 13:
        errors.append({"field": "age", "message": "a whole number of at least 13 is required"})
    return errors


@app.post("/signup")
def signup() -> tuple[dict[str, Any], int]:
    # silent=True: a malformed or non-JSON body becomes None and gets our own
    # error body instead of Flask's default HTML 400/415 page.
    data = request.get_json(silent=True)
    errors = validate_signup(data)
    if errors:
        return {"errors": errors}, 400
    return {"username": data["username"], "age": data["age"]}, 201
