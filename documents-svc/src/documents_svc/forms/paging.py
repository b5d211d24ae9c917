"""A long list as one PDF: its parts rendered in parallel (one process per core), merged, and
numbered «Σελίδα X από Y» across the whole document after merging (a part cannot know the page it
starts on nor the total). The verification code and the date of issue are printed with the page
numbers, by the same overlay, so every page carries them."""
from __future__ import annotations

import io
from typing import Any, Mapping, Sequence

from pypdf import PdfReader, PdfWriter

from . import render_pool, rendering
from .listing import ListForm, numbered, part_bounds

LIST_TEMPLATE = "list.html.j2"
NUMBERS_TEMPLATE = "page_numbers.html.j2"


def _part_context(list_form: ListForm, context: Mapping[str, Any], rows, start: int, end: int) -> dict[str, Any]:
    return {
        **context,
        "list_form": {"code": list_form.code, "title": list_form.title, "landscape": list_form.landscape},
        "columns": [vars(c) for c in list_form.columns],
        "heading_columns": [vars(c) for c in list_form.heading],
        "rows": list(numbered(rows, start, end)),
        "first_part": start == 0,
        "last_part": end >= len(rows),
    }


def render_parts(list_form: ListForm, context: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> list[bytes]:
    """Each part's PDF, in order, rendered in parallel (render_pool)."""
    bounds = part_bounds(len(rows), render_pool.workers())
    contexts = [_part_context(list_form, context, rows, start, end) for start, end in bounds]
    return render_pool.render_all(LIST_TEMPLATE, contexts)


def merge_numbered(parts: Sequence[bytes], *, landscape: bool, footer: str, metadata: Mapping[str, str]) -> bytes:
    """The parts as one PDF, each page stamped with «Σελίδα X από Y» and `footer`."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    total = len(writer.pages)
    numbers = rendering.render_pdf(NUMBERS_TEMPLATE, {"pages": total, "landscape": landscape, "footer": footer})
    for page, stamp in zip(writer.pages, PdfReader(io.BytesIO(numbers)).pages):
        page.merge_page(stamp)
        page.compress_content_streams()  # merging leaves the page's content uncompressed (×10 in size)
    writer.add_metadata(dict(metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def render_list(list_form: ListForm, context: Mapping[str, Any], rows: Sequence[Mapping[str, Any]]) -> bytes:
    """The whole list as one PDF. `context` has what base.html.j2 needs (title, kind_label,
    period_title, verification_code, created_at...) and the list's `heading` values."""
    parts = render_parts(list_form, context, rows)
    footer = f"Κωδικός επαλήθευσης: {context['verification_code']} · Εκδόθηκε: {context['created_at']}"
    metadata = {
        "/Title": str(context["title"]),
        "/Subject": str(context["kind_label"]),
        "/Author": "Υπουργείο Παιδείας, Θρησκευμάτων και Αθλητισμού",
        "/Producer": "Epimorfosi MIS documents-svc",
    }
    return merge_numbered(parts, landscape=list_form.landscape, footer=footer, metadata=metadata)
