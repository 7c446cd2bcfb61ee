"""Alembic environment: runs on the connection `mtm_app.store.db.migrate` hands over."""

from alembic import context

from mtm_app.store.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True)  # SQLite alters tables by copying them
with context.begin_transaction():
    context.run_migrations()
