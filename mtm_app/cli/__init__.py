"""The `mtm` command: list blocks, draft an order's files, check a block over many bodies,
work with measurements, read other CADs' DXF.

Exit codes: 0 ok, 2 bad input (one line per problem, no traceback), 1 internal error. Each
command's module is imported only when that command runs: a command pays for what it uses.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK
from mtm_app.cli.customers import add_parser as add_customers_parser
from mtm_app.cli.fittings import add_parser as add_fittings_parser
from mtm_app.cli.people import acting_first, signed_in_as
from mtm_app.cli.people import add_parser as add_people_parser
from mtm_app.cli.production import add_parser as add_production_parser
from mtm_app.cli.store import add_parser as add_store_parser
from mtm_app.cli.workers import add_parser as add_workers_parser
from mtm_app.errors import MtmError
from mtm_app.i18n import LANGUAGES, choose, speaking
from mtm_app.measurements.fits import FIT_PREFERENCES

DRAFT_FORMATS = "dxf-aama,dxf-astm,dxf,pdf-tiled,pdf-plotter,plt,cut-ticket,svg,json,labels-a4,labels-roll"


def _garments(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 99:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a number of garments from 1 to 99")
    return int(text)


def _repeat(text: str) -> tuple[float, float]:
    try:
        parts = [float(v.replace(",", ".")) * 10 for v in text.lower().split("x")]
    except ValueError:
        parts = []
    if len(parts) not in (1, 2) or not all(0 <= p <= 500 for p in parts):
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a repeat in cm: e.g. 1.2 (stripes "
                                         "along the length) or 1x1 (checks)")
    return (parts[0], parts[1] if len(parts) == 2 else 0.0)


def _iso_date(text: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a date: write YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mtm", description="MTM Studio command line")
    parser.add_argument("--as", dest="acting", metavar="LOGIN",
                        help="on a shared database: sign in as LOGIN (anywhere on the line; the "
                             "password is asked, or read from MTM_PASSWORD)")
    parser.add_argument("--language", choices=tuple(LANGUAGES),
                        help="the language of messages and of the files written (cut ticket, PDF "
                             "labels, marker): en or fr (default: the system's); a reprint keeps "
                             "its order's")
    sub = parser.add_subparsers(dest="command", required=True)
    bl = sub.add_parser("blocks", help="list blocks with their measurements and options (the broken "
                        "ones on stderr); their versions")
    bl_sub = bl.add_subparsers(dest="blocks_command")
    bv = bl_sub.add_parser("versions", help="a block's versions whose text is at hand")
    bv.add_argument("block", help="block id")
    bc = bl_sub.add_parser("compare", help="two versions of a block drafted for one body: piece "
                           "areas, pieces added or removed, checks that differ")
    bc.add_argument("block", help="block id")
    bc.add_argument("version_a")
    bc.add_argument("version_b")
    bc.add_argument("-m", "--measurements",
                    help="measurements JSON file (default: the demo median body of the block's sex)")
    bc.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    br = bl_sub.add_parser("release", help="release a block version to every shop sharing the database")
    br.add_argument("block", help="block id or path to its file")
    bl_sub.add_parser("released", help="the block versions released to every shop, newest of each")
    p = sub.add_parser("draft", help="draft a block for one customer and write files")
    p.add_argument("block", help="block id (e.g. mens_shirt) or path to a .yaml block")
    p.add_argument("-m", "--measurements", required=True, help="measurements JSON file")
    p.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--format", default="svg,json",
                   help="comma-separated: " + DRAFT_FORMATS)
    p.add_argument("--units", choices=("mm", "in"), default="mm", help="DXF units")
    p.add_argument("--paper", help="a4|letter|a3|legal|tabloid (tiled) or a0|roll24|roll36|roll44|roll60")
    p.add_argument("--landscape", action="store_true", help="tiled pages in landscape")
    p.add_argument("--customer", default="", help="customer reference for the cut ticket")
    p.add_argument("--fabric", default="", help="fabric and width for the cut ticket")
    p.add_argument("--notes", default="", help="notes for the cut ticket")
    p.add_argument("--order", default="", help="order reference printed on every file")
    p.add_argument("--quantity", type=_garments, default=1,
                   help="garments in the order (1-99): the ticket and every piece count follow")
    p.add_argument("--order-date", type=_iso_date, help="date the order was taken, YYYY-MM-DD")
    p.add_argument("--due", type=_iso_date, help="date the garment is due, YYYY-MM-DD")
    p.add_argument("--measured-by", default="", help="who took the measurements (cut ticket)")
    p.add_argument("--language", choices=tuple(LANGUAGES), default=argparse.SUPPRESS,
                   help="the language of the cut ticket and PDF labels: en or fr (as `mtm --language`)")
    p.add_argument("--force", action="store_true",
                   help="write files even when seam or fit checks fail (for the pattern maker)")
    di = sub.add_parser("import-dxf", help="read an AAMA/ASTM DXF from another CAD")
    di.add_argument("file")
    di.add_argument("--out", required=True, help="output folder")
    di.add_argument("--format", default="json,svg", help="comma-separated: json,svg")
    ms = sub.add_parser("measurements", help="check or complete a customer's measurements")
    ms_sub = ms.add_subparsers(dest="measurements_command", required=True)
    mc = ms_sub.add_parser("check", help="findings: ranges, unit mix-ups, typos, missing")
    mc.add_argument("file", help="measurements JSON file")
    mc.add_argument("--block", help="also report what this block needs and is missing")
    mc.add_argument("--json", action="store_true")
    me = ms_sub.add_parser("estimate", help="estimate every missing catalogue measurement")
    me.add_argument("file", help="measurements JSON file (needs height and chest or bust)")
    me.add_argument("--out", required=True, help="JSON file to write")
    mi = ms_sub.add_parser("import", help="a Valentina/Seamly2D .vit or .smis → measurements JSON; "
                           "a .vst/.smms multisize table or a CSV size chart → size chart")
    mi.add_argument("file")
    mi.add_argument("--out", required=True,
                    help="measurements JSON, or for a chart its .yaml (the .csv is written beside it)")
    mi.add_argument("--sex", choices=("male", "female"),
                    help="charts only (default: the sex whose bodies the middle size resembles)")
    mi.add_argument("--name", help="charts only: the name shown to the tailor")
    mi.add_argument("--source", help="charts only: where the figures come from")
    mi.add_argument("--size-column", default="size", help="CSV charts only: the column naming the size")
    mx = ms_sub.add_parser("export", help="write a measurements JSON as a Valentina .vit")
    mx.add_argument("file")
    mx.add_argument("--out", required=True, help=".vit file to write")
    mf = ms_sub.add_parser("from-csv", help="a CSV of many customers → one JSON file each")
    mf.add_argument("file", help="CSV: header = canonical names (plus id), values in cm")
    mf.add_argument("--out-dir", required=True)
    mt = ms_sub.add_parser("to-csv", help="measurement JSON files → one CSV (cm)")
    mt.add_argument("files", nargs="+")
    mt.add_argument("--out", required=True)
    sz = sub.add_parser("size", help="nearest standard size per chart, the alterations, the fit to choose")
    sz.add_argument("file", help="measurements JSON file")
    sz.add_argument("--chart", help="one size chart, by id (see `mtm charts`) or .yaml file "
                    "(default: every chart for the customer's sex)")
    sz.add_argument("--prefer", choices=FIT_PREFERENCES, default="standard",
                    help="the customer's taste: closer or more comfortable than usual")
    sz.add_argument("--block", help="name the fit presets of this block")
    sz.add_argument("--json", action="store_true")
    g = sub.add_parser("grade", help="draft a block for every size of a chart: nest, graded DXF")
    g.add_argument("block", help="block id or path to a .yaml block")
    g.add_argument("--chart", help="size chart id or .yaml file (default: the block's own chart)")
    g.add_argument("--sizes", help="comma-separated sizes (default: every size of the chart)")
    g.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    g.add_argument("--out", required=True, help="output folder")
    g.add_argument("--format", default="nest-svg,nest-pdf,dxf-aama-graded",
                   help="comma-separated: nest-svg,nest-pdf,dxf-aama-graded,dxf-astm-graded")
    g.add_argument("--units", choices=("mm", "in"), default="mm", help="DXF and rule units")
    mk = sub.add_parser("marker", help="lay the pieces of one or more customers' garments on the "
                        "fabric: a marker for the cutting room")
    mk.add_argument("block", nargs="?", help="block id or path to a .yaml block (with -m)")
    mk.add_argument("--pieces", metavar="FILE.dxf",
                    help="instead of a block: lay the pieces of another CAD's AAMA/ASTM DXF")
    mk.add_argument("--size", help="with --pieces: the size to lay, when the file holds several")
    mk.add_argument("-m", "--measurements", action="append", default=[],
                    help="a customer's measurements JSON; repeat to lay several customers together")
    mk.add_argument("--order", action="append", default=[], metavar="REFERENCE",
                    help="instead of a block and -m: a confirmed order in the store; repeat for more")
    mk.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    mk.add_argument("--width", type=float, required=True, help="usable fabric width, cm")
    mk.add_argument("--material", default="self",
                    help="the fabric laid: self (default), lining, interfacing or contrast")
    mk.add_argument("--gap", type=float, default=2.0, help="mm between pieces (default 2)")
    mk.add_argument("--one-way", action="store_true",
                    help="napped or one-way fabric: no piece is turned end for end")
    mk.add_argument("--repeat", type=_repeat, default=(0.0, 0.0), metavar="ALONG[xACROSS]",
                    help="stripes or checks, cm: every piece put on the repeat grid (e.g. 1.2 or 1x1)")
    mk.add_argument("--seconds", type=int, default=10, help="time the solver may take (default 10)")
    mk.add_argument("--seed", type=int, default=1, help="the solver's seed (kept in the report)")
    mk.add_argument("--max-length", type=float, metavar="CM",
                    help="the cutting table's length: a longer marker is laid in sections")
    mk.add_argument("--workers", type=int, default=1, help="solver threads (default 1)")
    mk.add_argument("--out", help="output folder (with --order, default: the markers folder)")
    mk.add_argument("--format", default="pdf,svg,dxf,json", help="comma-separated: pdf,svg,dxf,json,plt")
    sub.add_parser("charts", help="list the size charts with their sources")
    c = sub.add_parser("check", help="draft a block for every body in a CSV")
    c.add_argument("block")
    c.add_argument("--bodies", required=True, help="CSV, header = canonical names, values in cm")
    c.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    c.add_argument("--json", action="store_true", help="machine-readable report")
    add_customers_parser(sub)
    add_fittings_parser(sub)
    add_production_parser(sub)
    add_people_parser(sub)
    add_workers_parser(sub)
    add_store_parser(sub)
    return parser


COMMANDS = {"blocks": "drafting:cmd_blocks", "blocks versions": "versions:cmd_blocks_versions",
            "blocks compare": "versions:cmd_blocks_compare", "draft": "drafting:cmd_draft",
            "blocks release": "versions:cmd_blocks_release",
            "blocks released": "versions:cmd_blocks_released",
            "check": "drafting:cmd_check", "import-dxf": "dxf_import:cmd_import_dxf",
            "grade": "grading:cmd_grade", "charts": "grading:cmd_charts", "size": "measuring:cmd_size",
            "marker": "marking:cmd_marker",
            **{f"measurements {name}": f"measuring:cmd_measurements_{name.replace('-', '_')}"
               for name in ("check", "estimate", "import", "export", "from-csv", "to-csv")},
            **{f"customers {name}": f"customers:cmd_customers_{name}"
               for name in ("list", "export", "erase")},
            **{f"fittings {name}": f"fittings:cmd_fittings_{name}"
               for name in ("add", "list", "withdraw", "restore", "stats")},
            **{f"orders {name}": f"production:cmd_orders_{name.replace('-', '_')}"
               for name in ("list", "set-status", "history", "markers", "reprint")},
            "orders produce": "batching:cmd_orders_produce", "batch": "batching:cmd_batch",
            **{f"fabrics {name}": f"production:cmd_fabrics_{name}"
               for name in ("list", "import", "export")},
            **{f"{what} {name}": f"people:cmd_{what}_{name}" for what in ("shops", "users")
               for name in ("list", "add")},
            "worker": "workers:cmd_worker", "jobs list": "workers:cmd_jobs_list",
            "jobs queue": "workers:cmd_jobs_queue",
            "store copy": "store:cmd_store_copy"}


def _command(name: str):
    module, function = COMMANDS[name].split(":")
    return getattr(importlib.import_module(f"mtm_app.cli.{module}"), function)


def _quiet_stdout() -> None:
    """Point standard output at nothing, so Python's own flush at exit meets no closed pipe."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(acting_first(sys.argv[1:] if argv is None else list(argv)))
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_BAD_INPUT
    try:
        name = args.command
        if getattr(args, f"{name}_command", None):
            name += " " + getattr(args, f"{name}_command")
        with speaking(args.language or choose()), signed_in_as(args.acting):
            return _command(name)(args)
    except MtmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `mtm … | head` has read what it wanted: no error to report
        _quiet_stdout()
        return EXIT_OK
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: say so plainly, keep the detail for the report
        print(f"internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
