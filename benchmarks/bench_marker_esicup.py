"""Our marker engine against the best published densities on ESICUP garment instances.

Each instance is laid by `make_marker` as a marker of its pieces (scaled so the strip is
1500 mm wide: density does not depend on the unit; no gap, 0°/180° as the instances allow),
with the time and solver threads given, seed 1. Density = piece area / (width x length), the
same as our utilisation. The best published figures are sparrow's records (see
benchmarks/data/esicup/README.md and records.json).

Run: python benchmarks/bench_marker_esicup.py [--seconds 60] [--workers 2] [albano shirts ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_draft import machine  # noqa: E402
from mtm_app.geometry.allowance import signed_area  # noqa: E402
from mtm_app.marker import Marker, MarkerSpec, make_marker  # noqa: E402
from mtm_app.pieces import Piece  # noqa: E402

DATA = ROOT / "benchmarks" / "data" / "esicup"
INSTANCES = ("albano", "dagli", "shirts", "swim", "trousers")
WIDTH = 1500.0  # mm: every instance scaled to this strip width


def load(name: str) -> tuple[float, list[Piece], float]:
    """(scale, pieces in mm, total item area in instance units²) of an instance file."""
    data = json.loads((DATA / f"{name}.json").read_text())
    scale = WIDTH / data["strip_height"]
    pieces, area = [], 0.0
    for item in data["items"]:
        if item["shape"]["type"] != "simple_polygon" or set(item["allowed_orientations"]) - {0.0, 180.0}:
            raise ValueError(f"{name}: item {item['id']} is not a simple polygon turned 0/180° only")
        outline = np.asarray(item["shape"]["data"], dtype=float)
        if np.allclose(outline[0], outline[-1]):
            outline = outline[:-1]
        area += abs(signed_area(outline)) * item["demand"]
        cut = outline * scale
        pieces.append(Piece(id=f"item{item['id']}", name=f"item {item['id']}", edges=[], seam_line=cut,
                            cut_line=cut, quantity=item["demand"]))
    return scale, pieces, area


def record_density(name: str, area: float) -> float:
    data = json.loads((DATA / f"{name}.json").read_text())
    length = json.loads((DATA / "records.json").read_text())["strip_length"][name]
    return area / (data["strip_height"] * length)


def lay(name: str, seconds: int, workers: int, seed: int = 1) -> tuple[Marker, float, float]:
    """(marker, its density, the best published density)."""
    _, pieces, area = load(name)
    marker = make_marker([(name, pieces)], MarkerSpec(WIDTH, gap=0.0, seconds=seconds, seed=seed,
                                                      workers=workers))
    return marker, marker.utilisation, record_density(name, area)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("instances", nargs="*", default=list(INSTANCES))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    lines = [machine() + f", {os.cpu_count()} logical CPUs", "",
             f"{args.seconds} s per instance, {args.workers} solver threads, seed {args.seed}", "",
             "| instance | pieces | our density | best published | ours / best | wall time |",
             "|---|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    for name in args.instances:
        start = time.perf_counter()
        marker, ours, best = lay(name, args.seconds, args.workers, args.seed)
        lines.append(f"| {name} | {len(marker.pieces)} | {ours:.2%} | {best:.2%} | {ours / best:.1%} | "
                     f"{time.perf_counter() - start:.0f} s |")
        print(lines[-1], flush=True)


if __name__ == "__main__":
    main()
