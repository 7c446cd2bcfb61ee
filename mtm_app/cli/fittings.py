"""`mtm fittings add|list|withdraw|restore|stats`: record what a try-on changed, see a
customer's fittings and personal alterations, and, for the pattern maker, how often each
block's places are altered over all customers."""

from __future__ import annotations

from datetime import date
from typing import Any

from mtm_app.cli.common import EXIT_OK, Args, UsageError, command_store
from mtm_app.datafile import json_text, shown
from mtm_app.measurements.units import UNITS, parse_length, show_change


def add_parser(sub: Any) -> None:
    """The `fittings` command and its subcommands."""
    fi = sub.add_parser("fittings", help="record fittings; personal alterations; block statistics")
    fi_sub = fi.add_subparsers(dest="fittings_command", required=True)
    fa = fi_sub.add_parser("add", help="record a fitting: PLACE=AMOUNT, e.g. sleeve_length=-10")
    fa.add_argument("customer", help="the customer's id, or their name")
    fa.add_argument("block", help="the garment's block id (e.g. mens_shirt)")
    fa.add_argument("changes", nargs="+", metavar="PLACE=AMOUNT",
                    help="+ lets out or lengthens, − takes in or shortens (see `mtm blocks`)")
    fa.add_argument("--unit", choices=tuple(UNITS),
                    help="unit of the amounts (default: the customer's, as last measured)")
    fa.add_argument("--note", default="", help="what was seen at the fitting")
    fa.add_argument("--by", default="", help="who fitted")
    fa.add_argument("--date", help="the fitting's date, YYYY-MM-DD (default: today)")
    fa.add_argument("--order", help="the order whose garment was tried on (its reference)")
    fl = fi_sub.add_parser("list", help="a customer's fittings and personal alterations")
    fl.add_argument("customer", help="the customer's id, or their name")
    fl.add_argument("--json", action="store_true")
    for name, text in (("withdraw", "withdraw a fitting: its alterations stop applying"),
                       ("restore", "put a withdrawn fitting back")):
        fw = fi_sub.add_parser(name, help=text)
        fw.add_argument("fitting", type=int, help="the fitting's id (see `mtm fittings list`)")
    fs = fi_sub.add_parser("stats", help="per block and place: how many customers, how often, "
                           "mean and spread of the amount")
    fs.add_argument("block", nargs="?", help="one block id (default: every block)")
    fs.add_argument("--json", action="store_true")



def _changes(pairs: list[str], unit: str) -> list[tuple[str, float, str]]:
    out = []
    for pair in pairs:
        place, sep, amount = pair.partition("=")
        if not sep or not place.strip():
            raise UsageError(f"{shown(pair)} is not PLACE=AMOUNT", hint="e.g. waist=-20")
        try:
            out.append((place.strip(), parse_length(amount, unit, signed=True), ""))
        except ValueError:
            raise UsageError(f"{place.strip()}: {shown(amount)} is not an amount in {unit}",
                             hint="e.g. -10, +15 or 1/2 (inches)") from None
    return out


def _unit_of(store, customer_id: int) -> str:
    """The unit the customer was last measured in: a tailor gives changes as they measure."""
    sessions = store.customer(customer_id).sessions
    return sessions[-1].unit if sessions else "cm"


def _fitted_on(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"--date {shown(text)} is not a date", hint="write YYYY-MM-DD") from None


def cmd_fittings_add(args: Args) -> int:
    from mtm_app.cli.customers import customer_by_id_or_name
    from mtm_app.drafting.alterations import alteration_place
    from mtm_app.fittings import record
    from mtm_app.library import get_block

    store = command_store()
    block = get_block(args.block)
    order_id = store.order_by_reference(args.order).id if args.order else None
    customer_id = customer_by_id_or_name(store, args.customer)
    unit = args.unit or _unit_of(store, customer_id)
    fitting = record(store, customer_id, block,
                     _changes(args.changes, unit), fitted_on=_fitted_on(args.date),
                     fitted_by=args.by, order_id=order_id, notes=args.note, unit=unit)
    said = ", ".join(f"{alteration_place(block, a.place).label.lower()} "
                     f"{show_change(a.amount_mm, unit)}" for a in fitting.alterations)
    print(f"fitting {fitting.id} recorded for customer {fitting.customer_id} ({block.id}, "
          f"{fitting.fitted_on.isoformat()}): {said}")
    return EXIT_OK


def cmd_fittings_list(args: Args) -> int:
    from mtm_app.cli.customers import customer_by_id_or_name
    from mtm_app.fittings import sum_alterations
    from mtm_app.store.fittings import fittings_of

    store = command_store()
    customer_id = customer_by_id_or_name(store, args.customer)
    unit = _unit_of(store, customer_id)
    fittings = fittings_of(store, customer_id)
    data = {
        "customer": customer_id,
        "fittings": [{"id": f.id, "block": f.block_id, "fitted_on": f.fitted_on.isoformat(),
                      "fitted_by": f.fitted_by, "notes": f.notes,
                      "withdrawn": f.withdrawn_at is not None,
                      "alterations": [{"place": a.place, "amount_mm": a.amount_mm, "note": a.note}
                                      for a in f.alterations]} for f in fittings],
        "personal_alterations": {
            block: [{"place": p.place, "amount_mm": p.amount, "fittings": list(p.fittings)}
                    for p in sum_alterations(f for f in fittings if f.block_id == block)]
            for block in sorted({f.block_id for f in fittings})},
    }
    if args.json:
        print(json_text(data, ascii_only=False), end="")
        return EXIT_OK
    for f in data["fittings"]:
        changes = ", ".join(f"{a['place']} {show_change(a['amount_mm'], unit)}" for a in f["alterations"])
        state = " (withdrawn)" if f["withdrawn"] else ""
        print(f"{f['id']}\t{f['fitted_on']}\t{f['block']}\t{changes}{state}\t{f['fitted_by']}")
    for block, places in data["personal_alterations"].items():
        total = ", ".join(f"{p['place']} {show_change(p['amount_mm'], unit)}" for p in places) or "none"
        print(f"personal alterations for {block}: {total}")
    return EXIT_OK


def _set_withdrawn(fitting_id: int, withdrawn: bool) -> int:
    from mtm_app.store.fittings import set_withdrawn

    fitting = set_withdrawn(command_store(), fitting_id, withdrawn)
    print(f"fitting {fitting.id} {'withdrawn' if withdrawn else 'restored'}")
    return EXIT_OK


def cmd_fittings_withdraw(args: Args) -> int:
    return _set_withdrawn(args.fitting, True)


def cmd_fittings_restore(args: Args) -> int:
    return _set_withdrawn(args.fitting, False)


def cmd_fittings_stats(args: Args) -> int:
    from mtm_app.fitting_stats import place_stats
    from mtm_app.library import all_blocks
    from mtm_app.store.fittings import standing_fittings

    blocks = {b.id: b for b in all_blocks()}
    if args.block and args.block not in blocks:
        from mtm_app.errors import did_you_mean

        raise UsageError(f"there is no block {shown(args.block)}", hint=did_you_mean(
            args.block, blocks, "blocks: " + ", ".join(blocks)))

    def label_of(block_id: str, place: str) -> str:
        from mtm_app.drafting.alterations import place_label

        return place_label(blocks[block_id], place) if block_id in blocks else place

    stats = place_stats(standing_fittings(command_store(), args.block), label_of)
    if args.json:
        print(json_text([s.as_dict() for s in stats], ascii_only=False), end="")
        return EXIT_OK
    if not stats:
        print("no standing fittings" + (f" for {args.block}" if args.block else ""))
    for s in stats:
        print(f"{s.block_id}\t{s.label}\t{s.customers} of {s.fitted} customers "
              f"({s.share:.0%})\t{s.times}×\tmean {s.mean_mm:+g} mm\tspread {s.spread_mm:g} mm")
    return EXIT_OK
