"""Demo customers for a first start, so the app is useful at once."""

from __future__ import annotations

from datetime import date

from mtm_app.library import resources_dir
from mtm_app.measurements.files import read_measurement_file
from mtm_app.store.repository import Store

DEMO = (
    ("Daniel Moreau (demo)", "+33 1 40 20 50 50", "customer_median_man.json"),
    ("Sarah Whitfield (demo)", "+44 20 7946 0958", "customer_median_woman.json"),
    ("Marcus Adeyemi (demo)", "+1 212 555 0147", "customer_tall_man.json"),
)


def seed_demo(store: Store) -> list[int]:
    """Add the demo customers with a measurement session each, unless there are customers."""
    if store.search(limit=1):
        return []
    ids = []
    for name, phone, file in DEMO:
        taken = read_measurement_file(resources_dir() / "demo" / file)
        customer = store.create_customer(name, phone=phone, consent_date=date.today(),
                                         notes="Demo customer: median ANSUR II body.")
        store.add_session(customer.id, taken.values, taken.unit, sex=taken.sex,
                          measured_by="MTM Studio demo")
        ids.append(customer.id)
    return ids
