"""Generated inputs too big to commit: a large valid matrix and size-limit probes.

Built at test time into ``tmp_path`` so the repository stays small. Every value
is derived from the loop indices, so the same call writes the same bytes.
"""
from __future__ import annotations

from typing import Any

from criteria.yamlio import dump_json, dump_yaml

#: Prose long enough that the generated matrix weighs several megabytes, as a
#: real team matrix with paragraphs of rationale would.
_FILLER = (
    "Rated against the documented behaviour of the release named above; see the cited section "
    "for the exact wording and the date it was read."
)


def big_matrix(n_options: int = 200, n_criteria: int = 50) -> dict[str, Any]:
    """A valid matrix in the ``stackwise matrix`` export shape: every option rates every criterion."""
    criteria = [
        {
            "id": f"crit-{c:03d}",
            "name": f"Criterion {c}",
            "question": f"How well does the framework handle concern number {c}?",
            "description": f"Generated criterion {c} for the size test. " + _FILLER,
            "scale": {"0": "absent", "3": "usable with effort", "5": "built in and documented"},
        }
        for c in range(n_criteria)
    ]
    sources = [
        {"id": f"src-{s:02d}", "title": f"Generated source {s}", "publisher": "Test suite",
         "published": "2025-01-01", "kind": "official-docs"}
        for s in range(10)
    ]
    options = []
    for o in range(n_options):
        ratings = {}
        for c in range(n_criteria):
            ratings[f"crit-{c:03d}"] = {
                "rating": (o * 7 + c * 3) % 6,
                "rationale": f"Option {o} on criterion {c}. " + _FILLER,
                "evidence": [{
                    "source": f"src-{(o + c) % 10:02d}",
                    "where": f"Section {c}.{o}",
                    "claim": f"Option {o} documents its approach to concern {c}. " + _FILLER,
                    "verdict": "current",
                }],
            }
        options.append({"id": f"opt-{o:03d}", "name": f"Option {o}", "ratings": ratings})
    return {"criteria": criteria, "options": options, "sources": sources}


def big_matrix_text(fmt: str = "yaml", **kw: int) -> str:
    data = big_matrix(**kw)
    return dump_json(data) if fmt == "json" else dump_yaml(data)
