"""A size run's files: the nest of sizes (SVG, PDF) and the graded AAMA/ASTM DXF with its rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mtm_app.atomic import write_atomic
from mtm_app.errors import MtmError
from mtm_app.export.labels import JobInfo
from mtm_app.grading.run import SizeRun
from mtm_app.names import safe_filename
from mtm_app.trace import trace_hash


def run_job(run: SizeRun) -> JobInfo:
    """The sample size's job: what every file of the run is traced to."""
    block = run.block
    trace = trace_hash(block.id, block.version, block.source_text,
                       {f"{s.size}:{n}": v for s in run.sizes for n, v in s.measurements.items()},
                       {**run.options, "chart": run.chart.id})
    return JobInfo(block.id, block.version, order=f"{block.id}-{run.chart.id}",
                   size=run.sample.size, trace=trace)


def _nest_svg(run: SizeRun, stem: str, units: str) -> list[tuple[str, str | bytes]]:
    from mtm_app.grading.nest import nest_svg

    return [(f"{stem}.nest.svg", nest_svg(run, run_job(run)))]


def _nest_pdf(run: SizeRun, stem: str, units: str) -> list[tuple[str, str | bytes]]:
    from mtm_app.grading.nest import nest_pdf

    return [(f"{stem}.nest.pdf", nest_pdf(run, run_job(run)))]


def _graded(astm: bool) -> Callable[[SizeRun, str, str], list[tuple[str, str | bytes]]]:
    def files(run: SizeRun, stem: str, units: str) -> list[tuple[str, str | bytes]]:
        from mtm_app.export.dxf import graded_aama_text
        from mtm_app.grading.rules import grade_rules, matched_sizes, rul_text

        job = run_job(run)
        matched = matched_sizes(run)  # one point list per piece, so one rule per point
        rules = grade_rules(run, matched)
        sizes = [(s.size, pieces) for s, pieces in zip(run.sizes, matched[0], strict=True)]
        kind = "astm" if astm else "aama"
        dxf = graded_aama_text(sizes, job, units, astm, rules.points, rules.name)
        return [(f"{stem}.{kind}.dxf", dxf), (f"{stem}.{kind}.rul", rul_text(rules, units, job.order))]

    return files


GRADE_FORMATS: dict[str, Callable[[SizeRun, str, str], list[tuple[str, str | bytes]]]] = {
    "nest-svg": _nest_svg, "nest-pdf": _nest_pdf,
    "dxf-aama-graded": _graded(astm=False), "dxf-astm-graded": _graded(astm=True),
}


def write_grade_files(run: SizeRun, formats: list[str], out_dir: Path, units: str = "mm") -> list[Path]:
    """Write each format's files into `out_dir`, named after the block and the chart."""
    unknown = [f for f in formats if f not in GRADE_FORMATS]
    if unknown:
        raise MtmError(f"unknown format {', '.join(unknown)}",
                       hint="formats: " + ", ".join(GRADE_FORMATS))
    stem = safe_filename(f"{run.block.id}-{run.chart.id}")
    written = []
    for fmt in formats:
        for name, data in GRADE_FORMATS[fmt](run, stem, units):
            path = out_dir / name
            write_atomic(path, data.encode("ascii" if name.endswith((".dxf", ".rul")) else "utf-8",
                                           "replace") if isinstance(data, str) else data)
            written.append(path)
    return written
