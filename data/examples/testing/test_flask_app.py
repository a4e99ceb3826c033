"""Tests for flask_app.py with Flask's test client. Run:  pytest test_flask_app.py"""
import pytest
from flask.testing import FlaskClient

from flask_app import create_app


@pytest.fixture
def client() -> FlaskClient:
    # TESTING=True lets exceptions reach the test instead of becoming 500 pages.
    app = create_app({"TESTING": True, "GREETING": "Hi"})
    return app.test_client()


def test_greets_by_name(client: FlaskClient) -> None:
    response = client.get("/greet", query_string={"name": "Ada"})
    assert response.status_code == 200
    assert response.get_json() == {"message": "Hi, Ada!"}


def test_default_name(client: FlaskClient) -> None:
    assert client.get("/greet").get_json() == {"message": "Hi, World!"}
