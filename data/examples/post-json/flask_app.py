"""POST with a JSON body, Flask version.

``request.get_json()`` parses the body; since Werkzeug 2.3 it answers 415 when the
request is not sent as JSON and 400 when the JSON does not parse.
"""
from itertools import count

from flask import Flask, abort, request, url_for

app = Flask(__name__)
_ids = count(1)  # stands in for a database sequence
ITEMS: dict[int, dict[str, object]] = {}


@app.post("/items")
def create_item() -> tuple[dict[str, object], int, dict[str, str]]:
    payload = request.get_json()
    # Nothing checks the contents: validation is the next task's subject.
    item = {"id": next(_ids), "name": payload.get("name"), "price": payload.get("price")}
    ITEMS[item["id"]] = item
    # Return the created item with 201 and where to find it.
    return item, 201, {"Location": url_for("read_item", item_id=item["id"])}


@app.get("/items/<int:item_id>")
def read_item(item_id: int) -> dict[str, object]:
    if item_id not in ITEMS:
        abort(404)
    return ITEMS[item_id]
