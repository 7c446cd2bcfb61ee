"""An order's file set: written whole into one folder, read back, never left half-written."""

from __future__ import annotations

import dataclasses
import io
import os

import pdfplumber
import pytest

from mtm_app.drafting import draft
from mtm_app.export import files
from mtm_app.export.dxf_read import read_aama
from mtm_app.export.files import FileFormatError, FileSettings, write_order_files
from mtm_app.export.labels import JobInfo

JOB = JobInfo("mens_shirt", "1.0.0", order="A-2002", trace="fedcba987654")


@pytest.fixture(scope="module")
def shirt_draft(shirt):
    from tests.conftest import MEDIAN_MAN

    return draft(shirt, MEDIAN_MAN)


def test_order_files_are_written_and_read_back(tmp_path, shirt_draft) -> None:
    seen = []
    paths = write_order_files(shirt_draft, JOB, list(files.ORDER_FORMATS), tmp_path,
                              FileSettings(paper="letter", customer="C-7", fabric="poplin"),
                              progress=lambda k, n, p: seen.append((k, n, p.name)))
    assert [p.name for p in paths] == ["A-2002.aama.dxf", "A-2002.tiled.pdf", "A-2002.ticket.pdf"]
    assert seen == [(1, 3, "A-2002.aama.dxf"), (2, 3, "A-2002.tiled.pdf"), (3, 3, "A-2002.ticket.pdf")]
    imported = read_aama(paths[0])
    assert sorted(p.name for _, p in imported.pieces) == sorted(p.name for p in shirt_draft.pieces)
    with pdfplumber.open(paths[1]) as pdf:
        assert pdf.pages[1].width == pytest.approx(612)  # letter, as asked
        assert "fedcba987654" in pdf.pages[0].extract_text()
    with pdfplumber.open(io.BytesIO(paths[2].read_bytes())) as pdf:
        text = pdf.pages[0].extract_text()
        assert "A-2002" in text and "C-7" in text and "poplin" in text
    assert sorted(os.listdir(tmp_path)) == sorted(p.name for p in paths)  # no temporary files left


def test_an_interrupted_export_leaves_no_half_file(tmp_path, shirt_draft, monkeypatch) -> None:
    old_pdf = tmp_path / "A-2002.tiled.pdf"
    old_pdf.write_bytes(b"%PDF- the earlier print of this order")
    real_fsync = os.fsync
    calls = []

    def power_cut(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:  # the tiled PDF: its bytes are in the temporary file, not yet renamed
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr("mtm_app.atomic.os.fsync", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_order_files(shirt_draft, JOB, ["dxf-aama", "pdf-tiled", "cut-ticket"], tmp_path)
    names = sorted(os.listdir(tmp_path))
    assert names == ["A-2002.aama.dxf", "A-2002.tiled.pdf"]  # no .part file, no ticket
    assert old_pdf.read_bytes() == b"%PDF- the earlier print of this order"  # the old file stands
    assert read_aama(tmp_path / "A-2002.aama.dxf").pieces  # the file before the cut is whole


def test_unknown_formats_and_papers_are_refused_before_anything_is_written(tmp_path,
                                                                            shirt_draft) -> None:
    with pytest.raises(FileFormatError, match="unknown format pdf-poster"):
        write_order_files(shirt_draft, JOB, ["svg", "pdf-poster"], tmp_path)
    with pytest.raises(FileFormatError, match="paper 'a0' does not fit pdf-tiled"):
        write_order_files(shirt_draft, JOB, ["pdf-tiled"], tmp_path, FileSettings(paper="a0"))
    assert not os.listdir(tmp_path)


def test_a_format_that_cannot_be_made_stops_the_order_before_anything_is_written(
        tmp_path, shirt_draft) -> None:
    from mtm_app.export.pdf import PaperError

    big = dataclasses.replace(shirt_draft, pieces=shirt_draft.pieces * 4)
    with pytest.raises(PaperError, match="choose a roll"):
        write_order_files(big, JOB, ["dxf-aama", "pdf-plotter"], tmp_path, FileSettings(paper="a0"))
    assert not os.listdir(tmp_path)
