from epimorfosi_platform.migrations import run_migrations

from resources_svc.models import Base

run_migrations(Base.metadata)
