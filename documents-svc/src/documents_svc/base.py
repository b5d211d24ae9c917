"""The declarative base of the service's one SQLAlchemy metadata. Each slice declares its tables in
its own ``models.py`` against it; ``documents_svc.models`` imports them all for Alembic."""
from epimorfosi_platform.db import make_base

Base = make_base()
