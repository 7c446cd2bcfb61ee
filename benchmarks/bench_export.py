"""Export speed: an order's file set in-process, and a whole AAMA `mtm draft` process beside
Valentina's command-line AAMA export of its MaleShirt example (when Valentina is installed).

Run: python benchmarks/bench_export.py [--runs N]. The process rows are interleaved (ours,
Valentina's, ours, …) so that this VM's drifting speed hits both alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_draft import DEMO, machine, row, timings  # noqa: E402
from mtm_app.drafting import draft  # noqa: E402
from mtm_app.export.files import ORDER_FORMATS, write_order_files  # noqa: E402
from mtm_app.export.labels import JobInfo  # noqa: E402
from mtm_app.library import get_block  # noqa: E402
from mtm_app.measurements.files import load_measurements  # noqa: E402

VALENTINA_SHIRT = Path("/usr/share/doc/valentina/examples/collection/MaleShirt/MaleShirt.val")


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--pairs", type=int, default=40, help="interleaved process runs")
    args = parser.parse_args()
    shirt = get_block("mens_shirt")
    result = draft(shirt, load_measurements(DEMO))
    job = JobInfo(shirt.id, shirt.version, order="BENCH-1", trace="0" * 12)
    lines = [machine(), "", "| what | median ms | p95 ms | runs |", "|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        lines.append(row("order file set in-process: AAMA + tiled PDF (A4) + cut ticket",
                         timings(lambda: write_order_files(result, job, list(ORDER_FORMATS), out),
                                 args.runs)))
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        ours = [sys.executable, "-m", "mtm_app.cli", "draft", "mens_shirt", "-m", str(DEMO),
                "--out", tmp, "--format", "dxf-aama"]
        theirs = ["valentina", "-b", "shirt", "-d", tmp, "-f", "16", "--exportOnlyDetails",
                  str(VALENTINA_SHIRT)]
        have_valentina = shutil.which("valentina") and VALENTINA_SHIRT.exists()
        mine, valentina = [], []
        for _ in range(3):  # warm the file cache
            _wall(ours, env)
        for _ in range(args.pairs):
            mine.append(_wall(ours, env))
            if have_valentina:
                valentina.append(_wall(theirs, env))
        lines.append(row("whole `mtm draft … --format dxf-aama` process", sorted(mine)))
        if valentina:
            lines.append(row("Valentina 0.7 AAMA export of MaleShirt (R12 AAMA, interleaved)",
                             sorted(valentina)))
            paired = statistics.median(a / b for a, b in zip(mine, valentina, strict=True))
            lines.append(f"\nours / Valentina, median of {len(mine)} back-to-back pairs: "
                         f"{paired:.2f}; fastest runs: {min(mine):.0f} vs {min(valentina):.0f} ms")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
