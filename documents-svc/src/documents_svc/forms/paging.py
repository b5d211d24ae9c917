"""A long list as one PDF: its parts rendered in parallel (one process per core), merged, and
numbered «Σελίδα X από Y» across the whole document after merging (a part cannot know the page it
starts on nor the total). The verification code and the date of issue are printed with the page
numbers, by the same overlay, so every page carries them."""
from __future__ import annotations

import io
import multiprocessing
import os
import threading
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Any, Mapping, Sequence

from pypdf import PdfReader, PdfWriter

from . import rendering
from .listing import ListForm, numbered, part_bounds

LIST_TEMPLATE = "list.html.j2"
NUMBERS_TEMPLATE = "page_numbers.html.j2"

_pool: Executor | None = None
_pool_lock = threading.Lock()


def workers() -> int:
    """Processes that render parts: EPI_RENDER_WORKERS, else the cores this process may use."""
    configured = os.environ.get("EPI_RENDER_WORKERS")
    if configured:
        return max(1, int(configured))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def pool() -> Executor:
    """One pool per process, started on first use. `forkserver`: the web and worker processes run
    threads (a fork of a threaded process may inherit a held lock); rendering processes import only
    what rendering needs."""
    global _pool
    with _pool_lock:
        if _pool is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["documents_svc.forms.rendering"])
            _pool = ProcessPoolExecutor(max_workers=workers(), mp_context=context)
        return _pool


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
    """Each part's PDF, in order. One part is rendered here; several go to the pool."""
    bounds = part_bounds(len(rows), workers())
    contexts = [_part_context(list_form, context, rows, start, end) for start, end in bounds]
    if len(contexts) == 1:
        return [rendering.render_pdf(LIST_TEMPLATE, contexts[0])]
    return list(pool().map(rendering.render_pdf, [LIST_TEMPLATE] * len(contexts), contexts))


def merge_numbered(parts: Sequence[bytes], *, landscape: bool, footer: str, metadata: Mapping[str, str]) -> bytes:
    """The parts as one PDF, each page stamped with «Σελίδα X από Y» and `footer`."""
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    total = len(writer.pages)
    numbers = rendering.render_pdf(NUMBERS_TEMPLATE, {"pages": total, "landscape": landscape, "footer": footer})
    for page, stamp in zip(writer.pages, PdfReader(io.BytesIO(numbers)).pages):
        page.merge_page(stamp)
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
