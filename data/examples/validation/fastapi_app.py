"""Request validation and the error a client receives, FastAPI version.

The Pydantic model is the validation: a body that does not fit is answered
with 422 and ``{"detail": [{"type", "loc", "msg", "input", ...}, ...]}``
before the endpoint runs.
"""
from typing import Annotated

from fastapi import FastAPI
from pydantic import BaseModel, Field

app = FastAPI()


class Signup(BaseModel):
    username: Annotated[str, Field(min_length=3, max_length=20)]
    # Pydantic's default (lax) mode accepts "42" for an int; add strict=True to refuse it.
    age: Annotated[int, Field(ge=13)]


@app.post("/signup", status_code=201)
def signup(body: Signup) -> Signup:
    return body
