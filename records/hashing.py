"""Content hashes that tie a record to the exact matrix and inputs it was made from.

Canonical JSON: ``json.dumps(value, sort_keys=True, separators=(",", ":"),
ensure_ascii=False)`` encoded as UTF-8, so the hash does not depend on key
order, indentation or the file format (folder, YAML or JSON export) the matrix
was loaded from. The matrix is hashed in its export shape
(:func:`criteria.export.matrix_to_dict`), which is the contract other tools read.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from criteria.export import matrix_to_dict
from criteria.models import Matrix, Requirements


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      allow_nan=False).encode("utf-8")


def sha256(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()


def matrix_sha256(matrix: Matrix) -> str:
    """SHA-256 of the canonical JSON of the matrix export."""
    return sha256(matrix_to_dict(matrix))


def requirements_dict(req: Requirements) -> dict[str, Any]:
    """The requirements as plain data, as a person would write them.

    Unset keys and empty mappings are left out; a stakeholder's ``role`` is
    always written (it decides the front matter), and ``aggregation`` only in
    meeting mode, where it means something.
    """
    data = req.model_dump(mode="json", exclude_none=True)
    for key in ("weights", "must_have"):
        if not data.get(key):
            data.pop(key, None)
    if not req.stakeholders:
        data.pop("aggregation", None)
    for person in data.get("stakeholders") or []:
        if not person.get("weights"):
            person.pop("weights", None)
    return data


def inputs_sha256(req: Requirements, matrix_hash: str, samples: int, seed: int) -> str:
    """SHA-256 over everything that determines the evaluation."""
    return sha256({"requirements": requirements_dict(req), "matrix_sha256": matrix_hash,
                   "samples": samples, "seed": seed})
