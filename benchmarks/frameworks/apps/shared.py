"""Data every benchmark app serves, so the eight apps do the same work (issue 14).

Kept apart from the apps only so the 50 table rows and the order payload's limits are
written once; each app otherwise uses nothing but its own framework's idioms.
"""
from __future__ import annotations

#: Task (d): the 50 rows of the HTML table. Prices are preformatted strings so that
#: Jinja and the Django template language render byte-identical cells.
ROWS: list[dict[str, object]] = [
    {"id": i, "name": f"Item {i}", "price": f"{i * 1.25:.2f}"} for i in range(1, 51)
]
TITLE = "Inventory"

#: Task (c): limits of the validated order (item: 1-100 characters; quantity 1-1000; price > 0).
ITEM_MAX = 100
QUANTITY_MAX = 1000

#: Task (e): how long the I/O-bound handler waits, standing in for a database or HTTP call.
IO_WAIT_S = 0.020
