"""Markers: fabric length and utilisation against the time the solver is given, for one shirt
and for two shirts laid together on 150 cm fabric (seed 1). The time is the budget plus our
preparation and checks, measured wall-clock.

Run: python benchmarks/bench_marker.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_draft import machine  # noqa: E402
from mtm_app.drafting import draft  # noqa: E402
from mtm_app.library import get_block  # noqa: E402
from mtm_app.marker import MarkerSpec, make_marker  # noqa: E402
from mtm_app.measurements.files import load_measurements  # noqa: E402

DEMO = ROOT / "resources" / "demo"


def main() -> None:
    shirt = get_block("mens_shirt")
    one = [("A-1", draft(shirt, load_measurements(DEMO / "customer_median_man.json")).pieces)]
    two = [*one, ("A-2", draft(shirt, load_measurements(DEMO / "customer_tall_man.json")).pieces)]
    lines = [machine(), "", "| orders | solver budget | wall time | length | utilisation |",
             "|---|---|---|---|---|"]
    for name, orders in (("1 shirt (13 pieces)", one), ("2 shirts (26 pieces)", two)):
        for seconds in (1, 3, 10, 30):
            start = time.perf_counter()
            marker = make_marker(orders, MarkerSpec(1500.0, seconds=seconds))
            wall = time.perf_counter() - start
            lines.append(f"| {name} | {seconds} s | {wall:.1f} s | {marker.length / 10:.1f} cm | "
                         f"{marker.utilisation:.1%} |")
            print(lines[-1], flush=True)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
