"""The desktop app's speed and size: a measurement change to a repainted preview, a cold start
to a shown window, and memory after opening 100 customers.

Run: python benchmarks/bench_app.py (uses the offscreen Qt platform and a temporary database).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.bench_draft import machine  # noqa: E402


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _p95(ms: list[float]) -> float:
    ms = sorted(ms)
    return ms[min(len(ms) - 1, int(0.95 * len(ms)))]


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="mtm-bench-"))
    os.environ["MTM_DATA_DIR"] = str(tmp / "data")
    os.environ["MTM_CACHE_DIR"] = str(tmp / "cache")
    from PySide6.QtWidgets import QApplication

    from mtm_app.store import open_store
    from mtm_app.ui.app import build_window

    # cold start: a fresh process until the window is shown and painted (to a PNG)
    starts = []
    for _ in range(5):
        begin = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--screenshot", str(tmp / "s.png")],
                       check=True, capture_output=True, env=os.environ)
        starts.append((time.perf_counter() - begin) * 1000)

    app = QApplication.instance() or QApplication([])
    store = open_store(f"sqlite:///{tmp / 'bench.sqlite3'}")
    window = build_window(store)
    window.show()
    window.pages.show_page("measure")  # where the tailor types: the pattern is on screen
    app.processEvents()

    # a measurement change to a repainted preview: redraft, checks, scene and paint; each value
    # new, as a tailor's typing is (a repeated value could be answered from a cache)
    chest = window.measurements.fields["chest"]
    latencies = []
    for k in range(300):
        begin = time.perf_counter()
        chest.setValue(1000.0 + k * 0.7)
        window.preview.viewport().repaint()
        latencies.append((time.perf_counter() - begin) * 1000)

    # memory after opening 100 customers, each with a measurement session
    base = window.store.customer(window.customer_id).sessions[-1].values
    ids = []
    for k in range(100):
        c = store.create_customer(f"Customer {k:03d}", phone=f"+44 20 7946 {k:04d}",
                                  consent_date=date.today())
        store.add_session(c.id, {**base, "chest": base["chest"] + k}, sex="male")
        ids.append(c.id)
    for cid in ids:
        window.open_customer(cid)
        app.processEvents()
    rss = _rss_mb()

    lines = [machine(), "", "| what | median | p95 | runs |", "|---|---|---|---|",
             f"| measurement change → redrafted, checked and repainted preview (shirt) | "
             f"{statistics.median(latencies):.1f} ms | {_p95(latencies):.1f} ms | {len(latencies)} |",
             f"| cold start → window shown and painted (`main.py --screenshot`) | "
             f"{statistics.median(starts):.0f} ms | {max(starts):.0f} ms (max) | {len(starts)} |",
             f"| resident memory after opening 100 customers | {rss:.0f} MB | | 1 |"]
    print("\n".join(lines))
    window.close()


if __name__ == "__main__":
    main()
