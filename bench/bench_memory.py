"""Benchmark: memory of the bulk demo builder stays flat as the number of deals grows.

Builds the demo company twice into fresh SQLite files, each in its own process — N deals and
4·N deals (N from DEALPILOT_BENCH_MEMORY_DEALS, default 1,000) — and reads each process's peak
resident memory. The builder generates and writes a chunk of deals at a time, so four times the
deals should take about the same memory: the ratio of the two peaks is what the target bounds.
A second line reports the larger run's peak against the 1 GB ceiling.

    .venv/bin/python bench/bench_memory.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEALS = int(os.environ.get("DEALPILOT_BENCH_MEMORY_DEALS", "1000"))
TARGET = 1.25
CEILING_MB = 1024

CHILD = """
import resource, django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from dealpilot.deals.demo import build_demo
build_demo(deals={deals})
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_mb(deals: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
               "DJANGO_SETTINGS_MODULE": "dealpilot.web.settings", "PYTHONPATH": str(ROOT)}
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", CHILD.format(deals=deals)], cwd=ROOT, env=env,
                             check=True, capture_output=True, text=True).stdout
        return int(out.split()[-1]) / 1024, time.perf_counter() - start  # ru_maxrss is in KiB


def main() -> None:
    small, t_small = peak_mb(DEALS)
    large, t_large = peak_mb(4 * DEALS)
    print(f"demo builder peak memory: {DEALS} deals {small:.0f} MB ({t_small:.0f} s), "
          f"{4 * DEALS} deals {large:.0f} MB ({t_large:.0f} s)")
    print(f"BENCH demo.memory_growth ratio={large / small:.2f} target={TARGET}")
    print(f"BENCH demo.peak_memory ratio={large / CEILING_MB:.2f} target=1.0")


if __name__ == "__main__":
    main()
