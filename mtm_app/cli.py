"""The `mtm` command: list blocks, draft an order's files, check a block over many bodies.

Exit codes: 0 ok, 2 bad input (one line per problem, no traceback), 1 internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from mtm_app.block.document import write_atomic
from mtm_app.block.model import Block
from mtm_app.drafting import Draft, draft
from mtm_app.drafting.population import check_population
from mtm_app.errors import Location, MeasurementError, MtmError
from mtm_app.export.json_dump import piece_dict
from mtm_app.export.labels import JobInfo
from mtm_app.export.papers import PLOTTER_PAPERS, TILED_PAPERS
from mtm_app.export.svg import draft_svg
from mtm_app.library import all_blocks, get_block
from mtm_app.measurements.bodies import read_bodies, write_bodies
from mtm_app.measurements.estimate import estimate_missing, likely_sex
from mtm_app.measurements.files import read_measurement_file
from mtm_app.measurements.multisize import read_csv_chart, read_multisize, save_chart
from mtm_app.measurements.sizes import FIT_ORDER, recommend_fit, size_advice
from mtm_app.measurements.units import format_length, from_mm
from mtm_app.measurements.valentina import read_valentina, write_vit
from mtm_app.measurements.validate import check_measurements, has_errors
from mtm_app.trace import trace_hash

EXIT_OK, EXIT_INTERNAL, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(MtmError):
    """A command-line argument is wrong."""


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


def cmd_blocks(args: argparse.Namespace) -> int:
    for block in all_blocks():
        print(f"{block.id}  {block.name}  v{block.version}")
        needs = ", ".join(n + ("?" if s.derive else "") for n, s in block.measurements.items())
        print(f"  measurements: {needs}   (? = derived when missing)")
        print("  options:")
        print("\n".join(_option_text(block)))
    return EXIT_OK


def _parse_options(pairs: Sequence[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"option '{pair}' is not name=value", hint="e.g. -o collar_style=band")
        out[key.strip()] = value.strip()
    return out


def _write(out_dir: Path, name: str, data: str | bytes) -> Path:
    path = out_dir / name
    write_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _svg(d: Draft, job: JobInfo, units: str) -> tuple[str, str]:
    return "svg", draft_svg(d.pieces, job)


def _json(d: Draft, job: JobInfo, units: str) -> tuple[str, str]:
    from mtm_app.export.json_dump import draft_json

    return "json", draft_json(d, job.trace, job.order, job.estimated)


def _aama(d: Draft, job: JobInfo, units: str, astm: bool = False) -> tuple[str, str]:
    from mtm_app.export.dxf import aama_text

    return ("astm.dxf" if astm else "aama.dxf"), aama_text(d.pieces, job, units, astm)


def _plain_dxf(d: Draft, job: JobInfo, units: str) -> tuple[str, str]:
    from mtm_app.export.dxf import plain_dxf_text

    return "dxf", plain_dxf_text(d.pieces, job, units)


def _pdf_tiled(d: Draft, job: JobInfo, units: str, paper: str = "a4",
               landscape: bool = False) -> tuple[str, bytes]:
    from mtm_app.export.pdf import tiled_pdf

    return "tiled.pdf", tiled_pdf(d.pieces, job, paper, landscape)[0]


def _pdf_plotter(d: Draft, job: JobInfo, units: str, paper: str = "a0",
                 landscape: bool = False) -> tuple[str, bytes]:
    from mtm_app.export.pdf import plotter_pdf

    return "plotter.pdf", plotter_pdf(d.pieces, job, paper)


def _ticket(d: Draft, job: JobInfo, units: str, customer: str = "", fabric: str = "",
            notes: str = "") -> tuple[str, bytes]:
    from mtm_app.export.ticket import cut_ticket_pdf

    return "ticket.pdf", cut_ticket_pdf(d, job, customer, fabric, notes)


# each writer imports its library only when asked for: a command pays for what it writes
DRAFT_FORMATS: dict[str, Callable[..., tuple[str, str | bytes]]] = {
    "svg": _svg, "json": _json, "dxf-aama": _aama,
    "dxf-astm": lambda d, job, units: _aama(d, job, units, astm=True),
    "dxf": _plain_dxf, "pdf-tiled": _pdf_tiled, "pdf-plotter": _pdf_plotter, "cut-ticket": _ticket,
}


def cmd_draft(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in DRAFT_FORMATS]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}",
                         hint="formats: " + ", ".join(DRAFT_FORMATS))
    block = get_block(args.block)
    taken = read_measurement_file(args.measurements)
    errors = [f for f in check_measurements(taken.values, taken.unit, taken.sex, required_by(block))
              if f.severity == "error"]
    if errors:
        raise MeasurementError("; ".join(f"{f.message} ({f.suggestion})" for f in errors),
                               Location(str(args.measurements)))
    measurements = taken.values
    result = draft(block, measurements, _parse_options(args.option))
    trace = trace_hash(block.id, block.version, block.source_text, result.measurements,
                       result.options)
    order = args.order or f"{block.id}-{trace[:6]}"
    job = JobInfo(block.id, block.version, order=order, trace=trace, estimated=taken.estimated)
    if not result.ok and not args.force:
        raise UsageError(
            "the draft fails its checks, so no files were written: " + "; ".join(result.failures()),
            Location(str(block.path or block.id)),
            hint="fix the block (or pass --force to write the files anyway, for inspection)",
        )
    out_dir = Path(args.out)
    papers = _papers(args.paper, formats)
    for fmt in formats:
        extra = {"paper": papers[fmt], "landscape": args.landscape} if fmt in papers else {}
        if fmt == "cut-ticket":
            extra = {"customer": args.customer, "fabric": args.fabric, "notes": args.notes}
        ext, data = DRAFT_FORMATS[fmt](result, job, args.units, **extra)
        print(_write(out_dir, f"{order}.{ext}", data))
    for line in result.failures():
        print(f"warning: {line}", file=sys.stderr)
    return EXIT_OK


def required_by(block: Block) -> list[str]:
    """Measurements the block needs and cannot derive."""
    return [n for n, s in block.measurements.items() if s.derive is None]


def cmd_measurements_check(args: argparse.Namespace) -> int:
    taken = read_measurement_file(args.file)
    required = required_by(get_block(args.block)) if args.block else []
    findings = check_measurements(taken.values, taken.unit, taken.sex, required)
    if args.json:
        print(json.dumps({"findings": [f.as_dict() for f in findings]}, indent=1))
    elif not findings:
        print("no findings: the measurements look consistent")
    else:
        for f in findings:
            print(f"{f.severity}: [{f.code}] {f.field}: {f.message} — {f.suggestion}")
    return EXIT_BAD_INPUT if has_errors(findings) else EXIT_OK


def cmd_measurements_estimate(args: argparse.Namespace) -> int:
    taken = read_measurement_file(args.file)
    base = "bust" if "bust" in taken.values else "chest"
    missing = [n for n in ("height", base) if n not in taken.values]
    if missing:
        raise MeasurementError(f"estimation needs height and chest (or bust); missing: "
                               f"{', '.join(missing)}", Location(str(args.file)))
    sex = taken.sex or likely_sex(taken.values)
    estimates = estimate_missing(taken.values, sex)
    unit = taken.unit
    out = {
        "unit": unit,
        "sex": sex,
        "measurements": {**taken.raw, **{n: round(from_mm(e.value, unit), 1)
                                           for n, e in estimates.items()}},
        "estimated": {n: {"value": round(from_mm(e.value, unit), 1),
                          "low": round(from_mm(e.low, unit), 1),
                          "high": round(from_mm(e.high, unit), 1)} for n, e in estimates.items()},
    }
    print(_write(Path(args.out).parent, Path(args.out).name, json.dumps(out, indent=1) + "\n"))
    return EXIT_OK


def cmd_measurements_size(args: argparse.Namespace) -> int:
    taken = read_measurement_file(args.file)
    sex = taken.sex or likely_sex(taken.values)
    matches = size_advice(taken.values, sex)
    presets = ("slim", "regular", "relaxed")
    if args.block:
        block = get_block(args.block)
        if block.preset_option:
            presets = block.options[block.preset_option].choices
    fit, reason = recommend_fit(taken.values, sex, args.prefer, presets)
    if args.json:
        print(json.dumps({
            "sex": sex,
            "sizes": [{"chart": m.chart.id, "size": m.size, "fits": m.fits,
                       "differences_cm": {n: round(d / 10, 1) for n, d in m.differences.items()},
                       "verdict": m.verdict()} for m in matches],
            "fit": {"preset": fit, "reason": reason},
        }, indent=1))
    else:
        for m in matches:
            print(m.verdict())
        print(f"recommended fit: {fit} ({reason})")
    return EXIT_OK


def cmd_measurements_import(args: argparse.Namespace) -> int:
    found = read_valentina(args.file)
    unit = found.unit
    out = {"unit": unit, "measurements": {n: round(from_mm(v, unit), 4) for n, v in found.values.items()}}
    if found.sex:
        out["sex"] = found.sex
    if found.unmapped:
        out["unmapped"] = found.unmapped
    print(_write(Path(args.out).parent, Path(args.out).name, json.dumps(out, indent=1) + "\n"))
    print(f"read {len(found.values)} measurements", file=sys.stderr)
    for name, value in found.unmapped.items():
        print(f"kept, not used by MTM Studio: {name} = {value:g} {unit}", file=sys.stderr)
    for line in found.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    return EXIT_OK


def cmd_measurements_export(args: argparse.Namespace) -> int:
    taken = read_measurement_file(args.file)
    write_vit(args.out, taken.values, taken.unit, taken.sex)
    print(args.out)
    return EXIT_OK


def cmd_measurements_import_chart(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if path.suffix.lower() in (".vst", ".smms"):
        chart = read_multisize(path, args.sex)
    elif path.suffix.lower() == ".csv":
        chart = read_csv_chart(path, args.sex, args.size_column)
    else:
        raise UsageError(f"'{path.name}' is not a .vst, .smms or .csv size chart")
    chart_id = args.id or path.stem.lower()
    out = save_chart(chart, args.out_dir, chart_id, args.name or chart.name,
                     args.source or chart.source)
    print(f"{out}: {len(chart.sizes)} sizes")
    return EXIT_OK


def cmd_measurements_from_csv(args: argparse.Namespace) -> int:
    out_dir = Path(args.out_dir)
    for ident, values in read_bodies(args.file):
        name = "".join(c if c.isalnum() or c in "-_" else "_" for c in ident)
        data = {"unit": "cm", "measurements": {n: float(format_length(v, "cm"))
                                                for n, v in values.items()}}
        print(_write(out_dir, f"{name}.json", json.dumps(data, indent=1) + "\n"))
    return EXIT_OK


def cmd_measurements_to_csv(args: argparse.Namespace) -> int:
    bodies = [(Path(f).stem, read_measurement_file(f).values) for f in args.files]
    write_bodies(args.out, bodies)
    print(f"{args.out}: {len(bodies)} customers")
    return EXIT_OK


def cmd_import_dxf(args: argparse.Namespace) -> int:
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in ("json", "svg")]
    if unknown:
        raise UsageError(f"unknown format {', '.join(unknown)}", hint="formats: json, svg")
    from mtm_app.export.dxf_read import read_aama

    found = read_aama(args.file)
    out_dir, stem = Path(args.out), Path(args.file).stem
    print(f"{args.file}: {len(found.pieces)} pieces, sizes {', '.join(found.sizes) or '-'}, "
          f"units {found.units}")
    for size, piece in found.pieces:
        print(f"  {piece.name} [{size}]: {len(piece.notches)} notches, {len(piece.drills)} drills, "
              f"quantity {piece.quantity}{' (mirrored pair)' if piece.mirror else ''}")
    for line in found.skipped:
        print(f"  skipped: {line}")
    for size in found.sizes:
        pieces = [p for s, p in found.pieces if s == size]
        job = JobInfo(stem, found.style.get("style_name", ""), size=size)
        suffix = f"-{size}" if len(found.sizes) > 1 else ""
        if "svg" in formats:
            print(_write(out_dir, f"{stem}{suffix}.svg", draft_svg(pieces, job)))
        if "json" in formats:
            data = {"format": "mtm-studio-import/1", "source": str(args.file), "size": size,
                    "units": "mm", "pieces": [piece_dict(p) for p in pieces],
                    "skipped": found.skipped}
            print(_write(out_dir, f"{stem}{suffix}.json", json.dumps(data, indent=1)))
    return EXIT_OK


PDF_PAPERS = {"pdf-tiled": (TILED_PAPERS, "a4"), "pdf-plotter": (PLOTTER_PAPERS, "a0")}


def _papers(paper: str | None, formats: list[str]) -> dict[str, str]:
    """The paper for each PDF format: --paper names an office size or a plotter sheet; a format
    it does not fit keeps its default, unless it is the only PDF asked for."""
    wanted = [f for f in formats if f in PDF_PAPERS]
    if paper and wanted and not any(paper in PDF_PAPERS[f][0] for f in wanted):
        known = ", ".join(p for f in wanted for p in PDF_PAPERS[f][0])
        raise UsageError(f"paper '{paper}' does not fit {', '.join(wanted)}", hint=f"papers: {known}")
    return {f: paper if paper in PDF_PAPERS[f][0] else PDF_PAPERS[f][1] for f in wanted}


def cmd_check(args: argparse.Namespace) -> int:
    block = get_block(args.block)
    bodies = read_bodies(args.bodies)
    report = check_population(block, bodies, _parse_options(args.option))
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
    else:
        print(f"{block.id} v{block.version}: {len(bodies)} bodies — {report.valid} valid, "
              f"{report.refused} refused, {report.failed} failed")
        for field_name, count in report.refusal_counts().most_common():
            print(f"  refused for {field_name}: {count}")
        for r in report.refusals[:5]:
            print(f"  refused {r['body']}: {r['reason']}")
        for f in report.failures[:10]:
            print(f"  FAILED {f['body']}: {'; '.join(f['problems'])}")
    return EXIT_OK if report.failed == 0 else EXIT_BAD_INPUT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mtm", description="MTM Studio command line")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("blocks", help="list blocks with their measurements and options")
    p = sub.add_parser("draft", help="draft a block for one customer and write files")
    p.add_argument("block", help="block id (e.g. mens_shirt) or path to a .yaml block")
    p.add_argument("-m", "--measurements", required=True, help="measurements JSON file")
    p.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--format", default="svg,json",
                   help="comma-separated: " + ",".join(DRAFT_FORMATS))
    p.add_argument("--units", choices=("mm", "in"), default="mm", help="DXF units")
    p.add_argument("--paper", help="a4|letter|a3|legal|tabloid (tiled) or a0|roll24|roll36|roll44|roll60")
    p.add_argument("--landscape", action="store_true", help="tiled pages in landscape")
    p.add_argument("--customer", default="", help="customer reference for the cut ticket")
    p.add_argument("--fabric", default="", help="fabric and width for the cut ticket")
    p.add_argument("--notes", default="", help="notes for the cut ticket")
    p.add_argument("--order", default="", help="order reference printed on every file")
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
    mz = ms_sub.add_parser("size", help="nearest standard size per chart, and the fit to choose")
    mz.add_argument("file", help="measurements JSON file")
    mz.add_argument("--prefer", choices=FIT_ORDER, default="standard",
                    help="the customer's taste: closer or more comfortable than usual")
    mz.add_argument("--block", help="name the fit presets of this block")
    mz.add_argument("--json", action="store_true")
    mi = ms_sub.add_parser("import", help="read a Valentina/Seamly2D .vit or .smis file")
    mi.add_argument("file")
    mi.add_argument("--out", required=True, help="measurements JSON to write")
    mx = ms_sub.add_parser("export", help="write a measurements JSON as a Valentina .vit")
    mx.add_argument("file")
    mx.add_argument("--out", required=True, help=".vit file to write")
    mk = ms_sub.add_parser("import-chart", help="a .vst/.smms multisize table or a CSV → size chart")
    mk.add_argument("file")
    mk.add_argument("--sex", choices=("male", "female"), required=True)
    mk.add_argument("--out-dir", required=True, help="folder for <id>.yaml and <id>.csv")
    mk.add_argument("--id", help="chart id (default: the file name)")
    mk.add_argument("--name", help="chart name shown to the tailor")
    mk.add_argument("--source", help="where the figures come from")
    mk.add_argument("--size-column", default="size", help="CSV only: the column naming the size")
    mf = ms_sub.add_parser("from-csv", help="a CSV of many customers → one JSON file each")
    mf.add_argument("file", help="CSV: header = canonical names (plus id), values in cm")
    mf.add_argument("--out-dir", required=True)
    mt = ms_sub.add_parser("to-csv", help="measurement JSON files → one CSV (cm)")
    mt.add_argument("files", nargs="+")
    mt.add_argument("--out", required=True)
    c = sub.add_parser("check", help="draft a block for every body in a CSV")
    c.add_argument("block")
    c.add_argument("--bodies", required=True, help="CSV, header = canonical names, values in cm")
    c.add_argument("-o", "--option", action="append", default=[], metavar="NAME=VALUE")
    c.add_argument("--json", action="store_true", help="machine-readable report")
    return parser


COMMANDS = {"blocks": cmd_blocks, "draft": cmd_draft, "check": cmd_check,
            "import-dxf": cmd_import_dxf,
            "measurements check": cmd_measurements_check,
            "measurements estimate": cmd_measurements_estimate,
            "measurements size": cmd_measurements_size,
            "measurements import": cmd_measurements_import,
            "measurements export": cmd_measurements_export,
            "measurements import-chart": cmd_measurements_import_chart,
            "measurements from-csv": cmd_measurements_from_csv,
            "measurements to-csv": cmd_measurements_to_csv}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_BAD_INPUT
    try:
        name = args.command
        if name == "measurements":
            name += " " + args.measurements_command
        return COMMANDS[name](args)
    except MtmError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:  # a bug: say so plainly, keep the detail for the report
        print(f"internal error ({type(exc).__name__}: {exc}); please report it", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
