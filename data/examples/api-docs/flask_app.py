"""API documentation, Flask version.

Flask generates no API description. The honest minimum without extensions is
an OpenAPI document written by hand and served as JSON; it must be kept in step
with the routes by hand (the tests check that it is). Extensions such as
flask-smorest, APIFlask or flask-openapi3 generate it from schemas instead.
"""
from flask import Flask, abort

app = Flask(__name__)

ITEMS = {1: {"id": 1, "name": "Keyboard", "price": 49.5}}

#: Written by hand: nothing ties it to the code below except discipline.
OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "Items API", "version": "1.0.0"},
    "paths": {
        "/items/{item_id}": {
            "get": {
                "summary": "Read one item",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "responses": {
                    "200": {
                        "description": "The item",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}},
                    },
                    "404": {"description": "No such item"},
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Item": {
                "type": "object",
                "required": ["id", "name", "price"],
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                    "price": {"type": "number"},
                },
            }
        }
    },
}


@app.get("/items/<int:item_id>")
def read_item(item_id: int) -> dict[str, object]:
    """Read one item."""
    if item_id not in ITEMS:
        abort(404)
    return ITEMS[item_id]


@app.get("/openapi.json")
def openapi() -> dict[str, object]:
    # Any OpenAPI viewer (Swagger UI, Redoc) can render this URL; Flask serves no viewer.
    return OPENAPI
