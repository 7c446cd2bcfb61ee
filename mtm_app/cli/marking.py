"""`mtm marker`: the pieces of one or more customers' garments laid on the fabric."""

from __future__ import annotations

from pathlib import Path

from mtm_app.cli.common import EXIT_OK, Args, UsageError, parse_options, write_file
from mtm_app.cli.drafting import drafted
from mtm_app.library import get_block
from mtm_app.marker import MarkerSpec, make_marker
from mtm_app.marker.files import MARKER_FORMATS, RENDERERS


def cmd_marker(args: Args) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in MARKER_FORMATS]
    if unknown or not formats:
        raise UsageError(f"unknown marker format {', '.join(unknown) or '(none)'}",
                         hint="choose from " + ", ".join(MARKER_FORMATS))
    block = get_block(args.block)
    options = parse_options(args.option)
    jobs, orders = {}, []
    for path in args.measurements:
        result, job = drafted(block, path, options)
        if job.order in jobs:
            raise UsageError(f"'{path}' is the same customer and garment as an earlier file",
                             hint="give each customer once; a marker lays one garment per file")
        jobs[job.order] = job
        orders.append((job.order, result.pieces))
    spec = MarkerSpec(width=args.width * 10, gap=args.gap, one_way=args.one_way,
                      seconds=args.seconds, seed=args.seed)
    marker = make_marker(orders, spec, args.material)
    files = {f: RENDERERS[f](marker, jobs) for f in formats}  # all made before any is written
    for fmt, data in files.items():
        print(write_file(Path(args.out), f"marker-{args.material}.{fmt}", data))
    print(f"{marker.material}: {len(marker.pieces)} pieces, {marker.length / 10:.1f} cm of "
          f"{spec.width / 10:g} cm fabric, utilisation {marker.utilisation:.1%}")
    return EXIT_OK
