"""Tests for fastapi_app.py with FastAPI's TestClient. Run:  pytest test_fastapi_app.py"""
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from fastapi_app import app, get_greeting


@pytest.fixture
def client() -> Iterator[TestClient]:
    app.dependency_overrides[get_greeting] = lambda: "Hi"
    # The with-block also runs the app's lifespan (startup/shutdown), if any.
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()


def test_greets_by_name(client: TestClient) -> None:
    response = client.get("/greet", params={"name": "Ada"})
    assert response.status_code == 200
    assert response.json() == {"message": "Hi, Ada!"}


def test_default_name(client: TestClient) -> None:
    assert client.get("/greet").json() == {"message": "Hi, World!"}
