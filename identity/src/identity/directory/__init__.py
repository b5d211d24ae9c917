"""Where accounts live: Keycloak (stack, production) or the dev issuer's user table (embedded).

Both implement `AccountDirectory`; the flows (registration, activation, GSIS confirmation,
recovery) only talk to that interface, and configuration (`EPI_ACCOUNT_DIRECTORY=keycloak|local`)
chooses the implementation. A directory is built per request around the request's session:
`LocalDirectory` writes in that transaction; `KeycloakDirectory` calls Keycloak's admin API at once
and registers a compensation (deleting the user it created) for when the transaction rolls back
(`local.py`, `keycloak.py`).
"""
from .interface import (
    MSG_DIRECTORY_DOWN,
    PROFILE_FIELDS,
    Account,
    AccountDirectory,
    DirectoryError,
    DirectoryUnavailable,
    EmailTaken,
    NewAccount,
    PasswordRejected,
    reachable,
)
from .keycloak import KeycloakAdminFactory, KeycloakDirectory
from .local import LocalDirectory

__all__ = [
    "MSG_DIRECTORY_DOWN", "PROFILE_FIELDS", "Account", "AccountDirectory", "DirectoryError", "DirectoryUnavailable",
    "EmailTaken", "KeycloakAdminFactory", "KeycloakDirectory", "LocalDirectory", "NewAccount", "PasswordRejected",
    "reachable",
]
