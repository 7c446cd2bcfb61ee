"""Bundle labels: one label per piece on an A4 sheet or a roll, read back: order, piece, count
for the whole order, material, size; every label inside its slot."""

from __future__ import annotations

import pdfplumber
import pytest

from mtm_app.drafting import draft
from mtm_app.export.bundles import STOCKS, bundle_labels_pdf
from mtm_app.export.labels import JobInfo, cut_count
from tests.conftest import MEDIAN_MAN

MM = 72 / 25.4


@pytest.fixture(scope="module")
def shirt_draft(shirt):
    return draft(shirt, MEDIAN_MAN)


@pytest.mark.parametrize("stock", ["a4", "roll"])
def test_every_piece_has_its_label(shirt_draft, tmp_path, stock) -> None:
    job = JobInfo("mens_shirt", "1.1.0", order="O-2026-ABC123", trace="f" * 12, garments=2)
    path = tmp_path / "labels.pdf"
    path.write_bytes(bundle_labels_pdf(shirt_draft, job, stock))
    s = STOCKS[stock]
    pieces = shirt_draft.pieces
    with pdfplumber.open(path) as pdf:
        per_page = s.columns * s.rows
        assert len(pdf.pages) == -(-len(pieces) // per_page)
        words = []
        for page in pdf.pages:
            assert (page.width, page.height) == pytest.approx(s.page, abs=0.5)
            words += page.extract_words()
        text = " ".join(w["text"] for w in words)
    assert text.count("O-2026-ABC123") == len(pieces)
    for piece in pieces:
        assert piece.name.split()[0] in text
    sleeve = next(p for p in pieces if p.id == "sleeve")
    assert f"Cut {cut_count(sleeve, 2)} = 2 pairs" in text  # two garments' sleeves
    assert "Men's dress shirt v1.1.0" in text


def test_labels_stay_in_their_slots_on_the_sheet(shirt_draft, tmp_path) -> None:
    job = JobInfo("mens_shirt", "1.1.0", order="O-2026-ABC123", trace="f" * 12)
    path = tmp_path / "labels.pdf"
    path.write_bytes(bundle_labels_pdf(shirt_draft, job, "a4"))
    s = STOCKS["a4"]
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        for word in page.extract_words():
            column = int(word["x0"] // s.width)
            row = int(word["top"] // s.height)
            # a word lies inside one label: it never crosses into the next column or row
            assert word["x1"] <= (column + 1) * s.width + 0.5
            assert word["bottom"] <= (row + 1) * s.height + 0.5
