"""`mtm shops` and `mtm users`: set up a shared database — its shops, the first administrator,
the people who sign in. Passwords are read from the terminal (never from the command line, where
the process list would show them) or, for scripts, from MTM_PASSWORD / MTM_NEW_PASSWORD."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from mtm_app.access import ROLE_NAMES, Role
from mtm_app.cli.common import EXIT_OK, Args, UsageError, command_store, print_rows


def add_parser(sub: Any) -> None:
    """The `shops` and `users` commands."""
    sh = sub.add_parser("shops", help="the stores that share this database")
    sh_sub = sh.add_subparsers(dest="shops_command", required=True)
    sl = sh_sub.add_parser("list", help="every shop: code, name, time zone, address")
    sl.add_argument("--json", action="store_true")
    sa = sh_sub.add_parser("add", help="a new shop (an administrator's)")
    sa.add_argument("code", help="1–12 capitals, digits or '-', e.g. PAR")
    sa.add_argument("--name", required=True, help="as printed on orders, e.g. 'Paris — Rue du Bac'")
    sa.add_argument("--address", default="")
    sa.add_argument("--time-zone", default="UTC", help="an IANA name, e.g. Europe/Paris")
    us = sub.add_parser("users", help="the people who sign in to this database, with their roles")
    us_sub = us.add_subparsers(dest="users_command", required=True)
    ul = us_sub.add_parser("list", help="every user: login, role, shop (an administrator's)")
    ul.add_argument("--json", action="store_true")
    ua = us_sub.add_parser("add", help="a new user; the first may be the administrator, unasked")
    ua.add_argument("login")
    ua.add_argument("--role", required=True, choices=[r.value for r in Role])
    ua.add_argument("--name", default="")
    ua.add_argument("--shop", default="", help="the shop's code (tailors find their shop's customers)")
    ua.add_argument("--all-shops", action="store_true", help="may find every shop's customers")


def acting_first(argv: list[str]) -> list[str]:
    """`--as LOGIN` may be typed anywhere on the line (`mtm users list --as admin`): moved before
    the command, where the top-level parser reads it."""
    out, acting = [], []
    k = 0
    while k < len(argv):
        word = argv[k]
        if word == "--as" and k + 1 < len(argv):
            acting, k = ["--as", argv[k + 1]], k + 2
            continue
        if word.startswith("--as="):
            acting = ["--as", word.removeprefix("--as=")]
        else:
            out.append(word)
        k += 1
    return acting + out


@contextmanager
def signed_in_as(login: str | None) -> Iterator[None]:
    """While a command runs, every store it opens (workers it starts too) signs in as `login`:
    the password is asked once, or read from MTM_PASSWORD, and checked before the command runs.
    The environment is as it was afterwards."""
    if not login:
        yield
        return
    before = {name: os.environ.get(name) for name in ("MTM_USER", "MTM_PASSWORD")}
    os.environ["MTM_PASSWORD"] = _password("MTM_PASSWORD", f"password of {login}: ")
    os.environ["MTM_USER"] = login
    try:
        command_store()  # a wrong login or password stops here
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _password(variable: str, prompt: str) -> str:
    given = os.environ.get(variable)
    if given is not None:
        return given
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise UsageError("no password given", hint=f"type it when asked, or set {variable}") from None


def cmd_shops_list(args: Args) -> int:
    from mtm_app.store.people import shops

    rows = [{"code": s.code, "name": s.name, "time_zone": s.time_zone, "address": s.address}
            for s in shops(command_store())]  # no secret: anyone may see the shops
    return print_rows(rows, args.json,
                      lambda r: f"{r['code']}\t{r['name']}\t{r['time_zone']}\t{r['address']}")



def cmd_shops_add(args: Args) -> int:
    from mtm_app.store.people import add_shop

    shop = add_shop(command_store(), args.code, args.name, args.address, args.time_zone)
    print(f"shop {shop.code} added: {shop.name} ({shop.time_zone})")
    return EXIT_OK


def cmd_users_list(args: Args) -> int:
    from mtm_app.store.people import users

    rows = [{"login": u.login, "name": u.name, "role": u.role, "shop": u.shop.code if u.shop else None,
             "all_shops": u.all_shops, "active": u.active} for u in users(command_store())]
    return print_rows(rows, args.json,
                      lambda r: f"{r['login']}\t{r['role']}\t{r['shop'] or '-'}\t{r['name']}")


def cmd_users_add(args: Args) -> int:
    from mtm_app.store.people import add_user

    store = command_store()
    password = _password("MTM_NEW_PASSWORD", f"new password for {args.login}: ")
    if "MTM_NEW_PASSWORD" not in os.environ and password != _password("MTM_NEW_PASSWORD", "again: "):
        raise UsageError("the two passwords differ", hint="type the same password twice")
    user = add_user(store, args.login, password, args.role, name=args.name, shop_code=args.shop,
                    all_shops=args.all_shops)
    print(f"user {user.login} added: {ROLE_NAMES[Role(user.role)]}"
          + (f" at {args.shop.upper()}" if args.shop else ""))
    return EXIT_OK
