"""Sanic app of the framework benchmark (issue 14): the five tasks, as Sanic's docs write them.

Served by Sanic's own server (``sanic sanic_app:app --workers N --no-access-logs``, as the
guide's "Running Sanic" recommends for production). Task (c) uses Sanic Extensions'
``@validate`` with a Pydantic model (400 on bad input); task (d) its Jinja ``@app.ext.template``.
"""
from __future__ import annotations

import asyncio

from pydantic import BaseModel, Field
from sanic import Sanic
from sanic.response import json
from sanic_ext import validate

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

app = Sanic("bench")
# Templates live next to the app; API docs are not part of any task, so they stay off.
app.config.TEMPLATING_PATH_TO_TEMPLATES = __file__.rsplit("/", 1)[0] + "/templates"
app.config.OAS = False


class Order(BaseModel):
    item: str = Field(min_length=1, max_length=ITEM_MAX)
    quantity: int = Field(ge=1, le=QUANTITY_MAX)
    price: float = Field(gt=0)


@app.get("/hello")
async def hello(request):
    return json({"message": "Hello, World!"})


@app.get("/items/<item_id:int>")
async def item(request, item_id: int):
    return json({"item_id": item_id, "q": request.args.get("q")})


@app.post("/orders")
@validate(json=Order)
async def create_order(request, body: Order):
    return json({**body.model_dump(), "total": round(body.quantity * body.price, 2)})


@app.get("/table")
@app.ext.template("table.html")
async def table(request):
    return {"title": TITLE, "rows": ROWS}


@app.get("/io")
async def io(request):
    await asyncio.sleep(IO_WAIT_S)
    return json({"waited_ms": round(IO_WAIT_S * 1000)})
