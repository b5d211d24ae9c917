"""SQLAlchemy plumbing shared by every service: naming convention, engine, sessions."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import psycopg

from sqlalchemy import BigInteger, CheckConstraint, Integer, MetaData, and_, create_engine, event, or_
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Auto-incrementing 64-bit key that SQLite also accepts as its rowid alias.
BigId = BigInteger().with_variant(Integer, "sqlite")


def make_base() -> type[DeclarativeBase]:
    """A fresh declarative base per service: each service owns its own metadata and database."""

    class Base(DeclarativeBase):
        metadata = MetaData(naming_convention=NAMING_CONVENTION)

    return Base


def create_db_engine(url: str, **kwargs) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - trivial
            # WAL lets the web process and the worker read and write the same file concurrently.
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


class Database:
    """Engine plus a session factory; `scoped` is the per-request session used by the web app."""

    def __init__(self, url: str, metadata: MetaData, **engine_kwargs):
        self.url = url
        self.metadata = metadata
        self.engine = create_db_engine(url, **engine_kwargs)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        self.scoped = scoped_session(self.session_factory)

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def session(self) -> Session:
        return self.session_factory()

    def create_all(self) -> None:
        """Only for tests of the platform itself; services use their Alembic migrations."""
        self.metadata.create_all(self.engine)

    def dispose(self) -> None:
        self.scoped.remove()
        self.engine.dispose()


def conflict_aware_insert(session_or_connection, table):
    """`INSERT` of the session's dialect, which has `on_conflict_do_nothing/do_update` (PostgreSQL
    and SQLite both do). Uniqueness is decided by the database, never by "select then insert"."""
    from sqlalchemy.dialects import postgresql, sqlite

    bind = session_or_connection.get_bind() if hasattr(session_or_connection, "get_bind") else session_or_connection
    dialect = postgresql if bind.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)


def insert_rows(session: Session, table, rows: list[dict]) -> None:
    """Insert many rows in the session's transaction: `COPY` on PostgreSQL (hundreds of thousands
    of rows in about a second, where one statement per row takes tens), a multi-row insert
    elsewhere. Constraints hold as for any insert; every row must have the same keys."""
    if not rows:
        return
    table = getattr(table, "__table__", table)
    if session.get_bind().dialect.name != "postgresql":
        session.execute(table.insert(), rows)
        return
    columns = list(rows[0])
    session.flush()  # anything pending goes first, in order
    driver = session.connection().connection.driver_connection  # psycopg 3, same transaction
    quoted = ", ".join(f'"{name}"' for name in columns)
    statement = f'COPY "{table.name}" ({quoted}) FROM STDIN'
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[name] for name in columns])
    except psycopg.errors.IntegrityError as exc:  # as SQLAlchemy reports it for any other insert
        raise IntegrityError(statement, None, exc) from exc


def upsert_from_event(session: Session, table, key: str, values: dict, newest_by: str | None = None) -> None:
    """A read model's row from an event: insert it, or overwrite it from a *different* event;
    the same event again (a redelivery) changes nothing. `values` holds `last_event_id`.
    With `newest_by` (a version column the producer raises with each change, 0 in events that do
    not carry it) the row is overwritten only by a higher version, so events arriving out of order
    never undo a later change; rows and events without versions (both 0) keep the rule above."""
    insert = conflict_aware_insert(session, table).values(**values)
    where = table.c.last_event_id != insert.excluded.last_event_id
    if newest_by is not None:
        stored, incoming = table.c[newest_by], insert.excluded[newest_by]
        where = and_(where, or_(incoming > stored, and_(incoming == 0, stored == 0)))
    session.execute(
        insert.on_conflict_do_update(
            index_elements=[table.c[key]],
            set_={name: insert.excluded[name] for name in values if name != key},
            where=where,
        )
    )


def one_of(column: str, values: Iterable[str], name: str) -> CheckConstraint:
    """``CHECK (column IN (...))`` from a state enum: the database and the code list the same values."""
    return CheckConstraint(f"{column} IN ({', '.join(repr(str(v)) for v in values)})", name=name)
