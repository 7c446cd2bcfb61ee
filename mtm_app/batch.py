"""Many orders' file sets in one run: parallel worker processes (drafting is pure Python, so
threads would take turns), each order's set written whole or not at all, one failing order
never stopping the others.

Two kinds of work use it: orders in the store (`mtm orders produce`, the Production page) and
orders in a CSV that are not in any store (`mtm batch`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from mtm_app.errors import MtmError


@dataclass(frozen=True)
class Outcome:
    """What became of one order: its files, or why it has none."""

    reference: str
    files: tuple[str, ...] = ()
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class CsvOrder:
    """One row of a batch CSV: an order that lives in no store."""

    reference: str
    block: str
    measurements: Path
    options: dict[str, str] = field(default_factory=dict)
    quantity: int = 1
    fabric: str = ""
    line: int = 0


Progress = Callable[[int, int, Outcome], None]


def default_workers() -> int:
    return max(1, min(8, os.cpu_count() or 1))


def run(tasks: Sequence[tuple[str, Any]], work: Callable[[Any], Outcome], workers: int = 1,
        progress: Progress | None = None, cancelled: Callable[[], bool] = lambda: False
        ) -> list[Outcome]:
    """`work` on every (order reference, task), `workers` at a time; the outcomes in the tasks'
    order, `progress` hearing of each as it ends. Cancelled, the orders not yet started are
    not started (those being written finish whole)."""
    outcomes: dict[int, Outcome] = {}

    def done(k: int, outcome: Outcome) -> None:
        outcomes[k] = outcome
        if progress:
            progress(len(outcomes), len(tasks), outcome)

    if workers <= 1 or len(tasks) <= 1:
        for k, task in enumerate(tasks):
            if cancelled():
                break
            done(k, _guarded(work, *task))
        return [outcomes[k] for k in sorted(outcomes)]
    # spawned, not forked: a worker must not inherit the window's threads or the open database
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context) as pool:
        pending: dict[Future, int] = {pool.submit(_guarded, work, *t): k for k, t in enumerate(tasks)}
        while pending:
            finished, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            for future in finished:
                done(pending.pop(future), future.result())
            if cancelled():
                for future in pending:
                    future.cancel()
                for future in [f for f in pending if not f.cancelled()]:
                    done(pending[future], future.result())  # started: let it finish whole
                break
    return [outcomes[k] for k in sorted(outcomes)]


def _guarded(work: Callable[[Any], Outcome], reference: str, task: Any) -> Outcome:
    """One order's work; whatever goes wrong is that order's outcome, not the batch's end."""
    try:
        return work(task)
    except Exception as exc:
        return Outcome(reference, error=failure_text(exc))


def failure_text(exc: Exception) -> str:
    """What went wrong with one order's work, as its report (or its production job) says it: a
    bug is named as one, and the run goes on."""
    if isinstance(exc, MtmError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
    return f"internal error ({type(exc).__name__}: {exc}); please report it"


# ------------------------------------------------------------------ orders in the store
@cache
def _store(url: str):
    from mtm_app.store import open_store

    return open_store(url)


def produce_stored(task: tuple[str, str, tuple[str, ...]]) -> Outcome:
    """(database URL, order reference, formats) → the order's files written again."""
    from mtm_app.orders import rewrite_order_files

    url, reference, formats = task
    store = _store(url)
    order = store.order_by_reference(reference)
    return Outcome(order.reference, tuple(str(p) for p in rewrite_order_files(store, order.id, formats)))


# ------------------------------------------------------------------ orders in a CSV
COLUMNS = ("order", "block", "measurements", "options", "quantity", "fabric")


def read_batch_csv(path: str | Path) -> list[CsvOrder]:
    """A batch CSV, one row per order; measurement files are found beside the CSV. A bad row
    is named by its line and column and nothing runs."""
    from mtm_app.datafile import CsvRows, DataFileError, shown
    from mtm_app.errors import Location
    from mtm_app.names import safe_filename

    rows = CsvRows(path)
    where = Location(str(rows.path), 1)
    unknown = [c for c in rows.header if c not in COLUMNS]
    if unknown:
        raise DataFileError(f"unknown column {shown(unknown[0])}", where,
                            "columns: " + ", ".join(COLUMNS))
    for needed in COLUMNS[:3]:
        if needed not in rows.header:
            raise DataFileError(f"no column {needed}", where,
                                "each row needs at least an order reference, a block and a "
                                "measurements file")
    orders, seen = [], {}
    for line, cells in rows:
        def bad(column: str, message: str, hint: str = "", line: int = line) -> DataFileError:
            return DataFileError(message, Location(str(rows.path), line, column), hint)

        reference = cells["order"].strip()
        for column in COLUMNS[:3]:
            if not cells[column].strip():
                raise bad(column, f"the {column} is empty")
        folder = safe_filename(reference).casefold()  # as Windows and macOS compare names
        if folder in seen:
            other, first = seen[folder]
            if other.casefold() == reference.casefold():
                raise bad("order", f"order {reference} is listed twice", f"it is already on line {first}")
            raise bad("order", f"orders {other} and {reference} would both be written to the folder "
                               f"'{safe_filename(reference)}'",
                      f"line {first} has {other}: give each order its own reference")
        seen[folder] = (reference, line)
        options = {}
        for pair in filter(None, (p.strip() for p in cells.get("options", "").split(";"))):
            key, sep, value = pair.partition("=")
            if not sep or not key.strip():
                raise bad("options", f"{shown(pair)} is not name=value",
                          "e.g. collar_style=band;fit=slim")
            options[key.strip()] = value.strip()
        quantity_text = cells.get("quantity", "").strip() or "1"
        if not quantity_text.isdigit() or not 1 <= int(quantity_text) <= 99:
            raise bad("quantity", f"quantity {shown(quantity_text)} is not 1–99")
        measurements = Path(cells["measurements"].strip())
        if not measurements.is_absolute():
            measurements = rows.path.parent / measurements
        orders.append(CsvOrder(reference, cells["block"].strip(), measurements, options,
                               int(quantity_text), cells.get("fabric", "").strip(), line))
    return orders


def produce_csv(task: tuple[CsvOrder, str, tuple[str, ...], str]) -> Outcome:
    """(a CSV order, output folder, formats, language) → its files in `<output>/<reference>/`,
    in that language (a spawned worker does not hear the command line's)."""
    from mtm_app.cli.drafting import drafted
    from mtm_app.export.files import FileSettings, GarmentJob
    from mtm_app.library import get_block
    from mtm_app.orders import write_file_set
    from mtm_app.store.folders import safe_filename

    order, out_dir, formats, language = task
    block = get_block(order.block)
    result, job, unit = drafted(block, str(order.measurements), order.options, order.reference)
    settings = FileSettings(fabric=order.fabric, quantity=order.quantity, unit=unit)
    final = Path(out_dir) / safe_filename(order.reference)
    written = write_file_set([GarmentJob(result, job, order.fabric)], job.order, job.trace, final, settings,
                             formats, language)
    return Outcome(order.reference, tuple(str(p) for p in written))
