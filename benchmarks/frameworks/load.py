"""wrk, the load generator (issue 14): one fixed-duration run, its figures parsed from a Lua ``done`` hook.

wrk (Debian's package, installed by scripts/setup.d/20-wrk.sh) is a C load generator: a
Python client could not saturate the faster servers. Its ``--latency`` percentiles come from
an HdrHistogram of every request; the ``done`` hook in ``spec.Task.lua`` prints them as JSON.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from benchmarks.frameworks.spec import CONNECTIONS, Task

ROOT = Path(__file__).resolve().parents[2]
WRK_SETUP = ROOT / "scripts" / "setup.d" / "20-wrk.sh"


@dataclass
class Run:
    """Figures of one wrk run. A run with any error (non-2xx/3xx or socket) is failed."""

    requests: int
    duration_s: float
    rps: float
    p50_ms: float
    p99_ms: float
    non2xx: int
    connect: int
    read: int
    write: int
    timeout: int

    @property
    def errors(self) -> int:
        return self.non2xx + self.connect + self.read + self.write + self.timeout

    @property
    def failed(self) -> bool:
        return self.errors > 0 or self.requests == 0

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "failed": self.failed}


def ensure_wrk() -> str:
    """Path of wrk, installing Debian's package through the setup step when it is missing."""
    path = shutil.which("wrk")
    if path is None:
        subprocess.run(["bash", str(WRK_SETUP)], check=True)
        path = shutil.which("wrk")
    if path is None:
        raise RuntimeError("wrk is not installed and scripts/setup.d/20-wrk.sh could not install it")
    return path


def wrk_version(wrk: str) -> str:
    out = subprocess.run([wrk, "--version"], capture_output=True, text=True).stdout
    return out.split("Copyright")[0].strip()


def parse(stdout: str) -> Run:
    """The figures from wrk's output (the ``STACKWISE {...}`` line the Lua hook writes)."""
    for line in stdout.splitlines():
        if line.startswith("STACKWISE "):
            d = json.loads(line[len("STACKWISE "):])
            secs = d["duration_us"] / 1e6
            return Run(requests=d["requests"], duration_s=round(secs, 3),
                       rps=round(d["requests"] / secs, 1) if secs else 0.0,
                       p50_ms=round(d["p50_us"] / 1000, 3), p99_ms=round(d["p99_us"] / 1000, 3),
                       non2xx=d["status"], connect=d["connect"], read=d["read"], write=d["write"],
                       timeout=d["timeout"])
    raise ValueError(f"no figures in wrk's output: {stdout[-500:]!r}")


def run_wrk(wrk: str, port: int, task: Task, duration_s: int, pin: list[str] | None = None,
            connections: int = CONNECTIONS, timeout_s: int = 5) -> Run:
    """One wrk run of ``task`` against 127.0.0.1:port for ``duration_s`` whole seconds (one wrk thread)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(task.lua())
        script = f.name
    try:
        cmd = [*(pin or []), wrk, "--threads", "1", "--connections", str(connections),
               "--duration", f"{max(int(duration_s), 1)}s", "--timeout", f"{timeout_s}s", "--latency",
               "--script", script, f"http://127.0.0.1:{port}{task.path}"]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=duration_s + 60)
        return parse(res.stdout)
    finally:
        Path(script).unlink(missing_ok=True)
