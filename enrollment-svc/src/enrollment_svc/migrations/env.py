from epimorfosi_platform.migrations import run_migrations

from enrollment_svc.models import Base

run_migrations(Base.metadata)
