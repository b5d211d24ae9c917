"""Helpers shared by documents-svc's tests (fixtures stay in conftest.py): what was stored, what was
announced, what a PDF says."""
import copy
import io
import json
import subprocess
import uuid
from pathlib import Path

from epimorfosi_platform.events import Event, validate_example

from pypdf import PdfReader
from sqlalchemy import select

from documents_svc.models import Document

RENDERED = "documents.document.rendered.v1"


def documents(runtime) -> list[Document]:
    with runtime.db.session() as s:
        return s.scalars(select(Document)).all()


def outbox_envelopes(runtime) -> list[dict]:
    with runtime.db.session() as s:
        return [json.loads(r.envelope) for r in s.execute(select(runtime.tables.outbox)).all()]


def outbox_types(runtime) -> list[str]:
    return [e["type"] for e in outbox_envelopes(runtime)]


def stored_files(documents_dir):
    return sorted(p for p in documents_dir.rglob("*") if p.is_file())


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def pdf_pages_text(content: bytes) -> list[str]:
    """Each page's text as pdftotext (poppler) reads it, in reading order, white space collapsed
    (a heading wrapped in a narrow column reads as one phrase): what a person copying it gets."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=content,
                         capture_output=True, check=True).stdout.decode("utf-8")
    return [" ".join(page.split()) for page in out.rstrip("\f").split("\f")]


REPO_ROOT = Path(__file__).resolve().parents[2]
PRODUCER_EVENTS = {
    "identity.user.registered.v1": REPO_ROOT / "identity" / "src" / "identity" / "events",
    "applications.programme.created.v1": REPO_ROOT / "applications-svc" / "src" / "applications_svc" / "events",
    "enrollment.trainee.enrolled.v1": REPO_ROOT / "enrollment-svc" / "src" / "enrollment_svc" / "events",
}


def producer_event(event_type: str, **data) -> Event:
    """The producer's own example (checked against the producer's schema) with `data` changed."""
    envelope = copy.deepcopy(validate_example(PRODUCER_EVENTS[event_type], event_type))
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(data)
    return Event.from_envelope(envelope)
