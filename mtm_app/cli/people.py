"""`mtm shops` and `mtm users`: set up a shared database — its shops, the first administrator,
the people who sign in. Passwords are read from the terminal (never from the command line, where
the process list would show them) or, for scripts, from MTM_PASSWORD / MTM_NEW_PASSWORD."""

from __future__ import annotations

import getpass
import os
from typing import Any

from mtm_app.access import ROLE_NAMES, Role
from mtm_app.cli.common import EXIT_OK, Args, UsageError
from mtm_app.datafile import json_text


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
    add_acting_argument(sa)
    us = sub.add_parser("users", help="the people who sign in to this database, with their roles")
    us_sub = us.add_subparsers(dest="users_command", required=True)
    ul = us_sub.add_parser("list", help="every user: login, role, shop (an administrator's)")
    ul.add_argument("--json", action="store_true")
    add_acting_argument(ul)
    ua = us_sub.add_parser("add", help="a new user; the first may be the administrator, unasked")
    ua.add_argument("login")
    ua.add_argument("--role", required=True, choices=[r.value for r in Role])
    ua.add_argument("--name", default="")
    ua.add_argument("--shop", default="", help="the shop's code (tailors find their shop's customers)")
    ua.add_argument("--all-shops", action="store_true", help="may find every shop's customers")
    add_acting_argument(ua)


def add_acting_argument(parser: Any) -> None:
    parser.add_argument("--as", dest="acting", metavar="LOGIN",
                        help="sign in as this administrator (the password is asked, or MTM_PASSWORD)")


def signed_in_store(args: Args):
    """The store, signed in as `--as` when people are already set up."""
    from mtm_app.store import open_store  # SQLAlchemy only when such a command runs
    from mtm_app.store.people import sign_in, users_exist

    store = open_store()
    if args.acting:
        sign_in(store, args.acting, _password("MTM_PASSWORD", f"password of {args.acting}: "))
    elif users_exist(store) and not (args.command == "users" and args.users_command == "add"):  # 1st admin
        raise UsageError("this database has users: sign in as an administrator",
                         hint="add --as LOGIN (the password is asked)")
    return store


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
            for s in shops(_open())]  # no secret: anyone may see the shops
    if args.json:
        print(json_text(rows, ascii_only=False), end="")
        return EXIT_OK
    for r in rows:
        print(f"{r['code']}\t{r['name']}\t{r['time_zone']}\t{r['address']}")
    return EXIT_OK


def _open():
    from mtm_app.store import open_store

    return open_store()


def cmd_shops_add(args: Args) -> int:
    from mtm_app.store.people import add_shop

    shop = add_shop(signed_in_store(args), args.code, args.name, args.address, args.time_zone)
    print(f"shop {shop.code} added: {shop.name} ({shop.time_zone})")
    return EXIT_OK


def cmd_users_list(args: Args) -> int:
    from mtm_app.store.people import users

    rows = [{"login": u.login, "name": u.name, "role": u.role, "shop": u.shop.code if u.shop else None,
             "all_shops": u.all_shops, "active": u.active} for u in users(signed_in_store(args))]
    if args.json:
        print(json_text(rows, ascii_only=False), end="")
        return EXIT_OK
    for r in rows:
        print(f"{r['login']}\t{r['role']}\t{r['shop'] or '-'}\t{r['name']}")
    return EXIT_OK


def cmd_users_add(args: Args) -> int:
    from mtm_app.store.people import add_user

    store = signed_in_store(args)
    password = _password("MTM_NEW_PASSWORD", f"new password for {args.login}: ")
    if "MTM_NEW_PASSWORD" not in os.environ and password != _password("MTM_NEW_PASSWORD", "again: "):
        raise UsageError("the two passwords differ", hint="type the same password twice")
    user = add_user(store, args.login, password, args.role, name=args.name, shop_code=args.shop,
                    all_shops=args.all_shops)
    print(f"user {user.login} added: {ROLE_NAMES[Role(user.role)]}"
          + (f" at {args.shop.upper()}" if args.shop else ""))
    return EXIT_OK
