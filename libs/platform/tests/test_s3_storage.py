"""S3Store against a real S3-compatible server (moto's, over HTTP on a free port)."""
import boto3
import pytest

from epimorfosi_platform.s3_storage import S3Store, file_store
from epimorfosi_platform.storage import FileStore, LocalFolderStore, NotStored
from epimorfosi_platform.testing import s3_server


@pytest.fixture(scope="module")
def s3():
    with s3_server() as settings:
        yield settings


@pytest.fixture
def store(s3, request):
    return file_store("s3", root="unused", bucket=s3["bucket"], prefix=f"t/{request.node.name}",
                      endpoint_url=s3["endpoint_url"], region=s3["region"])


def test_the_bucket_is_content_addressed_and_idempotent(store, s3):
    key = store.put(b"%PDF-1.7 one")
    assert key == FileStore.key_for(b"%PDF-1.7 one")
    assert store.put(b"%PDF-1.7 one") == key
    assert store.get(key) == b"%PDF-1.7 one" and store.exists(key)
    assert store.put(b"%PDF-1.7 two") != key
    client = boto3.client("s3", endpoint_url=s3["endpoint_url"], region_name=s3["region"])
    listed = client.list_objects_v2(Bucket=s3["bucket"], Prefix=store.prefix)["Contents"]
    assert sorted(o["Key"] for o in listed) == sorted(store.prefix + k for k in (key, FileStore.key_for(b"%PDF-1.7 two")))
    head = client.head_object(Bucket=s3["bucket"], Key=store.prefix + key)
    assert head["ContentType"] == "application/pdf"


def test_a_missing_object_is_not_stored(store):
    absent = FileStore.key_for(b"never put")
    assert not store.exists(absent)
    with pytest.raises(NotStored):
        store.get(absent)


def test_keys_that_are_not_its_own_never_reach_the_bucket(store):
    for key in ("../../etc/passwd", "/etc/passwd", "sha256/00/../../x.pdf"):
        with pytest.raises(ValueError):
            store.get(key)


def test_a_wrong_bucket_is_an_error_not_a_missing_file(s3):
    wrong = S3Store("no-such-bucket", endpoint_url=s3["endpoint_url"], region=s3["region"])
    with pytest.raises(Exception) as raised:
        wrong.get(FileStore.key_for(b"x"))
    assert not isinstance(raised.value, NotStored)


def test_settings_choose_the_store(tmp_path):
    assert isinstance(file_store("local", root=tmp_path), LocalFolderStore)
    with pytest.raises(ValueError):
        file_store("s3", root=tmp_path)  # no bucket
    with pytest.raises(ValueError):
        file_store("ftp", root=tmp_path)
