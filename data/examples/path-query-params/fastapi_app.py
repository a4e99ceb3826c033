"""Path and query parameters, FastAPI version.

Function parameters named in the path are path parameters; the others are
query parameters. Their annotations convert and validate them.
"""
from typing import Annotated

from fastapi import FastAPI, Query

app = FastAPI()


@app.get("/users/{user_id}")
def get_user(
    user_id: int,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    tag: Annotated[list[str] | None, Query()] = None,
) -> dict[str, object]:
    # A value that does not convert ("?limit=abc") or breaks a bound
    # ("?limit=500") is rejected with 422 before this body runs.
    return {"user_id": user_id, "limit": limit, "tags": tag or []}
