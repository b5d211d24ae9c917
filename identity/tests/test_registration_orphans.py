"""rules.is_orphan_registration: which directory accounts a crashed registration left behind (the
reconciliation against the real Keycloak, with a killed process, is in
tests/stack/test_identity_accounts.py); and the job on the embedded directory, where the account
and its claim share one transaction, finds none."""
from datetime import datetime, timedelta, timezone

from identity.directory import Account
from identity.registration.rules import is_orphan_registration

NOW = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
GRACE = timedelta(minutes=10)


def account(**fields) -> Account:
    defaults = dict(id="u1", email="a@example.gr", enabled=False, email_verified=False,
                    gsis_verified_at=NOW - timedelta(hours=1), created_at=NOW - timedelta(hours=1))
    return Account(**{**defaults, **fields})


def orphan(acc: Account, claimed: bool = False) -> bool:
    return is_orphan_registration(acc, claimed=claimed, now=NOW, grace=GRACE)


def test_an_unclaimed_unactivated_gsis_registration_past_the_grace_period_is_an_orphan():
    assert orphan(account())
    assert orphan(account(created_at=NOW - GRACE))  # exactly at the end of the grace period


def test_what_is_never_an_orphan():
    assert not orphan(account(), claimed=True)  # its registration committed
    assert not orphan(account(created_at=NOW - GRACE + timedelta(seconds=1)))  # maybe still in flight
    assert not orphan(account(enabled=True))
    assert not orphan(account(email_verified=True))
    assert not orphan(account(gsis_verified_at=None))  # not made by GSIS registration (an administrator's)
    assert not orphan(account(created_at=None))  # age unknown: never guessed


def test_the_job_removes_unclaimed_registrations_and_keeps_claimed_ones(app):
    """On the embedded directory an orphan cannot arise (the account and its claim commit together);
    one is written by hand here to run the same job over the same protocol."""
    import uuid

    from epimorfosi_platform.clock import SettableClock

    from identity.directory import NewAccount
    from identity.models import AccountClaim, UserAccount
    from identity.registration.reconcile import RECONCILE_REGISTRATIONS

    runtime = app.extensions["epimorfosi"]
    directory_of = runtime.context.directory
    with runtime.db.session() as s:
        ids = [directory_of(s).create_user(NewAccount(email=f"orphan{n}@example.gr", first_name="Α", last_name="Β",
                                                      afm=f"99999999{n}", gsis_verified_at=NOW), "Abcde1!x")
               for n in (1, 2)]
        s.add(AccountClaim(id=uuid.uuid4(), afm="999999992", email="orphan2@example.gr", account_id=ids[1],
                           created_at=NOW))
        s.commit()
    assert RECONCILE_REGISTRATIONS.run(runtime) == 0  # both are younger than the grace period
    runtime.clock = SettableClock(datetime.now(timezone.utc) + timedelta(minutes=11))
    assert RECONCILE_REGISTRATIONS.run(runtime) == 1
    with runtime.db.session() as s:
        assert [str(a.id) for a in s.query(UserAccount).filter(UserAccount.email.like("orphan%"))] == [ids[1]]
