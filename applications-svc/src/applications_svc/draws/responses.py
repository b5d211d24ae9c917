"""The HTTP answer with a draw's publishable record."""
from __future__ import annotations

import json

from flask import Response


def record_response(schema: type, record: dict) -> Response:
    """A draw record as JSON with its input and result spliced in as stored: they are canonical
    JSON text already, and parsing and re-serialising tens of megabytes would only cost time."""
    head = json.dumps(schema(exclude=("input", "result")).dump(record), ensure_ascii=False,
                      separators=(",", ":"))
    documents = "".join(f',"{name}":{record[name] or "null"}' for name in ("input", "result"))
    return Response(head[:-1] + documents + "}", mimetype="application/json")
