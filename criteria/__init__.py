"""Criteria catalog, profiles, sources, feature matrix and requirements: models and the loader.

Public API (used by the app, the CLI, notebooks and the tests alike)::

    from criteria import load_matrix, load_requirements, load_catalog, load_profiles
"""
from criteria.errors import InputError, Problem
from criteria.loader import (
    load_catalog,
    load_matrix,
    load_matrix_bytes,
    load_profiles,
    load_requirements,
    requirements_from_data,
)
from criteria.models import (
    Criterion,
    Evidence,
    Matrix,
    Option,
    Profile,
    RatingEntry,
    Requirements,
    Source,
    Stakeholder,
    Verdict,
)

__all__ = [
    "Criterion", "Evidence", "InputError", "Matrix", "Option", "Problem", "Profile",
    "RatingEntry", "Requirements", "Source", "Stakeholder", "Verdict",
    "load_catalog", "load_matrix", "load_matrix_bytes", "load_profiles",
    "load_requirements", "requirements_from_data",
]
