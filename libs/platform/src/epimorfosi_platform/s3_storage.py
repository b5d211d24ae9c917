"""The `FileStore` of production: an S3-compatible bucket (AWS S3, MinIO, Ceph RGW...) through
boto3. The same content-addressed keys as `LocalFolderStore`, so a folder copied into a bucket
(`aws s3 sync <root> s3://<bucket>/<prefix>`) is read unchanged. A service chooses its store from
its settings with `file_store(...)`; boto3 reads credentials the standard way (AWS_ACCESS_KEY_ID
and AWS_SECRET_ACCESS_KEY, a profile, or the pod's role)."""
from __future__ import annotations

import os
from typing import Any

from .storage import FileStore, LocalFolderStore, NotStored

_ABSENT = {"404", "NoSuchKey", "NotFound"}


class S3Store(FileStore):
    def __init__(self, bucket: str, *, prefix: str = "", client: Any = None, endpoint_url: str | None = None,
                 region: str | None = None):
        if client is None:
            import boto3  # only services configured for S3 need it

            client = boto3.client("s3", endpoint_url=endpoint_url or None, region_name=region or None)
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def _object(self, key: str) -> str:
        FileStore.validate_key(key)  # keys come from our DB, but a bucket path is never built from anything else
        return self.prefix + key

    def put(self, content: bytes, suffix: str = ".pdf") -> str:
        key = self.key_for(content, suffix)
        if self.exists(key):
            return key  # content-addressed: the same bytes are already there
        # One PUT is atomic in S3: readers never see a half-written object under a valid key.
        self.client.put_object(Bucket=self.bucket, Key=self._object(key), Body=content,
                               ContentType="application/pdf" if suffix == ".pdf" else "application/octet-stream")
        return key

    def get(self, key: str) -> bytes:
        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self._object(key))
        except Exception as exc:
            if _error_code(exc) in _ABSENT:
                raise NotStored(key) from exc
            raise
        with answer["Body"] as body:
            return body.read()

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=self._object(key))
        except Exception as exc:
            if _error_code(exc) in _ABSENT:
                return False
            raise
        return True


def _error_code(exc: Exception) -> str | None:
    response = getattr(exc, "response", None)  # botocore.exceptions.ClientError
    return str(response.get("Error", {}).get("Code")) if isinstance(response, dict) else None


def file_store(kind: str, *, root: str | os.PathLike, bucket: str | None = None, prefix: str = "",
               endpoint_url: str | None = None, region: str | None = None) -> FileStore:
    """The store a service's settings choose: `local` (a folder: embedded profile, a shared volume)
    or `s3` (a bucket; `endpoint_url` for a non-AWS S3-compatible server)."""
    if kind == "local":
        return LocalFolderStore(root)
    if kind == "s3":
        if not bucket:
            raise ValueError("an S3 store needs a bucket")
        return S3Store(bucket, prefix=prefix, endpoint_url=endpoint_url, region=region)
    raise ValueError(f"unknown file store: {kind!r} (local or s3)")
