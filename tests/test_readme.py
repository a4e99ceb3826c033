"""The README's promises: two set-up commands, CI runs the test one (and its lowest-versions run), the quoted verdict is real."""
from __future__ import annotations

import re
from pathlib import Path

from criteria import load_matrix, load_requirements
from scoring import evaluate

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", setup, flags=re.S)
    commands = [line for b in blocks for line in b.splitlines() if line.strip() and not line.startswith("#")]
    assert commands == ["python3 -m pip install . && stackwise app", "bash scripts/test.sh"]
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert "bash scripts/test.sh" in ci and "bash scripts/test.sh --lowest" in ci


def test_quoted_verdict_matches_the_engine() -> None:
    quote = " ".join(line[2:] for line in README.splitlines() if line.startswith("> "))
    req = load_requirements(ROOT / "data" / "requirements" / "ml-api-simple.yaml", load_matrix())
    verdict = evaluate(load_matrix(), req).verdict
    for number in re.findall(r"\d+(?:\.\d+)?%?", quote):
        assert number in verdict, f"README quotes {number}, the engine's verdict does not say it"
    first = quote.split(". ")[0]
    assert verdict.startswith(first)
