"""The processes that render the parts of long lists: parts in order, in parallel, and a broken
pool never loses a list."""
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from documents_svc.forms import render_pool
from documents_svc.forms.listing import MIN_PART_ROWS, PART_ROWS, part_bounds
from documents_svc_helpers import pdf_pages_text

TEMPLATE = "page_numbers.html.j2"  # the smallest template: one blank page per `pages`, a footer


def contexts(n: int) -> list[dict]:
    return [{"pages": 1, "landscape": False, "footer": f"Μέρος {i}"} for i in range(n)]


@pytest.fixture
def two_workers(monkeypatch):
    monkeypatch.setenv("EPI_RENDER_WORKERS", "2")
    yield
    render_pool.shutdown()


def test_parts_are_few_equal_and_cover_every_row_once():
    assert part_bounds(0, 2) == [(0, 0)]
    assert part_bounds(MIN_PART_ROWS - 1, 2) == [(0, MIN_PART_ROWS - 1)]  # a short list is one part
    assert part_bounds(400, 2) == [(0, 200), (200, 400)]
    bounds = part_bounds(4_500, 2)
    assert len(bounds) == -(-4_500 // PART_ROWS) and all(end - start <= PART_ROWS for start, end in bounds)
    assert all(previous[1] == following[0] for previous, following in zip(bounds, bounds[1:]))  # contiguous
    assert bounds[0][0] == 0 and bounds[-1][1] == 4_500


def test_parts_render_in_child_processes_in_order(two_workers):
    parts = render_pool.render_all(TEMPLATE, contexts(3))
    assert [pdf_pages_text(part)[0].split("Μέρος ")[1].split()[0] for part in parts] == ["0", "1", "2"]
    pool = render_pool._get_pool()
    assert pool._processes and all(pid != os.getpid() for pid in pool._processes)


def test_a_broken_pool_is_replaced_and_the_parts_rendered_here(two_workers, monkeypatch, caplog):
    # Children that die at start, as when one is killed or cannot import the parent's __main__.
    dying = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"),
                                initializer=os._exit, initargs=(3,))
    monkeypatch.setattr(render_pool, "_pool", dying)
    parts = render_pool.render_all(TEMPLATE, contexts(2))
    assert ["Μέρος 0" in pdf_pages_text(parts[0])[0], "Μέρος 1" in pdf_pages_text(parts[1])[0]] == [True, True]
    assert "rendering 2 parts in this process" in caplog.text
    assert render_pool._pool is None  # the next list starts a new pool


def test_one_core_renders_in_this_process(monkeypatch):
    monkeypatch.setenv("EPI_RENDER_WORKERS", "1")
    render_pool.shutdown()
    assert len(render_pool.render_all(TEMPLATE, contexts(2))) == 2
    assert render_pool._pool is None
