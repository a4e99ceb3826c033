"""FastAPI app of the framework benchmark (issue 14): the five tasks, as FastAPI's docs write them.

Served by Uvicorn with ``--workers`` (FastAPI docs, "Server Workers"). Validation comes
from the Pydantic model in the signature (422 on bad input); templates via Jinja2Templates.
"""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from shared import IO_WAIT_S, ITEM_MAX, QUANTITY_MAX, ROWS, TITLE

app = FastAPI()
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


class Order(BaseModel):
    item: str = Field(min_length=1, max_length=ITEM_MAX)
    quantity: int = Field(ge=1, le=QUANTITY_MAX)
    price: float = Field(gt=0)


class OrderOut(Order):
    total: float


@app.get("/hello")
async def hello():
    return {"message": "Hello, World!"}


@app.get("/items/{item_id}")
async def item(item_id: int, q: str | None = None):
    return {"item_id": item_id, "q": q}


@app.post("/orders")
async def create_order(order: Order) -> OrderOut:
    return OrderOut(**order.model_dump(), total=round(order.quantity * order.price, 2))


@app.get("/table", response_class=HTMLResponse)
async def table(request: Request):
    return templates.TemplateResponse(request, "table.html", {"title": TITLE, "rows": ROWS})


@app.get("/io")
async def io():
    await asyncio.sleep(IO_WAIT_S)  # an awaited driver call: the worker serves others meanwhile
    return {"waited_ms": round(IO_WAIT_S * 1000)}
