"""`mtm shops` and `mtm users` set up a shared database from a terminal: the first
administrator unasked, then everything as that administrator; passwords never on the command
line; bad input exits 2 naming what is wrong."""

from __future__ import annotations

import json

import pytest

from mtm_app.cli import main
from mtm_app.store import open_store
from mtm_app.store.people import sign_in

PASSWORD = "correct horse battery"


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("MTM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("MTM_DATABASE_URL", raising=False)
    monkeypatch.setenv("MTM_NEW_PASSWORD", PASSWORD)
    monkeypatch.setenv("MTM_PASSWORD", PASSWORD)


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_shared_database_is_set_up_from_the_terminal(db, capsys) -> None:
    assert _run(capsys, "users", "add", "admin", "--role", "administrator", "--name", "Ada")[0] == 0
    code, _, err = _run(capsys, "shops", "add", "PAR", "--name", "Paris — Rue du Bac")
    assert code == 2 and "this database is shared: sign in first" in err
    code, out, _ = _run(capsys, "shops", "add", "par", "--name", "Paris — Rue du Bac", "--time-zone",
                        "Europe/Paris", "--as", "admin")
    assert code == 0 and out.strip() == "shop PAR added: Paris — Rue du Bac (Europe/Paris)"
    code, out, _ = _run(capsys, "users", "add", "tina", "--role", "tailor", "--shop", "PAR", "--as", "admin")
    assert code == 0 and out.strip() == "user tina added: tailor at PAR"
    code, out, _ = _run(capsys, "users", "list", "--json", "--as", "admin")
    assert [(u["login"], u["role"], u["shop"]) for u in json.loads(out)] == [
        ("admin", "administrator", None), ("tina", "tailor", "PAR")]
    code, out, _ = _run(capsys, "shops", "list")
    assert out.splitlines() == ["PAR\tParis — Rue du Bac\tEurope/Paris\t"]
    assert sign_in(open_store(), "tina", PASSWORD).shop_name == "Paris — Rue du Bac"


def test_people_commands_refuse_with_one_line(db, capsys, monkeypatch) -> None:
    assert _run(capsys, "users", "add", "admin", "--role", "administrator")[0] == 0
    assert _run(capsys, "users", "add", "tina", "--role", "tailor", "--as", "admin")[0] == 0
    cases = [(("users", "add", "lou", "--role", "tailor", "--as", "tina"), "tina (tailor) may not do this"),
             (("users", "add", "x", "--role", "tailor", "--as", "admin"), "login 'x' must be"),
             (("users", "add", "lou", "--role", "tailor", "--shop", "NYC", "--as", "admin"),
              "there is no shop NYC"),
             (("shops", "add", "P A R", "--name", "Paris", "--as", "admin"), "shop code 'P A R' must be"),
             (("users", "list", "--as", "nobody"), "the login or the password is wrong")]
    for args, message in cases:
        code, out, err = _run(capsys, *args)
        assert (code, out) == (2, "") and message in err and len(err.splitlines()) == 1
    monkeypatch.setenv("MTM_NEW_PASSWORD", "short")
    code, _, err = _run(capsys, "users", "add", "lou", "--role", "tailor", "--as", "admin")
    assert code == 2 and "the password is 5 characters long; it needs at least 10" in err


def test_nothing_is_done_on_a_shared_database_without_signing_in(db, capsys, monkeypatch) -> None:
    from datetime import date

    code, _, err = _run(capsys, "users", "add", "tina", "--role", "tailor")
    assert code == 2 and "the first user of a database must be its administrator, not a tailor" in err
    assert _run(capsys, "users", "add", "admin", "--role", "administrator")[0] == 0
    store = open_store()
    sign_in(store, "admin", PASSWORD)
    ann = store.create_customer("Ann Baker", phone="+33 1 23 45 67 89", consent_date=date(2026, 1, 2))
    for args in (("users", "add", "mallory", "--role", "administrator"), ("customers", "list"),
                 ("customers", "export", str(ann.id), "--out", "x.json"),
                 ("customers", "erase", str(ann.id), "--yes", "--force"), ("orders", "list")):
        code, out, err = _run(capsys, *args)
        assert (code, out) == (2, "") and "this database is shared: sign in first" in err, args
    code, out, _ = _run(capsys, "customers", "list", "--as", "admin")
    assert code == 0 and "+33 1 23 45 67 89" in out
    # a worker (or any command) signs in from its environment
    monkeypatch.setenv("MTM_USER", "admin")
    assert open_store().access.login == "admin"
