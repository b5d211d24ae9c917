"""The declarative base of the service's one SQLAlchemy metadata. Each slice declares its tables
in its own ``models.py`` against it; ``applications_svc.models`` imports them all, so that the
metadata Alembic compares with the migrations is complete (one schema, one migration history)."""
from collections.abc import Iterable

from epimorfosi_platform.db import make_base
from sqlalchemy import CheckConstraint

Base = make_base()


def one_of(column: str, values: Iterable[str], name: str) -> CheckConstraint:
    """``CHECK (column IN (...))`` from a state enum: the database and the code list the same values."""
    return CheckConstraint(f"{column} IN ({', '.join(repr(str(v)) for v in values)})", name=name)
