"""API documentation, FastAPI version.

The OpenAPI document is generated from the routes, parameters and models:
``/openapi.json`` (the schema), ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc).
Pass ``docs_url=None`` / ``redoc_url=None`` / ``openapi_url=None`` to turn them off.
"""
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="Items API", version="1.0.0")


class Item(BaseModel):
    id: int
    name: str
    price: float


ITEMS = {1: Item(id=1, name="Keyboard", price=49.5)}


@app.get("/items/{item_id}", summary="Read one item", responses={404: {"description": "No such item"}})
def read_item(item_id: int) -> Item:
    if item_id not in ITEMS:
        raise HTTPException(status_code=404, detail="No such item")
    return ITEMS[item_id]
