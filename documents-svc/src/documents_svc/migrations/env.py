from epimorfosi_platform.migrations import run_migrations

from documents_svc.models import Base

run_migrations(Base.metadata)
