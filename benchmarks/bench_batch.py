"""Batch production: N different customers' order files (AAMA + tiled PDF + cut ticket)
through one `mtm batch` run against the same N as a shell loop of `mtm draft`, measured side by
side in one run, and their files compared (byte for byte but the creation time stamps).

Run: python benchmarks/bench_batch.py [--orders 100] [--jobs N].
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_draft import machine  # noqa: E402
from mtm_app.measurements.ansur import read_ansur  # noqa: E402

ANSUR_MEN = ROOT / "resources" / "ansur2" / "ANSUR_II_MALE_Public.csv"
FORMATS = "dxf-aama,pdf-tiled,cut-ticket"
SHIRT = ("height", "neck", "chest", "waist", "seat", "nape_to_waist", "shoulder_length",
         "across_back", "sleeve_length", "bicep", "wrist")
# the moment a file was made: the only bytes two writings of one order may differ in
STAMPS = re.compile(rb"(Creation Time: [0-9:]+|/(?:Creation|Mod)Date \(D:[0-9+']+\)|"
                    rb"\[<[0-9a-f]{32}><[0-9a-f]{32}>\])")


def write_orders(folder: Path, count: int) -> Path:
    """`count` different men (every 37th ANSUR subject) as measurement files and a batch CSV."""
    bodies = read_ansur(ANSUR_MEN, "male")[::37][:count]
    lines = ["order,block,measurements,options,quantity,fabric"]
    for k, (_subject, values) in enumerate(bodies):
        name = f"B-{k:03d}"
        (folder / f"{name}.json").write_text(json.dumps({
            "unit": "mm", "sex": "male", "measurements": {n: values[n] for n in SHIRT}}))
        lines.append(f"{name},mens_shirt,{name}.json,,1,POP-WHT-150")
    csv = folder / "orders.csv"
    csv.write_text("\n".join(lines) + "\n")
    return csv


def same_files(a: Path, b: Path) -> bool:
    """The same bytes but the time stamps."""
    if filecmp.cmp(a, b, shallow=False):
        return True
    return STAMPS.sub(b"", a.read_bytes()) == STAMPS.sub(b"", b.read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    mtm = [sys.executable, "-m", "mtm_app.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv = write_orders(folder, args.orders)
        names = [line.split(",")[0] for line in csv.read_text().splitlines()[1:]]
        start = time.perf_counter()
        for name in names:  # the shell loop, one process per order
            subprocess.run([*mtm, "draft", "mens_shirt", "-m", str(folder / f"{name}.json"),
                            "--out", str(folder / "loop" / name), "--format", FORMATS,
                            "--order", name, "--fabric", "POP-WHT-150"],
                           check=True, capture_output=True, env=env)
        loop = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([*mtm, "batch", str(csv), "--out", str(folder / "batch"),
                        "--format", FORMATS, "--jobs", str(args.jobs)],
                       check=True, capture_output=True, env=env)
        batch = time.perf_counter() - start
        files = sorted((folder / "loop").rglob("*.*"))
        differ = [p.relative_to(folder / "loop") for p in files
                  if not same_files(p, folder / "batch" / p.relative_to(folder / "loop"))]
    print(machine())
    print()
    print(f"| {args.orders} orders ({FORMATS}) | wall s | per order ms |")
    print("|---|---|---|")
    print(f"| shell loop of `mtm draft` | {loop:.1f} | {loop / args.orders * 1000:.0f} |")
    print(f"| one `mtm batch --jobs {args.jobs}` | {batch:.1f} | {batch / args.orders * 1000:.0f} |")
    print()
    print(f"batch / loop = {batch / loop:.3f}; {len(files)} files compared, "
          f"{len(differ)} differ{': ' + ', '.join(map(str, differ[:5])) if differ else ''}")


if __name__ == "__main__":
    main()
