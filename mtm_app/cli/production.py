"""`mtm orders list|set-status|history` and `mtm fabrics list|import|export`: the cutting room's
queue across every customer, the status of its orders with who moved them, and the fabric
catalogue as the spreadsheet it is kept in."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, UsageError, command_store, print_rows
from mtm_app.datafile import json_text, shown
from mtm_app.order_status import OrderStatus


def add_parser(sub: Any) -> None:
    """The `orders` and `fabrics` commands and their subcommands."""
    statuses = _statuses()
    orders = sub.add_parser("orders", help="the production queue: every customer's orders")
    o_sub = orders.add_subparsers(dest="orders_command", required=True)
    ol = o_sub.add_parser("list", help="orders due first; filter by status, due date, fabric, garment")
    ol.add_argument("--status", action="append", default=[], choices=statuses, metavar="STATUS",
                    help="repeat for several: " + ", ".join(statuses))
    ol.add_argument("--due-before", help="due on or before this date, YYYY-MM-DD")
    ol.add_argument("--fabric", default="", help="a fabric code, or words of the fabric")
    ol.add_argument("--block", default="", help="a garment's block id, e.g. mens_shirt")
    ol.add_argument("--shop", default="", help="the store that took the order")
    ol.add_argument("--json", action="store_true")
    os_ = o_sub.add_parser("set-status", help="move orders on: REF… STATUS")
    os_.add_argument("args", nargs="+", metavar="REF… STATUS")
    os_.add_argument("--by", default="", help="who (kept in the order's history)")
    os_.add_argument("--reason", default="", help="why (required to cancel)")
    orp = o_sub.add_parser("reprint", help="write an order's files again from its own session and "
                           "options, in the language it was placed in")
    orp.add_argument("reference", help="the order's reference (see `mtm orders list`)")
    oh = o_sub.add_parser("history", help="an order's status changes: who and when")
    oh.add_argument("reference")
    oh.add_argument("--json", action="store_true")
    op = o_sub.add_parser("produce", help="write the files of many orders in one run "
                          "(default: every confirmed order)")
    op.add_argument("references", nargs="*", metavar="REF")
    op.add_argument("--status", action="append", default=[], choices=statuses, metavar="STATUS",
                    help="without REF: the orders of this status (default confirmed)")
    op.add_argument("--format", help="comma-separated, as mtm draft (default: dxf-aama,pdf-tiled,"
                    "cut-ticket)")
    op.add_argument("--jobs", type=int, help="worker processes (default: the machine's cores)")
    ba = sub.add_parser("batch", help="draft many orders that are not in the store, from a CSV: "
                        "order,block,measurements,options,quantity,fabric")
    ba.add_argument("file")
    ba.add_argument("--out", required=True, help="folder: one sub-folder per order")
    ba.add_argument("--format", help="comma-separated, as mtm draft (default: dxf-aama,pdf-tiled,"
                    "cut-ticket)")
    ba.add_argument("--jobs", type=int, help="worker processes (default: the machine's cores)")
    om = o_sub.add_parser("markers", help="lay orders in markers, one per fabric and material "
                          "(widths and nap from the catalogue)")
    om.add_argument("references", nargs="+", metavar="REF")
    om.add_argument("--lining", default="", help="the lining's fabric code (else not laid)")
    om.add_argument("--interfacing", default="", help="the interfacing's fabric code (else not laid)")
    om.add_argument("--seconds", type=int, default=10, help="solver time per marker (default 10)")
    om.add_argument("--out", help="folder (default: the markers folder); one sub-folder per marker")
    fabrics = sub.add_parser("fabrics", help="the fabric catalogue")
    f_sub = fabrics.add_subparsers(dest="fabrics_command", required=True)
    fl = f_sub.add_parser("list", help="every fabric, or those matching a word")
    fl.add_argument("text", nargs="?", default="")
    fl.add_argument("--json", action="store_true")
    fi = f_sub.add_parser("import", help="add or update fabrics from a CSV (all rows or none)")
    fi.add_argument("file")
    fe = f_sub.add_parser("export", help="write the catalogue as CSV")
    fe.add_argument("--out", required=True)


def _statuses() -> list[str]:
    """The statuses as they are stored (and typed on the command line)."""
    return [s.value for s in OrderStatus]



def _order_row(o) -> dict[str, Any]:
    return {"reference": o.reference, "customer": o.customer.name,
            "garments": [{"block": g.block_id, "block_version": g.block_version, "fabric": g.fabric,
                          "fabric_code": g.fabric_code} for g in o.garments],
            "status": o.status.value, "due_date": o.due_date.isoformat() if o.due_date else None,
            "quantity": o.quantity, "shop": o.shop, "language": o.language, "files": o.files_dir}


def cmd_orders_list(args: Args) -> int:
    due = None
    if args.due_before:
        try:
            due = date.fromisoformat(args.due_before.strip())
        except ValueError:
            raise UsageError(f"--due-before {shown(args.due_before)} is not a date",
                             hint="write YYYY-MM-DD") from None
    found = command_store().orders(statuses=args.status, due_before=due, fabric=args.fabric,
                            block_id=args.block, shop=args.shop)
    rows = [_order_row(o) for o in found]
    print_rows(rows, args.json, _order_line)
    if not args.json:
        print(f"{len(rows)} order{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def _order_line(r: dict[str, Any]) -> str:
    garments = r["garments"]
    cloths = dict.fromkeys(g["fabric_code"] or g["fabric"] or "-" for g in garments)
    return "\t".join([r["reference"], r["status"], r["due_date"] or "-",
                      "+".join(g["block"] for g in garments), "+".join(cloths), f"×{r['quantity']}",
                      r["customer"]])


def cmd_orders_reprint(args: Args) -> int:
    """An order's files again, in the order's own language (whatever `--language` says)."""
    from mtm_app.orders import rewrite_order_files

    store = command_store()
    order = store.order_by_reference(args.reference)
    for path in rewrite_order_files(store, order.id):
        print(path)
    return EXIT_OK


def cmd_orders_set_status(args: Args) -> int:
    from mtm_app.order_status import TRANSITIONS

    *references, status = args.args
    if status not in _statuses():
        raise UsageError(f"{shown(status)} is not a status", hint="the last argument is one of: "
                         + ", ".join(_statuses()))
    if not references:
        raise UsageError("no order given", hint="mtm orders set-status O-2026-1A2B3C cut")
    store = command_store()
    orders = [store.order_by_reference(r) for r in references]
    stuck = [o for o in orders if OrderStatus(status) not in TRANSITIONS[o.status]]
    if stuck:  # every order can move, or none is moved
        raise UsageError(f"{', '.join(o.reference for o in stuck)} cannot become {status}: "
                         + "; ".join(f"{o.reference} is {o.status.value}" for o in stuck),
                         hint="no order was changed")
    for order in orders:
        moved = store.set_status(order.id, OrderStatus(status), by=args.by, reason=args.reason)
        print(f"{moved.reference}: {order.status.value} → {moved.status.value}")
    return EXIT_OK


def cmd_orders_history(args: Args) -> int:
    order = command_store().order_by_reference(args.reference)
    events = [{"at": e.at.isoformat(), "by": e.by, "from": e.from_status, "to": e.to_status,
               "reason": e.reason} for e in order.events]
    return print_rows(events, args.json, lambda e: "\t".join([
        e["at"], f"{e['from']} → {e['to']}" if e["from"] else f"made {e['to']}", e["by"] or "-",
        e["reason"]]).rstrip())


def cmd_orders_markers(args: Args) -> int:
    from mtm_app.marker_plan import lay_plan, plan_markers
    from mtm_app.store.folders import marker_run_folder

    store = command_store()
    references = [store.order_by_reference(r).reference for r in args.references]
    plan = plan_markers(store, references, seconds=args.seconds,
                        material_fabrics={m: c for m, c in (("lining", args.lining),
                                                            ("interfacing", args.interfacing)) if c})
    folder = Path(args.out) if args.out else marker_run_folder(references)
    failed = 0
    for run, marker, written, error in lay_plan(store, plan, folder):
        if error:
            failed += 1
            print(f"error: {run.fabric} {run.material}: {error}", file=sys.stderr)
            continue
        print(f"{run.fabric}\t{run.material}\t{len(run.references)} orders\t"
              f"{marker.length / 10:.1f} cm of {run.spec.width / 10:g} cm\t"
              f"{marker.utilisation:.1%}\t{written[0].parent}")
    for line in plan.not_laid:
        print(f"not laid: {line}", file=sys.stderr)
    return EXIT_BAD_INPUT if failed or plan.not_laid else EXIT_OK


def cmd_fabrics_list(args: Args) -> int:
    from mtm_app.store.fabrics import fabrics

    found = fabrics(command_store(), args.text)
    if args.json:
        print(json_text([{c.name: getattr(f, c.name) for c in f.__table__.columns
                          if c.name not in ("id", "created_at", "updated_at")} for f in found],
                        ascii_only=False), end="")
        return EXIT_OK
    for f in found:
        print("\t".join([f.code, f.name, f"{f.width_mm / 10:g} cm", "one-way" if f.one_way else "-",
                         f"{f.stock_m:g} m"]))
    return EXIT_OK


def cmd_fabrics_import(args: Args) -> int:
    from mtm_app.fabric_files import read_fabrics_csv
    from mtm_app.store.fabrics import save_fabrics

    saved = save_fabrics(command_store(), read_fabrics_csv(Path(args.file)))
    print(f"{len(saved)} fabric{'s' if len(saved) != 1 else ''} imported")
    return EXIT_OK


def cmd_fabrics_export(args: Args) -> int:
    from mtm_app.fabric_files import write_fabrics_csv
    from mtm_app.store.fabrics import fabrics

    found = fabrics(command_store())
    write_fabrics_csv(Path(args.out), found)
    print(f"{len(found)} fabric{'s' if len(found) != 1 else ''} written to {args.out}")
    return EXIT_OK
