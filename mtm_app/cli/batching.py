"""`mtm orders produce` and `mtm batch`: many orders' files in one run, with a progress bar,
a summary of what was written and what failed, exit 2 if anything failed."""

from __future__ import annotations

import sys
from pathlib import Path

from mtm_app.cli.common import EXIT_BAD_INPUT, EXIT_OK, Args, UsageError
from mtm_app.i18n import current


def order_formats(text: str | None) -> tuple[str, ...]:
    from mtm_app.export.files import ORDER_FORMATS, check_request

    formats = tuple(dict.fromkeys(f.strip() for f in (text or "").split(",") if f.strip()))
    formats = formats or ORDER_FORMATS
    check_request(list(formats), None)
    return formats


def _jobs(value: int | None) -> int:
    from mtm_app.batch import default_workers

    if value is not None and not 1 <= value <= 64:
        raise UsageError(f"--jobs {value} is not 1–64")
    return value or default_workers()


def _bar(done: int, total: int, outcome) -> None:
    """A progress bar on a terminal; nothing in a log (the summary says it all)."""
    if not sys.stderr.isatty():
        return
    width = 30
    filled = width * done // total
    print(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total} {outcome.reference:<20}",
          end="" if done < total else "\n", file=sys.stderr, flush=True)


def _summary(outcomes) -> int:
    failed = [o for o in outcomes if not o.ok]
    for o in outcomes:
        if o.ok:
            print(f"{o.reference}\t{len(o.files)} files\t{Path(o.files[0]).parent if o.files else ''}")
    for o in failed:
        print(f"error: {o.reference}: {o.error}", file=sys.stderr)
    print(f"{len(outcomes) - len(failed)} written, {len(failed)} failed")
    return EXIT_BAD_INPUT if failed else EXIT_OK


def cmd_orders_produce(args: Args) -> int:
    from mtm_app.batch import produce_stored, run
    from mtm_app.store import open_store

    formats, workers = order_formats(args.format), _jobs(args.jobs)
    store = open_store()
    if args.references:
        references = [store.order_by_reference(r).reference for r in args.references]
    else:
        references = [o.reference for o in store.orders(statuses=args.status or ["confirmed"])]
    if not references:
        print("0 written, 0 failed (no order to produce)")
        return EXIT_OK
    url = store.engine.url.render_as_string(hide_password=False)
    store.engine.dispose()  # the workers open their own connections
    tasks = [(r, (url, r, formats)) for r in references]
    return _summary(run(tasks, produce_stored, workers, _bar))


def finish_interrupted(out: Path) -> None:
    """What an earlier batch into `out` left when it was killed: a whole set never switched in
    goes into place, a half-written one goes (after the store's settling time: another batch
    may be writing it now)."""
    from mtm_app.store.folders import STAGES, recover

    if out.is_dir():
        recover(out, {f.name.split("-", 2)[2] for stage in STAGES for f in out.glob(f"{stage}-*")})


def cmd_batch(args: Args) -> int:
    from mtm_app.batch import produce_csv, read_batch_csv, run

    formats, workers = order_formats(args.format), _jobs(args.jobs)
    orders = read_batch_csv(args.file)
    out = str(Path(args.out).resolve())
    finish_interrupted(Path(out))
    tasks = [(o.reference, (o, out, formats, current())) for o in orders]
    return _summary(run(tasks, produce_csv, workers, _bar))
