"""`mtm marker`: the pieces of customers' garments laid on the fabric — from measurement files,
from confirmed orders in the store (drafted again from their own sessions and options), or from
another CAD's AAMA/ASTM DXF."""

from __future__ import annotations

from pathlib import Path

from mtm_app.cli.common import EXIT_OK, Args, UsageError, parse_options
from mtm_app.cli.drafting import drafted
from mtm_app.library import get_block
from mtm_app.marker import Marker, MarkerSpec, make_marker
from mtm_app.marker.files import MarkerFilesError, write_marker

MAX_SECONDS = 3600  # an hour: beyond it the solver gains nothing a cutting room would wait for
MAX_SEED = 2**32 - 1  # the solver takes an unsigned 32-bit seed


def cmd_marker(args: Args) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if not 1 <= args.seconds <= MAX_SECONDS:
        raise UsageError(f"--seconds {args.seconds} is not between 1 and {MAX_SECONDS}",
                         hint="e.g. --seconds 10")
    if not 0 <= args.seed <= MAX_SEED:
        raise UsageError(f"--seed {args.seed} is not between 0 and {MAX_SEED}", hint="e.g. --seed 1")
    if args.size and not args.pieces:
        raise UsageError("--size goes with --pieces FILE.dxf")
    spec = MarkerSpec(width=args.width * 10, gap=args.gap, one_way=args.one_way, repeat=args.repeat,
                      seconds=args.seconds, seed=args.seed, workers=args.workers,
                      max_length=None if args.max_length is None else args.max_length * 10)
    try:
        if args.order:
            if args.block or args.measurements or args.pieces:
                raise UsageError("give either a block with -m files, --pieces, or --order "
                                 "references, not more than one")
            from mtm_app.orders import lay_orders  # the store (SQLAlchemy) only when it is used
            from mtm_app.store import open_store

            marker, written = lay_orders(open_store(), args.order, spec, args.material, formats,
                                         Path(args.out) if args.out else None)
        elif args.pieces:
            if args.block or args.measurements or not args.out:
                raise UsageError("--pieces takes no block or -m files, and needs --out",
                                 hint="e.g. mtm marker --pieces other.dxf --width 150 --out marker/")
            marker, written = _from_dxf(args, spec, formats)
        else:
            if not args.block or not args.measurements or not args.out:
                raise UsageError("a marker needs a block with -m files and --out, --pieces FILE.dxf, "
                                 "or --order references",
                                 hint="e.g. mtm marker mens_shirt -m a.json --width 150 --out marker/")
            marker, written = _from_files(args, spec, formats)
    except MarkerFilesError as exc:  # the files that could be written were: say which
        for path in exc.written:
            print(path)
        raise
    for path in written:
        print(path)
    sections = f" in {len(marker.bounds)} sections" if marker.sections else ""
    print(f"{marker.material}: {len(marker.pieces)} pieces, {marker.length / 10:.1f} cm of "
          f"{spec.width / 10:g} cm fabric{sections}, utilisation {marker.utilisation:.1%}")
    return EXIT_OK


def _from_files(args: Args, spec: MarkerSpec, formats: list[str]) -> tuple[Marker, list[Path]]:
    block = get_block(args.block)
    options = parse_options(args.option)
    jobs, garments = {}, []
    for path in args.measurements:
        result, job, _unit = drafted(block, path, options)
        if job.order in jobs:
            raise UsageError(f"'{path}' is the same customer and garment as an earlier file",
                             hint="give each customer once; a marker lays one garment per file")
        jobs[job.order] = job
        garments.append((job.order, result.pieces))
    marker = make_marker(garments, spec, args.material)
    return marker, write_marker(marker, jobs, Path(args.out), formats)


def _from_dxf(args: Args, spec: MarkerSpec, formats: list[str]) -> tuple[Marker, list[Path]]:
    from mtm_app.cli.dxf_import import notes
    from mtm_app.marker.imported import dxf_garment

    label, pieces, job, found = dxf_garment(args.pieces, args.size)
    for line in notes(found):
        print(line)
    marker = make_marker([(label, pieces)], spec, args.material)
    return marker, write_marker(marker, {label: job}, Path(args.out), formats)
