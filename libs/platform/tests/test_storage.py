import pytest

from epimorfosi_platform.storage import LocalFolderStore, NotStored


def test_store_is_content_addressed_and_idempotent(tmp_path):
    store = LocalFolderStore(tmp_path)
    key = store.put(b"%PDF-1.7 one")
    assert store.put(b"%PDF-1.7 one") == key
    assert store.get(key) == b"%PDF-1.7 one" and store.exists(key)
    assert store.put(b"%PDF-1.7 two") != key
    assert len([p for p in tmp_path.rglob("*") if p.is_file()]) == 2  # no temp files left behind


def test_store_refuses_keys_that_are_not_its_own(tmp_path):
    store = LocalFolderStore(tmp_path)
    for key in ("../../etc/passwd", "/etc/passwd", "sha256/00/../../x.pdf"):
        with pytest.raises(ValueError):
            store.get(key)
    with pytest.raises(NotStored):
        store.get("sha256/00/" + "0" * 64 + ".pdf")


def test_store_keeps_the_suffix_it_is_given_and_refuses_odd_ones(tmp_path):
    store = LocalFolderStore(tmp_path)
    key = store.put(b"%PDF-1.7 minutes", suffix=".pdf")
    assert key.endswith(".pdf") and store.get(key) == b"%PDF-1.7 minutes"
    for suffix in ("pdf", ".PDF", "./../x", ".toolongsuffix"):
        with pytest.raises(ValueError):
            store.put(b"x", suffix=suffix)
