"""Who may do what: the four roles of a made-to-measure business and the rights each holds.

A single-user install has no users: whoever opens the app holds every right and signs in to
nothing. On a shared database each person signs in and works with their role's rights; the
store refuses what the role does not allow (the window hides it too). Passwords are kept as
argon2id hashes (argon2-cffi), never as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mtm_app.i18n import N_


class Role(StrEnum):
    TAILOR = "tailor"
    PATTERN_MAKER = "pattern_maker"
    FACTORY = "factory"
    ADMINISTRATOR = "administrator"


class Right(StrEnum):
    CUSTOMERS = "customers"  # customers with their contact details, measuring, taking orders
    BLOCKS = "blocks"  # editing blocks and saving their versions
    PRODUCTION = "production"  # the order queue, statuses, markers, the fabric catalogue
    ERASE = "erase"  # erasing a customer and everything held about them
    PEOPLE = "people"  # shops and users


RIGHTS: dict[Role, frozenset[Right]] = {
    Role.TAILOR: frozenset({Right.CUSTOMERS}),
    Role.PATTERN_MAKER: frozenset({Right.BLOCKS}),
    Role.FACTORY: frozenset({Right.PRODUCTION}),
    Role.ADMINISTRATOR: frozenset(Right),
}
ROLE_NAMES = {Role.TAILOR: N_("tailor"), Role.PATTERN_MAKER: N_("pattern maker"),
              Role.FACTORY: N_("factory"), Role.ADMINISTRATOR: N_("administrator")}


@dataclass(frozen=True)
class Access:
    """The person at the keyboard: login, role and shop. Nobody signed in holds every right on
    a single-user install (EVERYONE) and none on a shared database (NOBODY)."""

    login: str = ""
    role: Role | None = None
    shop_id: int | None = None
    shop_name: str = ""
    all_shops: bool = True
    shared: bool = False  # the database has users: nobody signed in may do nothing

    def may(self, right: Right) -> bool:
        if self.role is None:
            return not self.shared
        return right in RIGHTS[self.role]


EVERYONE = Access()
NOBODY = Access(shared=True)
_hasher = PasswordHasher()  # argon2id with the library's current recommended cost


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
