"""Starlette app of the framework benchmark (issue 14): the five tasks, as Starlette's docs write them.

Served by Uvicorn with ``--workers`` (Starlette docs point to Uvicorn). Starlette has no
validation of its own; task (c) validates with Pydantic by hand and answers 400.
"""
from __future__ import annotations

import asyncio
from json import JSONDecodeError
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


class Order(BaseModel):
    item: str = Field(min_length=1, max_length=ITEM_MAX)
    quantity: int = Field(ge=1, le=QUANTITY_MAX)
    price: float = Field(gt=0)


async def hello(request: Request) -> JSONResponse:
    return JSONResponse({"message": "Hello, World!"})


async def item(request: Request) -> JSONResponse:
    return JSONResponse({"item_id": request.path_params["item_id"], "q": request.query_params.get("q")})


async def create_order(request: Request) -> JSONResponse:
    try:
        order = Order.model_validate(await request.json())
    except JSONDecodeError:
        return JSONResponse({"detail": "body is not JSON"}, status_code=400)
    except ValidationError as exc:
        return JSONResponse({"detail": exc.errors(include_url=False, include_context=False)}, status_code=400)
    return JSONResponse({**order.model_dump(), "total": round(order.quantity * order.price, 2)})


async def table(request: Request):
    return templates.TemplateResponse(request, "table.html", {"title": TITLE, "rows": ROWS})


async def io(request: Request) -> JSONResponse:
    await asyncio.sleep(IO_WAIT_S)
    return JSONResponse({"waited_ms": round(IO_WAIT_S * 1000)})


app = Starlette(routes=[
    Route("/hello", hello),
    Route("/items/{item_id:int}", item),
    Route("/orders", create_order, methods=["POST"]),
    Route("/table", table),
    Route("/io", io),
])
