"""PDF patterns at exactly 1:1, read back through their vector content."""

from __future__ import annotations

import io
import math

import pdfplumber
import pytest

from mtm_app.drafting import draft
from mtm_app.export.labels import JobInfo
from mtm_app.export.pdf import MARGIN, PAPERS, PT, plotter_pdf, tiled_pdf

JOB = JobInfo("mens_shirt", "1.0.0", order="A-1001", trace="0123456789ab")


@pytest.fixture(scope="module")
def pieces(shirt):
    from tests.conftest import MEDIAN_MAN

    return draft(shirt, MEDIAN_MAN).pieces


def _squares(page) -> list[float]:
    return sorted(round(r["width"], 2) for r in page.rects if abs(r["width"] - r["height"]) < 0.01)


@pytest.mark.parametrize(("paper", "landscape"), [("a4", False), ("letter", False), ("a3", True),
                                                   ("legal", False), ("tabloid", True)])
def test_tiled_first_page_has_both_test_squares_at_true_size(pieces, paper, landscape) -> None:
    data, labels = tiled_pdf(pieces, JOB, paper, landscape)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        squares = [s for s in _squares(first) if s > 200]
        assert any(abs(s - 283.46) <= 0.3 for s in squares)  # 10 cm
        assert any(abs(s - 288.0) <= 0.3 for s in squares)  # 4 in
        text = first.extract_text()
        assert "Print at 100 %" in text and "trace 0123456789ab" in text
        assert len(pdf.pages) == 1 + len(labels)
        w, h = PAPERS[paper]
        if landscape:
            w, h = h, w
        assert (pdf.pages[1].width, pdf.pages[1].height) == pytest.approx((w, h))
        for page, label in zip(pdf.pages[1:], labels, strict=True):
            assert label in page.extract_text()


def test_tile_grid_skips_blank_tiles_and_labels_by_row_and_column(pieces) -> None:
    # a tall piece beside a short one: the tiles below the short one hold nothing
    tall_and_short = [p for p in pieces if p.id in ("back", "cuff")]
    data, labels = tiled_pdf(tall_and_short, JOB, "letter", landscape=False, overlap=15)
    assert labels[0] == "A1" and all(label[0].isalpha() and label[1:].isdigit() for label in labels)
    rows = {label[0] for label in labels}
    cols = {int(label[1:]) for label in labels}
    assert len(labels) < len(rows) * len(cols)  # the empty corner of the layout is not printed
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        a1 = pdf.pages[1 + labels.index("A1")].extract_text()
        assert "A1 | A2" in a1 and "A1 | B1" in a1  # marks naming the neighbours
        for page in pdf.pages[1:]:
            assert page.curves or page.lines  # every printed tile holds some of the pattern


def test_plotter_sheet_is_one_page_with_pieces_at_true_size(pieces) -> None:
    data = plotter_pdf(pieces, JOB, "roll36")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
        page = pdf.pages[0]
        assert page.width == pytest.approx(36 * 72)
        assert any(abs(s - 283.46) <= 0.3 for s in _squares(page))
        # the sleeve's cut line: the curve with the sleeve's exact extent
        sleeve = next(p for p in pieces if p.id == "sleeve")
        x0, y0, x1, y1 = sleeve.bounds
        want = ((x1 - x0) * PT, (y1 - y0) * PT)
        extents = [(c["x1"] - c["x0"], c["bottom"] - c["top"]) for c in page.curves]
        assert any(math.isclose(w, want[0], abs_tol=0.3) and math.isclose(h, want[1], abs_tol=0.3)
                   for w, h in extents)


def test_a0_refuses_what_does_not_fit(pieces) -> None:
    with pytest.raises(ValueError, match="choose a roll"):
        plotter_pdf(pieces * 4, JOB, "a0")
    assert MARGIN > 0


def test_cut_ticket_lists_the_order_the_pieces_and_the_estimates(tmp_path) -> None:
    import json
    import subprocess
    import sys
    from pathlib import Path

    demo = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_man.json"
    data = json.loads(demo.read_text())
    data["estimated"] = ["wrist"]
    customer = tmp_path / "c.json"
    customer.write_text(json.dumps(data))
    result = subprocess.run([sys.executable, "-m", "mtm_app.cli", "draft", "mens_shirt", "-m",
                             str(customer), "--out", str(tmp_path), "--order", "T-9",
                             "--format", "cut-ticket,json", "--customer", "Alex (C-17)",
                             "--fabric", "Poplin 140 cm"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    trace = json.loads((tmp_path / "T-9.json").read_text())["trace"]
    with pdfplumber.open(tmp_path / "T-9.ticket.pdf") as pdf:
        text = pdf.pages[0].extract_text()
    for expected in ("Cut ticket — order T-9", "Alex (C-17)", "Poplin 140 cm", "mens_shirt v1.2.0",
                     trace, "Wrist: 17.6 *", "Sleeve Cut 2 = 1 pair self pair",
                     "Cuff interfacing Cut 2 interfacing", "Collar: point"):
        assert expected in text, expected


def test_tiled_pages_put_each_piece_where_the_assembled_sheet_has_it(pieces) -> None:
    """Every tile shows the pattern shifted by exactly its place in the grid: glued along the
    overlap marks, the pages rebuild each piece at 1:1."""
    from mtm_app.export.layout import shelf_layout
    from mtm_app.export.pdf import SHEET_WIDTH_TILED

    overlap = 12.0
    data, labels = tiled_pdf(pieces, JOB, "a4", landscape=False, overlap=overlap)
    placements, _, _ = shelf_layout(pieces, SHEET_WIDTH_TILED)
    w, h = PAPERS["a4"]
    step_w, step_h = w / PT - 2 * MARGIN - overlap, h / PT - 2 * MARGIN - overlap
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, label in zip(pdf.pages[1:], labels, strict=True):
            row, col = ord(label[0]) - 65, int(label[1:]) - 1
            ox, oy = col * step_w - MARGIN, row * step_h - MARGIN
            found = [(c["x0"], c["top"], c["x1"] - c["x0"], c["bottom"] - c["top"])
                     for c in page.curves + page.rects]  # a straight-sided piece reads as a rect
            for pl in placements:
                x0, y0, x1, y1 = pl.piece.bounds
                want = ((x0 + pl.dx - ox) * PT, (y0 + pl.dy - oy) * PT, (x1 - x0) * PT,
                        (y1 - y0) * PT)
                assert any(all(math.isclose(a, b, abs_tol=0.3) for a, b in zip(f, want, strict=True))
                           for f in found), f"{pl.piece.id} misplaced on page {label}"


def _inside(obj, page) -> bool:
    return 0 <= obj["x0"] < obj["x1"] <= page.width and 0 <= obj["top"] < obj["bottom"] <= page.height


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("paper", list(PAPERS))
def test_cover_page_squares_and_print_line_lie_inside_page_one(pieces, paper, landscape) -> None:
    data, _ = tiled_pdf(pieces, JOB, paper, landscape)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = pdf.pages[0]
        squares = [r for r in first.rects if abs(r["width"] - r["height"]) < 0.01
                   and any(abs(r["width"] - s) <= 0.3 for s in (283.46, 288.0))]
        assert sorted(round(r["width"]) for r in squares) == [283, 288]
        for r in squares:
            assert _inside(r, first), (paper, landscape, r["width"])
        line = [w for w in first.extract_words() if w["text"] in ("Print", "ruler.")]
        assert [w["text"] for w in line] == ["Print", "ruler."]
        for ch in first.chars:  # nothing on the cover runs off it
            assert _inside(ch, first), (paper, landscape, ch["text"])
