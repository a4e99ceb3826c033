"""POST with a JSON body, FastAPI version.

A parameter annotated with a Pydantic model is read from the JSON body,
converted and validated; ``status_code=201`` sets the success status.
"""
from itertools import count

from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel

app = FastAPI()
_ids = count(1)  # stands in for a database sequence


class ItemIn(BaseModel):
    name: str
    price: float


class Item(ItemIn):
    id: int


ITEMS: dict[int, Item] = {}


@app.post("/items", status_code=201)
def create_item(item_in: ItemIn, response: Response) -> Item:
    item = Item(id=next(_ids), **item_in.model_dump())
    ITEMS[item.id] = item
    response.headers["Location"] = app.url_path_for("read_item", item_id=str(item.id))
    return item


@app.get("/items/{item_id}")
def read_item(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="not found")
    return ITEMS[item_id]
