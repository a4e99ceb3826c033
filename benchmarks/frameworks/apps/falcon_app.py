"""Falcon app of the framework benchmark (issue 14): the five tasks, as Falcon's docs write them.

A WSGI ``falcon.App`` served by Gunicorn with threaded workers (Falcon tutorial, "Hosting
our app"). Task (c) uses Falcon's own JSON Schema validator
(``falcon.media.validators.jsonschema.validate``: 400 on bad input). Falcon has no template
engine, so task (d) renders with Jinja by hand, as its FAQ suggests for HTML.
"""
from __future__ import annotations

import time
from pathlib import Path

import falcon
import jinja2
from falcon.media.validators import jsonschema

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)

ORDER_SCHEMA = {
    "type": "object",
    "properties": {
        "item": {"type": "string", "minLength": 1, "maxLength": ITEM_MAX},
        "quantity": {"type": "integer", "minimum": 1, "maximum": QUANTITY_MAX},
        "price": {"type": "number", "exclusiveMinimum": 0},
    },
    "required": ["item", "quantity", "price"],
}


class HelloResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.media = {"message": "Hello, World!"}


class ItemResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response, item_id: int) -> None:
        resp.media = {"item_id": item_id, "q": req.get_param("q")}


class OrderResource:
    @jsonschema.validate(req_schema=ORDER_SCHEMA)
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        order = req.get_media()
        resp.media = {**order, "total": round(order["quantity"] * order["price"], 2)}


class TableResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        resp.content_type = falcon.MEDIA_HTML
        resp.text = env.get_template("table.html").render(title=TITLE, rows=ROWS)


class IoResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        time.sleep(IO_WAIT_S)  # a blocking driver call: holds this worker thread
        resp.media = {"waited_ms": round(IO_WAIT_S * 1000)}


app = falcon.App()
app.add_route("/hello", HelloResource())
app.add_route("/items/{item_id:int}", ItemResource())
app.add_route("/orders", OrderResource())
app.add_route("/table", TableResource())
app.add_route("/io", IoResource())
