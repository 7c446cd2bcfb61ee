"""Demo customers for a first start, so the app is useful at once."""

from __future__ import annotations

from datetime import date

from mtm_app.fabric_files import read_fabrics_csv
from mtm_app.library import resources_dir
from mtm_app.measurements.files import read_measurement_file
from mtm_app.store.fabrics import fabrics, save_fabrics
from mtm_app.store.repository import Store

DEMO = (
    ("Daniel Moreau (demo)", "+33 1 40 20 50 50", "customer_median_man.json"),
    ("Sarah Whitfield (demo)", "+44 20 7946 0958", "customer_median_woman.json"),
    ("Marcus Adeyemi (demo)", "+1 212 555 0147", "customer_tall_man.json"),
)


def seed_demo(store: Store) -> list[int]:
    """Add the demo customers with a measurement session each and the demo fabric catalogue,
    unless there are customers (a first start)."""
    if store.search(limit=1):
        return []
    if not fabrics(store):
        save_fabrics(store, read_fabrics_csv(resources_dir() / "demo" / "fabrics.csv"))
    ids = []
    for name, phone, file in DEMO:
        taken = read_measurement_file(resources_dir() / "demo" / file)
        customer = store.create_customer(name, phone=phone, consent_date=date.today(),
                                         notes="Demo customer: median ANSUR II body.")
        store.add_session(customer.id, taken.values, taken.unit, sex=taken.sex,
                          measured_by="MTM Studio demo")
        ids.append(customer.id)
    return ids
