"""Path and query parameters, Flask version.

Path parameters are typed by URL converters (``<int:user_id>``); query
parameters are read from ``request.args``, a multi-dict of strings.
"""
from flask import Flask, request

app = Flask(__name__)


@app.get("/users/<int:user_id>")
def get_user(user_id: int) -> dict[str, object]:
    # type=int converts, but a value that fails to convert silently becomes the
    # default: "?limit=abc" gives 10, not an error.
    limit = request.args.get("limit", default=10, type=int)
    tags = request.args.getlist("tag")
    return {"user_id": user_id, "limit": limit, "tags": tags}
