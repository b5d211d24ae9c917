"""documents-svc's settings: the platform's plus where PDFs are kept and the verification link."""
from __future__ import annotations

from pathlib import Path

from epimorfosi_platform import Settings


class DocumentsSettings(Settings):
    documents_dir: Path | None = None  # default: <var_dir>/documents; a shared volume in production
    documents_verify_url: str | None = None  # the web client's public page, printed and in the QR code: https://…/verify/

    @property
    def documents_root(self) -> Path:
        return self.documents_dir or self.var_dir / "documents"
