"""`mtm blocks`, `mtm draft` and `mtm check`: blocks, an order's files, a block over many bodies."""

from __future__ import annotations

import sys
from pathlib import Path

from mtm_app.block.model import Block
from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, UsageError, parse_options, required_by
from mtm_app.datafile import json_text
from mtm_app.drafting import Draft, draft
from mtm_app.errors import Location, MeasurementError
from mtm_app.export.files import FileSettings, check_request, write_order_files
from mtm_app.export.labels import JobInfo
from mtm_app.library import SHIPPED, LibraryEntry, get_block, library, shipped_dir
from mtm_app.measurements.catalogue import catalogue
from mtm_app.measurements.files import read_measurement_file
from mtm_app.measurements.sleeves import STANDS_IN_FOR
from mtm_app.measurements.validate import check_measurements
from mtm_app.trace import trace_hash


def _option_text(block: Block) -> list[str]:
    lines = []
    for spec in block.options.values():
        if spec.type == "choice":
            kind = "|".join(spec.choices)
        elif spec.type == "boolean":
            kind = "true|false"
        else:
            unit = {"length": " mm", "percent": " %", "angle": "°"}.get(spec.type, "")
            kind = f"{spec.min:g}–{spec.max:g}{unit}"
        cond = f"  (when {spec.when.source})" if spec.when else ""
        lines.append(f"    {spec.name} = {spec.default}  [{spec.group}; {kind}]{cond}")
    return lines


def _origin(entry: LibraryEntry) -> str:
    """Where a block comes from, when it is not one of the app's own."""
    if entry.origin == SHIPPED:
        return ""
    said = f"  [{entry.origin}: {entry.path}"
    shipped = [p for p in entry.hides if p.parent == shipped_dir()]
    return said + (f"; overrides the shipped {shipped[0].name}]" if shipped else "]")


def cmd_blocks(args: Args) -> int:
    """Every block that loads on stdout; the broken ones (file, line, message) on stderr. Exit
    0 while at least one block loads."""
    entries = library()
    for entry in entries:
        if entry.block is None:
            continue
        block = entry.block
        print(f"{block.id}  {block.name}  v{block.version}{_origin(entry)}")
        needs = ", ".join(n + ("?" if s.derive else "")
                          + (f" (or {STANDS_IN_FOR[n]})" if n in STANDS_IN_FOR else "")
                          for n, s in block.measurements.items())
        print(f"  measurements: {needs}   (? = derived when missing)")
        sided = [n for n in (*block.measurements, *block.figuration) if catalogue()[n].sided]
        if block.figuration:
            print(f"  figuration: {', '.join(block.figuration)}   (signed mm, 0 = normal)")
        if sided:
            print(f"  per side: {', '.join(n + '_left|_right' for n in sided)}   "
                  "(when the sides differ the garment is drafted per side)")
        print("  options:")
        print("\n".join(_option_text(block)))
        places = ", ".join(f"{p.id} ({'−' if p.sign < 0 else '+'}{p.option})"
                           for p in block.alterations.values())
        if places:
            print(f"  alteration places (mtm fittings add): {places}")
    for entry in entries:
        if entry.broken:
            print(f"broken block {entry.id}: {entry.error}", file=sys.stderr)
    return EXIT_OK if any(not e.broken for e in entries) else EXIT_BAD_INPUT


def drafted(block: Block, measurements: str, options: dict[str, str], order: str = "",
            force: bool = False) -> tuple[Draft, JobInfo, str]:
    """A customer's draft, what its files belong to, and the unit the customer was measured
    in; refused on measurement errors, and on failed checks unless forced."""
    taken = read_measurement_file(measurements)
    errors = [f for f in check_measurements(taken.values, taken.unit, taken.sex, required_by(block))
              if f.severity == "error"]
    if errors:
        raise MeasurementError("; ".join(f"{f.message} ({f.suggestion})" for f in errors),
                               Location(str(measurements)))
    result = draft(block, taken.values, options)
    trace = trace_hash(block.id, block.version, block.source_text, result.measurements,
                       result.options)
    job = JobInfo(block.id, block.version, order=order or f"{block.id}-{trace[:6]}", trace=trace,
                  estimated=taken.estimated)
    if not result.ok and not force:
        raise UsageError(
            "the draft fails its checks, so no files were written: " + "; ".join(result.failures()),
            Location(str(block.path or block.id)),
            hint="fix the block (or pass --force to write the files anyway, for inspection)",
        )
    return result, job, taken.unit


def cmd_draft(args: Args) -> int:
    formats = list(dict.fromkeys(f.strip() for f in args.format.split(",") if f.strip()))
    check_request(formats, args.paper)
    if args.due and args.order_date and args.due < args.order_date:
        raise UsageError(f"due date {args.due} is before the order date {args.order_date}",
                         hint="give a due date on or after the order date")
    block = get_block(args.block)
    result, job, unit = drafted(block, args.measurements, parse_options(args.option), args.order,
                                args.force)
    settings = FileSettings(units=args.units, paper=args.paper, landscape=args.landscape,
                            customer=args.customer, fabric=args.fabric, notes=args.notes,
                            quantity=args.quantity, order_date=args.order_date or "",
                            due_date=args.due or "", measured_by=args.measured_by, unit=unit)
    # listed once written: a format that cannot be made stops the order before any file is
    for path in write_order_files(result, job, formats, Path(args.out), settings):
        print(path)
    for line in result.failures() + result.warnings:
        print(f"warning: {line}", file=sys.stderr)
    for check in result.skipped:
        print(f"note: {check.describe()}", file=sys.stderr)
    return EXIT_OK


def cmd_check(args: Args) -> int:
    from mtm_app.drafting.population import check_population
    from mtm_app.measurements.bodies import read_bodies

    block = get_block(args.block)
    bodies = read_bodies(args.bodies)
    report = check_population(block, bodies, parse_options(args.option))
    if args.json:
        print(json_text(report.as_dict()), end="")
    else:
        print(f"{block.id} v{block.version}: {len(bodies)} bodies — {report.valid} valid, "
              f"{report.refused} refused, {report.failed} failed")
        for field_name, count in report.refusal_counts().most_common():
            print(f"  refused for {field_name}: {count}")
        for r in report.refusals[:5]:
            print(f"  refused {r['body']}: {r['reason']}")
        for reason, count in report.failure_counts().most_common():
            print(f"  failed for {reason}: {count}")
        for f in report.failures[:10]:
            print(f"  FAILED {f['body']}: {'; '.join(f['problems'])}")
        for line, count in report.warnings.most_common(10):
            print(f"  warning for {count} of {len(bodies)} bodies: {line}")
        for line, count in report.skipped.most_common():
            print(f"  {count} of {len(bodies)} bodies — {line}")
    return EXIT_OK if report.failed == 0 else EXIT_BAD_INPUT
