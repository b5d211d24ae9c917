"""«Εκτύπωση σε PDF» of a list: the BFF takes the rows from the service that keeps them, hands them
to documents-svc's list form (`POST /api/documents/v1/lists/<form>`, through the gateway), and
sends the stored document's PDF to the browser as an attachment.

documents-svc takes exactly its form's fields (an unknown one is refused), so the rows and the
heading are cut to the fields its OpenAPI document names for the form (`<CODE>Row`,
`<CODE>Heading`): a column added to a form is printed without a change here."""
from __future__ import annotations

import re
import threading
import time
from typing import Any, Iterable, Mapping

from flask import Response

from .downloads import passed_on
from .signed_in import web

CONTRACT_SECONDS = 600  # how long documents-svc's form fields are kept (they change with a release)
SAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]")
_contract: dict[str, Any] = {}
_contract_lock = threading.Lock()


def _schemas() -> dict:
    """documents-svc's schemas (its public OpenAPI document), kept a while by this process."""
    with _contract_lock:
        if _contract.get("until", 0) > time.monotonic():
            return _contract["schemas"]
    document = web().api.get("documents", "openapi.json")
    schemas = document.get("components", {}).get("schemas", {})
    with _contract_lock:
        _contract.update(schemas=schemas, until=time.monotonic() + CONTRACT_SECONDS)
    return schemas


def form_fields(code: str, part: str = "Row") -> tuple[str, ...]:
    """The fields of form `code`'s rows (part "Row") or heading (part "Heading")."""
    return tuple(_schemas().get(f"{code.upper()}{part}", {}).get("properties", {}))


def cut(item: Mapping[str, Any], names: Iterable[str]) -> dict:
    """`item` with only the fields `names` (a missing one is left out: the form says if it must be given)."""
    return {name: item[name] for name in names if name in item}


def print_body(code: str, rows: Iterable[Mapping[str, Any]], *, period: Mapping[str, Any],
               centre: Mapping[str, Any] | None = None, heading: Mapping[str, Any] | None = None) -> dict:
    """The request of form `code`: the period as printed, the centre (a centre's list), the rows."""
    body: dict[str, Any] = {"period_code": period["code"], "period_title": period.get("name") or period["code"],
                            "rows": [cut(row, form_fields(code)) for row in rows]}
    if centre:
        body.update(centre_code=centre["code"], centre_name=centre.get("name"))
    if heading is not None:
        body["heading"] = cut(heading, form_fields(code, "Heading"))
    return body


def printed_pdf(code: str, body: dict) -> Response:
    """documents-svc's PDF of list form `code` (the same rows again: the document already printed)."""
    document = web().api.call("POST", "documents", f"lists/{code.lower()}", json=body,
                              timeout=web().settings.web_print_timeout)
    return attachment(document)


def attachment(document: Mapping[str, Any]) -> Response:
    upstream = web().api.stream("documents", f"documents/{document['id']}/pdf")
    name = SAFE_FILENAME.sub("_", f"{document.get('kind', 'list')}-{document.get('subject', '')}-v{document.get('version', 1)}")
    return passed_on(upstream, headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})


def passed_file(service: str, path: str, params: Mapping[str, Any]) -> Response:
    """A file the API makes (a list's CSV or XLSX export), streamed to the browser as it came."""
    upstream = web().api.stream(service, path, **dict(params))
    return passed_on(upstream, content_type=upstream.headers.get("Content-Type", "application/octet-stream"))
