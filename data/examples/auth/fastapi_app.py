"""Authentication with an API key header, FastAPI version.

``APIKeyHeader`` reads the ``X-API-Key`` header and declares the scheme in the
OpenAPI document (so /docs shows an "Authorize" button); a dependency checks
it. The expected key comes from ``API_KEY``; unset, every request is refused.
"""
import hmac
import os
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Security
from fastapi.security import APIKeyHeader

app = FastAPI()
# auto_error=False: our dependency decides the answer (401 with a header)
# instead of the scheme's built-in error.
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def require_api_key(given: Annotated[str | None, Security(api_key_header)]) -> str:
    expected = os.environ.get("API_KEY")
    # compare_digest: constant time, so the key cannot be guessed by timing.
    if not expected or given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(status_code=401, detail="missing or invalid API key",
                            headers={"WWW-Authenticate": "APIKey"})
    return given


@app.get("/public")
def public() -> dict[str, str]:
    return {"message": "anyone can read this"}


@app.get("/private", dependencies=[Depends(require_api_key)])
def private() -> dict[str, str]:
    return {"message": "only key holders can read this"}
