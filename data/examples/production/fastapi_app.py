"""Serving in production, FastAPI version (ASGI).

An ASGI server (uvicorn, via ``fastapi run`` or directly) imports
``fastapi_app:app``. Start-up and shut-down work goes in a lifespan context
manager, which replaced the deprecated ``@app.on_event`` hooks.
"""
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Open pools/clients here; they live as long as the worker process.
    app.state.ready = True
    yield
    app.state.ready = False  # close them here


app = FastAPI(lifespan=lifespan)


@app.get("/healthz")
def healthz() -> dict[str, object]:
    # Load balancers poll this; keep it cheap and dependency-free.
    return {"status": "ok", "ready": getattr(app.state, "ready", False)}
