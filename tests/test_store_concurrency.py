"""Several copies of the app on one database, on SQLite and PostgreSQL: first opens of a new
database at once make one schema; writers at once lose nothing, duplicate nothing, and nobody
is told "database is locked"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from mtm_app.store import open_store
from mtm_app.store.db import MIGRATIONS
from mtm_app.store.models import Base
from tests.conftest import MEDIAN_MAN

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()

# Each copy imports what it needs, says it is ready, and waits for the word to go, so the
# copies really start together (not one per interpreter start-up).
TOGETHER = """
import pathlib, sys, time
from mtm_app.store import open_store
gate = pathlib.Path(sys.argv[2])
(gate / f"ready-{sys.argv[3]}").touch()
while not (gate / "go").exists():
    time.sleep(0.005)
"""

OPEN = TOGETHER + "open_store(sys.argv[1])\n"

# A tailor's day compressed: new customers measured, orders placed and moved on. Order tokens
# are drawn from 420 values only (400 orders), so the two copies often pick the same reference: the
# store must notice and draw again.
WRITE = TOGETHER + """
import json, secrets
from datetime import date
from mtm_app.order_status import OrderStatus
from mtm_app.store import repository
from mtm_app.store.repository import GarmentLine
repository.reference_token = lambda: f"{secrets.randbelow(420):06d}"
retries, looked = [0], repository.Store._reference_exists
def counted(self, reference):
    retries[0] += 1
    return looked(self, reference)
repository.Store._reference_exists = counted
store = open_store(sys.argv[1])
body, count, mine = json.loads(sys.argv[4]), int(sys.argv[5]), []
for k in range(count):
    if k % 20 == 0:
        customer = store.create_customer(f"Customer {sys.argv[3]}-{k}", consent_date=date(2026, 1, 2))
        session = store.add_session(customer.id, body, measured_by=f"tailor {sys.argv[3]}")
    order = store.create_order(customer.id, session.id, [GarmentLine("mens_shirt", "1.0.0", {"k": k})],
                               notes=f"{sys.argv[3]}-{k}")
    if k % 2:
        store.set_status(order.id, OrderStatus.CONFIRMED, by=f"tailor {sys.argv[3]}")
    mine.append(order.reference)
print(json.dumps({"references": mine, "retries": retries[0]}))
"""


def _together(script: str, url: str, gate: Path, copies: int,
              *args: str) -> list[subprocess.CompletedProcess]:
    """Run `copies` processes of `script` on `url`, released at the same instant."""
    gate.mkdir()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    procs = [subprocess.Popen([sys.executable, "-c", script, url, str(gate), str(k), *args],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for k in range(copies)]
    deadline = time.monotonic() + 120
    while len(list(gate.glob("ready-*"))) < copies and time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.01)
    (gate / "go").touch()
    done = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


def test_five_copies_opening_a_new_database_at_once_make_one_schema(store_url, tmp_path) -> None:
    runs = _together(OPEN, store_url, tmp_path / "gate", 5)
    assert [r.returncode for r in runs] == [0] * 5, [r.stderr[-2000:] for r in runs]
    engine = create_engine(store_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("select version_num from alembic_version").all() == [(HEAD,)]
    assert set(inspect(engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}
    engine.dispose()
    store = open_store(store_url)  # and the schema works
    assert store.create_customer("Ann Baker").id == 1


def test_two_writers_at_once_lose_and_duplicate_nothing(store_url, tmp_path) -> None:
    open_store(store_url).engine.dispose()  # the schema made first: this is about the writes
    count = 200
    runs = _together(WRITE, store_url, tmp_path / "gate", 2, json.dumps(MEDIAN_MAN), str(count))
    for run in runs:
        assert run.returncode == 0, run.stderr[-3000:]
        assert "locked" not in run.stderr.lower()
    written = [json.loads(run.stdout) for run in runs]
    store = open_store(store_url)
    orders = store.orders(limit=10_000)
    by_reference = {o.reference: o for o in orders}
    assert len(orders) == len(by_reference) == 2 * count  # none lost, none twice
    for k, done in enumerate(written):
        assert len(done["references"]) == count and set(done["references"]) <= set(by_reference)
        assert [by_reference[r].notes for r in done["references"]] == [f"{k}-{n}" for n in range(count)]
    assert Counter(o.status.value for o in orders) == {"draft": count, "confirmed": count}
    assert all(len(o.events) == (2 if o.status.value == "confirmed" else 1) for o in orders)
    customers = store.search(limit=10_000)
    assert len(customers) == 2 * count // 20
    assert sum(len(store.customer(c.id).orders) for c in customers) == 2 * count
    print("reference clashes noticed and drawn again:", [d["retries"] for d in written])
