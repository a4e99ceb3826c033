"""JSON Schemas for every YAML file, generated from the pydantic models.

Editors (VS Code's YAML extension, JetBrains) read them to complete and check
files as they are typed. ``stackwise schema`` writes them to ``docs/schemas/``;
a test fails when the committed copies drift from the models.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, create_model

from criteria.models import Criterion, Matrix, MatrixMeta, Option, Profile, Requirements, Source

_BASE = "https://stackwise.invalid/schemas/"  # stable $id; no network access needed


def _list_file(name: str, key: str, item: type[BaseModel]) -> type[BaseModel]:
    return create_model(name, __config__={"extra": "forbid"}, **{key: (list[item], ...)})  # type: ignore[call-overload]


def all_schemas() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for each kind of file the tool reads."""
    models: dict[str, tuple[type[BaseModel], str]] = {
        "catalog.schema.json": (_list_file("CatalogFile", "criteria", Criterion), "criteria/catalog.yaml, data/criteria.yaml"),
        "profiles.schema.json": (_list_file("ProfilesFile", "profiles", Profile), "criteria/profiles.yaml"),
        "sources.schema.json": (_list_file("SourcesFile", "sources", Source), "data/sources/*.yaml"),
        "option.schema.json": (Option, "data/options/<id>.yaml"),
        "matrix-meta.schema.json": (create_model("MatrixMetaFile", __config__={"extra": "forbid"}, meta=(MatrixMeta, ...)), "data/matrix.yaml"),
        "matrix.schema.json": (Matrix, "the export of `stackwise matrix` (JSON or YAML)"),
        "requirements.schema.json": (Requirements, "a requirements file"),
    }
    out = {}
    for filename, (model, applies_to) in models.items():
        schema = model.model_json_schema(by_alias=True, mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": _BASE + filename,
                  **schema, "description": f"stackwise: {applies_to}."}
        out[filename] = schema
    return out
