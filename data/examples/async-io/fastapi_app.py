"""An async endpoint awaiting slow I/O, FastAPI version.

``async def`` endpoints run on the server's event loop, so while one request
awaits I/O the same process serves others. (Plain ``def`` endpoints run in a
thread pool instead, so blocking code there does not stall the loop.)
"""
import asyncio

from fastapi import FastAPI

app = FastAPI()

PRICES = {"ABC": 12.5, "XYZ": 7.25}


async def fetch_price(symbol: str) -> float:
    # Stands in for a network call (e.g. httpx.AsyncClient().get(...)).
    await asyncio.sleep(0.05)
    return PRICES[symbol]


@app.get("/quotes")
async def quotes() -> dict[str, float]:
    abc, xyz = await asyncio.gather(fetch_price("ABC"), fetch_price("XYZ"))
    return {"ABC": abc, "XYZ": xyz, "total": abc + xyz}
