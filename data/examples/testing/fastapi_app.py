"""Testing with the framework's test client, FastAPI version.

The greeting comes from a dependency, so a test can replace it with
``app.dependency_overrides`` without touching the code.
See test_fastapi_app.py beside this file.
"""
from typing import Annotated

from fastapi import Depends, FastAPI

app = FastAPI()


def get_greeting() -> str:
    return "Hello"


@app.get("/greet")
def greet(greeting: Annotated[str, Depends(get_greeting)], name: str = "World") -> dict[str, str]:
    return {"message": f"{greeting}, {name}!"}
