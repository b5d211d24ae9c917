"""A private file of a service (a form's PDF, uploaded minutes, a declaration, a list's CSV/XLSX
export) passed on to the browser as it arrives, never held whole in the BFF, and never cached by the
browser or a proxy."""
from __future__ import annotations

from collections.abc import Mapping

import requests
from flask import Response, stream_with_context

CHUNK = 64 * 1024
PASSED_HEADERS = ("Content-Disposition", "ETag", "Content-Length")


def passed_on(upstream: requests.Response, *, content_type: str = "application/pdf",
              headers: Mapping[str, str] | None = None) -> Response:
    """`upstream` (an ApiClient.stream answer) as the page's response, with `headers` over the ones
    passed on; the upstream connection is closed when the browser has it all or goes away."""
    def body():
        try:
            yield from upstream.iter_content(CHUNK)
        finally:
            upstream.close()

    sent = {name: upstream.headers[name] for name in PASSED_HEADERS if name in upstream.headers}
    sent.update(headers or {})
    sent["Cache-Control"] = "private, no-store"
    return Response(stream_with_context(body()), content_type=content_type, headers=sent)


def pdf_response(upstream: requests.Response) -> Response:
    return passed_on(upstream)
