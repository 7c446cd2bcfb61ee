"""`mtm store copy --to URL`: move the shop's store (the database `mtm` opens, see
`mtm_app.store.db.database_url`) into another, empty database — a shop's SQLite file onto the
shared PostgreSQL server — and show each table's rows and checksum, the same on both sides."""

from __future__ import annotations

from typing import Any

from mtm_app.cli.common import EXIT_OK, Args


def add_parser(sub: Any) -> None:
    """The `store` command and its subcommand."""
    st = sub.add_parser("store", help="the database itself: copy it to another")
    st_sub = st.add_subparsers(dest="store_command", required=True)
    sc = st_sub.add_parser("copy", help="copy every table of the store (the one MTM_DATABASE_URL "
                           "names, else the SQLite file in the data folder) into an empty database")
    sc.add_argument("--to", required=True, metavar="URL",
                    help="the target database, e.g. postgresql+psycopg://tailor:secret@dbhost/mtm")


def cmd_store_copy(args: Args) -> int:
    # SQLAlchemy only when a store command runs
    from mtm_app.store.copy_store import copy_store
    from mtm_app.store.db import engine_for, hidden, open_store, reaching

    source = open_store()
    target = engine_for(args.to)
    with reaching(target):
        copied = copy_store(source.engine, target)
    width = max(len(c.table) for c in copied)
    for c in copied:
        print(f"{c.table:<{width}}  {c.rows:>8} rows  sha256 {c.checksum[:16]}")
    print(f"copied {sum(c.rows for c in copied)} rows in {len(copied)} tables to {hidden(args.to)}: "
          "counts and checksums match")
    return EXIT_OK
