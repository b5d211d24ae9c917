"""Parsing of the GSIS ``/oauth2server/userinfo?format=xml`` response.

GSIS answers with a single element whose attributes are the person's record::

    <root><userinfo userid="User123" taxid="123456789" lastname="ΠΑΠΑΔΟΠΟΥΛΟΣ"
          firstname="ΓΕΩΡΓΙΟΣ" fathername="ΙΩΑΝΝΗΣ" mothername="ΜΑΡΙΑ"
          birthyear="1980"/></root>

Values are often padded with spaces. The response crosses a trust boundary
(it becomes the certified identity of an account), so it is parsed with
defusedxml with DTDs, entities and external references all forbidden, its
size is capped, and the ΑΦΜ must pass its check digit.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as safe_et

from epimorfosi_platform.afm import InvalidAfm, validate_afm
from .errors import GsisProtocolError

__all__ = ["GsisIdentity", "MAX_USERINFO_BYTES", "parse_userinfo_xml"]

#: Real responses are a few hundred bytes; anything bigger is not GSIS talking.
MAX_USERINFO_BYTES = 64 * 1024
#: Longest accepted attribute value (after trimming); guards the database columns.
MAX_FIELD_LENGTH = 255
_EARLIEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True)
class GsisIdentity:
    """The identity GSIS certifies for the person who just logged in.

    ``afm`` is normalised and check-digit verified. Names are as GSIS returns
    them (upper case, usually without accents), trimmed, with inner runs of
    whitespace collapsed and in Unicode NFC, so that they compare reliably with
    a stored record. Parents' names may be empty. There is no e-mail: GSIS does
    not provide one.
    """

    userid: str
    afm: str
    last_name: str
    first_name: str
    father_name: str
    mother_name: str
    birth_year: int | None

    def __repr__(self) -> str:
        # Personal data must not end up in logs or tracebacks by accident.
        return f"GsisIdentity(userid={self.userid!r}, afm='******{self.afm[-3:]}', ...)"


def _fail(code: str, message: str) -> GsisProtocolError:
    return GsisProtocolError(message, code=code)


def _clean(value: str | None, field: str) -> str:
    """Trim, collapse inner whitespace and NFC-normalise one attribute value."""
    if value is None:
        return ""
    cleaned = unicodedata.normalize("NFC", " ".join(value.split()))
    if len(cleaned) > MAX_FIELD_LENGTH:
        raise _fail(
            "gsis.userinfo_field_too_long",
            f"Η ΓΓΠΣ επέστρεψε υπερβολικά μεγάλη τιμή στο πεδίο «{field}».",
        )
    return cleaned


def _birth_year(value: str | None) -> int | None:
    """A plausible four-digit year, else ``None``.

    The birth year is informational; a blank or odd value must not block a
    teacher's login, so it is dropped rather than rejected.
    """
    text = "".join((value or "").split())
    if len(text) != 4 or not text.isascii() or not text.isdigit():
        return None
    year = int(text)
    if not _EARLIEST_BIRTH_YEAR <= year <= _dt.date.today().year:
        return None
    return year


def _parse_document(body: bytes) -> Element:
    if not isinstance(body, (bytes, bytearray)):
        raise TypeError("parse_userinfo_xml expects the raw response bytes")
    if len(body) > MAX_USERINFO_BYTES:
        raise _fail(
            "gsis.userinfo_too_large",
            "Η απάντηση της ΓΓΠΣ είναι υπερβολικά μεγάλη και απορρίφθηκε.",
        )
    if not body.strip():
        raise _fail("gsis.userinfo_empty", "Η ΓΓΠΣ επέστρεψε κενή απάντηση.")
    try:
        root: Element = safe_et.fromstring(
            bytes(body), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DefusedXmlException:
        # DTDs, entity declarations (billion laughs) and external references (XXE).
        raise _fail(
            "gsis.userinfo_forbidden_xml",
            "Η απάντηση της ΓΓΠΣ περιέχει μη επιτρεπτές δομές XML και απορρίφθηκε.",
        ) from None
    except (safe_et.ParseError, ValueError) as exc:
        raise _fail(
            "gsis.userinfo_malformed",
            "Η απάντηση της ΓΓΠΣ δεν είναι έγκυρο XML.",
        ) from exc
    return root


def parse_userinfo_xml(body: bytes) -> GsisIdentity:
    """Turn the raw userinfo response into a trusted :class:`GsisIdentity`.

    Raises :class:`GsisProtocolError` for anything that is not exactly one
    well-formed, DTD-free ``userinfo`` record with a valid ΑΦΜ and a name.
    """
    root = _parse_document(body)
    records = [root] if root.tag == "userinfo" else list(root.iter("userinfo"))
    if not records:
        raise _fail(
            "gsis.userinfo_missing",
            "Η απάντηση της ΓΓΠΣ δεν περιέχει στοιχεία χρήστη.",
        )
    if len(records) > 1:
        raise _fail(
            "gsis.userinfo_ambiguous",
            "Η απάντηση της ΓΓΠΣ περιέχει περισσότερους από έναν χρήστες.",
        )
    attrs = records[0].attrib

    raw_taxid = attrs.get("taxid")
    if raw_taxid is None or not raw_taxid.strip():
        raise _fail("gsis.taxid_missing", "Η ΓΓΠΣ δεν επέστρεψε ΑΦΜ.")
    try:
        afm = validate_afm(raw_taxid)
    except InvalidAfm as exc:
        raise _fail(
            "gsis.taxid_invalid",
            f"Η ΓΓΠΣ επέστρεψε μη έγκυρο ΑΦΜ: {exc.reason}",
        ) from None

    last_name = _clean(attrs.get("lastname"), "Επώνυμο")
    first_name = _clean(attrs.get("firstname"), "Όνομα")
    if not last_name or not first_name:
        raise _fail(
            "gsis.name_missing",
            "Η ΓΓΠΣ δεν επέστρεψε επώνυμο και όνομα.",
        )

    return GsisIdentity(
        userid=_clean(attrs.get("userid"), "Χρήστης"),
        afm=afm,
        last_name=last_name,
        first_name=first_name,
        father_name=_clean(attrs.get("fathername"), "Πατρώνυμο"),
        mother_name=_clean(attrs.get("mothername"), "Μητρώνυμο"),
        birth_year=_birth_year(attrs.get("birthyear")),
    )
