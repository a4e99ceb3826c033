"""Development server with reload, FastAPI version.

Run from this folder:  fastapi dev fastapi_app.py
(``fastapi dev`` comes with ``fastapi[standard]``; it starts uvicorn with
``--reload`` on 127.0.0.1:8000.)  Without the CLI:  uvicorn fastapi_app:app --reload
"""
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def index() -> dict[str, str]:
    # Reloading is the server's job (uvicorn), not the app's: nothing here changes.
    return {"framework": "fastapi"}
