"""After-commit callbacks and rollback compensations (epimorfosi_platform.txhooks)."""
import pytest
from sqlalchemy import Column, Integer, MetaData, Table

from epimorfosi_platform.db import Database
from epimorfosi_platform.txhooks import on_commit, on_rollback


@pytest.fixture
def db(tmp_path):
    metadata = MetaData()
    Table("thing", metadata, Column("id", Integer, primary_key=True))
    database = Database(f"sqlite:///{tmp_path}/hooks.sqlite", metadata)
    database.create_all()
    yield database
    database.dispose()


def test_callbacks_run_after_the_commit_and_compensations_do_not(db):
    seen = []
    with db.session() as session, session.begin():
        on_commit(session, lambda: seen.append("mail"))
        on_rollback(session, lambda: seen.append("undo"))
        session.execute(db.metadata.tables["thing"].insert().values(id=1))
        assert seen == []  # not before the commit
    assert seen == ["mail"]


def test_compensations_run_newest_first_after_a_real_rollback_and_callbacks_do_not(db):
    seen = []
    with pytest.raises(RuntimeError):
        with db.session() as session, session.begin():
            on_commit(session, lambda: seen.append("mail"))
            on_rollback(session, lambda: seen.append("undo first"))
            on_rollback(session, lambda: seen.append("undo second"))
            raise RuntimeError("the request failed")
    assert seen == ["undo second", "undo first"]


def test_a_savepoint_rolling_back_runs_nothing_and_the_transaction_keeps_its_hooks(db):
    seen = []
    with db.session() as session, session.begin():
        on_commit(session, lambda: seen.append("mail"))
        on_rollback(session, lambda: seen.append("undo"))
        with pytest.raises(RuntimeError):
            with session.begin_nested():
                raise RuntimeError("one event of a batch failed")
        assert seen == []
    assert seen == ["mail"]


def test_the_scoped_session_of_a_request_works_too(db):
    seen = []
    on_commit(db.scoped, lambda: seen.append("mail"))
    db.scoped.commit()
    assert seen == ["mail"]
    db.scoped.remove()


def test_a_failing_callback_does_not_stop_the_others(db):
    seen = []
    with db.session() as session, session.begin():
        on_commit(session, lambda: 1 / 0)
        on_commit(session, lambda: seen.append("second"))
    assert seen == ["second"]
