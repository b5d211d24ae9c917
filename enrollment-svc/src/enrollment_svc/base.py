"""The declarative base of the service's one SQLAlchemy metadata. Each slice declares its tables in
its own ``models.py`` against it; ``enrollment_svc.models`` imports them all for Alembic."""
from epimorfosi_platform.db import make_base

Base = make_base()


def one_of(column: str, values) -> str:
    """The SQL of a CHECK that `column` holds one of `values` (an enum's members)."""
    return f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"
