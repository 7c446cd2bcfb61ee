"""Demo customers for a first start, so the app is useful at once."""

from __future__ import annotations

from datetime import date, timedelta

from mtm_app.drafting import draft
from mtm_app.export.files import FileSettings
from mtm_app.fabric_files import read_fabrics_csv
from mtm_app.library import get_block, resources_dir, shipped_dir
from mtm_app.measurements.files import read_measurement_file
from mtm_app.order_status import OrderStatus
from mtm_app.store.fabrics import fabric, fabrics, save_fabrics
from mtm_app.store.repository import Store

# name, phone, measurements; then the order each placed: its garments, fabric code, shop, due
# in days, and how far the cutting room has got with it (so the factory's pages show a queue)
DEMO = (
    ("Daniel Moreau (demo)", "+33 1 40 20 50 50", "customer_median_man.json",
     ("mens_shirt",), "STR-BLU-150", "Paris", 10, OrderStatus.CONFIRMED),
    ("Sarah Whitfield (demo)", "+44 20 7946 0958", "customer_median_woman.json",
     ("skirt",), "FLA-GRY-150", "London", 14, OrderStatus.IN_PRODUCTION),
    ("Marcus Adeyemi (demo)", "+1 212 555 0147", "customer_tall_man.json",
     ("mens_jacket", "mens_trousers"), "FLA-GRY-150", "London", 21, OrderStatus.CONFIRMED),  # a suit
)
DEMO_BY = "MTM Studio demo"


def seed_demo(store: Store) -> list[int]:
    """Add the demo customers with a measurement session and an order each (with its files)
    and the demo fabric catalogue, unless there are customers (a first start)."""
    from mtm_app.orders import Garment, place_order  # the orders' files: only on a first start

    if store.search(limit=1):
        return []
    if not fabrics(store):
        save_fabrics(store, read_fabrics_csv(resources_dir() / "demo" / "fabrics.csv"))
    ids = []
    for name, phone, file, block_ids, code, shop, days, status in DEMO:
        taken = read_measurement_file(resources_dir() / "demo" / file)
        customer = store.create_customer(name, phone=phone, consent_date=date.today(),
                                         notes="Demo customer: median ANSUR II body.")
        session = store.add_session(customer.id, taken.values, taken.unit, sex=taken.sex,
                                    measured_by=DEMO_BY)
        ids.append(customer.id)
        cloth = fabric(store, code)
        # the app's own blocks: a user's block of that id, broken or not, is not the demo's
        garments = [Garment(draft(get_block(str(shipped_dir() / f"{block_id}.yaml")), session.values, {}))
                    for block_id in block_ids]
        settings = FileSettings(customer=name, fabric=f"{cloth.code} {cloth.name}",
                                fabric_width_mm=cloth.width_mm)
        order, _files = place_order(store, customer.id, session.id, garments, settings,
                                    estimated=frozenset(session.estimated),
                                    due_date=date.today() + timedelta(days=days),
                                    fabric_code=cloth.code, shop=shop, by=DEMO_BY)
        if status is not OrderStatus.CONFIRMED:
            store.set_status(order.id, status, by=DEMO_BY)
    return ids
