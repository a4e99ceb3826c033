"""An async endpoint awaiting slow I/O, Flask version.

Async views need ``flask[async]`` (it installs asgiref). Flask runs each async
view to completion in an event loop of its own, in the worker handling the
request: the two lookups below overlap, but the worker is busy until both end.
"""
import asyncio

from flask import Flask

app = Flask(__name__)

PRICES = {"ABC": 12.5, "XYZ": 7.25}


async def fetch_price(symbol: str) -> float:
    # Stands in for a network call (e.g. httpx.AsyncClient().get(...)).
    await asyncio.sleep(0.05)
    return PRICES[symbol]


@app.get("/quotes")
async def quotes() -> dict[str, float]:
    abc, xyz = await asyncio.gather(fetch_price("ABC"), fetch_price("XYZ"))
    return {"ABC": abc, "XYZ": xyz, "total": abc + xyz}
