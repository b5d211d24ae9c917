"""GSIS (ΓΓΠΣ / Taxisnet) login: ΑΦΜ rules, userinfo parsing, OAuth client.

The development sandbox lives in :mod:`identity.gsis.sandbox` and is not
imported here, so production code never loads it by accident.
"""

from epimorfosi_platform.afm import InvalidAfm, afm_check_digit, is_valid_afm, normalize_afm, validate_afm
from .client import GsisClient
from .errors import GsisError, GsisProtocolError, GsisUnavailable
from .userinfo import GsisIdentity, parse_userinfo_xml

__all__ = [
    "GsisClient",
    "GsisError",
    "GsisIdentity",
    "GsisProtocolError",
    "GsisUnavailable",
    "InvalidAfm",
    "afm_check_digit",
    "is_valid_afm",
    "normalize_afm",
    "parse_userinfo_xml",
    "validate_afm",
]
