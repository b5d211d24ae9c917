"""Accounts in the Keycloak realm, through the admin REST API (python-keycloak)."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timezone
from typing import Any, Callable, Iterable

from epimorfosi_platform.txhooks import on_rollback
from sqlalchemy.orm import Session

from ..accounts.rules import normalize_email
from .interface import PROFILE_FIELDS, Account, DirectoryError, DirectoryUnavailable, EmailTaken, NewAccount, PasswordRejected

log = logging.getLogger(__name__)

_ATTRIBUTES = ("afm", "registry_number", "gender", "father_name", "mother_name", "birth_year", "centre_id",
               "gsis_verified_at")


def _first(attributes: dict[str, list[str]], name: str) -> str | None:
    values = attributes.get(name) or []
    return values[0] if values and values[0] != "" else None


def _attribute_value(name: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, datetime):
        return [value.isoformat(timespec="seconds")]
    return [str(value)]


class KeycloakAdminFactory:
    """One python-keycloak `KeycloakAdmin` per process, logged in as the identity-svc service
    account (client credentials) and built on first use, so creating the app needs no Keycloak."""

    def __init__(self, server_url: str, realm: str, client_id: str, client_secret: str, timeout: float = 10):
        self.server_url, self.realm = server_url.rstrip("/"), realm
        self.client_id, self.client_secret, self.timeout = client_id, client_secret, timeout
        self._admin = None
        self._lock = threading.Lock()
        self.role_cache: dict[str, dict] = {}

    def __call__(self):
        with self._lock:
            if self._admin is None:
                from keycloak import KeycloakAdmin, KeycloakOpenIDConnection

                connection = KeycloakOpenIDConnection(
                    server_url=self.server_url,
                    realm_name=self.realm,
                    client_id=self.client_id,
                    client_secret_key=self.client_secret,
                    timeout=self.timeout,
                )
                self._admin = KeycloakAdmin(connection=connection)
            return self._admin


class KeycloakDirectory:
    """Accounts in the Keycloak realm, through the admin REST API (python-keycloak)."""

    def __init__(self, factory: KeycloakAdminFactory, session: Session | None = None):
        self.factory = factory
        self.session = session

    def _call(self, what: str, fn: Callable, *args, **kwargs):
        from keycloak.exceptions import KeycloakError

        try:
            return fn(self.factory(), *args, **kwargs)
        except KeycloakError as exc:
            code = getattr(exc, "response_code", None)
            if code == 409:
                raise EmailTaken(what) from exc
            if code == 404:
                return None
            if code == 400 and what == "password":
                raise PasswordRejected(str(getattr(exc, "error_message", exc))) from exc
            log.warning("keycloak %s failed: %s %s", what, code, getattr(exc, "error_message", exc))
            raise DirectoryUnavailable(what) from exc
        except Exception as exc:  # connection refused, timeouts, bad JSON
            if isinstance(exc, DirectoryError):
                raise
            log.warning("keycloak %s failed: %s", what, type(exc).__name__)
            raise DirectoryUnavailable(what) from exc

    @staticmethod
    def _account(rep: dict | None, roles: Iterable[str] = ()) -> Account | None:
        if not rep:
            return None
        attrs = rep.get("attributes") or {}
        verified = _first(attrs, "gsis_verified_at")
        birth_year = _first(attrs, "birth_year")
        return Account(
            id=rep["id"],
            email=normalize_email(rep.get("email") or rep.get("username") or ""),
            first_name=rep.get("firstName") or "",
            last_name=rep.get("lastName") or "",
            enabled=bool(rep.get("enabled")),
            email_verified=bool(rep.get("emailVerified")),
            afm=_first(attrs, "afm"),
            registry_number=_first(attrs, "registry_number"),
            gender=_first(attrs, "gender"),
            father_name=_first(attrs, "father_name"),
            mother_name=_first(attrs, "mother_name"),
            birth_year=int(birth_year) if birth_year and birth_year.isdigit() else None,
            centre_id=_first(attrs, "centre_id"),
            gsis_verified_at=_parse_time(verified),
            roles=tuple(roles),
            created_at=(datetime.fromtimestamp(rep["createdTimestamp"] / 1000, timezone.utc)
                        if rep.get("createdTimestamp") else None),
        )

    def _realm_role(self, admin, user_id: str, name: str) -> dict:
        # The service account may map roles (manage-users) but not read the realm's roles
        # (view-realm); the roles available to a user carry the ids the mapping needs.
        cached = self.factory.role_cache.get(name)
        if cached is None:
            available = {r["name"]: r for r in admin.get_available_realm_roles_of_user(user_id)}
            self.factory.role_cache.update(available)
            cached = available[name]
        return cached

    def create_user(self, new: NewAccount, password: str) -> str:
        email = normalize_email(new.email)
        attributes = {name: _attribute_value(name, getattr(new, name)) for name in _ATTRIBUTES}
        payload = {
            "username": email,
            "email": email,
            "enabled": new.enabled,
            "emailVerified": new.email_verified,
            "firstName": new.first_name,
            "lastName": new.last_name,
            "attributes": {k: v for k, v in attributes.items() if v},
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        }
        user_id = self._call("create", lambda a: a.create_user(payload, exist_ok=False))
        if self.session is not None:
            # The account must not outlive a registration that did not commit.
            on_rollback(self.session, lambda: self._delete_quietly(user_id))
        if new.roles:
            self._call(
                "roles",
                lambda a: a.assign_realm_roles(user_id, [self._realm_role(a, user_id, r) for r in sorted(new.roles)]),
            )
        return user_id

    def get(self, account_id: str) -> Account | None:
        return self._account(self._call("get", lambda a: a.get_user(account_id)))

    def _search(self, query: dict, match: Callable[[Account], bool]) -> Account | None:
        found = [a for a in (self._account(r) for r in self._call("search", lambda a: a.get_users(query)) or []) if a]
        found = [a for a in found if match(a)]
        return found[0] if len(found) == 1 else None

    def find_by_email(self, email: str) -> Account | None:
        email = normalize_email(email)
        return self._search({"email": email, "exact": True}, lambda a: a.email == email)

    def find_by_afm(self, afm: str) -> Account | None:
        return self._search({"q": f"afm:{afm}"}, lambda a: a.afm == afm)

    def find_by_registry_number(self, registry_number: str) -> Account | None:
        return self._search(
            {"q": f"registry_number:{registry_number}"}, lambda a: a.registry_number == registry_number
        )

    def set_password(self, account_id: str, password: str) -> None:
        self._call("password", lambda a: a.set_user_password(account_id, password, temporary=False))

    def mark_verified(self, account_id: str) -> None:
        self._call("verify", lambda a: a.update_user(account_id, {"enabled": True, "emailVerified": True}))

    def update_profile(self, account_id: str, **changes: Any) -> None:
        unknown = set(changes) - set(PROFILE_FIELDS)
        if unknown:
            raise ValueError(f"unknown profile fields {sorted(unknown)}")
        current = self._call("get", lambda a: a.get_user(account_id))
        if current is None:
            return
        attributes = dict(current.get("attributes") or {})
        for name in _ATTRIBUTES:
            if name in changes:
                attributes[name] = _attribute_value(name, changes[name])
        # The whole representation back: a partial one would drop what the user profile requires.
        payload = {
            "username": current.get("username"),
            "email": current.get("email"),
            "firstName": changes.get("first_name", current.get("firstName")),
            "lastName": changes.get("last_name", current.get("lastName")),
            "attributes": {k: v for k, v in attributes.items() if v},
        }
        self._call("update", lambda a: a.update_user(account_id, payload))

    def clear_login_failures(self, account_id: str) -> None:
        try:
            self._call("brute-force", lambda a: a.clear_bruteforce_attempts_for_user(account_id))
        except DirectoryError:
            log.warning("could not clear the login failures of an account")

    def delete_user(self, account_id: str) -> None:
        self._call("delete", lambda a: a.delete_user(account_id))

    def unactivated_registrations(self, limit: int) -> list[Account]:
        reps = self._call("search", lambda a: a.get_users(
            {"enabled": False, "emailVerified": False, "briefRepresentation": False, "first": 0, "max": limit}))
        accounts = [a for a in (self._account(r) for r in reps or []) if a and a.gsis_verified_at]
        return sorted(accounts, key=lambda a: a.created_at or datetime.max.replace(tzinfo=timezone.utc))

    def _delete_quietly(self, account_id: str) -> None:
        try:
            self.delete_user(account_id)
            log.info("compensation: deleted a Keycloak user of a registration that rolled back")
        except Exception:
            log.exception("compensation failed: Keycloak user %s remains without a registration", account_id)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None
