"""HTML templates, FastAPI version.

Jinja2 is an extra install (``fastapi[standard]`` includes it).
``Jinja2Templates`` renders from a folder; ``TemplateResponse`` takes the
request first (the old ``TemplateResponse(name, {"request": ...})`` form is gone).
"""
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

app = FastAPI()
# An absolute folder, so the app works whatever the current directory is.
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


@app.get("/hello/{name}", response_class=HTMLResponse)
def hello(request: Request, name: str) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "hello.html", {"name": name, "items": ["templates", "escaping", "loops"]}
    )
