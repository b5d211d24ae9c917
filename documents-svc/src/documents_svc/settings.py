"""documents-svc's settings: the platform's plus where PDFs are kept (a folder or an S3-compatible
bucket) and the verification link."""
from __future__ import annotations

from pathlib import Path
from typing import Literal

from epimorfosi_platform import Settings


class DocumentsSettings(Settings):
    documents_dir: Path | None = None  # default: <var_dir>/documents (documents_store=local)
    # Where the PDFs are kept: `local` (documents_dir) or `s3`, an S3-compatible bucket (production);
    # credentials the standard way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or the pod's role).
    documents_store: Literal["local", "s3"] = "local"
    documents_s3_bucket: str | None = None
    documents_s3_prefix: str = "documents"
    documents_s3_endpoint_url: str | None = None  # e.g. http://minio:9000; None: AWS
    documents_s3_region: str | None = None
    documents_verify_url: str | None = None  # the web client's public page, printed and in the QR code: https://…/verify/

    @property
    def documents_root(self) -> Path:
        return self.documents_dir or self.var_dir / "documents"
