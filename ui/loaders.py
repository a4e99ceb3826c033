"""Cached loading of the immutable inputs: matrix, profiles, FAQ.

Cached once per process, shared by every browser session. That is safe only
because what is cached never changes: pydantic models here are frozen, and
nothing per-session (weights, uploads) is cached. ``STACKWISE_MATRIX`` points
the app at another matrix (file or folder), as ``--matrix`` does for the CLI.
"""
from __future__ import annotations

import os

import streamlit as st

from criteria import Matrix, Profile, load_catalog, load_matrix, load_profiles

MATRIX_ENV = "STACKWISE_MATRIX"


@st.cache_resource(show_spinner=False)
def shipped_matrix(path: str | None = None) -> Matrix:
    """The matrix the app starts with (``path`` defaults to $STACKWISE_MATRIX, else data/)."""
    return load_matrix(path or os.environ.get(MATRIX_ENV) or None)


@st.cache_resource(show_spinner=False)
def profiles() -> tuple[Profile, ...]:
    return tuple(load_profiles(criteria=load_catalog()))


@st.cache_resource(show_spinner=False)
def faq_entries() -> tuple:
    from ui.faq import load_faq

    return tuple(load_faq())


@st.cache_resource(show_spinner=False)
def example_tasks() -> tuple:
    from criteria.examples import load_tasks

    return tuple(load_tasks())
