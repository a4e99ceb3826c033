"""Every example app does what its task.yaml says, with each framework's test client.

Expected values are written out from the task descriptions (and the frameworks'
documentation), never computed by the example code under test.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from flask.testing import FlaskClient

Loader = Callable[[str, str], ModuleType]


def flask_client(load_app: Loader, task: str) -> FlaskClient:
    return load_app(task, "flask").app.test_client()


def fastapi_client(load_app: Loader, task: str) -> TestClient:
    return TestClient(load_app(task, "fastapi").app)


# --------------------------------------------------------------------------- dev-server

def test_dev_server_flask_is_not_in_debug_mode_unless_asked(load_app: Loader) -> None:
    response = flask_client(load_app, "dev-server").get("/")
    assert response.status_code == 200
    # Debug comes from the --debug flag of `flask run`, never from the module itself.
    assert response.get_json() == {"framework": "flask", "debug": False}


def test_dev_server_fastapi_answers(load_app: Loader) -> None:
    response = fastapi_client(load_app, "dev-server").get("/")
    assert response.status_code == 200
    assert response.json() == {"framework": "fastapi"}


# --------------------------------------------------------------------------- hello-json

def test_hello_json_both_return_the_same_object(load_app: Loader) -> None:
    f = flask_client(load_app, "hello-json").get("/")
    a = fastapi_client(load_app, "hello-json").get("/")
    assert f.status_code == a.status_code == 200
    assert f.mimetype == "application/json"
    assert a.headers["content-type"] == "application/json"
    assert f.get_json() == a.json() == {"message": "Hello, World"}


def test_hello_json_dates_differ_as_documented(load_app: Loader) -> None:
    # 2026-01-02 03:04:05 UTC, as the task.yaml's difference states it for each.
    assert flask_client(load_app, "hello-json").get("/release").get_json() == {
        "name": "example", "released": "Fri, 02 Jan 2026 03:04:05 GMT"}
    assert fastapi_client(load_app, "hello-json").get("/release").json() == {
        "name": "example", "released": "2026-01-02T03:04:05Z"}


# --------------------------------------------------------------------------- path-query-params

def test_params_flask(load_app: Loader) -> None:
    client = flask_client(load_app, "path-query-params")
    ok = client.get("/users/7?limit=5&tag=a&tag=b")
    assert ok.status_code == 200
    assert ok.get_json() == {"user_id": 7, "limit": 5, "tags": ["a", "b"]}
    assert client.get("/users/7").get_json() == {"user_id": 7, "limit": 10, "tags": []}
    # Documented pitfall: a bad number silently becomes the default.
    assert client.get("/users/7?limit=abc").get_json()["limit"] == 10
    # A non-numeric path segment does not match the <int:> rule at all.
    assert client.get("/users/abc").status_code == 404


def test_params_fastapi(load_app: Loader) -> None:
    client = fastapi_client(load_app, "path-query-params")
    ok = client.get("/users/7?limit=5&tag=a&tag=b")
    assert ok.status_code == 200
    assert ok.json() == {"user_id": 7, "limit": 5, "tags": ["a", "b"]}
    assert client.get("/users/7").json() == {"user_id": 7, "limit": 10, "tags": []}
    bad_query = client.get("/users/7?limit=abc")
    assert bad_query.status_code == 422
    assert bad_query.json()["detail"][0]["loc"] == ["query", "limit"]
    too_big = client.get("/users/7?limit=500")
    assert too_big.status_code == 422
    assert too_big.json()["detail"][0]["type"] == "less_than_equal"
    bad_path = client.get("/users/abc")
    assert bad_path.status_code == 422
    assert bad_path.json()["detail"][0]["loc"] == ["path", "user_id"]


# --------------------------------------------------------------------------- post-json

def test_post_json_flask(load_app: Loader) -> None:
    client = flask_client(load_app, "post-json")
    created = client.post("/items", json={"name": "Pen", "price": 1.5})
    assert created.status_code == 201
    assert created.get_json() == {"id": 1, "name": "Pen", "price": 1.5}
    assert created.headers["Location"] == "/items/1"
    assert client.get("/items/1").get_json() == {"id": 1, "name": "Pen", "price": 1.5}
    assert client.get("/items/2").status_code == 404
    # Not sent as JSON: Werkzeug's get_json answers 415; unparsable JSON: 400.
    assert client.post("/items", data="name=Pen", content_type="text/plain").status_code == 415
    assert client.post("/items", data="{not json", content_type="application/json").status_code == 400
    # Unchecked contents: a missing price is stored as null (validation is the next task).
    assert client.post("/items", json={"name": "Cup"}).get_json() == {"id": 2, "name": "Cup", "price": None}


def test_post_json_fastapi(load_app: Loader) -> None:
    client = fastapi_client(load_app, "post-json")
    created = client.post("/items", json={"name": "Pen", "price": 1.5})
    assert created.status_code == 201
    assert created.json() == {"id": 1, "name": "Pen", "price": 1.5}
    assert created.headers["location"] == "/items/1"
    assert client.get("/items/1").json() == {"id": 1, "name": "Pen", "price": 1.5}
    assert client.get("/items/2").status_code == 404
    missing = client.post("/items", json={"name": "Cup"})
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "price"]
    assert client.post("/items", content="{not json", headers={"content-type": "application/json"}).status_code == 422


# --------------------------------------------------------------------------- validation

def test_validation_flask_own_400_body(load_app: Loader) -> None:
    client = flask_client(load_app, "validation")
    ok = client.post("/signup", json={"username": "ada", "age": 36})
    assert ok.status_code == 201
    assert ok.get_json() == {"username": "ada", "age": 36}
    bad = client.post("/signup", json={"username": "x", "age": 3})
    assert bad.status_code == 400
    assert bad.get_json() == {"errors": [
        {"field": "username", "message": "a text of 3 to 20 characters is required"},
        {"field": "age", "message": "a whole number of at least 13 is required"},
    ]}
    # Strings and booleans are not whole numbers for the hand-written check.
    assert client.post("/signup", json={"username": "ada", "age": "42"}).status_code == 400
    assert client.post("/signup", json={"username": "ada", "age": True}).status_code == 400
    # Not JSON at all: still our JSON error body, not Flask's HTML page.
    not_json = client.post("/signup", data="hello", content_type="text/plain")
    assert not_json.status_code == 400
    assert not_json.get_json() == {"errors": [{"field": "", "message": "the body must be a JSON object"}]}


def test_validation_fastapi_422_detail_shape(load_app: Loader) -> None:
    client = fastapi_client(load_app, "validation")
    ok = client.post("/signup", json={"username": "ada", "age": 36})
    assert ok.status_code == 201
    assert ok.json() == {"username": "ada", "age": 36}
    bad = client.post("/signup", json={"username": "x", "age": 3})
    assert bad.status_code == 422
    body = bad.json()
    assert list(body) == ["detail"]
    assert [e["loc"] for e in body["detail"]] == [["body", "username"], ["body", "age"]]
    assert [e["type"] for e in body["detail"]] == ["string_too_short", "greater_than_equal"]
    for entry in body["detail"]:
        assert {"type", "loc", "msg", "input"} <= set(entry)
    assert body["detail"][1]["input"] == 3
    assert body["detail"][1]["ctx"] == {"ge": 13}
    # Pydantic's lax mode converts a numeric string, as the task.yaml warns.
    assert client.post("/signup", json={"username": "ada", "age": "42"}).json() == {"username": "ada", "age": 42}
    missing = client.post("/signup", json={})
    assert missing.status_code == 422
    assert {e["type"] for e in missing.json()["detail"]} == {"missing"}


# --------------------------------------------------------------------------- api-docs

def test_api_docs_fastapi_routes(load_app: Loader) -> None:
    client = fastapi_client(load_app, "api-docs")
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger-ui" in docs.text.lower()
    redoc = client.get("/redoc")
    assert redoc.status_code == 200 and "redoc" in redoc.text.lower()
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"] == {"title": "Items API", "version": "1.0.0"}
    operation = schema["paths"]["/items/{item_id}"]["get"]
    assert operation["summary"] == "Read one item"
    assert set(operation["responses"]) == {"200", "404", "422"}
    assert set(schema["components"]["schemas"]["Item"]["properties"]) == {"id", "name", "price"}


def test_api_docs_flask_has_no_viewer_but_a_hand_written_schema(load_app: Loader) -> None:
    module = load_app("api-docs", "flask")
    client = module.app.test_client()
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    schema = client.get("/openapi.json").get_json()
    assert schema["openapi"] == "3.1.0"
    assert client.get("/items/1").get_json() == {"id": 1, "name": "Keyboard", "price": 49.5}
    assert client.get("/items/9").status_code == 404


def test_api_docs_flask_hand_written_schema_matches_the_routes(load_app: Loader) -> None:
    """The drift check the task.yaml promises: every API route is in the document."""
    app = load_app("api-docs", "flask").app
    documented = set(app.test_client().get("/openapi.json").get_json()["paths"])
    routes = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in {"static", "openapi"}:
            continue
        # Werkzeug "<int:item_id>" -> OpenAPI "{item_id}"
        path = rule.rule
        for arg in rule.arguments:
            path = path.replace(f"<int:{arg}>", f"{{{arg}}}").replace(f"<{arg}>", f"{{{arg}}}")
        routes.add(path)
    assert routes == documented


# --------------------------------------------------------------------------- error-403

def test_error_403_flask_custom_page(load_app: Loader) -> None:
    client = flask_client(load_app, "error-403")
    response = client.get("/admin")
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    text = response.get_data(as_text=True)
    assert "<h1>Access denied</h1>" in text
    assert "Only administrators may open this page." in text
    # Other errors keep Flask's default page.
    assert client.get("/missing").status_code == 404


def test_error_403_fastapi_custom_page_other_errors_stay_json(load_app: Loader) -> None:
    client = fastapi_client(load_app, "error-403")
    response = client.get("/admin")
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Access denied</h1>" in response.text
    assert "Only administrators may open this page." in response.text
    missing = client.get("/missing")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_error_403_pages_escape_the_reason(load_app: Loader, framework: str) -> None:
    """The handlers build HTML by hand; a reason with markup must come out escaped."""
    module = load_app("error-403", framework)
    if framework == "flask":
        from flask import abort

        @module.app.get("/probe")
        def probe() -> None:
            abort(403, description="<script>x</script>")

        text = module.app.test_client().get("/probe").get_data(as_text=True)
    else:
        from fastapi import HTTPException

        @module.app.get("/probe")
        def probe() -> None:
            raise HTTPException(status_code=403, detail="<script>x</script>")

        text = TestClient(module.app).get("/probe").text
    assert "<script>" not in text
    assert "&lt;script&gt;" in text


# --------------------------------------------------------------------------- templates

@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_templates_render_and_escape(load_app: Loader, framework: str) -> None:
    module = load_app("templates", framework)
    if framework == "flask":
        response = module.app.test_client().get("/hello/Ada")
        status, ctype, text = response.status_code, response.mimetype, response.get_data(as_text=True)
        evil = module.app.test_client().get("/hello/<script>").get_data(as_text=True)
    else:
        client = TestClient(module.app)
        response = client.get("/hello/Ada")
        status, ctype, text = response.status_code, response.headers["content-type"], response.text
        evil = client.get("/hello/<script>").text
    assert status == 200
    assert ctype.startswith("text/html")
    assert "<h1>Hello, Ada!</h1>" in text
    assert "<li>escaping</li>" in text
    assert "<h1>Hello, &lt;script&gt;!</h1>" in evil
    assert "<script>" not in evil


def test_templates_fastapi_works_from_any_working_directory(load_app: Loader, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # the templates folder must not depend on the cwd
    assert TestClient(load_app("templates", "fastapi").app).get("/hello/Ada").status_code == 200


# --------------------------------------------------------------------------- auth

@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_auth_api_key(load_app: Loader, framework: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("API_KEY", "s3cret")
    module = load_app("auth", framework)
    client = module.app.test_client() if framework == "flask" else TestClient(module.app)

    def get(path: str, key: str | None = None):
        return client.get(path, headers={"X-API-Key": key} if key is not None else {})

    assert get("/public").status_code == 200
    for key in (None, "", "wrong", "s3cret "):
        denied = get("/private", key)
        assert denied.status_code == 401, key
        assert denied.headers["WWW-Authenticate"] == "APIKey"
    allowed = get("/private", "s3cret")
    assert allowed.status_code == 200
    body = allowed.get_json() if framework == "flask" else allowed.json()
    assert body == {"message": "only key holders can read this"}


@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_auth_fails_closed_without_configured_key(load_app: Loader, framework: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("API_KEY", raising=False)
    module = load_app("auth", framework)
    client = module.app.test_client() if framework == "flask" else TestClient(module.app)
    assert client.get("/private", headers={"X-API-Key": ""}).status_code == 401
    assert client.get("/private", headers={"X-API-Key": "anything"}).status_code == 401


def test_auth_fastapi_documents_the_scheme(load_app: Loader) -> None:
    schema = fastapi_client(load_app, "auth").get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["APIKeyHeader"] == {
        "type": "apiKey", "in": "header", "name": "X-API-Key"}
    assert schema["paths"]["/private"]["get"]["security"] == [{"APIKeyHeader": []}]
    assert "security" not in schema["paths"]["/public"]["get"]


# --------------------------------------------------------------------------- cors

ALLOWED = "https://app.example.com"
OTHER = "https://evil.example.net"


@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_cors_simple_requests(load_app: Loader, framework: str) -> None:
    module = load_app("cors", framework)
    client = module.app.test_client() if framework == "flask" else TestClient(module.app)
    allowed = client.get("/api/data", headers={"Origin": ALLOWED})
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == ALLOWED
    other = client.get("/api/data", headers={"Origin": OTHER})
    # The server still answers; the missing header is what makes the browser block it.
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other.headers


@pytest.mark.parametrize("framework", ["flask", "fastapi"])
def test_cors_preflight(load_app: Loader, framework: str) -> None:
    module = load_app("cors", framework)
    client = module.app.test_client() if framework == "flask" else TestClient(module.app)
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type"}
    ok = client.options("/api/data", headers={"Origin": ALLOWED, **preflight})
    assert ok.status_code == 200
    assert ok.headers["Access-Control-Allow-Origin"] == ALLOWED
    methods = {m.strip() for m in ok.headers["Access-Control-Allow-Methods"].split(",")}
    assert {"GET", "POST"} <= methods and "DELETE" not in methods
    refused = client.options("/api/data", headers={"Origin": OTHER, **preflight})
    assert "Access-Control-Allow-Origin" not in refused.headers
    # As the task.yaml states: FastAPI refuses with 400, Flask-CORS answers 200 without the header.
    assert refused.status_code == (200 if framework == "flask" else 400)


# --------------------------------------------------------------------------- async-io

EXPECTED_QUOTES = {"ABC": 12.5, "XYZ": 7.25, "total": 19.75}


def test_async_io_fastapi(load_app: Loader) -> None:
    response = fastapi_client(load_app, "async-io").get("/quotes")
    assert response.status_code == 200
    assert response.json() == EXPECTED_QUOTES


def test_async_io_flask_needs_the_async_extra(load_app: Loader) -> None:
    client = flask_client(load_app, "async-io")
    if importlib.util.find_spec("asgiref") is None:
        # Without flask[async], Flask refuses async views: the task.yaml says so and
        # installs flask[async]. This branch documents the failure mode.
        with pytest.raises(RuntimeError, match=r"async"):
            client.application.testing = True
            client.get("/quotes")
        pytest.skip("asgiref (flask[async]) is not installed: async view not exercised")
    response = client.get("/quotes")
    assert response.status_code == 200
    assert response.get_json() == EXPECTED_QUOTES


# --------------------------------------------------------------------------- production

def test_production_flask_healthz_and_env_config(load_app: Loader, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASK_SECRET_KEY", "from-env")
    module = load_app("production", "flask")
    assert module.app.config["SECRET_KEY"] == "from-env"
    response = module.app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "debug": False}


def test_production_fastapi_lifespan_runs(load_app: Loader) -> None:
    app = load_app("production", "fastapi").app
    with TestClient(app) as client:  # the with-block runs the lifespan
        assert client.get("/healthz").json() == {"status": "ok", "ready": True}
    assert app.state.ready is False  # shut-down half of the lifespan ran too


def test_production_apps_are_wsgi_and_asgi(load_app: Loader) -> None:
    import inspect

    flask_app = load_app("production", "flask").app
    fastapi_app = load_app("production", "fastapi").app
    # WSGI: a plain callable(environ, start_response); ASGI: async callable(scope, receive, send).
    assert list(inspect.signature(flask_app.wsgi_app).parameters) == ["environ", "start_response"]
    assert inspect.iscoroutinefunction(type(fastapi_app).__call__)
    assert list(inspect.signature(fastapi_app).parameters) == ["scope", "receive", "send"]
