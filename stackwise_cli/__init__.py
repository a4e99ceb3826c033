"""The ``stackwise`` command line: validate, matrix, evaluate, record, check."""
