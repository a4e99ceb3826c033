"""Authentication with an API key header, Flask version.

Flask has no security helpers; a decorator checks the ``X-API-Key`` header.
The expected key comes from the ``API_KEY`` environment variable, and when it
is unset every request is refused (fail closed).
"""
import hmac
import os
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Flask, request

app = Flask(__name__)


def key_is_valid(given: str | None) -> bool:
    expected = os.environ.get("API_KEY")
    if not expected or given is None:
        return False
    # compare_digest: constant time, so the key cannot be guessed by timing.
    return hmac.compare_digest(given.encode(), expected.encode())


def require_api_key(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)  # keeps the view's name, which Flask uses as the endpoint
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not key_is_valid(request.headers.get("X-API-Key")):
            return {"error": "missing or invalid API key"}, 401, {"WWW-Authenticate": "APIKey"}
        return view(*args, **kwargs)

    return wrapper


@app.get("/public")
def public() -> dict[str, str]:
    return {"message": "anyone can read this"}


@app.get("/private")
@require_api_key
def private() -> dict[str, str]:
    return {"message": "only key holders can read this"}
