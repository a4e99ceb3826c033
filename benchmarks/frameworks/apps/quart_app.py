"""Quart app of the framework benchmark (issue 14): the five tasks, as Quart's docs write them.

Served by Hypercorn with ``--workers`` (Quart docs, "Deploying Quart": Hypercorn is the
recommended server and ships with Quart). Task (c) uses Quart-Schema's ``validate_request``
with a dataclass, as Quart's API tutorial does (400 on bad input).
"""
from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass

from pydantic import Field
from quart import Quart, render_template, request
from quart_schema import QuartSchema, RequestSchemaValidationError, validate_request
from typing import Annotated

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

app = Quart(__name__)
QuartSchema(app)


@dataclass
class Order:
    item: Annotated[str, Field(min_length=1, max_length=ITEM_MAX)]
    quantity: Annotated[int, Field(ge=1, le=QUANTITY_MAX)]
    price: Annotated[float, Field(gt=0)]


@app.errorhandler(RequestSchemaValidationError)
async def handle_request_validation_error(error: RequestSchemaValidationError):
    # Quart-Schema's documented handler: name the failing fields instead of a bare 400 page.
    return {"detail": str(error.validation_error)}, 400


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}


@app.get("/items/<int:item_id>")
async def item(item_id: int):
    return {"item_id": item_id, "q": request.args.get("q")}


@app.post("/orders")
@validate_request(Order)
async def create_order(data: Order):
    return {**asdict(data), "total": round(data.quantity * data.price, 2)}


@app.get("/table")
async def table():
    return await render_template("table.html", title=TITLE, rows=ROWS)


@app.get("/io")
async def io():
    await asyncio.sleep(IO_WAIT_S)
    return {"waited_ms": round(IO_WAIT_S * 1000)}
