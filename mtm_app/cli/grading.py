"""`mtm grade` and `mtm charts`: size runs, nests of sizes, graded cut files; the size charts."""

from __future__ import annotations

from pathlib import Path

from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, parse_options
from mtm_app.grading import chart_for, size_run
from mtm_app.grading.files import write_grade_files
from mtm_app.grading.kinks import check_nest
from mtm_app.library import get_block
from mtm_app.measurements.sizes import charts


def cmd_grade(args: Args) -> int:
    block = get_block(args.block)
    chart = chart_for(block, args.chart)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()] if args.sizes else None
    run = size_run(block, chart, sizes, parse_options(args.option))
    print(f"{block.id} v{block.version} on {chart.name}: sizes {', '.join(s.size for s in run.sizes)}"
          f" (sample {run.sample.size})")
    for size, why in run.refused:
        print(f"  size {size} not drafted: {why}")
    nest = check_nest(run)
    kinked = set(nest.kinked_sizes())
    for s in run.sizes:
        estimated = ", ".join(sorted(s.estimated)) or "none"
        status = ("FAILS: " + "; ".join(s.draft.failures()) if not s.draft.ok
                  else "KINKS in the nest (below)" if s.size in kinked else "ok")
        print(f"  size {s.size}: {status}; estimated from the row: {estimated}")
    for kink in nest.kinks:
        print(f"  KINK {kink.describe()}\n    cause: {kink.cause_text()}")
    if nest.unchecked:
        print(f"  nest not checked for kinks in {', '.join(nest.unchecked)} (sizes differ in structure)")
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    for path in write_grade_files(run, formats, Path(args.out), args.units):
        print(path)
    # the files are written either way: the nest is where the pattern maker sees the kink
    return EXIT_OK if nest.ok and all(s.draft.ok for s in run.sizes) else EXIT_BAD_INPUT


def cmd_charts(args: Args) -> int:
    for chart in charts().values():
        labels = [size for size, _ in chart.sizes]
        print(f"{chart.id}  {chart.name}  ({chart.sex}; sizes {labels[0]}–{labels[-1]}, "
              f"{len(labels)} rows; key {', '.join(chart.key)})")
        print(f"  source: {chart.source}")
    return EXIT_OK
