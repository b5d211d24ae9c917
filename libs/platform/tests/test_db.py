"""Database helpers on the database of the run (PostgreSQL on the stack, SQLite otherwise)."""

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from epimorfosi_platform.db import insert_rows


def test_insert_rows_writes_in_the_callers_transaction_and_keeps_constraints(demo):
    effects = demo.effects
    rows = [{"event_id": f"e-{i:06d}", "n": i} for i in range(20_000)]
    with pytest.raises(RuntimeError):
        with demo.db.session() as s, s.begin():
            insert_rows(s, effects, rows)
            assert s.scalar(select(func.count()).select_from(effects)) == 20_000  # visible inside
            raise RuntimeError("the request failed")
    with demo.db.session() as s:
        assert s.scalar(select(func.count()).select_from(effects)) == 0  # rolled back with it
    with demo.db.session() as s, s.begin():
        s.execute(effects.insert().values(event_id="first", n=-1))  # pending work goes first
        insert_rows(s, effects, rows)
        insert_rows(s, effects, [])
    with demo.db.session() as s:
        assert s.scalar(select(func.sum(effects.c.n))) == sum(range(20_000)) - 1
    with pytest.raises(IntegrityError):
        with demo.db.session() as s, s.begin():
            insert_rows(s, effects, [{"event_id": "e-000007", "n": 7}])  # primary key taken
    with demo.db.session() as s:
        assert s.scalar(select(func.count()).select_from(effects)) == 20_001
