"""Flask app of the framework benchmark (issue 14): the five tasks, as Flask's docs write them.

Served by Gunicorn with threaded workers (Flask docs, "Deploying to Production" > Gunicorn).
Flask has no validation of its own; task (c) uses Pydantic, the customary choice, by hand.
Task (e) blocks for 20 ms: a WSGI worker thread is busy for the whole wait, which is the point.
"""
from __future__ import annotations

import time

from flask import Flask, render_template, request
from pydantic import BaseModel, Field, ValidationError

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

app = Flask(__name__)


class Order(BaseModel):
    item: str = Field(min_length=1, max_length=ITEM_MAX)
    quantity: int = Field(ge=1, le=QUANTITY_MAX)
    price: float = Field(gt=0)


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}


@app.get("/items/<int:item_id>")
def item(item_id: int):
    return {"item_id": item_id, "q": request.args.get("q")}


@app.post("/orders")
def create_order():
    try:
        order = Order.model_validate(request.get_json())
    except ValidationError as exc:
        return {"detail": exc.errors(include_url=False, include_context=False)}, 400
    return {**order.model_dump(), "total": round(order.quantity * order.price, 2)}


@app.get("/table")
def table():
    return render_template("table.html", title=TITLE, rows=ROWS)


@app.get("/io")
def io():
    time.sleep(IO_WAIT_S)  # a blocking driver call: holds this worker thread
    return {"waited_ms": round(IO_WAIT_S * 1000)}
