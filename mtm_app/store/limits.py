"""Text longer than its column is refused by the store, naming the field and its limit.

SQLite keeps any length while PostgreSQL stops with a DataError deep in a flush; checking
every `String(n)` column before each flush gives the tailor the same clear answer on both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, event
from sqlalchemy.orm import Session, sessionmaker

from mtm_app.store.errors import StoreError


def check_lengths(row: Any) -> None:
    """Refuse the first text value of `row` longer than its column's declared length."""
    table = row.__table__
    for column in table.columns:
        limit = getattr(column.type, "length", None) if isinstance(column.type, String) else None
        value = getattr(row, column.key, None)
        if limit and isinstance(value, str) and len(value) > limit:
            what = f"{table.name.removesuffix('s').replace('_', ' ')} {column.key.replace('_', ' ')}"
            raise StoreError(f"the {what} is {len(value)} characters long; it may be at most {limit}",
                          hint=f"shorten the {column.key.replace('_', ' ')}")


def guard_lengths(sessions: sessionmaker[Session]) -> None:
    """Check every new or changed row of `sessions` before it is written."""
    @event.listens_for(sessions, "before_flush")
    def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
        for row in (*session.new, *session.dirty):
            check_lengths(row)
