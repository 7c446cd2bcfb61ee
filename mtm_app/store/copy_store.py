"""Moving a shop's store to another database (its SQLite file to the shared PostgreSQL server):
every table of the schema — customers, sessions, orders, fabrics, the audit trail, kept block
texts, and any table a later release adds — in the order their foreign keys need, then each
table counted and checksummed on both sides before the copy is committed.

The copy reads the models' metadata, not a list of tables: a table added later is copied
without a change here.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, DateTime, Engine, Integer, Table, func, inspect, select, text

from mtm_app.store.db import migrate, snapshot
from mtm_app.store.errors import StoreError
from mtm_app.store.models import Base

BATCH = 1000  # rows sent to the target per statement


@dataclass(frozen=True)
class TableCopy:
    """One table as copied: its rows and the checksum both databases agree on."""

    table: str
    rows: int
    checksum: str  # sha256-based, independent of row order and of the database's types


def copy_store(source: Engine, target: Engine) -> list[TableCopy]:
    """Copy every row of `source` into `target`, which must hold no rows (its schema is made or
    brought to the newest first). One transaction on the target: rows in, id sequences past the
    copied ids, every table read back and compared by count and checksum; any difference rolls
    the whole copy back. `source` is read in one snapshot, so the app may stay open."""
    _refuse_rows(target)
    migrate(target)
    copied = []
    with snapshot(source) as reading, snapshot(target) as writing:
        for table in Base.metadata.sorted_tables:
            sent = _Checksum()
            for rows in _batches(reading.execute(select(table).order_by(*table.primary_key.columns))):
                for row in rows:
                    sent.add(row)
                writing.execute(table.insert(), [_for_insert(table, row) for row in rows])
            _continue_ids(writing, table)
            back = _Checksum()
            for row in writing.execute(select(table)):
                back.add(row)
            if (back.rows, back.hexdigest()) != (sent.rows, sent.hexdigest()):
                raise StoreError(f"table {table.name}: {sent.rows} rows copied, but {back.rows} read "
                                 "back differ from them: nothing was copied",
                                 hint="report this; the target database is left empty")
            copied.append(TableCopy(table.name, sent.rows, sent.hexdigest()))
    return copied


def table_checksums(engine: Engine) -> list[TableCopy]:
    """Every table's rows and checksum, as `copy_store` compares them."""
    out = []
    with snapshot(engine) as connection:
        for table in Base.metadata.sorted_tables:
            summed = _Checksum()
            for row in connection.execute(select(table)):
                summed.add(row)
            out.append(TableCopy(table.name, summed.rows, summed.hexdigest()))
    return out


def _refuse_rows(target: Engine) -> None:
    """A copy goes into an empty database only: it never merges two shops' ids."""
    present = set(inspect(target).get_table_names())
    with target.connect() as connection:
        held = {t.name: connection.scalar(select(func.count()).select_from(t))
                for t in Base.metadata.sorted_tables if t.name in present}
    full = [f"{name} {count}" for name, count in held.items() if count]
    if full:
        raise StoreError("the target database is not empty (rows: " + ", ".join(full) + ")",
                         hint="copy into a new, empty database")


def _batches(result: Iterable[Any]) -> Iterator[list[Any]]:
    rows: list[Any] = []
    for row in result:
        rows.append(row)
        if len(rows) == BATCH:
            yield rows
            rows = []
    if rows:
        yield rows


def _for_insert(table: Table, row: Any) -> dict[str, Any]:
    """A row for the target: a time without a zone is UTC (as SQLite keeps times), said so, so
    no server's own time zone shifts it."""
    values = dict(row._mapping)
    for column in table.columns:
        value = values[column.key]
        if isinstance(column.type, DateTime) and isinstance(value, datetime) and value.tzinfo is None:
            values[column.key] = value.replace(tzinfo=UTC)
    return values


def _continue_ids(connection: Connection, table: Table) -> None:
    """PostgreSQL: the table's id sequence goes on after the ids copied (else the next new row
    would take id 1 again). SQLite takes the largest id plus one by itself."""
    keys = list(table.primary_key.columns)
    if connection.dialect.name != "postgresql" or len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return
    key = keys[0].name
    connection.execute(text(f'SELECT setval(pg_get_serial_sequence(:table, :key), '
                            f'COALESCE(MAX("{key}"), 0) + 1, false) FROM "{table.name}"'),
                       {"table": table.name, "key": key})


class _Checksum:
    """The sum of every row's sha256 (modulo 2**256): the same whatever order the rows come in,
    and the same on SQLite and PostgreSQL, as each value is first put in one plain form."""

    def __init__(self) -> None:
        self.rows = 0
        self._sum = 0

    def add(self, row: Any) -> None:
        line = json.dumps([_plain(v) for v in row], sort_keys=True, ensure_ascii=False)
        self._sum = (self._sum + int.from_bytes(hashlib.sha256(line.encode("utf-8")).digest())) % 2**256
        self.rows += 1

    def hexdigest(self) -> str:
        return f"{self._sum:064x}"


def _plain(value: Any) -> Any:
    """A value as both databases give it back: times in UTC without a zone (SQLite keeps none),
    enums by value; JSON documents are compared by content."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal | bytes | memoryview):
        return str(value) if isinstance(value, Decimal) else bytes(value).hex()
    return value
