"""The framework benchmark of issue 14: apps, servers, load generator and runner (see run.py)."""
