"""`mtm orders list|reprint`: the store's orders, and an order's files written again — in the
order's own language, whatever the command line speaks."""

from __future__ import annotations

import sys
from typing import Any

from mtm_app.cli.common import EXIT_OK, Args
from mtm_app.datafile import json_text


def add_parser(sub: Any) -> None:
    """The `orders` command and its two subcommands."""
    od = sub.add_parser("orders", help="list the store's orders; write an order's files again")
    od_sub = od.add_subparsers(dest="orders_command", required=True)
    ol = od_sub.add_parser("list", help="every order: reference, customer, garment, status, language")
    ol.add_argument("--json", action="store_true")
    orp = od_sub.add_parser("reprint", help="write an order's files again from its own session and "
                            "options, in the language it was placed in")
    orp.add_argument("reference", help="the order's reference (see `mtm orders list`)")


def _store():
    from mtm_app.store import open_store  # SQLAlchemy only when an orders command runs

    return open_store()


def cmd_orders_list(args: Args) -> int:
    from sqlalchemy import select

    from mtm_app.store.models import Order

    store = _store()
    with store.transaction() as s:
        rows = [{"reference": o.reference, "customer": o.customer.name, "block": o.block_id,
                 "status": o.status.value, "language": o.language,
                 "ordered": o.created_at.date().isoformat(), "files": o.files_dir}
                for o in s.scalars(select(Order).order_by(Order.id))]
    if args.json:
        print(json_text(rows, ascii_only=False), end="")
        return EXIT_OK
    from mtm_app.store.models import OrderStatus

    for r in rows:
        print(f"{r['reference']}\t{r['customer']}\t{r['block']}\t{OrderStatus(r['status']).text}\t"
              f"{r['language']}\t{r['ordered']}", file=sys.stdout)
    return EXIT_OK


def cmd_orders_reprint(args: Args) -> int:
    from mtm_app.orders import rewrite_order_files

    store = _store()
    order = store.order_by_reference(args.reference)
    for path in rewrite_order_files(store, order.id):
        print(path)
    return EXIT_OK
