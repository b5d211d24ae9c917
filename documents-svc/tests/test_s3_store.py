"""documents-svc with EPI_DOCUMENTS_STORE=s3: the record folder in an S3-compatible bucket (a real
server: moto's over HTTP), rendered by a consumer and downloaded through the API."""
import hashlib

import boto3
import pytest
from epimorfosi_platform.s3_storage import S3Store
from epimorfosi_platform.testing import s3_server, service_app

from documents_svc import SERVICE, create_app
from documents_svc_helpers import documents


@pytest.fixture
def s3():
    with s3_server("epimorfosi-documents") as settings:
        yield settings


@pytest.fixture
def app(tmp_path, issuer, documents_dir, s3):
    with service_app(SERVICE, create_app, tmp_path, issuer, EPI_DOCUMENTS_DIR=str(documents_dir),
                     EPI_DOCUMENTS_STORE="s3", EPI_DOCUMENTS_S3_BUCKET=s3["bucket"],
                     EPI_DOCUMENTS_S3_ENDPOINT_URL=s3["endpoint_url"], EPI_DOCUMENTS_S3_REGION=s3["region"]) as app:
        yield app


def test_a_rendered_document_is_kept_in_the_bucket_and_served_from_it(app, client, issuer, runtime, deliver,
                                                                    period_opened, documents_dir, s3):
    assert isinstance(runtime.context.store, S3Store)
    assert deliver(period_opened)
    [document] = documents(runtime)
    bucket = boto3.client("s3", endpoint_url=s3["endpoint_url"], region_name=s3["region"])
    stored = bucket.get_object(Bucket=s3["bucket"], Key="documents/" + document.storage_key)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == document.sha256
    assert not documents_dir.exists()  # nothing written to the local folder
    response = client.get(f"/v1/documents/{document.id}/pdf", headers=issuer.headers("t1", ["teacher"]))
    assert response.status_code == 200 and response.data == stored
    bucket.delete_object(Bucket=s3["bucket"], Key="documents/" + document.storage_key)
    lost = client.get(f"/v1/documents/{document.id}/pdf", headers=issuer.headers("t1", ["teacher"]))
    assert lost.status_code == 503 and lost.mimetype == "application/problem+json"
