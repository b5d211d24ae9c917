"""What an uploaded PDF (minutes, signed declarations) must be to be accepted (pure): a PDF by its
content, not by its name. Every service that takes a PDF upload checks it here, the same way.

The platform's dependencies include no PDF parser, so the check is structural and strict:
- not empty, and not larger than the caller's limit (e.g. `EPI_MINUTES_MAX_BYTES`);
- it starts with the PDF header `%PDF-1.0` … `%PDF-1.7` or `%PDF-2.0` (ISO 32000; a renamed .exe
  starts with `MZ`, an image or an office file with their own magic bytes);
- its last 1024 bytes hold the trailer: `startxref`, a byte offset inside the file, then `%%EOF`
  (a truncated or padded upload has none).
Each refusal is one Greek sentence for the person uploading."""
from __future__ import annotations

import re

_HEADER = re.compile(rb"^%PDF-(1\.[0-7]|2\.0)\s")
_TRAILER = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
TAIL = 1024


def refusal(content: bytes, max_bytes: int) -> str | None:
    """Why `content` is not an acceptable PDF upload, or None when it is."""
    if not content:
        return "Το αρχείο είναι κενό."
    if len(content) > max_bytes:
        return (f"Το αρχείο είναι μεγαλύτερο από το όριο των {_megabytes(max_bytes)} "
                f"({_megabytes(len(content))}).")
    if not _HEADER.match(content[:16]):
        return "Το αρχείο δεν είναι PDF: επιτρέπονται μόνο αρχεία PDF (ο έλεγχος γίνεται στο περιεχόμενο, όχι στο όνομα)."
    trailer = _TRAILER.search(content[-TAIL:])
    if trailer is None or int(trailer.group(1)) >= len(content):
        return "Το αρχείο PDF είναι ελλιπές ή κατεστραμμένο (δεν έχει έγκυρο τέλος αρχείου)."
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
