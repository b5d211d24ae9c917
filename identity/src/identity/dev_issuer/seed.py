"""Test accounts of every role for the embedded profile. Created on the dev issuer's first request,
idempotently (the e-mail's unique constraint decides), and never in production: the dev issuer
refuses to start there.

Names and ΑΦΜ of those who also exist in the GSIS sandbox (identity.gsis.sandbox) are the same,
so the "confirm against GSIS" flow can be tried with them."""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from epimorfosi_platform import Runtime
from epimorfosi_platform.roles import Role
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import generate_password_hash

from epimorfosi_platform.afm import afm_check_digit
from ..accounts.models import UserAccount
from ..accounts.operations import create_account

log = logging.getLogger(__name__)

# One shared password; it satisfies the manual's policy (see accounts.rules.password_errors).
DEV_PASSWORD = "Epimorfosi1!"


def _afm(first_eight: str) -> str:
    return first_eight + str(afm_check_digit(first_eight))


@dataclass(frozen=True)
class DevUser:
    email: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    centre_id: str | None = None
    afm: str | None = None
    registry_number: str | None = None


DEV_USERS: tuple[DevUser, ...] = (
    DevUser("admin@epimorfosi.test", "ΑΝΤΩΝΙΟΣ", "ΔΗΜΗΤΡΙΟΥ", (Role.CENTRAL_ADMIN,), afm=_afm("07000000")),
    DevUser("kse1@epimorfosi.test", "ΑΝΑΣΤΑΣΙΑ", "ΝΙΚΟΛΑΟΥ", (Role.KSE_HEAD,), "KSE-0001", _afm("12345678"), "600101"),
    DevUser("kse2@epimorfosi.test", "ΠΑΝΑΓΙΩΤΗΣ", "ΣΤΑΥΡΟΥ", (Role.KSE_HEAD,), "KSE-0002", registry_number="600202"),
    DevUser("coord1@epimorfosi.test", "ΧΡΙΣΤΙΝΑ", "ΙΩΑΝΝΙΔΟΥ", (Role.COORDINATOR,), "KSE-0001", _afm("11111111"), "600303"),
    DevUser("tech1@epimorfosi.test", "ΕΥΑΓΓΕΛΟΣ", "ΠΕΤΡΟΥ", (Role.TECHNICAL_LEAD,), registry_number="600404"),
    DevUser("teacher1@epimorfosi.test", "ΓΕΩΡΓΙΟΣ", "ΠΑΠΑΔΟΠΟΥΛΟΣ", (Role.TEACHER,), afm=_afm("10000001"), registry_number="600505"),
    DevUser("trainer1@epimorfosi.test", "ΚΩΝΣΤΑΝΤΙΝΟΣ", "ΑΛΕΞΙΟΥ", (Role.TRAINER,), afm=_afm("13579246")),
    DevUser("helpdesk1@epimorfosi.test", "ΔΕΣΠΟΙΝΑ", "ΜΑΚΡΗ", (Role.HELPDESK_AGENT,), afm=_afm("02468135")),
    DevUser("school1@epimorfosi.test", "1ο ΓΥΜΝΑΣΙΟ", "ΚΑΛΑΜΑΤΑΣ", (Role.SCHOOL_UNIT,)),
)


@functools.cache
def _dev_password_hash() -> str:
    # The test accounts share one (published) password, so one slow hash per process is enough.
    return generate_password_hash(DEV_PASSWORD)


def seed_dev_users(runtime: Runtime) -> int:
    """Create the missing test accounts; returns how many were created. Safe to run from several
    workers at once: each account is its own transaction; ON CONFLICT on the e-mail keeps the
    first one, and a race lost on another unique column (the ΑΦΜ) is the same outcome."""
    with runtime.db.session() as s:
        existing = set(s.scalars(select(UserAccount.email)))
    created = 0
    for user in DEV_USERS:
        if user.email in existing:
            continue  # also skips hashing the password, which is deliberately slow
        try:
            with runtime.db.session() as s, s.begin():
                account = create_account(
                    s,
                    runtime,
                    email=user.email,
                    password=None,
                    password_hash=_dev_password_hash(),
                    first_name=user.first_name,
                    last_name=user.last_name,
                    roles=user.roles,
                    centre_id=user.centre_id,
                    afm=user.afm,
                    registry_number=user.registry_number,
                    email_verified=True,
                )
        except IntegrityError:  # another worker created the account at this moment: its row won
            continue
        if account:
            created += 1
    if created:
        log.info("dev issuer: created %d test accounts", created)
    return created
