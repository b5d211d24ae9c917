"""The one declarative Base of identity: every slice declares its tables on it (one database, one
migration history); `models.py` imports them all for Alembic."""
from epimorfosi_platform.db import make_base

Base = make_base()


def one_of(column: str, values) -> str:
    """A CHECK clause for a column holding one of an enum's values (the database refuses typos)."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"
