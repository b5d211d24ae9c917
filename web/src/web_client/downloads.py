"""A private PDF of a service (a form, uploaded minutes, a declaration) passed on to the browser as it
arrives, never held whole in the BFF, and never cached by the browser or a proxy."""
from __future__ import annotations

import requests
from flask import Response, stream_with_context

CHUNK = 64 * 1024
PASSED_HEADERS = ("Content-Disposition", "ETag", "Content-Length")


def pdf_response(upstream: requests.Response) -> Response:
    """`upstream` (an ApiClient.stream answer) as the page's response; the upstream connection is
    closed when the browser has it all or goes away."""
    def body():
        try:
            yield from upstream.iter_content(CHUNK)
        finally:
            upstream.close()

    headers = {name: upstream.headers[name] for name in PASSED_HEADERS if name in upstream.headers}
    headers["Cache-Control"] = "private, no-store"
    return Response(stream_with_context(body()), content_type="application/pdf", headers=headers)
