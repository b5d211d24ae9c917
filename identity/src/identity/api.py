"""The HTTP API of identity: every slice's blueprint, in the order of the OpenAPI tags. The dev
OIDC issuer lives under /oidc (dev_issuer/), the HTML pages where GSIS and e-mail links land in
each slice's pages.py (pages.py).

Public at the gateway: /v1/registration/..., /v1/recovery/..., /v1/gsis/... (no token: the person
is not logged in yet). /v1/support-requests and /v1/me need a token."""


def blueprints():
    from .accounts.api import accounts
    from .gsis_confirmation import api as _confirmation  # noqa: F401  (adds /v1/gsis/confirmation to `gsis`)
    from .gsis_flow.api import gsis
    from .recovery.api import recovery
    from .registration.api import registration
    from .support.api import support

    return [accounts, gsis, registration, recovery, support]
