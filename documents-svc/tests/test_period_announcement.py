"""The walking skeleton: applications.period.opened.v1 → a Greek PDF, stored once, recorded once,
announced once."""
import hashlib
import io
import json

from epimorfosi_platform.inbox import Inbox
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from documents_svc import SERVICE
from documents_svc_helpers import RENDERED, documents, outbox_envelopes, pdf_text, stored_files


def test_delivered_twice_through_the_inbox_renders_exactly_once(runtime, deliver, period_opened, documents_dir):
    assert deliver(period_opened) is True
    assert deliver(period_opened) is False  # duplicate: acknowledged and skipped
    [document] = documents(runtime)
    assert document.kind == "period-announcement"
    assert document.subject == "7"
    assert document.source_event_id == period_opened.id
    files = stored_files(documents_dir)
    assert len(files) == 1 and files[0].name == f"{document.sha256}.pdf"
    content = files[0].read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == document.sha256 and len(content) == document.size
    assert [e["type"] for e in outbox_envelopes(runtime)] == [RENDERED]


def test_rendering_is_idempotent_on_the_event_id_even_without_the_inbox(runtime, period_opened, documents_dir):
    handler = SERVICE.subscriptions[0].handlers[period_opened.type]
    direct = Inbox.of(runtime, "documents-svc.direct")  # `apply` runs the handler without the inbox record
    for _ in range(2):
        with direct.session() as s, s.begin():
            direct.apply(s, period_opened, handler)
    assert len(documents(runtime)) == 1
    assert len(stored_files(documents_dir)) == 1
    assert [e["type"] for e in outbox_envelopes(runtime)] == [RENDERED]


def test_pdf_has_real_greek_text_dates_in_athens_time_and_the_code_on_every_page(
    runtime, deliver, period_opened, documents_dir
):
    deliver(period_opened)
    [document] = documents(runtime)
    content = stored_files(documents_dir)[0].read_bytes()
    text = pdf_text(content)  # extractable Greek means real glyphs with a Unicode map, not boxes
    for expected in (
        "ΥΠΟΥΡΓΕΙΟ ΠΑΙΔΕΙΑΣ, ΘΡΗΣΚΕΥΜΑΤΩΝ ΚΑΙ ΑΘΛΗΤΙΣΜΟΥ",
        "Επιμόρφωση Εκπαιδευτικών για την Αξιοποίηση και Εφαρμογή",  # the programme's header
        "(Επιμόρφωση Β' Επιπέδου Τ.Π.Ε.)",
        "Ανακοίνωση περιόδου επιμόρφωσης",
        "7η Περίοδος Β1 - 4η Περίοδος Β2",
        "Εκδήλωση ενδιαφέροντος ΚΣΕ",
        "Αιτήσεις εκπαιδευτικών – Α' φάση",
        "Αιτήσεις εκπαιδευτικών – Β' φάση",
        "Ανακοίνωση κατανομής",
        "Προθεσμία εγγραφών",
        "01/09/2026 09:00",  # 09:00+03:00 in September (EEST)
        "15/09/2026 23:59",
        "10/11/2026 22:59",  # 23:59+03:00 in November is 22:59 EET
        "Σελίδα 1 από 1",
    ):
        assert expected in text, expected
    code = document.verification_code
    assert f"Κωδικός επαλήθευσης: {code[:4]}-{code[4:8]}-{code[8:]}" in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(content)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in f or "Noto" in f for f in fonts), fonts
    metadata = PdfReader(io.BytesIO(content)).metadata
    assert metadata.title == "Ανακοίνωση περιόδου επιμόρφωσης: 7η Περίοδος Β1 - 4η Περίοδος Β2"


def test_rendered_event_is_in_the_outbox_valid_and_caused_by_the_consumed_event(runtime, deliver, period_opened):
    deliver(period_opened)
    [document] = documents(runtime)
    [envelope] = outbox_envelopes(runtime)
    assert envelope["type"] == RENDERED and envelope["source"] == "/documents-svc"
    schema = json.loads((SERVICE.events_dir / f"{RENDERED}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(envelope["data"])
    assert envelope["subject"] == document.id == envelope["data"]["document_id"]
    assert envelope["data"]["sha256"] == document.sha256
    assert envelope["causationid"] == period_opened.id
    assert envelope["correlationid"] == period_opened.correlationid
    assert document.verification_code not in json.dumps(envelope)  # printed on paper only


def test_our_own_event_example_matches_our_schema():
    from epimorfosi_platform.events import validate_example

    example = validate_example(SERVICE.events_dir, RENDERED)
    assert example["source"] == "/documents-svc"
