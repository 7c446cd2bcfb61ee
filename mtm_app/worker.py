"""`mtm worker`: a factory machine taking production jobs from the shared database, doing them
and recording the outcome (see `mtm_app.store.jobs` for how jobs are taken and held).

Results go into the shop's production folder — `--out`, else `MTM_PRODUCTION_DIR`, else the
data folder — as `orders/<reference>/` and `markers/<orders>/`, the same layout as the app's.
`--jobs N` runs N worker processes (drafting and laying are pure Python: threads would take
turns). Ctrl+C or SIGTERM lets each finish the job in hand, then stop.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError

from mtm_app.batch import failure_text
from mtm_app.errors import MtmError
from mtm_app.i18n import _, current, speaking
from mtm_app.store.jobs import JobKind, JobStatus, ProductionJob, claim, fail, finish, renew

LEASE = 60.0  # s a job is held without news from its worker; renewed every third of it
POLL = 2.0  # s between looks at an empty queue

Say = Callable[[str], None]


def production_folder(out: str | None = None) -> Path | None:
    """The shop's production folder: `out`, else `MTM_PRODUCTION_DIR`; None: the data folder."""
    chosen = out or os.environ.get("MTM_PRODUCTION_DIR")
    return Path(chosen).expanduser().resolve() if chosen else None


def worker_name() -> str:
    """Who holds a job, as the jobs list shows it: this machine and process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def do_job(store, job: ProductionJob, base: Path | None) -> tuple[list[str], str]:
    """Do one job: (the files written, what a marker could not lay)."""
    from mtm_app.marker_plan import lay_plan, plan_markers
    from mtm_app.orders import rewrite_order_files
    from mtm_app.store.folders import marker_run_folder, order_folder

    payload = job.payload
    if job.kind == JobKind.ORDER_FILES:
        order = store.order_by_reference(payload["reference"])
        folder = order_folder(order.reference, base)
        return [str(p) for p in rewrite_order_files(store, order.id, payload["formats"], folder)], ""
    if job.kind != JobKind.MARKER:
        raise MtmError(_("job {job} is of an unknown kind '{kind}'").format(job=job.id, kind=job.kind),
                       hint=_("a newer MTM Studio queued it: update this worker"))
    references = payload["references"]
    plan = plan_markers(store, references, material_fabrics=payload.get("material_fabrics") or {},
                        seconds=int(payload.get("seconds", 10)))
    laid = lay_plan(store, plan, marker_run_folder(references, base))
    problems = [f"{run.fabric} {run.material}: {error}" for run, _m, _w, error in laid if error]
    problems += plan.not_laid
    files = [str(p) for *_r, written, _e in laid for p in written]
    if not files:
        raise MtmError(_("no marker was laid: {problems}").format(problems="; ".join(problems) or "—"))
    return files, "; ".join(problems)


def _heartbeat(store, job: ProductionJob, me: str, lease: float, done: threading.Event) -> None:
    """Renew the lease every third of it while the job is worked on; stop if it was lost. A
    database out of reach for a moment is tried again at the next beat."""
    while not done.wait(lease / 3):
        try:
            if not renew(store, job.id, me, lease):
                return
        except OperationalError:
            continue


def run_one(store, job: ProductionJob, me: str, lease: float, base: Path | None, say: Say) -> bool:
    """Do a job taken, holding its lease meanwhile, and record the outcome: True if done."""
    done = threading.Event()
    beat = threading.Thread(target=_heartbeat, args=(store, job, me, lease, done), daemon=True)
    beat.start()
    try:
        files, message = do_job(store, job, base)
    except Exception as exc:
        error = failure_text(exc)
        status = fail(store, job, me, error, retry=not isinstance(exc, MtmError))
        verdict = {JobStatus.QUEUED: "failed, queued again", JobStatus.FAILED: "failed",
                   None: "failed; taken over meanwhile"}[status]
        say(f"job {job.id}\t{job.kind}\t{'+'.join(job.references)}\t{verdict} (attempt "
            f"{job.attempts} of {job.max_attempts}): {error}")
        return False
    finally:
        done.set()
        beat.join()
    if not finish(store, job, me, files, message):
        say(f"job {job.id}\t{job.kind}\t{'+'.join(job.references)}\tdone, but taken over meanwhile: "
            "the other worker's outcome counts")
        return False
    say(f"job {job.id}\t{job.kind}\t{'+'.join(job.references)}\tdone\t{len(files)} files"
        + (f"\t{message}" if message else ""))
    return True


def work(url: str, out: str | None, *, once: bool, lease: float, stop: Any, say: Say = print,
         language: str | None = None) -> int:
    """Take and do jobs until `stop` is set (or, `once`, until none is left to take): the
    number done."""
    from mtm_app.store import open_store

    store, me, base, count = open_store(url), worker_name(), production_folder(out), 0
    say(f"worker {me} on {store.engine.url.render_as_string()}")
    try:
        with speaking(language):
            while not stop.is_set():
                try:
                    job = claim(store, me, lease)
                except OperationalError as exc:  # the server restarting, the network down: wait
                    say(f"database out of reach: {exc.orig}")
                    stop.wait(POLL)
                    continue
                if job is None:
                    if once:
                        break
                    stop.wait(POLL)
                    continue
                count += run_one(store, job, me, lease, base, say)
    finally:
        store.engine.dispose()
    return count


def _child(url: str, out: str | None, once: bool, lease: float, stop: Any, language: str) -> None:
    """One of `--jobs N` processes: Ctrl+C reaches every process of the terminal, the parent
    sets `stop` for all; a SIGTERM sent to this one alone stops it after its job."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_a: stop.set())
    work(url, out, once=once, lease=lease, stop=stop, say=lambda text: print(text, flush=True),
         language=language)


def serve(url: str, out: str | None = None, jobs: int = 1, *, once: bool = False,
          lease: float = LEASE) -> int:
    """`mtm worker`: `jobs` worker processes (this one when 1) until Ctrl+C or SIGTERM, each
    finishing the job in hand first; `once`: until the queue is drained. The jobs done (by
    this process; children report their own)."""
    context = multiprocessing.get_context("spawn")  # a child must not inherit open connections
    stop = threading.Event() if jobs <= 1 else context.Event()
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_a: stop.set())
    if jobs <= 1:
        return work(url, out, once=once, lease=lease, stop=stop,
                    say=lambda text: print(text, flush=True), language=current())
    children = [context.Process(target=_child, args=(url, out, once, lease, stop, current()))
                for _ in range(jobs)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    return 0
