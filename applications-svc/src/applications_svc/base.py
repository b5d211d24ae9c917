"""The declarative base of the service's one SQLAlchemy metadata. Each slice declares its tables
in its own ``models.py`` against it; ``applications_svc.models`` imports them all, so that the
metadata Alembic compares with the migrations is complete (one schema, one migration history)."""
from epimorfosi_platform.db import make_base, one_of

Base = make_base()

__all__ = ["Base", "one_of"]
