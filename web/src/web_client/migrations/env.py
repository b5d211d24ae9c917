from epimorfosi_platform.migrations import run_migrations

from web_client.models import Base

run_migrations(Base.metadata)
