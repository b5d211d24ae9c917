"""Every table of identity, for Alembic and the app factory (``SERVICE.metadata``): accounts and
their roles (the dev issuer's directory), the ΑΦΜ/e-mail claims that keep one account per person,
GSIS flows, single-use links, support requests and the dev OIDC issuer's keys, codes and refresh
tokens. Each is declared by the slice that owns it, on the one ``Base``; importing this module
registers them all."""
from .accounts.models import AccountClaim, UserAccount, UserRole
from .base import Base
from .dev_issuer.models import AuthorizationCode, RefreshToken, SigningKey
from .gsis_flow.models import GsisFlow
from .links.models import ActionToken
from .support.models import SupportRequest

__all__ = [
    "AccountClaim", "ActionToken", "AuthorizationCode", "Base", "GsisFlow", "RefreshToken", "SigningKey",
    "SupportRequest", "UserAccount", "UserRole",
]
