"""Custom error handler for 403 Forbidden, Flask version.

``abort(403)`` raises ``Forbidden``; ``@app.errorhandler(403)`` replaces
Flask's default error page with our own, keeping the status code.
"""
from typing import NoReturn

from markupsafe import escape
from werkzeug.exceptions import Forbidden

from flask import Flask, abort

app = Flask(__name__)

PAGE = """<!doctype html>
<title>Access denied</title>
<h1>Access denied</h1>
<p>{reason}</p>
"""


@app.errorhandler(403)
def forbidden(error: Forbidden) -> tuple[str, int]:
    # escape(): the reason may contain user input; never put it in HTML raw.
    return PAGE.format(reason=escape(error.description)), 403


@app.get("/admin")
def admin() -> NoReturn:
    abort(403, description="Only administrators may open this page.")
