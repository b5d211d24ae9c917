"""Reads of accounts: the caller's account, and who holds an ΑΦΜ."""
from __future__ import annotations

from epimorfosi_platform.errors import NotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..directory import Account, AccountDirectory, DirectoryUnavailable
from .models import AccountClaim


def account_of(directory: AccountDirectory, subject: str, email: str | None) -> Account | None:
    """The caller's account in the directory (Keycloak or the dev issuer's table): `sub` is its id
    in both; the e-mail is the fallback. None when the directory has none or is unreachable."""
    try:
        account = directory.get(subject)
        if account is None and email:
            account = directory.find_by_email(email)
    except DirectoryUnavailable:
        return None
    return account


def caller_account(directory: AccountDirectory, subject: str, email: str | None) -> Account:
    account = account_of(directory, subject, email)
    if account is None:
        raise NotFound("Δεν βρέθηκε λογαριασμός για τον συνδεδεμένο χρήστη.", slug="no-account")
    return account


def afm_claimed_by_other(session: Session, directory: AccountDirectory, afm: str, account_id: str | None) -> bool:
    """Whether another account (than `account_id`; None: any) holds or has claimed this ΑΦΜ."""
    claim = session.scalar(select(AccountClaim).where(AccountClaim.afm == afm))
    if claim is not None and claim.account_id != account_id:
        return True
    holder = directory.find_by_afm(afm)
    return holder is not None and holder.id != account_id


def afm_claimed(session: Session, afm: str) -> bool:
    return session.scalar(select(AccountClaim.id).where(AccountClaim.afm == afm)) is not None
