"""The customer store: customers, measurement sessions and orders in one SQL database."""

from mtm_app.store import jobs  # noqa: F401  (its tables join the schema the migrations check)
from mtm_app.store.db import database_url, open_store
from mtm_app.store.models import Customer, MeasurementSession, Order, OrderStatus
from mtm_app.store.repository import Store, StoreError

__all__ = ["Customer", "MeasurementSession", "Order", "OrderStatus", "Store", "StoreError",
           "database_url", "open_store"]
