"""Opening the database: the URL, the engine, and Alembic migrations up to the newest.

By default an embedded SQLite file in the user data folder; any SQLAlchemy URL through
`MTM_DATABASE_URL` (several stores sharing PostgreSQL later). Opening always migrates to the
newest schema first, so an app update never meets an old database.
"""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

from mtm_app.names import safe_filename
from mtm_app.paths import data_dir
from mtm_app.store.folders import markers_root, orders_root, recover
from mtm_app.store.repository import Store

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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


def _engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _private_file(engine.url.database)
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(conn, _record) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")  # erase a customer: their rows go too
            cur.execute("PRAGMA journal_mode=WAL")  # a crash mid-write loses nothing committed
            cur.execute("PRAGMA secure_delete=ON")  # a deleted row's bytes are zeroed (erase)
            cur.close()
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (from an empty database too)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "head")


def open_store(url: str | None = None) -> Store:
    """The store at `url` (default: `database_url()`), migrated to the newest schema, with
    whatever a crash left half done in the order and marker folders finished or undone."""
    engine = _engine(url or database_url())
    migrate(engine)
    store = Store(engine)
    recover(orders_root(), {safe_filename(r) for r in store.references()})
    recover(markers_root(), set())
    return store
