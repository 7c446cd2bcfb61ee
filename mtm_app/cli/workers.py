"""`mtm worker` and `mtm jobs list|queue`: the factory's work queued in the shared database and
done by worker processes on any machine (`mtm_app.worker`, `mtm_app.store.jobs`)."""

from __future__ import annotations

from typing import Any

from mtm_app.cli.common import EXIT_OK, Args, UsageError, print_rows

STATUSES = ("queued", "running", "done", "failed")


def add_parser(sub: Any) -> None:
    """The `worker` and `jobs` commands."""
    w = sub.add_parser("worker", help="take production jobs (order files, markers) from the database "
                       "and do them, until Ctrl+C or SIGTERM (the job in hand is finished first)")
    w.add_argument("--url", help="the shared database's SQLAlchemy URL (default: MTM_DATABASE_URL, "
                   "else this machine's store)")
    w.add_argument("--jobs", type=int, default=1, help="jobs done at once, one process each (default 1)")
    w.add_argument("--out", help="the shop's production folder: orders/<reference>/ and markers/ "
                   "go in it (default: MTM_PRODUCTION_DIR, else the data folder)")
    w.add_argument("--once", action="store_true", help="do what is queued, then exit (cron, tests)")
    w.add_argument("--lease", type=float, default=60.0, metavar="SECONDS",
                   help="a job whose worker is silent this long is taken by another (default 60)")
    jobs = sub.add_parser("jobs", help="the production jobs queued for the workers")
    j_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    jl = j_sub.add_parser("list", help="the jobs, newest first")
    jl.add_argument("--status", action="append", default=[], choices=STATUSES, metavar="STATUS",
                    help="repeat for several: " + ", ".join(STATUSES))
    jl.add_argument("--order", action="append", default=[], metavar="REF", help="the jobs of this order")
    jl.add_argument("--json", action="store_true")
    jq = j_sub.add_parser("queue", help="queue work for the workers: each order's files, or the orders "
                          "laid in markers (one per fabric and material)")
    jq.add_argument("kind", choices=("files", "marker"))
    jq.add_argument("references", nargs="+", metavar="REF")
    jq.add_argument("--format", help="files: comma-separated, as mtm draft (default: dxf-aama,"
                    "pdf-tiled,cut-ticket)")
    jq.add_argument("--lining", default="", help="marker: the lining's fabric code (else not laid)")
    jq.add_argument("--interfacing", default="", help="marker: the interfacing's fabric code (else not "
                    "laid)")
    jq.add_argument("--seconds", type=int, default=10, help="marker: solver time per marker (default 10)")
    jq.add_argument("--attempts", type=int, default=3, help="tries before a job is failed (default 3)")
    for parser in (jl, jq):
        parser.add_argument("--url", help="the database's SQLAlchemy URL (default: MTM_DATABASE_URL, "
                            "else this machine's store)")


def cmd_worker(args: Args) -> int:
    from mtm_app.worker import serve

    if not 1 <= args.jobs <= 64:
        raise UsageError(f"--jobs {args.jobs} is not 1–64")
    if args.lease < 1:
        raise UsageError(f"--lease {args.lease:g} is under a second", hint="e.g. --lease 60")
    serve(args.url, args.out, args.jobs, once=args.once, lease=args.lease)
    return EXIT_OK


def _row(job) -> dict[str, Any]:
    return {"id": job.id, "kind": job.kind, "orders": job.references, "status": job.status,
            "attempts": job.attempts, "max_attempts": job.max_attempts, "worker": job.worker,
            "queued_at": job.created_at.isoformat(),
            "finished_at": job.finished_at.isoformat() if job.finished_at else None,
            "files": job.files, "message": job.message}


def cmd_jobs_list(args: Args) -> int:
    from mtm_app.store import open_store
    from mtm_app.store.jobs import jobs

    store = open_store(args.url)
    orders = [store.order_by_reference(r).id for r in args.order]
    rows = [_row(j) for j in jobs(store, order_ids=orders, statuses=args.status)]
    print_rows(rows, args.json, lambda r: "\t".join([
        str(r["id"]), r["kind"], "+".join(r["orders"]), r["status"], f"{r['attempts']}/{r['max_attempts']}",
        r["worker"] or "-", f"{len(r['files'])} files", r["message"]]).rstrip())
    if not args.json:
        print(f"{len(rows)} job{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def cmd_jobs_queue(args: Args) -> int:
    from mtm_app.cli.batching import order_formats
    from mtm_app.store import open_store
    from mtm_app.store.jobs import queue_marker, queue_order_files

    if not 1 <= args.attempts <= 20:
        raise UsageError(f"--attempts {args.attempts} is not 1–20")
    store = open_store(args.url)
    if args.kind == "files":
        queued = queue_order_files(store, args.references, order_formats(args.format), args.attempts)
    else:
        fabrics = {m: c for m, c in (("lining", args.lining), ("interfacing", args.interfacing)) if c}
        queued = [queue_marker(store, args.references, fabrics, args.seconds, args.attempts)]
    for job in queued:
        print(f"job {job.id}\t{job.kind}\t{'+'.join(job.references)}\tqueued")
    print(f"{len(queued)} job{'s' if len(queued) != 1 else ''} queued")
    return EXIT_OK
