"""Write the derived `performance` ratings into data/options/*.yaml and cite the results file (issue 14).

    python3 benchmarks/frameworks/rate.py data/benchmarks/<id>.yaml          # write
    python3 benchmarks/frameworks/rate.py data/benchmarks/<id>.yaml --check  # exit 1 when a file differs

For each option in the results file it rewrites, in the option's `performance:` block only, the
`rating`, the `rationale` and the evidence item citing the results file (inserted first when
missing; an item citing an older results file is replaced). Other evidence items (the seed
claims and their verdicts) are kept as they are, byte for byte, and so is every other criterion:
other people edit those. It also adds the results file to data/sources/benchmarks.yaml when it
is not there yet. tests/data/test_performance_ratings.py fails when the files and the
derivation disagree.
"""
from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: make the repository importable

from criteria import load_matrix  # noqa: E402
from criteria.errors import InputError  # noqa: E402
from criteria.loader import DATA_DIR  # noqa: E402
from criteria.performance import claim, derive, load_results, rationale  # noqa: E402

SOURCES_FILE = DATA_DIR / "sources" / "benchmarks.yaml"
BENCH_ID = re.compile(r"^      - source: (stackwise-bench-[a-z0-9-]+)\s*$")


def _folded(key: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, width=100 - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-"] + [f"{pad}  {line}" for line in lines]


def measured_item(doc: dict, option: str) -> list[str]:
    """The evidence item that quotes the measured figures."""
    return [f"      - source: {doc['id']}",
            "        where: summary (medians of the successful repeats), every task at every worker count",
            *_folded("claim", claim(doc, option), 8),
            "        verdict: current"]


def rewrite_block(text: str, option: str, rating: int, why: str, item: list[str]) -> str:
    """``text`` (an option file) with its performance block's rating, rationale and measured item replaced."""
    lines = text.split("\n")
    start = lines.index("  performance:")
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^ {0,2}\S", lines[i])), len(lines))
    block = lines[start + 1:end]

    def field_span(key: str) -> tuple[int, int]:
        i = next(i for i, line in enumerate(block) if line.startswith(f"    {key}:"))
        j = next((j for j in range(i + 1, len(block)) if re.match(r"^ {4}\S", block[j])), len(block))
        return i, j

    i, j = field_span("rating")
    block[i:j] = [f"    rating: {rating}"]
    i, j = field_span("rationale")
    block[i:j] = _folded("rationale", why, 4)
    i, j = field_span("evidence")
    items: list[list[str]] = []
    for line in block[i + 1:j]:
        if line.startswith("      - "):
            items.append([line])
        elif items:
            items[-1].append(line)
    kept = [it for it in items if not BENCH_ID.match(it[0])]
    block[i + 1:j] = item + [line for it in kept for line in it]
    lines[start + 1:end] = block
    return "\n".join(lines)


def source_entry(doc: dict) -> str:
    m = doc.get("machine", {})
    load = m.get("load_average", {}).get("during_1min") or {}
    started = str(doc.get("started", ""))[:10]
    note = (f"Measured by benchmarks/frameworks/run.py; results in data/benchmarks/{doc['id']}.yaml. "
            f"{m.get('cpu_model')}, {m.get('cores')} cores ({m.get('pinning')}), Python {m.get('python')}; "
            f"load average {load.get('min')}-{load.get('max')} (median {load.get('median')}) during the run "
            f"(shared machine). Rerun: python3 benchmarks/frameworks/run.py.")
    return "\n".join([
        f"  - id: {doc['id']}",
        f"    title: \"{doc.get('title', 'stackwise framework benchmark')} ({started})\"",
        "    publisher: stackwise",
        f"    published: \"{started}\"",
        "    kind: benchmark",
        *_folded("note", note, 4),
    ]) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    if len(paths) != 1:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        doc = load_results(paths[0])
        ratings = derive(doc, paths[0])
    except InputError as exc:  # a clear message and exit 2, never a traceback
        print(exc, file=sys.stderr)
        return 2
    if doc.get("quick"):
        print(f"{paths[0]} is a --quick smoke run: it rates nothing", file=sys.stderr)
        return 2
    matrix = load_matrix()
    names = {o.id: o.name for o in matrix.options}
    differ = []
    for r in ratings.values():
        if r.rating is None:
            print(f"{r.option}: not rated (failed {', '.join(r.failed_cells)}); left as it is", file=sys.stderr)
            continue
        path = DATA_DIR / "options" / f"{r.option}.yaml"
        old = path.read_text(encoding="utf-8")
        why = rationale(doc, r, names, matrix.option(r.option).version)
        new = rewrite_block(old, r.option, r.rating, why, measured_item(doc, r.option))
        if new != old:
            differ.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    sources = SOURCES_FILE.read_text(encoding="utf-8") if SOURCES_FILE.exists() else (
        "# Benchmarks stackwise ran itself (issue 14): one entry per results file in data/benchmarks/.\n"
        "sources:\n")
    if not re.search(rf"^  - id: {re.escape(doc['id'])}$", sources, re.M):
        differ.append(SOURCES_FILE)
        if not check:
            SOURCES_FILE.write_text(sources + source_entry(doc), encoding="utf-8")
    for path in differ:
        print(("differs: " if check else "wrote ") + str(path.relative_to(ROOT)))
    return 1 if check and differ else 0


if __name__ == "__main__":
    sys.exit(main())
