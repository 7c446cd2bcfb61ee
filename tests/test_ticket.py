"""The cutting room gets the whole order: the cut ticket, and the same garment count in every file."""

from __future__ import annotations

import io
import json
import random
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from mtm_app.block.loader import load_block
from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.errors import BlockError
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileSettings, render, write_order_files
from mtm_app.export.labels import JobInfo, piece_label_lines
from mtm_app.export.ticket import PAGE_H, QR_BOX
from mtm_app.library import all_blocks, get_block
from tests.conftest import MEDIAN_MAN, MEDIAN_MAN_LEGS

NAME = "Łódź Zoë 李小龙 Ørsted"
DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo" / "customer_median_man.json"


@pytest.fixture(scope="module")
def trousers():
    block = get_block("mens_trousers")
    return draft(block, {**MEDIAN_MAN, **MEDIAN_MAN_LEGS})


def _job(result, order: str = "O-2026-1A2B3C") -> JobInfo:
    return JobInfo(result.block.id, result.block.version, order=order, trace="0123456789ab")


def test_an_order_of_two_says_so_on_the_ticket_and_cuts_twice_in_the_aama(trousers, tmp_path):
    settings = FileSettings(customer=NAME, fabric="grey flannel", quantity=2,
                            order_date="2026-11-30", due_date="2026-12-24", measured_by="Joe Tailor")
    written = write_order_files(trousers, _job(trousers), ["dxf-aama", "dxf-astm", "cut-ticket"],
                                tmp_path, settings)
    assert all(p.is_file() for p in written)
    want = {p.name: p.quantity * 2 for p in trousers.pieces}
    for path in written[:2]:
        read = read_aama(path)
        assert {p.name: p.quantity for _, p in read.pieces} == want, path.name
    astm = written[1].read_text()
    assert "Quantity: 2,2" in astm and "Quantity: 2,0" in astm  # fronts (R,L) and a fly shield
    assert "Cut 4 = 2 pairs" in written[0].read_text()  # the piece label agrees with Quantity
    with pdfplumber.open(written[2]) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in ("Quantity: 2 garments", "Order date: 2026-11-30", "Due date: 2026-12-24",
                     "Measured by: Joe Tailor", NAME, "Trouser front Cut 4 = 2 pairs self pair",
                     "Fly shield Cut 2 self"):
        assert expected in text, expected


def test_a_long_note_and_names_wrap_inside_the_page_and_clear_of_the_qr_code(trousers):
    rng = random.Random(7)
    vocabulary = ("press", "the", "crease", "sharp;", "customer", "wants", "a", "narrow", "leg,",
                  "lined", "pocket", "bags", "Zoë's", "silk", "李小龙", "turn-ups", "45", "mm")
    note = ""
    while len(note) < 1000:
        note += rng.choice(vocabulary) + " "
    note = note[:1000].rstrip() + " END-OF-NOTE"
    settings = FileSettings(customer=(NAME + " ") * 6, fabric="Super 120s wool " * 12, notes=note,
                            quantity=2)
    _, data = render("cut-ticket", trousers, _job(trousers), settings)
    qr_x0, qr_y0, qr_x1, qr_y1 = QR_BOX
    words = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for k, page in enumerate(pdf.pages):
            words += [w["text"] for w in page.extract_words()]
            for ch in page.chars:
                assert 0 <= ch["x0"] < ch["x1"] <= page.width, ch["text"]
                assert 0 <= ch["top"] < ch["bottom"] <= page.height, ch["text"]
                if k == 0:
                    clear = (ch["x1"] <= qr_x0 or ch["x0"] >= qr_x1
                             or ch["top"] >= PAGE_H - qr_y0 or ch["bottom"] <= PAGE_H - qr_y1)
                    assert clear, f"'{ch['text']}' under the QR code"
    text = " ".join(words)
    for word in note.split():
        assert word in words or word in text, word
    assert words.count("END-OF-NOTE") == 1 and text.count("Super 120s wool") == 12


def test_names_print_in_every_pdf(trousers, shirt, tmp_path):
    """One Unicode font embedded in every PDF: the ticket, tiled, plotter, marker and nest."""
    from mtm_app.grading import chart_for, size_run
    from mtm_app.grading.nest import nest_pdf
    from mtm_app.marker import MarkerSpec, make_marker
    from mtm_app.marker.files import marker_pdf

    job = _job(trousers, order=NAME)
    pdfs = {fmt: render(fmt, trousers, job, FileSettings(customer=NAME))[1]
            for fmt in ("cut-ticket", "pdf-tiled", "pdf-plotter")}
    pieces = draft(shirt, MEDIAN_MAN).pieces
    marker = make_marker([(NAME, pieces)], MarkerSpec(1500.0, seconds=1))
    pdfs["marker"] = marker_pdf(marker, {NAME: JobInfo(shirt.id, shirt.version, order=NAME)})
    chart = chart_for(shirt, None)
    run = size_run(shirt, replace(chart, name=NAME), sizes=[s for s, _ in chart.sizes[:2]])
    pdfs["nest"] = nest_pdf(run, JobInfo(shirt.id, shirt.version, order=NAME, trace="abc"))
    for kind, data in pdfs.items():
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            text = "\n".join(page.extract_text() for page in pdf.pages[:2])
            fonts = {ch["fontname"].split("+")[-1] for page in pdf.pages[:2] for ch in page.chars}
        assert NAME in text, kind
        assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DroidSansFallback"}, (kind, fonts)
    assert len(pdfs["pdf-tiled"]) < 150_000  # fonts embedded as subsets, not whole


def test_no_piece_label_of_a_shipped_block_reads_none() -> None:
    for block in all_blocks():
        for piece in block.pieces:
            for value in piece.label.values():
                assert isinstance(value, str) and "None" not in value, (block.id, piece.id)
    trousers = get_block("mens_trousers")
    for style in ("straight", "curved"):
        result = draft(trousers, {**MEDIAN_MAN, **MEDIAN_MAN_LEGS}, {"waistband_style": style})
        lines = [line for p in result.pieces for line in piece_label_lines(p, _job(result))]
        assert not [line for line in lines if "None" in line]
        assert any("left and right halves" in line for line in lines)


def test_a_label_that_yaml_reads_as_two_keys_is_refused_with_its_line(tmp_path) -> None:
    source = get_block("mens_trousers").path.read_text()
    quoted = 'label: {note: "left and right halves, joined at centre back"}'
    assert quoted in source
    path = tmp_path / "mens_trousers.yaml"
    path.write_text(source.replace(quoted, quoted.replace('"', "")))
    line = source[:source.index(quoted)].count("\n") + 1
    with pytest.raises(BlockError, match=r"label 'joined at centre back' is .*not text") as err:
        load_block(path)
    assert str(line) in str(err.value) and "quote" in str(err.value)


def test_plotter_sheet_by_default_on_a_roll_that_fits_and_only_written_files_listed(
        tmp_path, capsys) -> None:
    out = tmp_path / "out"
    code = main(["draft", "mens_shirt", "-m", str(DEMO), "--out", str(out), "--order", "P-1",
                 "--format", "pdf-tiled,pdf-plotter"])
    listed = capsys.readouterr().out.split()
    assert code == 0 and len(listed) == 2 and all(Path(p).is_file() for p in listed)
    with pdfplumber.open(out / "P-1.plotter.pdf") as pdf:
        assert pdf.pages[0].width == pytest.approx(24 * 72)  # the narrowest roll that holds it


def test_a_plotter_paper_too_small_is_refused_naming_piece_paper_and_a_roll(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["draft", "mens_shirt", "-m", str(DEMO), "--out", str(out), "--order", "P-2",
                 "--format", "pdf-tiled,pdf-plotter", "--paper", "a0"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert "piece '" in captured.err and "A0" in captured.err and "--paper roll24" in captured.err
    assert not out.exists() or not list(out.iterdir())  # nothing written, nothing listed
    assert "Traceback" not in captured.err


def test_mtm_draft_puts_the_order_facts_on_the_ticket_and_refuses_bad_dates(tmp_path, capsys):
    body = tmp_path / "man.json"
    body.write_text(json.dumps({"unit": "mm", "measurements": MEDIAN_MAN}), "utf-8")
    out = tmp_path / "out"
    assert main(["draft", "mens_shirt", "-m", str(body), "--out", str(out), "--order", "A-7",
                 "--format", "cut-ticket,dxf-aama", "--quantity", "2", "--order-date",
                 "2026-11-30", "--due", "2027-01-15", "--measured-by", "Ana Ruiz"]) == 0
    with pdfplumber.open(out / "A-7.ticket.pdf") as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "2 garments" in text and "2026-11-30" in text and "2027-01-15" in text
    assert "Ana Ruiz" in text
    quantities = {p.name: p.quantity for _, p in read_aama(out / "A-7.aama.dxf").pieces}
    assert quantities["Sleeve"] == 4  # two shirts, a pair each
    for bad in (["--due", "15/01/2027"], ["--quantity", "0"], ["--quantity", "two"]):
        assert main(["draft", "mens_shirt", "-m", str(body), "--out", str(out), *bad]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize(("settings", "width"), [
    (FileSettings(fabric="FLA-GRY-150 — Wool flannel grey, 150 cm", fabric_width_mm=1500.0), 1500),
    (FileSettings(fabric="poplin 112 cm"), 1120),  # the width in the words
    (FileSettings(fabric="customer's own cloth"), None),  # no width: nothing guessed
])
def test_the_ticket_says_how_much_cloth_the_order_takes(shirt, settings, width) -> None:
    from mtm_app.consumption import estimated_metres

    result = draft(shirt, MEDIAN_MAN)
    job = JobInfo(shirt.id, shirt.version, order="T-9", trace="0" * 12, garments=2)
    _ext, data = render("cut-ticket", result, job, replace(settings, quantity=2))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = " ".join(pdf.pages[0].extract_text().split())
    if width is None:
        assert "Fabric needed: —" in text
        return
    metres = estimated_metres(result.pieces, width, garments=2)
    assert 2 * estimated_metres(result.pieces, width) - 0.02 <= metres  # two garments' worth
    assert f"Fabric needed: about {metres:.2f} m of {width / 10:g} cm" in text
