"""Drafting speed: the shirt in-process (median, p95) and a whole `mtm draft` process.

Run: python benchmarks/bench_draft.py [--runs N]. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtm_app.block.loader import load_block  # noqa: E402
from mtm_app.drafting import draft  # noqa: E402
from mtm_app.library import get_block  # noqa: E402
from mtm_app.measurements.files import load_measurements  # noqa: E402
from mtm_app.measurements.validate import check_measurements  # noqa: E402

DEMO = ROOT / "resources" / "demo" / "customer_median_man.json"
DEMO_WOMAN = ROOT / "resources" / "demo" / "customer_median_woman.json"


def timings(fn, runs: int) -> list[float]:
    for _ in range(20):
        fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return sorted(out)


def row(name: str, ms: list[float], rounds: list[float] | None = None) -> str:
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    spread = f" (rounds: {', '.join(f'{r:.2f}' for r in rounds)})" if rounds else ""
    return f"| {name} | {statistics.median(ms):.2f}{spread} | {p95:.2f} | {len(ms)} |"


def in_rounds(fn, runs: int, rounds: int = 5) -> tuple[list[float], list[float]]:
    """Timings in several rounds: this VM's speed drifts, and the rounds show by how much."""
    all_ms, medians = [], []
    for _ in range(rounds):
        ms = timings(fn, runs // rounds)
        medians.append(statistics.median(ms))
        all_ms += ms
    return sorted(all_ms), medians


def machine() -> str:
    return (f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5000)
    args = parser.parse_args()
    shirt = get_block("mens_shirt")
    body = load_measurements(DEMO)
    lines = [
        machine(),
        "",
        "| what | median ms | p95 ms | runs |",
        "|---|---|---|---|",
        row("shirt draft: 9 pieces, seam allowances, notches, seam pairs, fit checks",
            *in_rounds(lambda: draft(shirt, body), args.runs)),
        row("shirt draft, French cuffs, darts, cutaway collar",
            timings(lambda: draft(shirt, body, {"cuff_style": "french", "back_style": "darts",
                                                "collar_style": "cutaway"}), args.runs)),
        row("shirt draft, stooped, right shoulder sloping, left sleeve 2 cm longer (drafted per side: "
            "yoke and back cut open, a left and a right sleeve)",
            timings(lambda: draft(shirt, {**body, "posture": 10, "shoulder_slope_right": 8,
                                          "sleeve_length_left": body["sleeve_length"] + 20}),
                    args.runs // 5)),
        row("load and compile the shirt block file", timings(lambda: load_block(shirt.path), 50)),
        row("measurement checks (ranges, unit mix-ups, the typo search over 11 values)",
            timings(lambda: check_measurements(body, "cm", "male", list(body)), args.runs)),
    ]
    woman = load_measurements(DEMO_WOMAN)
    for block_id, person in (("mens_trousers", body), ("mens_waistcoat", body), ("mens_jacket", body),
                             ("womens_bodice", woman), ("skirt", woman)):
        block = get_block(block_id)
        lines.append(row(f"{block.name} draft ({len(block.pieces)} pieces), checks included",
                         timings(lambda block=block, person=person: draft(block, person),
                                 args.runs // 5)))
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "mtm_app.cli", "draft", "mens_shirt", "-m", str(DEMO),
               "--out", tmp, "--format", "svg,json"]
        lines.append(row("whole `mtm draft` process (svg,json)",
                         timings(lambda: subprocess.run(cmd, check=True, capture_output=True), 10)))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
