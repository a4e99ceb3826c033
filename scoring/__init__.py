"""The scoring engine: weighted scores, must-haves, ties, flip points, win probability, verdict.

Pure functions over plain data: no Streamlit, no file or network I/O.
Loading stays in :mod:`criteria`::

    from criteria import load_matrix, load_requirements
    from scoring import evaluate

    matrix = load_matrix()
    evaluation = evaluate(matrix, load_requirements("req.yaml", matrix))
    evaluation.to_dict()   # the JSON contract of `stackwise evaluate --format json`
"""
from scoring.engine import DEFAULT_CONCENTRATION, DEFAULT_SAMPLES, MAX_SAMPLES, SCALE_MAX, evaluate
from scoring.evaluation import Evaluation, FailedMustHave, FlipPoint, OptionResult, Spread, StakeholderResult

__all__ = [
    "DEFAULT_CONCENTRATION", "DEFAULT_SAMPLES", "MAX_SAMPLES", "SCALE_MAX",
    "Evaluation", "FailedMustHave", "FlipPoint", "OptionResult", "Spread", "StakeholderResult",
    "evaluate",
]
