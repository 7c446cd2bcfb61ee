"""`mtm measurements …`: check, estimate, size advice, and moving measurements in and out."""

from __future__ import annotations

import sys
from pathlib import Path

from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, UsageError, required_by, write_file
from mtm_app.datafile import json_text
from mtm_app.errors import Location, MeasurementError
from mtm_app.i18n import _, block_text
from mtm_app.library import get_block
from mtm_app.measurements.bodies import read_customers, write_bodies
from mtm_app.measurements.catalogue import label
from mtm_app.measurements.estimate import estimate_missing, likely_sex
from mtm_app.measurements.files import read_measurement_file
from mtm_app.measurements.multisize import read_csv_chart, read_multisize, save_chart
from mtm_app.measurements.sizes import (
    changes_text,
    find_chart,
    nearest_size,
    recommend_fit,
    size_advice,
)
from mtm_app.measurements.units import format_length, from_mm
from mtm_app.measurements.valentina import FROM_CANONICAL, read_valentina, write_vit
from mtm_app.measurements.validate import check_measurements, has_errors
from mtm_app.names import file_names


def cmd_measurements_check(args: Args) -> int:
    taken = read_measurement_file(args.file)
    required = required_by(get_block(args.block)) if args.block else []
    findings = check_measurements(taken.values, taken.unit, taken.sex, required)
    if args.json:
        print(json_text({"findings": [f.as_dict() for f in findings]}), end="")
    elif not findings:
        print(_("no findings: the measurements look consistent"))
    else:
        for f in findings:
            print(f"{f.severity}: [{f.code}] {f.field}: {f.message} — {f.suggestion}")
    return EXIT_BAD_INPUT if has_errors(findings) else EXIT_OK


def cmd_measurements_estimate(args: Args) -> int:
    taken = read_measurement_file(args.file)
    base = "bust" if "bust" in taken.values else "chest"
    missing = [n for n in ("height", base) if n not in taken.values]
    if missing:
        raise MeasurementError(f"estimation needs height and chest (or bust); missing: "
                               f"{', '.join(missing)}", Location(str(args.file)))
    errors = [f for f in check_measurements(taken.values, taken.unit, taken.sex)
              if f.severity == "error"]
    if errors:
        raise MeasurementError("no estimates from values that are wrong: " + "; ".join(
            f"{f.field}: {f.message} ({f.suggestion})" for f in errors), Location(str(args.file)),
            "correct these values first")
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
    print(write_file(Path(args.out).parent, Path(args.out).name, json_text(out)))
    return EXIT_OK


def cmd_size(args: Args) -> int:
    taken = read_measurement_file(args.file)
    sex = taken.sex or likely_sex(taken.values)
    if args.chart:
        chart = find_chart(args.chart)
        if chart.sex != sex:
            print(f"note: {chart.name} is a {chart.sex} chart; the customer is {sex}", file=sys.stderr)
        matches = [nearest_size(taken.values, chart)]
    else:
        matches = size_advice(taken.values, sex)
    presets = ("slim", "regular", "relaxed")
    if args.block:
        block = get_block(args.block)
        if block.preset_option:
            presets = block.options[block.preset_option].choices
    fit, reason = recommend_fit(taken.values, sex, args.prefer, presets, taken.unit)
    if args.json:
        print(json_text({
            "sex": sex,
            "sizes": [{"chart": m.chart.id, "size": m.size, "fits": m.fits,
                       "differences_cm": {n: round(d / 10, 1) for n, d in m.differences.items()},
                       "verdict": m.verdict(taken.unit)} for m in matches],
            "fit": {"preset": fit, "reason": reason},
        }), end="")
    else:
        for m in matches:
            print(m.verdict(taken.unit))
            print("  " + _("customer − size: {changes}").format(
                changes=changes_text(m.key_differences, taken.unit)))
        print(_("recommended fit: {fit} ({reason})").format(fit=block_text(fit), reason=reason))
    return EXIT_OK


def cmd_measurements_import(args: Args) -> int:
    suffix = Path(args.file).suffix.lower()
    if suffix in (".vst", ".smms", ".csv"):
        return _import_chart(args)
    if suffix not in (".vit", ".smis"):
        raise UsageError(f"'{Path(args.file).name}' is not a .vit or .smis measurement file, "
                         "nor a .vst, .smms or .csv size chart")
    found = read_valentina(args.file)
    unit = found.unit
    out = {"unit": unit, "measurements": {n: round(from_mm(v, unit), 4) for n, v in found.values.items()}}
    if found.sex:
        out["sex"] = found.sex
    if found.estimated:
        out["estimated"] = sorted(found.estimated)
    if found.unmapped:
        out["unmapped"] = found.unmapped
    print(write_file(Path(args.out).parent, Path(args.out).name, json_text(out)))
    count = len(found.values)
    print(f"read {count} measurement{'s' * (count != 1)}", file=sys.stderr)
    for name, value in found.unmapped.items():
        print(f"kept, not used by MTM Studio: {name} = {value:g} {unit}", file=sys.stderr)
    for line in found.skipped:
        print(f"skipped: {line}", file=sys.stderr)
    return EXIT_OK


def _import_chart(args: Args) -> int:
    """A multisize table or CSV chart → `<out>.yaml` + `<out>.csv`; the middle size checked."""
    path, out = Path(args.file), Path(args.out)
    if path.suffix.lower() == ".csv":
        chart = read_csv_chart(path, args.sex, args.size_column)
    else:
        chart = read_multisize(path, args.sex)
    written = save_chart(chart, out.parent, out.stem, args.name or chart.name, args.source or chart.source)
    print(f"{written}: {len(chart.sizes)} {chart.sex} sizes")
    size, middle = chart.sizes[len(chart.sizes) // 2]
    for f in check_measurements(middle, "cm", chart.sex):
        print(f"size {size}: {f.severity}: [{f.code}] {f.field}: {f.message} — {f.suggestion}",
              file=sys.stderr)
    return EXIT_OK


def cmd_measurements_export(args: Args) -> int:
    taken = read_measurement_file(args.file)
    write_vit(args.out, taken.values, taken.unit, taken.sex, estimated=taken.estimated)
    print(args.out)
    left = [label(n).lower() for n in taken.values if n not in FROM_CANONICAL and n not in ("chest", "bust")]
    if left:  # the figure and per-side values have no place in Valentina's list: say so
        print("not in Valentina's measurements, so not written: " + ", ".join(left))
    return EXIT_OK


def cmd_measurements_from_csv(args: Args) -> int:
    """One `<id>.json` per row; ids that would share a file are refused before any is written."""
    out_dir = Path(args.out_dir)
    customers = read_customers(args.file)
    names = file_names([ident for ident, _values, _estimated in customers], ".json", "id",
                       Location(args.file))
    for name, (_ident, values, estimated) in zip(names, customers, strict=True):
        data = {"unit": "cm", "measurements": {n: float(format_length(v, "cm"))
                                                for n, v in values.items()}}
        if estimated:
            data["estimated"] = sorted(estimated)
        print(write_file(out_dir, name, json_text(data)))
    return EXIT_OK


def cmd_measurements_to_csv(args: Args) -> int:
    file_names([Path(f).stem for f in args.files], "", "customer id (file name)")  # one row each
    taken = {Path(f).stem: read_measurement_file(f) for f in args.files}
    write_bodies(args.out, [(ident, t.values) for ident, t in taken.items()],
                 {ident: t.estimated for ident, t in taken.items()})
    print(f"{args.out}: {len(taken)} customers")
    return EXIT_OK
