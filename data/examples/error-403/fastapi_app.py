"""Custom error handler for 403 Forbidden, FastAPI version.

``raise HTTPException(403)`` is caught by the handler registered for the status
code 403 with ``@app.exception_handler(403)``; other errors keep FastAPI's
JSON ``{"detail": ...}`` answers.
"""
from html import escape

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse

app = FastAPI()

PAGE = """<!doctype html>
<title>Access denied</title>
<h1>Access denied</h1>
<p>{reason}</p>
"""


@app.exception_handler(403)
async def forbidden(request: Request, exc: HTTPException) -> HTMLResponse:
    # escape(): the detail may contain user input; never put it in HTML raw.
    return HTMLResponse(PAGE.format(reason=escape(str(exc.detail))), status_code=403)


@app.get("/admin")
# "-> None", not NoReturn: FastAPI turns the return annotation into a response model.
def admin() -> None:
    raise HTTPException(status_code=403, detail="Only administrators may open this page.")
