"""The core speaks English and French: catalogues complete and compiled, checks, tickets and
PDFs in French, orders written and reprinted in their own language."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from babel.messages.pofile import read_po, write_po

from mtm_app import i18n, i18n_tools
from mtm_app.block.texts import block_texts
from mtm_app.cli import main
from mtm_app.drafting import draft
from mtm_app.export.files import FileSettings
from mtm_app.export.labels import JobInfo
from mtm_app.export.pdf import tiled_pdf
from mtm_app.export.ticket import TicketFacts, cut_ticket_pdf
from mtm_app.i18n import block_text, choice_text, date_text, number, speaking
from mtm_app.library import all_blocks, get_block
from mtm_app.measurements.catalogue import FIGURATION, catalogue, figuration_text, how_to, label
from mtm_app.measurements.units import show_change, show_length
from mtm_app.measurements.validate import check_measurements
from mtm_app.orders import place_order, rewrite_order_files
from mtm_app.store import OrderStatus, open_store
from tests.conftest import MEDIAN_MAN
from tests.old_database import add_ann, database_at

CONSENT = date(2026, 1, 2)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.fixture
def english_process():
    """A test that changes the process's language puts English back."""
    yield
    i18n.set_language("en")


# ------------------------------------------------------------------ the catalogues
def test_the_french_catalogue_is_complete_compiled_and_keeps_every_placeholder() -> None:
    """Fails when a wrapped core string, a block text or a chart name has no French, when an
    entry is fuzzy or empty, or when the shipped .mo is not the compiled .po."""
    assert i18n_tools.problems("fr") == []


def test_every_block_text_of_every_shipped_block_has_french() -> None:
    with (i18n_tools.po_path("fr")).open("rb") as f:
        po = read_po(f, locale="fr")
    translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
    for block in all_blocks():
        texts = block_texts(block)
        assert {"Sleeve", "Yoke", "Front left (buttonhole side)"} <= set(texts) or block.id != "mens_shirt"
        assert [t for t in texts if t not in translated] == [], block.id
    with speaking("fr"):
        assert block_text("Front left (buttonhole side)") == "Devant gauche (côté boutonnières)"
        assert block_text("Sleeve (left)") == "Manche (gauche)"
        assert choice_text("button_down") == "boutonné" and choice_text(True) == "oui"


def test_every_measurement_has_its_french_name_how_to_and_grades() -> None:
    for name, entry in catalogue().items():
        assert set(entry.texts) == {"en", "fr"}, name
        fr = entry.texts["fr"]
        assert fr.label and fr.how_to.endswith(".") and fr.how_to != entry.texts["en"].how_to, name
        if name in FIGURATION:
            assert set(fr.grades) == {g for g, _ in entry.grade_amounts}, name
    with speaking("fr"):
        assert label("chest") == "Tour de poitrine" and label("across_back") == "Carrure dos"
        assert label("sleeve_length_left") == "Longueur de manche (gauche)"
        assert "mètre" in how_to("neck") and how_to("waist").startswith("À la taille naturelle")
        assert figuration_text("posture", 10) == "voûté"
        assert figuration_text("posture", 12) == "proche de voûté"
    assert label("chest") == "Chest" and figuration_text("posture", 10) == "stooped"


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(i18n_tools, "LOCALE_DIR", tmp_path / "locale")
    return i18n_tools.po_path("fr")


def _edit_po(path, change) -> None:
    with path.open("rb") as f:
        cat = read_po(f, locale="fr")
    change(cat)
    buf = io.BytesIO()
    write_po(buf, cat, width=100)
    path.write_bytes(buf.getvalue())


def test_the_check_fails_on_a_stale_mo_a_fuzzy_or_empty_entry_and_a_missing_text(locale_copy) -> None:
    expected = i18n_tools.template()
    assert i18n_tools.problems("fr", expected) == []

    def retranslate(cat):
        cat["Sleeve"].string = "Manches"

    _edit_po(locale_copy, retranslate)  # the .po changed, the .mo not compiled again
    assert any("stale" in p for p in i18n_tools.problems("fr", expected))
    i18n_tools.compile_all()
    assert i18n_tools.problems("fr", expected) == []

    def spoil(cat):
        cat["Yoke"].flags.add("fuzzy")
        cat["Collar"].string = ""
        del cat["Cut {count} on fold"]
        cat["Order {order}"].string = "Commande"

    _edit_po(locale_copy, spoil)
    i18n_tools.compile_all()
    found = "\n".join(i18n_tools.problems("fr", expected))
    assert "fuzzy: 'Yoke'" in found and "not translated: 'Collar'" in found
    assert "missing: 'Cut {count} on fold'" in found and "placeholders differ: 'Order {order}'" in found


# ------------------------------------------------------------------ words and numbers
def test_numbers_and_dates_as_a_french_cutting_room_writes_them() -> None:
    assert (number(81.5), show_length(815, "cm"), show_change(16, "cm"), date_text("2026-12-04")) == (
        "81.5", "81.5 cm", "+1.6 cm", "2026-12-04")
    with speaking("fr"):
        assert (number(81.5), show_length(815, "cm"), show_change(-16, "cm")) == (
            "81,5", "81,5 cm", "−1,6 cm")
        assert show_length(25.4 * 38.5, "in") == "38 1/2 in"
        assert date_text(date(2026, 12, 4)) == "04/12/2026"
    assert i18n.current() == "en"


def test_a_check_message_in_french_names_the_measurement_by_its_french_name() -> None:
    values = {**MEDIAN_MAN, "chest": 400.0}  # 40 typed in cm: inches
    with speaking("fr"):
        (mixup,) = [f for f in check_measurements(values, "cm", "male") if f.code == "unit_mixup"]
        missing = check_measurements(MEDIAN_MAN, "cm", "male", required=["thigh"])[-1]
    assert mixup.message == "tour de poitrine 40 ressemble à des pouces : 101,6 cm ?"
    assert mixup.suggestion == "la ressaisir en 101,6 cm ou passer ce champ en pouces"
    assert missing.message == "tour de cuisse manque"
    assert missing.suggestion.startswith("prendre tour de cuisse : Autour de la partie la plus forte")
    (english,) = [f for f in check_measurements(values, "cm", "male") if f.code == "unit_mixup"]
    assert english.message == "chest 40 looks like inches: 101.6 cm?"


def test_a_thread_speaks_the_process_language_and_speaking_stays_in_its_block(english_process) -> None:
    heard = []
    i18n.set_language("fr")
    worker = threading.Thread(target=lambda: heard.append(block_text("Sleeve")))
    worker.start()
    worker.join()
    with speaking("en"):
        assert block_text("Sleeve") == "Sleeve"
    assert heard == ["Manche"] and block_text("Sleeve") == "Manche"


# ------------------------------------------------------------------ ticket and PDF in French
@pytest.fixture(scope="module")
def shirt_draft():
    shirt = get_block("mens_shirt")
    return draft(shirt, MEDIAN_MAN, {"collar_style": "button_down"})


def test_a_french_cut_ticket_reads_back_in_french(shirt_draft) -> None:
    job = JobInfo("mens_shirt", shirt_draft.block.version, order="O-FR-1", trace="abc123", garments=2)
    facts = TicketFacts(customer="Jean Dupont", fabric="popeline", order_date="2026-12-04",
                        due_date="2027-01-15", measured_by="Marie")
    with speaking("fr"):
        text = _pdf_text(cut_ticket_pdf(shirt_draft, job, facts))
    for words in ("Fiche de coupe — commande O-FR-1", "Client :", "Quantité :", "2 vêtements",
                  "Chemise habillée homme (chemise)", "sur mesure", "Date de commande :", "04/12/2026",
                  "15/01/2027", "Carrure dos : 43,0", "Longueur de manche", "Options de modèle",
                  "Col : boutonné", "Pièces — quantités pour les 2 vêtements", "Devant gauche (côté",
                  "boutonnières)", "Empiècement", "Couper 4 = 2 paires", "tissu principal",
                  "Toutes les pièces"):
        assert words in text, words
    chest = f"Tour de poitrine : {MEDIAN_MAN['chest'] / 10:.1f}".replace(".", ",")
    assert chest in text
    assert "Cut ticket" not in text and "Chest" not in text


def test_a_french_tiled_pdf_reads_back_in_french(shirt_draft) -> None:
    job = JobInfo("mens_shirt", shirt_draft.block.version, order="O-FR-1", trace="abc123")
    with speaking("fr"):
        data, _pages = tiled_pdf(shirt_draft.pieces, job)
    text = _pdf_text(data)
    for words in ("Imprimer à 100 % (taille réelle) ;", "vérifier les deux carrés",
                  "pages en A4 ; trace abc123", "Devant gauche (côté boutonnières)", "Manche",
                  "Couper 2 = 1 paire — tissu principal", "Commande O-FR-1", "sur mesure", "droit fil"):
        assert words in text, words
    assert "Print at 100 %" not in text


def test_the_printing_words_fit_over_the_test_squares_in_every_language() -> None:
    """They are drawn unwrapped above the squares, beside the assembly map: French must fit too."""
    from mtm_app.export import fonts
    from mtm_app.export.pdf import squares_size

    room = squares_size(stacked=True)[0]
    for code in i18n.LANGUAGES:
        with speaking(code):
            for words in (i18n._("Print at 100 % (actual size, no scaling);"),
                          i18n._("check both squares with a ruler.")):
                assert fonts.width(words, 10, bold=True) < 0.9 * room, (code, words)


# ------------------------------------------------------------------ orders keep their language
@pytest.fixture
def shop(tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    store = open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    customer = store.create_customer("Ann Baker", consent_date=CONSENT)
    session = store.add_session(customer.id, MEDIAN_MAN)
    return store, customer.id, session.id


def _ticket(files) -> str:
    return _pdf_text(next(f for f in files if f.name.endswith(".ticket.pdf")).read_bytes())


def test_an_order_is_written_in_its_language_and_reprinted_in_it_whatever_the_process_speaks(
        shop, shirt_draft, english_process) -> None:
    store, cid, sid = shop
    english, files = place_order(store, cid, sid, shirt_draft, FileSettings(fabric="poplin"))
    assert english.language == "en" and "Cut ticket — order" in _ticket(files)
    i18n.set_language("fr")  # the window now speaks French
    french, files = place_order(store, cid, sid, shirt_draft, FileSettings(fabric="popeline"))
    assert french.language == "fr" and "Fiche de coupe — commande" in _ticket(files)
    again = rewrite_order_files(store, english.id)  # a reprint while the process speaks French
    text = _ticket(again)
    assert "Cut ticket — order" in text and "Chest" in text and "Fiche de coupe" not in text
    tiled = _pdf_text(next(f for f in again if f.name.endswith(".tiled.pdf")).read_bytes())
    assert "Print at 100 %" in tiled and "Imprimer" not in tiled
    i18n.set_language("en")
    assert "Fiche de coupe — commande" in _ticket(rewrite_order_files(store, french.id))
    given, _files = place_order(store, cid, sid, shirt_draft, FileSettings(), language="fr")
    assert store.order(given.id).language == "fr"
    with speaking("fr"):
        assert [s.text for s in OrderStatus] == ["brouillon", "confirmée", "en fabrication", "coupée",
                                                 "cousue", "prête", "livrée", "annulée"]


def test_the_command_line_reprints_an_order_in_its_own_language(shop, shirt_draft, capsys, tmp_path,
                                                                monkeypatch) -> None:
    store, cid, sid = shop
    monkeypatch.setenv("MTM_DATABASE_URL", f"sqlite:///{tmp_path / 'shop.sqlite3'}")
    order, _files = place_order(store, cid, sid, shirt_draft, FileSettings(),
                                language="fr")
    assert main(["--language", "en", "orders", "reprint", order.reference]) == 0
    written = [line for line in capsys.readouterr().out.splitlines() if line.endswith(".ticket.pdf")]
    assert "Fiche de coupe" in _pdf_text(Path(written[0]).read_bytes())
    assert main(["--language", "fr", "orders", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["reference"], listed["language"]) == (order.reference, "fr")


def test_mtm_draft_writes_the_ticket_in_the_language_asked(tmp_path, repo_root) -> None:
    customer = repo_root / "resources" / "demo" / "customer_median_man.json"
    for k, argv in enumerate((["draft", "mens_shirt", "-m", str(customer), "--language", "fr"],
                              ["--language", "fr", "draft", "mens_shirt", "-m", str(customer)])):
        out = tmp_path / str(k)
        assert main([*argv, "--out", str(out), "--order", "A-1", "--format", "cut-ticket"]) == 0
        assert "Fiche de coupe — commande A-1" in _pdf_text((out / "A-1.ticket.pdf").read_bytes())
    assert i18n.current() == "en"


# ------------------------------------------------------------------ the migration
def test_a_0005_database_gains_the_order_language_and_its_orders_read_english(tmp_path) -> None:
    path = tmp_path / "old.sqlite3"
    with database_at(f"sqlite:///{path}", "0005") as connection:  # the last schema without the order language
        add_ann(connection)
        connection.exec_driver_sql(
            "insert into orders (reference, customer_id, session_id, block_id, block_version,"
            " options, fabric, quantity, status, trace, notes, files_dir, alterations, created_at,"
            " updated_at) values ('O-2026-AAAAAA', 1, 1, 'mens_shirt', '1.0.0', '{}', '', 1,"
            " 'confirmed', '', '', '', '[]', '2026-01-05', '2026-01-05')")
    store = open_store(f"sqlite:///{path}")
    assert store.order_by_reference("O-2026-AAAAAA").language == "en"
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone() == ("0012",)
    con.close()


def test_mtm_batch_workers_write_in_the_language_the_command_speaks(tmp_path, capsys) -> None:
    """Spawned workers start in English: the command's language travels with each task."""
    man = {"unit": "mm", "sex": "male", "measurements": MEDIAN_MAN}
    (tmp_path / "man.json").write_text(json.dumps(man))
    csv = tmp_path / "orders.csv"
    csv.write_text("order,block,measurements,options,quantity,fabric\n"
                   "F-1,mens_shirt,man.json,,1,\nF-2,mens_shirt,man.json,,2,\n")
    assert main(["--language", "fr", "batch", str(csv), "--out", str(tmp_path / "out"),
                 "--format", "cut-ticket", "--jobs", "2"]) == 0
    for ref in ("F-1", "F-2"):
        assert "Fiche de coupe — commande " + ref in _pdf_text(
            (tmp_path / "out" / ref / f"{ref}.ticket.pdf").read_bytes())
    capsys.readouterr()


def test_french_bundle_labels_name_the_piece_and_its_cut_in_french(shirt_draft) -> None:
    from mtm_app.export.bundles import bundle_labels_pdf

    job = JobInfo("mens_shirt", shirt_draft.block.version, order="O-FR-1", trace="abc123", garments=2)
    with speaking("fr"):
        text = _pdf_text(bundle_labels_pdf(shirt_draft, job, "roll"))
    for words in ("Empiècement", "Manche", "Couper 4 = 2 paires", "taille sur mesure",
                  "Chemise habillée homme"):
        assert words in text, words


def test_a_marker_of_one_piece_says_one_piece_not_one_pieces() -> None:
    from types import SimpleNamespace

    from mtm_app.marker.files import _summary

    marker = SimpleNamespace(spec=SimpleNamespace(width=1500, gap=2, one_way=True), material="shell",
                             length=1234, utilisation=0.8, pieces=["front"], bounds=[0], sections=False)
    assert " · 1 piece · " in _summary(marker)
    with speaking("fr"):
        assert " · 1 pièce · " in _summary(marker)
        marker.pieces.append("back")
        assert " · 2 pièces · " in _summary(marker)
