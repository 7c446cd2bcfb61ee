"""`mtm customers list|export|erase`: what an administrator does from a script with the store's
customers — the same export and erase (with its plan) the customer page offers."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mtm_app.atomic import write_atomic
from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, UsageError, command_store, print_rows
from mtm_app.datafile import json_text, shown


def add_parser(sub: Any) -> None:
    """The `customers` command and its three subcommands."""
    cu = sub.add_parser("customers", help="list, export or erase the store's customers")
    cu_sub = cu.add_subparsers(dest="customers_command", required=True)
    cl = cu_sub.add_parser("list", help="every customer: id, name, phone, e-mail, consent")
    cl.add_argument("--json", action="store_true")
    ce = cu_sub.add_parser("export", help="everything held about a customer, as JSON")
    ce.add_argument("customer", help="the customer's id, or their name")
    ce.add_argument("--out", required=True, help="JSON file to write")
    cx = cu_sub.add_parser("erase", help="erase a customer: rows, order folders, markers")
    cx.add_argument("customer", help="the customer's id (see `mtm customers list`)")
    cx.add_argument("--yes", action="store_true", help="erase (without it: show what would go)")
    cx.add_argument("--force", action="store_true",
                    help="erase even with orders sent to the factory (erase them there too)")



def cmd_customers_list(args: Args) -> int:
    rows = [{"id": c.id, "name": c.name, "phone": c.phone, "email": c.email,
             "consent_date": c.consent_date.isoformat() if c.consent_date else None}
            for c in command_store().search(limit=sys.maxsize)]
    return print_rows(rows, args.json, lambda r: f"{r['id']}\t{r['name']}\t{r['phone']}\t{r['email']}\t"
                                                 f"consent {r['consent_date'] or 'not given'}")


def _as_id(text: str) -> int | None:
    """A customer id as typed (ASCII digits), or None; an id no database can hold is nobody's."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()):
        return None
    if len(text) > 18:  # past a 64-bit row id
        from mtm_app.store.errors import StoreError  # the store (SQLAlchemy) only when used

        raise StoreError(f"there is no customer {shown(text)}", hint="see `mtm customers list`")
    return int(text)


def customer_by_id_or_name(store, text: str) -> int:
    """A customer named by id, or by a name that only one customer has (any letter case)."""
    if _as_id(text) is not None:
        return store.customer(_as_id(text)).id
    from mtm_app.store.models import search_key

    found = [c for c in store.search(text, limit=sys.maxsize)
             if search_key(c.name) == search_key(text.strip())]
    if len(found) != 1:
        listed = ", ".join(f"{c.id} {c.name}" for c in store.search(text, limit=10))
        raise UsageError(f"{len(found)} customers are named '{text}'",
                         hint=f"give the id ({listed})" if listed else "see `mtm customers list`")
    return found[0].id


def cmd_customers_export(args: Args) -> int:
    store = command_store()
    data = store.export_customer(customer_by_id_or_name(store, args.customer))
    out = Path(args.out)
    write_atomic(out, json_text(data, ascii_only=False).encode("utf-8"))
    print(out)
    return EXIT_OK


def cmd_customers_erase(args: Args) -> int:
    customer_id = _as_id(args.customer)
    if customer_id is None:
        raise UsageError(f"{shown(args.customer)} is not a customer id",
                         hint="erase takes the id: see `mtm customers list`")
    store = command_store()
    plan = store.erase_plan(customer_id)
    print("erase removes:" if args.yes else "erase would remove:")
    for line in plan.lines():
        print(f"  {line}")
    if not args.yes:
        print("nothing erased: run again with --yes to erase", file=sys.stderr)
        return EXIT_BAD_INPUT
    store.erase_customer(plan.customer_id, force=args.force)
    print(f"erased customer {plan.customer_id}")
    return EXIT_OK
