"""Shared fixtures. Tests run headless: Qt uses the offscreen platform."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from mtm_app.library import ROOT, get_block
from mtm_app.measurements.ansur import read_ansur, survey_file

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# never touch the tester's own database or caches (read when used; subprocesses inherit them)
_SANDBOX = Path(tempfile.mkdtemp(prefix="mtm-tests-"))
os.environ["MTM_DATA_DIR"] = str(_SANDBOX / "data")
os.environ["MTM_CACHE_DIR"] = str(_SANDBOX / "cache")

DATA = Path(__file__).parent / "data"
POSTGRES = "MTM_TEST_POSTGRES_URL"  # a PostgreSQL server the tests may make databases on

# The median ANSUR II man and woman (mapped to tailoring definitions), in mm.
MEDIAN_MAN = {
    "height": 1755.0, "neck": 395.0, "chest": 1056.0, "waist": 912.0, "seat": 1017.0,
    "nape_to_waist": 443.0, "shoulder_length": 150.0, "across_back": 430.0,
    "sleeve_length": 637.0, "bicep": 337.0, "wrist": 176.0,
}
MEDIAN_MAN_LEGS = {"body_rise": 253.0, "inseam": 845.0, "outseam": 1090.0, "thigh": 624.0,
                   "knee": 408.0, "ankle": 228.0, "crotch_length": 688.0}
MEDIAN_WOMAN = {
    "height": 1626.0, "bust": 940.0, "waist": 787.0, "seat": 1018.0, "nape_to_waist": 414.5,
    "waist_to_hip": 192.5, "shoulder_length": 135.0, "across_back": 373.0, "neck_base": 370.0,
}


@pytest.fixture(autouse=True)
def _no_block_text_left_unsaved():
    """A workbench test's edits are kept in the shared data folder when its window closes (as
    a pattern maker's would be): gone after each test, so the next one opens a block as shipped."""
    yield
    shutil.rmtree(_SANDBOX / "data" / "unsaved" / "blocks", ignore_errors=True)


@pytest.fixture(scope="session")
def shirt():
    return get_block("mens_shirt")


@pytest.fixture
def median_man() -> dict[str, float]:
    return dict(MEDIAN_MAN)


@pytest.fixture(scope="session")
def ansur_men():
    return read_ansur(survey_file("male"), "male")


@pytest.fixture(scope="session")
def ansur_women():
    return read_ansur(survey_file("female"), "female")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


def open_window(qtbot, tmp_path):
    """The app's window on a fresh store of its own (demo customers), shown at 1366×768."""
    from mtm_app.store import open_store
    from mtm_app.ui.app import build_window

    window = build_window(open_store(f"sqlite:///{tmp_path / 'shop.sqlite3'}"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def postgres_server() -> str:
    """The test PostgreSQL server's URL. Without one the test is skipped, saying how to give
    one — except in CI, which must run it: there it fails."""
    url = os.environ.get(POSTGRES)
    if url:
        return url
    reason = (f"no PostgreSQL server: set {POSTGRES}, e.g. "
              "postgresql+psycopg://me@/postgres?host=/run/postgresql (.ci/run starts one)")
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI must run the PostgreSQL tests")
    pytest.skip(reason)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards (with any connection a
    test left open to it)."""
    server = postgres_server()
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"mtm_test_{secrets.token_hex(6)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path) -> Iterator[str]:
    """An empty database of each kind the store runs on: a SQLite file, and a fresh database
    on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'shop.sqlite3'}"
        return
    with fresh_postgres_database() as url:
        yield url
