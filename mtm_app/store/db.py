"""Opening the database: the URL, the engine, and Alembic migrations up to the newest.

By default an embedded SQLite file in the user data folder; any SQLAlchemy URL through
`MTM_DATABASE_URL` (several stores sharing one PostgreSQL server, see the README). Opening
always migrates to the newest schema first, so an app update never meets an old database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DatabaseError, NoSuchModuleError, OperationalError

from mtm_app.datafile import shown
from mtm_app.names import safe_filename
from mtm_app.paths import data_dir
from mtm_app.store.errors import StoreError
from mtm_app.store.folders import markers_root, orders_root, recover
from mtm_app.store.repository import Store

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x6D746D_0001  # the advisory lock key of schema upgrades ("mtm", 1)
SQLITE_BUSY_SECONDS = 30.0
URL_EXAMPLES = "e.g. sqlite:////home/shop/mtm.sqlite3 or postgresql+psycopg://tailor:PASSWORD@dbhost/mtm"


def database_url() -> str:
    """`MTM_DATABASE_URL`, or the SQLite file in the user data folder."""
    url = os.environ.get("MTM_DATABASE_URL")
    if url:
        return url
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{folder / 'mtm-studio.sqlite3'}"


def _private_file(database: str | None) -> None:
    """Create the SQLite file readable by its owner only (it holds people's bodies and
    addresses), and tighten one made before; its -wal and -shm files take the same mode."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    if os.name == "posix" and path.stat().st_mode & 0o077:
        path.chmod(0o600)


def engine_for(url: str) -> Engine:
    """An engine on `url` set up as the store needs it (SQLite's pragmas, times in UTC). A URL
    that is none, or whose driver is not installed, is a StoreError saying what to do."""
    try:
        engine = create_engine(url, connect_args=_connect_args(make_url(url)))
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        raise StoreError(f"the database driver for '{hidden(url)}' is not installed ({exc})",
                         hint="for PostgreSQL: pip install 'mtm-studio[postgres]' and a URL "
                              "starting postgresql+psycopg://") from None
    except ArgumentError:
        raise StoreError(f"{shown(url)} is not a database URL", hint=URL_EXAMPLES) from None
    if engine.dialect.name == "sqlite":
        _private_file(engine.url.database)
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")  # erase a customer: their rows go too
            cur.execute("PRAGMA journal_mode=WAL")  # a crash mid-write loses nothing committed
            cur.execute("PRAGMA secure_delete=ON")  # a deleted row's bytes are zeroed (erase)
            cur.close()
    elif engine.dialect.name == "postgresql":
        @event.listens_for(engine, "connect")
        def _utc(conn, _record) -> None:  # times come back in UTC, as SQLite keeps them
            with conn.cursor() as cur:
                cur.execute("SET TIME ZONE 'UTC'")
            conn.commit()
    return engine


def _connect_args(url: URL) -> dict[str, Any]:
    """SQLite: another copy of the app writing makes a write wait its turn (up to
    `SQLITE_BUSY_SECONDS`) rather than fail with "database is locked"; a `?timeout=` in the
    URL wins."""
    if url.get_backend_name() == "sqlite" and "timeout" not in url.query:
        return {"timeout": SQLITE_BUSY_SECONDS}
    return {}


@contextmanager
def reaching(engine: Engine) -> Iterator[None]:
    """A database that cannot be reached (no server, wrong name or password) is a StoreError
    naming it, not a traceback."""
    try:
        yield
    except DatabaseError as exc:
        reason, url = str(exc.orig or exc).strip().splitlines()[0], hidden(str(engine.url))
        if isinstance(exc, OperationalError):
            raise StoreError(f"cannot reach the database '{url}': {reason}",
                             hint="check the URL, that the server runs and that the database "
                                  "exists") from None
        # reached, but what is there is no database (or a damaged one)
        raise StoreError(f"'{url}' is not a database MTM Studio can open: {reason}",
                         hint="point MTM_DATABASE_URL at the shop's database; a damaged one: restore "
                              "it from a backup (keep this file aside for help)") from None


def hidden(url: str) -> str:
    """A URL as shown to people: without its password, as typed (`host=/run/postgresql`)."""
    return unquote(make_url(url).render_as_string(hide_password=True))


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (from an empty database too), one opener at a
    time: several copies of the app starting at once on a new database must not each create
    the tables. PostgreSQL: a transaction-scoped advisory lock; SQLite: the write lock, taken
    at BEGIN IMMEDIATE (the later openers wait for it, then find the schema made)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine) as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """One transaction holding the database's migration lock, committed at the end."""
    if engine.dialect.name == "sqlite":
        with _sqlite_transaction(engine, "BEGIN IMMEDIATE") as connection:
            yield connection
        return
    with engine.begin() as connection:  # read committed: sees the schema the lock's last holder made
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        yield connection


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One transaction whose every read sees the database as it was at its first (another
    writer's later commits unseen), committed at the end: reading many tables consistently."""
    if engine.dialect.name == "sqlite":
        with _sqlite_transaction(engine, "BEGIN") as connection:
            yield connection
        return
    with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection, \
            connection.begin():
        yield connection


@contextmanager
def _sqlite_transaction(engine: Engine, begin: str) -> Iterator[Connection]:
    """A SQLite transaction begun by us: the driver would begin one only at the first row
    written, leaving the reads and schema changes before it outside."""
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        legacy, raw.isolation_level = raw.isolation_level, None  # the driver must not BEGIN itself
        try:
            connection.exec_driver_sql(begin)  # waits up to the busy timeout for a writer
        except BaseException:
            raw.isolation_level = legacy
            raise
        try:
            yield connection
            connection.exec_driver_sql("COMMIT")
        except BaseException:
            connection.exec_driver_sql("ROLLBACK")
            raise
        finally:
            raw.isolation_level = legacy


def open_store(url: str | None = None) -> Store:
    """The store at `url` (default: `database_url()`), migrated to the newest schema, with
    whatever a crash left half done in the order and marker folders finished or undone; signed
    in as `MTM_USER` (password `MTM_PASSWORD`) when that is set."""
    engine = engine_for(url or database_url())
    with reaching(engine):
        migrate(engine)
    store = Store(engine)
    if os.environ.get("MTM_USER"):  # a command or a worker signed in on a shared database
        from mtm_app.store.people import sign_in

        sign_in(store, os.environ["MTM_USER"], os.environ.get("MTM_PASSWORD", ""))
    recover(orders_root(), {safe_filename(r) for r in store.references()})
    recover(markers_root(), set())
    return store
