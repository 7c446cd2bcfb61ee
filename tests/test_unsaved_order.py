"""The order being made, kept on disk until it is confirmed: written whole, read back exactly,
and a damaged or foreign file is never shown and never raises (the app opens the customer
whatever the file holds)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtm_app import unsaved
from mtm_app.unsaved import UnsavedGarment, UnsavedOrder

SUIT = UnsavedOrder((UnsavedGarment("mens_jacket", "1.1.0", {"buttons": 3, "lapel": "peak"}),
                     UnsavedGarment("mens_trousers", "1.3.0", {}, "grey flannel, 150 cm")),
                    "FLA-GRY-150", 2, "initials MR — ‘inside’", "2027-03-01", "2026-11-02 10:00:00")


def test_an_order_being_made_is_read_back_exactly_beside_the_measurements() -> None:
    unsaved.keep(7, unsaved.Unsaved({"chest": 1000.0}, customer_since=SUIT.customer_since))
    unsaved.keep_order(7, SUIT)
    assert unsaved.recover_order(7, SUIT.customer_since) == SUIT
    assert unsaved.kept(7) == (True, True)
    for name in ("customer-7.json", "customer-7-order.json"):  # personal data: the user's alone
        assert (unsaved.folder() / name).stat().st_mode & 0o077 == 0
    unsaved.discard(7)  # the measurements saved as a session: the order stays
    assert unsaved.kept(7) == (False, True) and unsaved.recover_order(7) == SUIT
    unsaved.keep(7, unsaved.Unsaved({"chest": 1000.0}))
    unsaved.discard_all(7)  # the customer erased
    assert unsaved.kept(7) == (False, False)


def test_an_order_as_a_new_one_starts_leaves_no_file() -> None:
    unsaved.keep_order(8, SUIT)
    unsaved.keep_order(8, UnsavedOrder(customer_since=SUIT.customer_since))  # every garment removed
    assert unsaved.kept(8) == (False, False)
    assert not UnsavedOrder(quantity=2).empty and UnsavedOrder().empty


def test_an_order_kept_for_an_earlier_customer_of_the_id_is_deleted_unread() -> None:
    unsaved.keep_order(9, SUIT)
    assert unsaved.recover_order(9, "a later customer") is None
    assert unsaved.kept(9) == (False, False)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
fields = st.fixed_dictionaries({}, optional={
    "format": st.just(unsaved.ORDER_FORMAT) | json_values, "garments": json_values,
    "fabric": json_values, "quantity": json_values, "notes": json_values, "due": json_values,
    "kept_at": json_values})


def test_an_infinite_or_absurd_quantity_is_refused_not_raised() -> None:
    path = unsaved.folder() / "customer-12-order.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for quantity in ("Infinity", "-Infinity", "NaN", '"two"', "[]"):
        path.write_text(f'{{"format": "{unsaved.ORDER_FORMAT}", "quantity": {quantity}}}')
        assert unsaved.recover_order(12) is None, quantity
    path.write_text(f'{{"format": "{unsaved.ORDER_FORMAT}", "quantity": -3, "notes": "x"}}')
    assert unsaved.recover_order(12).quantity == 1


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=fields | json_values, cut=st.integers(0, 400))
def test_a_damaged_order_file_is_read_or_refused_never_raises(data, cut) -> None:
    path = unsaved.folder() / "customer-11-order.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data)
    path.write_text(text[:cut] if cut < len(text) else text)  # sometimes cut short, as by a crash
    found = unsaved.recover_order(11)
    assert found is None or (isinstance(found, UnsavedOrder) and found.quantity >= 1
                             and all(isinstance(g.options, dict) for g in found.garments))
