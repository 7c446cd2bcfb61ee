"""Fittings that feed back, measured on the pieces: a fitting's alterations reach the next
draft of that garment (and only that garment), survive a restart, withdraw cleanly, reach the
order, its trace and its cut ticket, and add up right in the pattern maker's statistics."""

from __future__ import annotations

from datetime import date

import pdfplumber
import pytest

from mtm_app.block.loader import parse_block
from mtm_app.drafting import draft
from mtm_app.drafting.alterations import PersonalAlteration
from mtm_app.drafting.inputs import explicit_choices
from mtm_app.errors import BlockError, OptionError
from mtm_app.export.files import FileSettings
from mtm_app.fitting_stats import place_stats
from mtm_app.fittings import personal_alterations, record
from mtm_app.library import all_blocks, get_block
from mtm_app.orders import order_drafts, place_order, rewrite_order_files
from mtm_app.store import open_store
from mtm_app.store.fittings import fittings_of, set_withdrawn, standing_fittings
from tests.conftest import MEDIAN_MAN
from tests.old_database import add_ann, database_at

CONSENT = date(2026, 1, 2)
FITTED = date(2026, 12, 4)


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'shop.sqlite3'}"


@pytest.fixture
def shop(db_url):
    store = open_store(db_url)
    customer = store.create_customer("Ann Baker", consent_date=CONSENT)
    session = store.add_session(customer.id, MEDIAN_MAN, unit="cm", measured_by="Joe")
    return store, customer.id, session.id


def _fit(result, name: str) -> float:
    return next(f.measured for f in result.fits if f.name == name)


# ------------------------------------------------------------------ blocks and drafting
def test_every_shipped_block_declares_its_alteration_places_on_length_options() -> None:
    for block in all_blocks():
        assert block.alterations, block.id
        for place in block.alterations.values():
            assert block.options[place.option].type == "length", (block.id, place.id)
            assert place.sign in (1, -1) and place.label


def test_sleeve_10_mm_shorter_makes_the_sleeve_piece_exactly_10_mm_shorter(shirt) -> None:
    before = draft(shirt, MEDIAN_MAN)
    after = draft(shirt, MEDIAN_MAN, alterations=[PersonalAlteration("sleeve_length", -10)])
    assert after.ok, after.failures()
    assert after.piece("sleeve").height == pytest.approx(before.piece("sleeve").height - 10, abs=1e-6)
    assert _fit(after, "sleeve_length") == pytest.approx(_fit(before, "sleeve_length") - 10, abs=1e-6)
    assert after.piece("back").height == pytest.approx(before.piece("back").height)


def test_taking_in_the_waist_20_mm_makes_the_finished_waist_20_mm_smaller(shirt) -> None:
    before = draft(shirt, MEDIAN_MAN, {"fit": "slim"})
    after = draft(shirt, MEDIAN_MAN, {"fit": "slim"}, [PersonalAlteration("waist", -20)])
    assert after.ok, after.failures()
    assert _fit(after, "waist") == pytest.approx(_fit(before, "waist") - 20, abs=0.01)
    assert after.options["waist_ease"] == 110 - 20  # on top of the slim preset
    [applied] = after.alterations
    assert (applied.place, applied.option, applied.change, applied.overridden) == (
        "waist", "waist_ease", -20, False)


def test_an_explicit_choice_overrides_an_alteration_and_says_so(shirt) -> None:
    result = draft(shirt, MEDIAN_MAN, {"waist_ease": 150}, [PersonalAlteration("waist", -20)])
    assert result.options["waist_ease"] == 150 and result.alterations[0].overridden
    # a form shows every option: only what the tailor changed counts as a choice
    form = draft(shirt, MEDIAN_MAN).options
    assert explicit_choices(shirt, form) == {"fit": "regular"}
    assert explicit_choices(shirt, {**form, "collar_style": "band"}) == {
        "fit": "regular", "collar_style": "band"}


def test_an_alteration_beyond_the_option_is_refused_naming_the_place(shirt) -> None:
    with pytest.raises(OptionError, match=r"personal alteration of the waist .-100 mm. takes waist "
                                          r"ease to 10 mm, outside 40–400 mm") as err:
        draft(shirt, MEDIAN_MAN, {"fit": "slim"}, [PersonalAlteration("waist", -100)])
    assert err.value.where.element == "alterations.waist"
    with pytest.raises(OptionError, match=r"no alteration place 'wiast'.*did you mean 'waist'"):
        draft(shirt, MEDIAN_MAN, alterations=[PersonalAlteration("wiast", -10)])


SKIRT = get_block("skirt").source_text


def test_a_place_adjusting_an_unknown_option_is_refused_at_its_line() -> None:
    text = SKIRT.replace("option: hip_ease", "option: hip_eas")
    with pytest.raises(BlockError, match=r"'hip' adjusts unknown option 'hip_eas'.*did you mean "
                                         r"'hip_ease'") as err:
        parse_block(text, "skirt.yaml")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "option: hip_eas," in t)
    assert (err.value.where.file, err.value.where.line) == ("skirt.yaml", line)


@pytest.mark.parametrize("old, new, message", [
    ("option: skirt_length, sign: 1", "option: skirt_length, sign: 2", "sign .* is 2, not 1 or -1"),
    ("length: {label: Length, option: skirt_length, sign: 1}", "length: 12",
     "needs label, option and sign"),
    ("option: hip_ease", "option: fit", "adjusts 'fit', a choice option"),
])
def test_malformed_places_are_located_errors(old: str, new: str, message: str) -> None:
    with pytest.raises(BlockError, match=message) as err:
        parse_block(SKIRT.replace(old, new), "skirt.yaml")
    assert err.value.where.line > 0


def test_the_draft_json_lists_the_alterations_only_when_there_are_some(shirt) -> None:
    from mtm_app.export.json_dump import draft_dict

    assert "alterations" not in draft_dict(draft(shirt, MEDIAN_MAN))
    altered = draft(shirt, MEDIAN_MAN, alterations=[PersonalAlteration("waist", -20, ("2026-12-04",))])
    assert draft_dict(altered)["alterations"] == [
        {"place": "waist", "amount_mm": -20, "fittings": ["2026-12-04"], "option": "waist_ease",
         "change_mm": -20, "overridden": False}]


# ------------------------------------------------------------------ the store
def test_a_0003_database_gains_fittings_and_its_orders_no_alterations(db_url) -> None:
    with database_at(db_url, "0003") as connection:
        add_ann(connection)
        connection.exec_driver_sql(
            "insert into orders (reference, customer_id, session_id, block_id, block_version,"
            " options, fabric, quantity, status, trace, notes, files_dir, created_at, updated_at)"
            " values ('O-2026-AAAAAA', 1, 1, 'mens_shirt', '1.0.0', '{}', '', 1, 'confirmed', '',"
            " '', '', '2026-01-05', '2026-01-05')")
    store = open_store(db_url)
    assert store.order_by_reference("O-2026-AAAAAA").garments[0].alterations == []
    record(store, 1, get_block("mens_shirt"), [("waist", -20, "")], fitted_on=FITTED)
    assert personal_alterations(store, 1, "mens_shirt")[0].amount == -20


def test_fittings_sum_per_garment_survive_a_restart_and_withdraw_cleanly(shop, db_url, shirt):
    store, ann, _ = shop
    first = record(store, ann, shirt, [("sleeve_length", -10, "cuff on the thumb")],
                   fitted_on=FITTED, fitted_by="Joe")
    record(store, ann, shirt, [("sleeve_length", -5, ""), ("waist", -20, "loose at waist")],
           fitted_on=date(2026, 11, 20))
    record(store, ann, get_block("mens_trousers"), [("waist", 10, "")], fitted_on=FITTED)
    store.engine.dispose()
    again = open_store(db_url)  # a restart: a new store on the same SQLite file
    personal = personal_alterations(again, ann, "mens_shirt")
    assert [(p.place, p.amount, p.fittings) for p in personal] == [
        ("sleeve_length", -15, ("2026-11-20", "2026-12-04")), ("waist", -20, ("2026-11-20",))]
    plain = draft(shirt, MEDIAN_MAN)
    altered = draft(shirt, MEDIAN_MAN, alterations=personal)
    assert altered.piece("sleeve").height == pytest.approx(plain.piece("sleeve").height - 15)
    # withdrawing the first fitting: its 10 mm come back, the record stays
    set_withdrawn(again, first.id, True)
    assert [(p.place, p.amount) for p in personal_alterations(again, ann, "mens_shirt")] == [
        ("sleeve_length", -5), ("waist", -20)]
    assert len(fittings_of(again, ann, "mens_shirt")) == 2
    set_withdrawn(again, first.id, False)  # undone
    assert personal_alterations(again, ann, "mens_shirt")[0].amount == -15
    for f in fittings_of(again, ann, "mens_shirt"):
        set_withdrawn(again, f.id, True)
    assert personal_alterations(again, ann, "mens_shirt") == []
    restored = draft(shirt, MEDIAN_MAN, alterations=personal_alterations(again, ann, "mens_shirt"))
    assert restored.piece("sleeve").height == plain.piece("sleeve").height


def test_bad_fittings_are_refused_naming_the_place(shop, shirt) -> None:
    store, ann, _ = shop
    with pytest.raises(OptionError, match="no alteration place 'sleve' — places: sleeve_length, "):
        record(store, ann, shirt, [("sleve", -10, "")])
    with pytest.raises(OptionError, match="waist: an alteration of 0 mm is nothing"):
        record(store, ann, shirt, [("waist", 0, "")])
    with pytest.raises(OptionError, match="sleeve length: an alteration of -50 cm is more than"):
        record(store, ann, shirt, [("sleeve_length", -500, "")], unit="cm")
    nobody = store.create_customer("No Consent")
    with pytest.raises(Exception, match="has not agreed"):
        record(store, nobody.id, shirt, [("waist", -10, "")])
    assert fittings_of(store, ann) == []


def test_export_lists_fittings_and_erase_removes_them(shop, shirt) -> None:
    store, ann, _ = shop
    record(store, ann, shirt, [("waist", -20, "loose")], fitted_on=FITTED, fitted_by="Joe")
    exported = store.export_customer(ann)["fittings"]
    assert exported[0]["alterations"] == [{"place": "waist", "amount_mm": -20.0, "note": "loose"}]
    assert (exported[0]["block"], exported[0]["fitted_on"]) == ("mens_shirt", "2026-12-04")
    assert "1 fitting and its alterations" in store.erase_plan(ann).lines()
    store.erase_customer(ann)
    assert standing_fittings(store) == []
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("select count(*) from fitting_alterations").scalar() == 0


# ------------------------------------------------------------------ orders, trace, ticket
def test_an_order_keeps_its_alterations_its_trace_changes_and_the_ticket_lists_them(shop, shirt):
    store, ann, session = shop
    plain, _ = place_order(store, ann, session, draft(shirt, MEDIAN_MAN), FileSettings())
    record(store, ann, shirt, [("sleeve_length", -10, "")], fitted_on=FITTED)
    personal = personal_alterations(store, ann, "mens_shirt")
    result = draft(shirt, MEDIAN_MAN, alterations=personal)
    order, files = place_order(store, ann, session, result, FileSettings(customer="Ann"))
    assert order.trace != plain.trace
    assert store.order(order.id).garments[0].alterations == [
        {"place": "sleeve_length", "amount_mm": -10, "fittings": ["2026-12-04"]}]
    ticket = next(p for p in files if p.name.endswith("ticket.pdf"))
    with pdfplumber.open(ticket) as pdf:
        text = " ".join(page.extract_text() for page in pdf.pages)
    assert "Personal alterations" in text and "Sleeve length −1.0 cm (fitting 2026-12-04)" in text
    # withdrawn later: a reprint still drafts what was ordered, the ticket still lists it
    for f in fittings_of(store, ann):
        set_withdrawn(store, f.id, True)
    again = order_drafts(store, store.order(order.id))[0].result
    assert again.piece("sleeve").height == result.piece("sleeve").height
    assert [a.place for a in again.alterations if not a.overridden] == ["sleeve_length"]
    rewritten = rewrite_order_files(store, order.id)
    with pdfplumber.open(next(p for p in rewritten if p.name.endswith("ticket.pdf"))) as pdf:
        assert "Sleeve length −1.0 cm" in " ".join(page.extract_text() for page in pdf.pages)


def test_an_inch_customer_reads_alterations_in_inches(shop, shirt, tmp_path) -> None:
    from mtm_app.export.ticket import alteration_lines

    result = draft(shirt, MEDIAN_MAN, alterations=[
        PersonalAlteration("sleeve_length", -12.7, ("2026-12-04",)),
        PersonalAlteration("seat", 15, ("2026-12-04", "2026-11-20"))])
    assert alteration_lines(result, "in") == [
        "Sleeve length −1/2 in (fitting 2026-12-04)",
        "Seat +5/8 in (fittings 2026-12-04, 2026-11-20)"]


# ------------------------------------------------------------------ statistics
def test_stats_over_several_customers(db_url, shirt) -> None:
    store = open_store(db_url)
    ids = [store.create_customer(n, consent_date=CONSENT).id for n in ("A", "B", "C", "D")]
    record(store, ids[0], shirt, [("sleeve_length", -10, "")])
    record(store, ids[0], shirt, [("sleeve_length", -5, "")])  # A wants −15 in all
    record(store, ids[1], shirt, [("sleeve_length", -5, ""), ("waist", -20, "")])
    record(store, ids[2], shirt, [("waist", 10, "")])
    gone = record(store, ids[3], shirt, [("sleeve_length", 40, "")])
    set_withdrawn(store, gone.id, True)  # withdrawn: not counted, nor is D
    record(store, ids[3], get_block("skirt"), [("hip", 20, "")])
    stats = {(s.block_id, s.place): s for s in place_stats(standing_fittings(store))}
    sleeve = stats["mens_shirt", "sleeve_length"]
    assert (sleeve.customers, sleeve.fitted, sleeve.times) == (2, 3, 3)
    assert (sleeve.mean_mm, sleeve.spread_mm) == (-10.0, 5.0)  # −15 and −5
    assert sleeve.share == pytest.approx(2 / 3)
    waist = stats["mens_shirt", "waist"]
    assert (waist.customers, waist.mean_mm, waist.spread_mm) == (2, -5.0, 15.0)
    assert (stats["skirt", "hip"].customers, stats["skirt", "hip"].fitted) == (1, 1)
    assert {k for k in stats} == {("mens_shirt", "sleeve_length"), ("mens_shirt", "waist"),
                                  ("skirt", "hip")}
