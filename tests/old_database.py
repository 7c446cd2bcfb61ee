"""Databases as an older version of the app left them, for the migration tests: the schema of
one Alembic revision, rows written in that schema's own columns, then `open_store` upgrades."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine

from mtm_app.store.db import MIGRATIONS


@contextmanager
def database_at(url: str, revision: str) -> Iterator[Connection]:
    """A connection to a database built up to `revision` (committed when the block ends)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)
            yield connection
    finally:
        engine.dispose()


def add_ann(connection: Connection, values_mm: Mapping[str, float] | None = None) -> None:
    """Customer 1, Ann, with measurement session 1, as schemas 0003 on hold them."""
    connection.exec_driver_sql(
        "insert into customers (name, name_key, phone, email, address, notes, fit_preference,"
        " consent_date, created_at, updated_at) values ('Ann', 'ann', '', '', '', '',"
        " 'standard', '2026-01-02', '2026-01-05', '2026-01-05')")
    connection.exec_driver_sql(
        "insert into measurement_sessions (customer_id, taken_at, measured_by, unit, sex,"
        " \"values\", estimated, notes, created_at, updated_at) values (1, '2026-01-05', '',"
        " 'cm', null, ?, '[]', '', '2026-01-05', '2026-01-05')", (json.dumps(dict(values_mm or {})),))
