"""The QR code printed on certificates (A2, B4): the document's public verification link, drawn as
inline SVG by segno, so the renderer loads no image and makes no request."""
from __future__ import annotations

import segno
from markupsafe import Markup


def verification_link(verify_url: str, code: str) -> str:
    """The public page that confirms a document: the configured verification URL and the code."""
    return f"{verify_url}{code}"


def qr_svg(link: str) -> Markup:
    """An SVG <svg> element of `link`'s QR code (error correction M, survives a worn printout). Our
    own markup, made from our own link: safe to insert unescaped."""
    svg = segno.make(link, error="m", micro=False).svg_inline(scale=2, border=2, omitsize=True)
    return Markup(svg)
