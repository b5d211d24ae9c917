"""Form B4 (Βεβαίωση εγγραφής): one per trainee on enrollment.trainee.enrolled.v1, with the names
and the programme from the read models fed by identity's and applications' events."""
import pytest

from documents_svc_helpers import documents, outbox_types, pdf_pages_text, stored_files


def test_b4_names_the_trainee_the_programme_and_the_centre_head(runtime, deliver, enrolled, known, documents_dir):
    assert deliver(enrolled)
    [document] = documents(runtime)
    assert document.kind == "b4-certificate" and document.owner_centre == "KSE-0001"
    assert document.subject == f"{enrolled.data['programme_code']}/{enrolled.data['teacher_id']}"
    assert "Αλεξίου" not in document.title  # the public title names no one
    [text] = pdf_pages_text(stored_files(documents_dir)[0].read_bytes())
    for expected in ("Βεβαίωση εγγραφής (Β4)", "Ελένη Αλεξίου", enrolled.data["programme_code"],
                     "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "ΠΛΗΡΟΦΟΡΙΚΗ", "16/11/2026 – 31/03/2027",
                     "28/10/2026 11:15", "Ο/Η Υπεύθυνος/η του ΚΣΕ", "Γιώργος Κωστόπουλος",
                     "(Επιμόρφωση Β' Επιπέδου Τ.Π.Ε.)", "Σελίδα 1 από 1"):
        assert expected in text, expected
    assert outbox_types(runtime) == ["documents.document.rendered.v1"]


def test_the_same_enrolment_twice_is_one_b4(runtime, deliver, enrolled, known):
    assert deliver(enrolled)
    assert not deliver(enrolled)
    assert len(documents(runtime)) == 1


def test_an_enrolment_before_its_trainee_is_known_fails_to_be_retried(runtime, deliver, enrolled):
    with pytest.raises(RuntimeError, match="not known yet"):
        deliver(enrolled)
    assert documents(runtime) == []


def test_the_b4_carries_a_qr_code_of_its_public_verification_link():
    from datetime import date, datetime, timezone
    from types import SimpleNamespace

    import segno

    from documents_svc.documents.operations import Issue
    from documents_svc.forms import rendering
    from documents_svc.forms.form_b4 import form_b4

    programme = SimpleNamespace(code="2026-B2-4-IIb-B2.4-ΠΕΛΟΠΟΝΝΗΣΟΥ-001", centre_name="24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ",
                                cluster_name="ΠΛΗΡΟΦΟΡΙΚΗ", category_name="Μεικτό μοντέλο", period_code="2026-B2-4",
                                starts_on=date(2026, 11, 16), ends_on=None, centre_code="KSE-0001")
    wanted = form_b4(programme=programme, trainee_name="Ελένη Αλεξίου", head_name=None,
                     enrolled_at=datetime(2026, 10, 28, 9, 15, tzinfo=timezone.utc), teacher_id="t-1")
    issue = Issue("7KQ2M9XD4TBE", datetime(2026, 10, 28, 9, 16, tzinfo=timezone.utc),
                  "https://epimorfosi.example/api/documents-svc/v1/verify/")
    html = rendering.render_html(wanted.form.template, {**wanted.values, **issue.values(wanted.title, wanted.form.label)})
    expected = segno.make("https://epimorfosi.example/api/documents-svc/v1/verify/7KQ2M9XD4TBE", error="m")
    assert expected.svg_inline(scale=2, border=2, omitsize=True) in html  # our SVG, inline and unescaped
    assert "<img" not in html.split('class="qr"')[1].split("</div>")[0]  # no image to fetch
    [text] = pdf_pages_text(rendering.html_to_pdf(html))
    assert "https://epimorfosi.example/api/documents-svc/v1/verify/7KQ2-M9XD-4TBE" in text
    assert "(Ονοματεπώνυμο)" in text  # no known centre head: the name is written by hand
