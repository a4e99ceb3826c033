"""CORS (cross-origin requests from browsers), FastAPI version.

Starlette's ``CORSMiddleware`` (re-exported by FastAPI) adds the
Access-Control-* headers and answers preflight OPTIONS requests.
"""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
# Only this front end may call the API from a browser; never "*" with credentials.
app.add_middleware(
    CORSMiddleware,
    allow_origins=["https://app.example.com"],
    allow_methods=["GET", "POST"],
    allow_headers=["Content-Type"],
)


@app.get("/api/data")
def data() -> dict[str, int]:
    return {"value": 42}
