"""Litestar app of the framework benchmark (issue 14): the five tasks, as Litestar's docs write them.

Served by Uvicorn with ``--workers`` (Litestar docs, "Deployment" > Uvicorn). Task (c)
declares a msgspec Struct (Litestar's native model; 400 on bad input); task (d) uses
Litestar's TemplateConfig with the Jinja engine.
"""
from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import msgspec
from litestar import Litestar, get, post
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE


class Order(msgspec.Struct):
    item: Annotated[str, msgspec.Meta(min_length=1, max_length=ITEM_MAX)]
    quantity: Annotated[int, msgspec.Meta(ge=1, le=QUANTITY_MAX)]
    price: Annotated[float, msgspec.Meta(gt=0)]


class OrderOut(msgspec.Struct):
    item: str
    quantity: int
    price: float
    total: float


@get("/hello")
async def hello() -> dict[str, str]:
    return {"message": "Hello, World!"}


@get("/items/{item_id:int}")
async def item(item_id: int, q: str | None = None) -> dict[str, object]:
    return {"item_id": item_id, "q": q}


@post("/orders", status_code=200)
async def create_order(data: Order) -> OrderOut:
    return OrderOut(data.item, data.quantity, data.price, round(data.quantity * data.price, 2))


@get("/table")
async def table() -> Template:
    return Template(template_name="table.html", context={"title": TITLE, "rows": ROWS})


@get("/io")
async def io() -> dict[str, int]:
    await asyncio.sleep(IO_WAIT_S)
    return {"waited_ms": round(IO_WAIT_S * 1000)}


app = Litestar(
    route_handlers=[hello, item, create_order, table, io],
    template_config=TemplateConfig(directory=Path(__file__).parent / "templates", engine=JinjaTemplateEngine),
)
