"""Hello world as JSON, FastAPI version.

Whatever an endpoint returns goes through ``jsonable_encoder`` (and, with a
return annotation, through a Pydantic model) before it is sent as JSON.
"""
from datetime import datetime, timezone

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()

#: A fixed instant, so the two versions can be compared byte for byte.
RELEASED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)


class Release(BaseModel):
    name: str
    released: datetime


@app.get("/")
def hello() -> dict[str, str]:
    return {"message": "Hello, World"}


@app.get("/release")
def release() -> Release:
    # Pydantic writes datetimes as ISO 8601, and the return type is in the docs.
    return Release(name="example", released=RELEASED)
