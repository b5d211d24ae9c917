"""Candidate numbers: the public name of a teacher in a period's allocation records."""
from datetime import datetime, timezone

import pytest
from epimorfosi_platform.migrations import upgrade
from epimorfosi_platform.testing import fresh_database_url
from sqlalchemy import create_engine, insert, text

from applications_svc import SERVICE
from applications_svc.allocation import candidates, operations, queries
from applications_svc.models import AllocationCandidate, TeacherApplication, TrainingPeriod


def test_number_format_and_alphabet():
    number = candidates.candidate_number(bytes(range(7)))
    assert number == candidates.candidate_number(bytes(range(7)) + b"ignored")
    assert len(number) == 11 and number[5] == "-"
    assert set(number) - {"-"} <= set(candidates.CANDIDATE_ALPHABET)
    assert not set("01OI") & set(candidates.CANDIDATE_ALPHABET)  # nothing to misread
    assert candidates.candidate_number(b"\xff" * 7) != candidates.candidate_number(b"\xff" * 6 + b"\x00")
    assert len({candidates.new_candidate_number() for _ in range(2000)}) == 2000
    with pytest.raises(ValueError):
        candidates.candidate_number(b"short")


def test_a_number_already_taken_is_drawn_again(app, monkeypatch):
    db = app.extensions["epimorfosi"].db
    with db.session() as s, s.begin():
        period = _period(s)
        s.add(AllocationCandidate(period_id=period, teacher_id="t-1", number="AAAAA-AAAAA",
                                  created_at=datetime.now(timezone.utc)))
    drawn = iter(["AAAAA-AAAAA", "BBBBB-BBBBB"])
    monkeypatch.setattr(candidates, "new_candidate_number", lambda: next(drawn))
    now = datetime.now(timezone.utc)
    with db.session() as session, session.begin():  # a use case needs a session, not a request
        assert operations.give_candidate_number(session, period, "t-2", now=now) == "BBBBB-BBBBB"
        assert operations.give_candidate_number(session, period, "t-2", now=now) == "BBBBB-BBBBB"  # kept
        assert queries.candidate_number(session, period, "t-3") is None  # reading creates nothing


def test_migration_gives_existing_applications_their_numbers(tmp_path):
    url, drop = fresh_database_url("applications_migration", tmp_path)
    try:
        upgrade(SERVICE, url, "767191ce5ada")
        engine = create_engine(url)
        with engine.begin() as connection:
            from sqlalchemy.orm import Session

            with Session(connection) as s:
                period = _period(s)
                moment = datetime.now(timezone.utc)
                s.execute(insert(TeacherApplication.__table__), [
                    {"period_id": period, "phase": phase, "teacher_id": teacher, "specialty": "ΠΕ86",
                     "version": 1, "created_at": moment, "updated_at": moment}
                    for teacher, phase in (("t-1", "A"), ("t-1", "B"), ("t-2", "A"))])
                s.flush()
        upgrade(SERVICE, url)
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT teacher_id, number FROM allocation_candidate ORDER BY teacher_id")).all()
        engine.dispose()
        assert [r[0] for r in rows] == ["t-1", "t-2"] and rows[0][1] != rows[1][1]
    finally:
        drop()


def _period(s) -> int:
    day = [datetime(2026, 9, d, tzinfo=timezone.utc) for d in range(1, 9)]
    period = TrainingPeriod(
        code="P-1", name="Περίοδος", level="B2", required_clusters=13, minimum_participants=10,
        interest_opens_at=day[0], interest_closes_at=day[1], applications_a_opens_at=day[2],
        applications_a_closes_at=day[3], applications_b_opens_at=day[4], applications_b_closes_at=day[5],
        allocation_published_at=day[6], enrolment_deadline=day[7], created_by="test")
    s.add(period)
    s.flush()
    return period.id
