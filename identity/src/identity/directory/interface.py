"""What every account directory offers the use cases: the account records, the failures, the
protocol, and `reachable()` turning an unreachable directory into the domain's `Unavailable`."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterator, Protocol

from epimorfosi_platform.errors import Unavailable

PROFILE_FIELDS = (
    "first_name", "last_name", "afm", "registry_number", "gender",
    "father_name", "mother_name", "birth_year", "centre_id", "gsis_verified_at",
)


class DirectoryError(Exception):
    """Base of the directory's failures."""


class EmailTaken(DirectoryError):
    """Another account already has this e-mail (Keycloak 409 / the table's unique constraint)."""


class PasswordRejected(DirectoryError):
    """The directory refused the password (Keycloak's password policy)."""


class DirectoryUnavailable(DirectoryError):
    """The directory could not be reached or answered unexpectedly; try again later."""


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    first_name: str = ""
    last_name: str = ""
    enabled: bool = True
    email_verified: bool = False
    afm: str | None = None
    registry_number: str | None = None
    gender: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    birth_year: int | None = None
    centre_id: str | None = None
    gsis_verified_at: datetime | None = None
    roles: tuple[str, ...] = ()
    created_at: datetime | None = None

    def record(self) -> dict[str, Any]:
        """The personal record in the names of the GSIS comparison (gsis_flow.record.GSIS_FIELDS)."""
        return {
            "afm": self.afm,
            "last_name": self.last_name,
            "first_name": self.first_name,
            "father_name": self.father_name,
            "mother_name": self.mother_name,
            "birth_year": self.birth_year,
        }


@dataclass
class NewAccount:
    email: str
    first_name: str
    last_name: str
    afm: str | None = None
    registry_number: str | None = None
    gender: str | None = None
    father_name: str | None = None
    mother_name: str | None = None
    birth_year: int | None = None
    centre_id: str | None = None
    gsis_verified_at: datetime | None = None
    roles: tuple[str, ...] = ()
    enabled: bool = False
    email_verified: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


class AccountDirectory(Protocol):
    def create_user(self, new: NewAccount, password: str) -> str: ...
    def get(self, account_id: str) -> Account | None: ...
    def find_by_email(self, email: str) -> Account | None: ...
    def find_by_afm(self, afm: str) -> Account | None: ...
    def find_by_registry_number(self, registry_number: str) -> Account | None: ...
    def set_password(self, account_id: str, password: str) -> None: ...
    def mark_verified(self, account_id: str) -> None: ...
    def update_profile(self, account_id: str, **changes: Any) -> None: ...
    def clear_login_failures(self, account_id: str) -> None: ...
    def delete_user(self, account_id: str) -> None: ...
    def unactivated_registrations(self, limit: int) -> list[Account]:
        """Accounts of GSIS registrations not yet activated (disabled, e-mail not verified), oldest first."""



MSG_DIRECTORY_DOWN = "Η υπηρεσία λογαριασμών δεν είναι διαθέσιμη αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο."


@contextmanager
def reachable() -> Iterator[None]:
    """Around a use case's directory calls: an unreachable directory is the domain's `Unavailable`."""
    try:
        yield
    except DirectoryUnavailable as exc:
        raise Unavailable(MSG_DIRECTORY_DOWN, slug="directory-unavailable") from exc

