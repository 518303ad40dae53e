"""What the benchmarks measure the same way: percentiles and a process's CPU time."""

from __future__ import annotations

import math
import os
from pathlib import Path


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at or above `share` of them (p99 of 200: the 198th)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU a process has spent so far (Linux /proc); None once it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
