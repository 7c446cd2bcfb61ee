"""HP-GL/2 plots of the plotter sheet and of markers, read back by a small parser of our own
(and drawn by hp2xx when it is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field

import numpy as np
import pytest

from mtm_app.drafting import draft
from mtm_app.export.hpgl import PENS, UNITS_PER_MM, plotter_plt
from mtm_app.export.labels import JobInfo
from mtm_app.export.sheet import MARGIN, plotter_sheet

JOB = JobInfo("mens_shirt", "1.1.0", order="A-1001", trace="0123456789ab")


@dataclass
class Parsed:
    strokes: list[tuple[int, np.ndarray]] = field(default_factory=list)  # (pen, points in mm)
    labels: list[tuple[int, str]] = field(default_factory=list)
    head: list[str] = field(default_factory=list)


def parse_hpgl(text: str) -> Parsed:
    """Instructions split on ';' (a label runs to its ETX); absolute PU/PD in plotter units."""
    out = Parsed()
    pen, pos, stroke = 0, (0, 0), None
    k = 0
    while k < len(text):
        if text.startswith("LB", k):
            end = text.index("\x03", k)
            out.labels.append((pen, text[k + 2:end]))
            k = end + 2  # the ETX and the ';'
            continue
        end = text.find(";", k)
        end = len(text) if end < 0 else end
        op, args = text[k:k + 2], text[k + 2:end].strip()
        k = end + 1
        if not op.strip():
            continue
        nums = [float(v) for v in args.split(",")] if op in ("PU", "PD", "SP") and args else []
        pairs = list(zip(nums[::2], nums[1::2], strict=True)) if op in ("PU", "PD") else []
        if op == "SP":
            pen = int(nums[0])
        elif op == "PU":
            stroke = None
            if pairs:
                pos = pairs[-1]
        elif op == "PD":
            if stroke is None:
                stroke = [pos]
                out.strokes.append((pen, stroke))
            stroke += pairs
            pos = pairs[-1] if pairs else pos
        else:
            out.head.append(op + args)
    out.strokes = [(p, np.asarray(s, dtype=float) / UNITS_PER_MM) for p, s in out.strokes]
    return out


def _length(points: np.ndarray) -> float:
    return float(np.hypot(*np.diff(points, axis=0).T).sum())


@pytest.fixture(scope="module")
def shirt_pieces(shirt):
    from tests.conftest import MEDIAN_MAN

    return draft(shirt, MEDIAN_MAN, {"back_style": "darts"}).pieces


def test_plotter_sheet_reads_back_piece_by_piece(shirt_pieces) -> None:
    """Each piece's cut line (pen 1) has the drafted length and bounding box to 0.1 mm, where
    the plotter sheet lays it; every line type on its own pen; test squares true to size."""
    plot = parse_hpgl(plotter_plt(shirt_pieces, JOB))
    assert plot.head[0] == "IN" and any(h.startswith("PS") for h in plot.head)
    _, placements, width, height = plotter_sheet(shirt_pieces)
    assert f"PS{round(height * 40)},{round(width * 40)}" in plot.head
    by_pen: dict[int, list[np.ndarray]] = {}
    for pen, pts in plot.strokes:
        by_pen.setdefault(pen, []).append(pts[:, ::-1])  # plot (X, Y) is sheet (y, x)
    cuts = by_pen[PENS["cut"]]
    assert len(cuts) == len(shirt_pieces) == len(by_pen[PENS["sew"]])
    for pl in placements:
        piece = pl.piece
        ring = piece.cut_line + np.array((pl.dx + MARGIN, pl.dy + MARGIN))
        want_box = np.r_[ring.min(axis=0), ring.max(axis=0)]
        got = min(cuts, key=lambda c: np.abs(np.r_[c.min(axis=0), c.max(axis=0)] - want_box).max())
        assert np.allclose(got[0], got[-1])  # closed
        assert np.abs(np.r_[got.min(axis=0), got.max(axis=0)] - want_box).max() < 0.1, piece.id
        assert _length(got) == pytest.approx(_length(np.vstack([ring, ring[:1]])), abs=0.1), piece.id
    assert len(by_pen[PENS["notch"]]) == sum(len(p.notches) for p in shirt_pieces)
    assert len(by_pen[PENS["grain"]]) == 3 * sum(1 for p in shirt_pieces if p.grainline)  # line, 2 heads
    internal = sum(len(p.internal_lines) + len(p.fold_lines) + 2 * len(p.drills) for p in shirt_pieces)
    assert len(by_pen[PENS["internal"]]) == internal
    frame, *squares = by_pen[PENS["frame"]]
    assert np.ptp(frame, axis=0) == pytest.approx((width - 2 * MARGIN, height - 2 * MARGIN), abs=0.05)
    assert sorted(round(float(np.ptp(s[:, 0])), 2) for s in squares) == [100.0, 101.6]
    assert all(np.ptp(s[:, 0]) == pytest.approx(np.ptp(s[:, 1]), abs=0.03) for s in squares)
    texts = [t for _, t in plot.labels]
    assert "Sleeve" in texts and "10 cm" in texts and any("0123456789ab" in t for t in texts)
    assert all(t.isascii() for t in texts)
    assert {p for p, _ in plot.labels} == {PENS["text"], PENS["frame"]}


def test_a_plot_for_cutters_has_no_labels(shirt_pieces) -> None:
    text = plotter_plt(shirt_pieces, JOB, labels=False)
    assert "LB" not in text and text.isascii()


def test_order_and_cli_write_plt(tmp_path) -> None:
    import sys

    from tests.conftest import ROOT

    demo = ROOT / "resources" / "demo" / "customer_median_man.json"
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "draft", "mens_shirt", "-m", str(demo),
                             "--out", str(tmp_path), "--order", "A-7", "--format", "plt",
                             "--paper", "roll36"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "A-7.plt").read_text("ascii")
    assert re.search(r"PS\d+,36576;", text)  # 36 in across, at 40 units per mm
    assert sorted(p.name for p in tmp_path.iterdir()) == ["A-7.plt"]


def test_marker_plot_is_as_long_as_the_marker(tmp_path, shirt_pieces) -> None:
    from mtm_app.marker import MarkerSpec, make_marker
    from mtm_app.marker.files import write_marker

    marker = make_marker([("A-1", shirt_pieces)], MarkerSpec(1500.0, seconds=1))
    (path,) = write_marker(marker, {"A-1": JOB}, tmp_path, ["plt"])
    assert path.name == "marker-self.plt"
    plot = parse_hpgl(path.read_text("ascii"))
    frame = [pts for pen, pts in plot.strokes if pen == PENS["frame"] and len(pts) == 2
             and np.ptp(pts[:, 0]) > 1000]
    assert len(frame) == 2  # both selvedges, the whole marker long
    for selvedge in frame:
        assert np.ptp(selvedge[:, 0]) == pytest.approx(marker.length, abs=0.05)
        assert selvedge[0, 0] == 0.0
    assert sorted(float(s[0, 1]) for s in frame) == pytest.approx([0.0, 1500.0], abs=0.025)
    cuts = [pts for pen, pts in plot.strokes if pen == PENS["cut"]]
    assert len(cuts) == len(marker.pieces)
    for laid in marker.pieces:  # the marker's frame: X along its length, Y from the far selvedge
        ring = np.column_stack([laid.piece.cut_line[:, 0], 1500.0 - laid.piece.cut_line[:, 1]])
        box = np.r_[ring.min(axis=0), ring.max(axis=0)]
        got = min(cuts, key=lambda c: np.abs(np.r_[c.min(axis=0), c.max(axis=0)] - box).max())
        assert np.abs(np.r_[got.min(axis=0), got.max(axis=0)] - box).max() < 0.1
        assert _length(got) == pytest.approx(_length(np.vstack([ring, ring[:1]])), abs=0.1)
    assert max(c[:, 0].max() for c in cuts) <= marker.length + 0.05


@pytest.mark.skipif(shutil.which("hp2xx") is None, reason="hp2xx not installed (apt-get install hp2xx)")
def test_hp2xx_draws_our_plot(tmp_path, shirt_pieces) -> None:
    """An independent reader: hp2xx turns the plot into a PNG of the sheet's proportions."""
    path = tmp_path / "sheet.plt"
    path.write_text(plotter_plt(shirt_pieces, JOB), encoding="ascii")
    done = subprocess.run(["hp2xx", "-m", "png", "-w", "1000", "-d", "40", "-f", str(tmp_path / "s.png"),
                           str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "s.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    _, _, width, height = plotter_sheet(shirt_pieces)
    assert w / h == pytest.approx(height / width, rel=0.1)  # the sheet, turned along X
