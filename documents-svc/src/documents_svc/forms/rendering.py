"""HTML → PDF. Templates are Jinja2 in a sandbox with autoescaping and get plain values only (no ORM
objects), and WeasyPrint may load nothing but this package's own static assets: no `file:`, no
network, no `data:` (as indico does for its document templates)."""
from __future__ import annotations

import logging
import mimetypes
import re
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from jinja2 import PackageLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)
# WeasyPrint narrates every step at INFO; one line per step per document drowns the service's logs.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

STATIC_DIR = Path(__file__).parent / "static"
ASSET_SCHEME = "asset"  # templates write <img src="asset:emblem.svg">
BASE_STYLESHEET = f"{ASSET_SCHEME}:print.css"
_ASSET_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.[a-z0-9]+$")  # one flat folder: no "/", no ".."


class RefusedURL(ValueError):
    """A template asked for something other than a packaged asset."""


@lru_cache(maxsize=None)
def _asset(name: str) -> tuple[bytes, str]:
    # Allow-list of the files actually shipped, so no name can resolve outside static/.
    shipped = {p.name: p for p in STATIC_DIR.iterdir() if p.is_file()}
    if not _ASSET_NAME.match(name) or name not in shipped:
        raise RefusedURL(f"no packaged asset {name!r}")
    mime = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if mime.startswith("text/"):
        mime += "; charset=utf-8"
    return shipped[name].read_bytes(), mime


class AssetURLFetcher(URLFetcher):
    """Serves `asset:<name>` from static/ and refuses every other URL. A refusal is not fatal: the
    resource is simply left out (WeasyPrint logs it), so nothing outside the package ends up in a PDF."""

    def __init__(self):
        # The base class is told to allow no protocol at all, in case anything reaches it.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        scheme, _, name = url.partition(":")
        if scheme.lower() != ASSET_SCHEME:
            log.warning("refused to load %r while rendering a document", url[:200])
            raise RefusedURL(f"only {ASSET_SCHEME}: URLs may be loaded while rendering")
        body, mime = _asset(name)
        return URLFetcherResponse(url, body=body, headers={"Content-Type": mime})


@lru_cache(maxsize=1)
def template_environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=PackageLoader("documents_svc.forms", "templates"),
        autoescape=True,
        undefined=StrictUndefined,  # a missing value on an official document is a bug, not a blank
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@lru_cache(maxsize=1)
def base_stylesheet() -> CSS:
    # Parsed once per process: big lists (K4/K5) should pay for layout, not for CSS parsing.
    return CSS(url=BASE_STYLESHEET, url_fetcher=AssetURLFetcher())


_fonts = threading.local()


def _font_config() -> FontConfiguration:
    # Pango font maps are not thread-safe; one per thread, reused across renders.
    if not hasattr(_fonts, "config"):
        _fonts.config = FontConfiguration()
    return _fonts.config


def html_to_pdf(html: str) -> bytes:
    document = HTML(string=html, url_fetcher=AssetURLFetcher(), media_type="print").render(
        stylesheets=[base_stylesheet()], font_config=_font_config()
    )
    return document.write_pdf()


def render_html(template: str, context: Mapping[str, Any]) -> str:
    return template_environment().get_template(template).render(**context)


def render_pdf(template: str, context: Mapping[str, Any]) -> bytes:
    return html_to_pdf(render_html(template, context))
