"""Streamlit UI helpers for ``app.py``: layout and widgets only.

Decisions (scores, eligibility, flips, probabilities, verdicts) come from
:mod:`scoring`; data and validation from :mod:`criteria`; charts from
:mod:`charts`. Modules here either render (import streamlit) or are pure
helpers named for what they derive (``proscons``, ``faq``).
"""
