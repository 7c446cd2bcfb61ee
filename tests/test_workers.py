"""Production workers as the factory runs them: real `mtm worker` processes on one database
(SQLite, and PostgreSQL when `MTM_TEST_POSTGRES_URL` names a server), taking the same queue.

Each job is done exactly once; a worker killed mid-job leaves it to the next once its lease
runs out; a failure is retried up to the job's limit and the error kept; bad input is not
retried."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from mtm_app.cli import main
from mtm_app.library import get_block
from mtm_app.store import OrderStatus, open_store
from mtm_app.store.jobs import JobStatus, claim, fail, jobs, queue_marker, queue_order_files
from mtm_app.store.repository import GarmentLine
from tests.conftest import MEDIAN_MAN

SHIRT_VERSION = get_block("mens_shirt").version
ROOT = Path(__file__).resolve().parent.parent
LEASE = "1.5"  # s: short, so a killed worker's job is free again within the test


@pytest.fixture
def url(store_url):
    """A fresh, empty database of each kind (conftest's `store_url`: PostgreSQL a new database
    on the test server, dropped after; required in CI)."""
    return store_url


def _shop(url: str, count: int, fabric: str = "poplin, 150 cm"):
    """A store with `count` confirmed shirt orders (no files yet)."""
    store = open_store(url)
    return store, _orders(store, count, fabric)


def _orders(store, count: int, fabric: str) -> list[str]:
    customer = store.create_customer("Ann Baker", consent_date=date(2026, 1, 2))
    session = store.add_session(customer.id, MEDIAN_MAN)
    return [store.create_order(customer.id, session.id, [GarmentLine("mens_shirt", SHIRT_VERSION,
                                                                     fabric=fabric)],
                               status=OrderStatus.CONFIRMED).reference for _ in range(count)]


def _worker(url: str, out: Path, *args: str) -> subprocess.Popen:
    """`mtm worker` in a process of its own, as a factory machine starts it."""
    return subprocess.Popen([sys.executable, "-m", "mtm_app.cli", "worker", "--url", url,
                             "--out", str(out), "--lease", LEASE, *args],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finished(process: subprocess.Popen, timeout: float = 180) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return out


def _done_ids(log: str) -> list[int]:
    return [int(line.split("\t")[0].split()[1]) for line in log.splitlines()
            if line.startswith("job ") and line.split("\t")[3] == "done"]


def test_three_workers_do_sixty_jobs_each_exactly_once(url, tmp_path) -> None:
    store, refs = _shop(url, 60)
    queued = queue_order_files(store, refs, ["dxf-aama"])
    assert len(queued) == 60
    assert queue_order_files(store, refs[:5], ["dxf-aama"]) == []  # waiting already: not twice
    out = tmp_path / "production"
    logs = [_finished(p) for p in [_worker(url, out, "--once") for _ in range(3)]]
    rows = jobs(store)
    assert Counter(j.status for j in rows) == {JobStatus.DONE: 60}
    assert all(j.attempts == 1 and j.message == "" for j in rows)
    # each job reported done by exactly one worker, and every worker took part in the run
    done = [_done_ids(log) for log in logs]
    assert sorted(i for ids in done for i in ids) == sorted(j.id for j in queued)
    pids = {log.splitlines()[0].split()[1] for log in logs}
    assert {j.worker for j in rows} <= pids and len({j.worker for j in rows}) >= 2, [len(d) for d in done]
    # each order's file, once, in the shop's production folder, for that order
    for job in rows:
        (reference,) = job.references
        dxf = out / "orders" / reference / f"{reference}.aama.dxf"
        assert job.files == [str(dxf)]
        assert reference in dxf.read_text()
    assert sorted(p.relative_to(out / "orders").as_posix() for p in (out / "orders").glob("*/*")) == \
        sorted(f"{r}/{r}.aama.dxf" for r in refs)  # nothing else: no half-written set left


def test_a_killed_workers_job_is_taken_over_once_its_lease_runs_out(url, tmp_path) -> None:
    store, refs = _shop(url, 1)
    job = queue_marker(store, refs, {}, seconds=8)
    out = tmp_path / "production"
    first = _worker(url, out)
    deadline = time.monotonic() + 60
    while jobs(store)[0].status != JobStatus.RUNNING:
        assert time.monotonic() < deadline and first.poll() is None, first.communicate()
        time.sleep(0.05)
    taken = jobs(store)[0]
    # it holds the job longer than a lease: its heartbeat renews it, so another worker leaves it
    time.sleep(2 * float(LEASE))
    assert "done" not in _finished(_worker(url, out, "--once"))
    held = jobs(store)[0]
    assert (held.status, held.worker, held.attempts) == (JobStatus.RUNNING, taken.worker, 1)
    assert held.lease_until > taken.lease_until
    first.send_signal(signal.SIGKILL)  # mid-job: the solver has seconds to go
    first.wait()
    assert jobs(store)[0].status == JobStatus.RUNNING
    time.sleep(float(LEASE) + 0.5)
    log = _finished(_worker(url, out, "--once"))
    assert _done_ids(log) == [job.id]
    done = jobs(store)[0]
    assert (done.status, done.attempts) == (JobStatus.DONE, 2)
    assert done.worker != taken.worker and done.worker == log.splitlines()[0].split()[1]
    marker = out / "markers" / refs[0] / "poplin, 150 cm-self"
    assert sorted(Path(f).name for f in done.files) == ["marker-self.dxf", "marker-self.json",
                                                        "marker-self.pdf", "marker-self.svg"]
    assert all(Path(f).parent == marker and Path(f).stat().st_size for f in done.files)
    assert "interfacing not laid" in done.message  # no interfacing fabric named


def test_sigterm_lets_every_worker_process_finish_its_job_then_stop(url, tmp_path) -> None:
    store, refs = _shop(url, 3)
    queued = [queue_marker(store, [r], {}, seconds=3) for r in refs]
    worker = _worker(url, tmp_path / "production", "--jobs", "2")
    deadline = time.monotonic() + 60
    while Counter(j.status for j in jobs(store))[JobStatus.RUNNING] < 2:
        assert time.monotonic() < deadline and worker.poll() is None, worker.communicate()
        time.sleep(0.05)
    worker.send_signal(signal.SIGTERM)  # to the parent only, as a service manager stops it
    log = _finished(worker, timeout=60)
    statuses = {j.id: j.status for j in jobs(store)}
    assert sorted(_done_ids(log)) == [j.id for j in queued[:2]]  # the two in hand, finished
    assert [statuses[j.id] for j in queued] == [JobStatus.DONE, JobStatus.DONE, JobStatus.QUEUED]


def test_failures_are_retried_up_to_the_limit_and_bad_input_is_not(url, tmp_path) -> None:
    store, refs = _shop(url, 1)
    (unlaid,) = _orders(store, 1, "customer's own cloth")
    files = queue_order_files(store, refs, ["dxf-aama"], max_attempts=3)[0]
    marker = queue_marker(store, [unlaid], {}, seconds=1)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the production folder should be")  # the share is not mounted
    log = _finished(_worker(url, blocked, "--once"))
    lines = [line.split("\t")[3] for line in log.splitlines() if line.startswith(f"job {files.id}\t")]
    assert [line.split(" (")[0] for line in lines] == ["failed, queued again", "failed, queued again",
                                                       "failed"]
    by_id = {j.id: j for j in jobs(store)}
    kept = by_id[files.id]
    assert (kept.status, kept.attempts, kept.files) == (JobStatus.FAILED, 3, [])
    assert "Not a directory" in kept.message and kept.finished_at is not None
    bad = by_id[marker.id]  # its fabric says no width: it would fail the same way again
    assert (bad.status, bad.attempts) == (JobStatus.FAILED, 1)
    assert "is not in the catalogue and says no width" in bad.message


def test_a_job_whose_workers_die_on_every_attempt_is_failed(url) -> None:
    store, refs = _shop(url, 1)
    (job,) = queue_order_files(store, refs, ["dxf-aama"], max_attempts=2)
    for worker in ("a:1", "b:2"):
        taken = claim(store, worker, lease=0.05)
        assert (taken.id, taken.worker) == (job.id, worker)
        assert claim(store, "c:3", lease=0.05) is None  # held: nobody else takes it
        time.sleep(0.2)  # … and the worker dies: its lease runs out
    assert claim(store, "c:3", lease=0.05) is None
    gone = jobs(store)[0]
    assert (gone.status, gone.attempts, gone.worker) == (JobStatus.FAILED, 2, "b:2")
    assert "stopped answering" in gone.message
    assert fail(store, taken, "b:2", "too late", retry=True) is None  # its outcome no longer counts


def test_jobs_are_queued_and_listed_from_the_command_line(url, capsys) -> None:
    _store, refs = _shop(url, 2)
    assert main(["jobs", "queue", "files", *refs, "--format", "dxf-aama", "--url", url]) == 0
    assert main(["jobs", "queue", "marker", *refs, "--seconds", "3", "--url", url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1] == "1 job queued" and "2 jobs queued" in out
    assert main(["jobs", "list", "--order", refs[1].lower(), "--url", url]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[1:5] for line in listed[:-1]] == [
        ["marker", "+".join(refs), "queued", "0/3"], ["order-files", refs[1], "queued", "0/3"]]
    assert listed[-1] == "2 jobs"
    assert main(["jobs", "queue", "files", "O-2026-ZZZZZZ", "--url", url]) == 2
    assert "there is no order O-2026-ZZZZZZ" in capsys.readouterr().err
    assert main(["jobs", "queue", "files", refs[0], "--format", "dxf-aama,nope", "--url", url]) == 2
