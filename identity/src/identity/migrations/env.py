from epimorfosi_platform.migrations import run_migrations

from identity.models import Base

run_migrations(Base.metadata)
