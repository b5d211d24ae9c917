"""Alembic, driven from code: each service keeps `migrations/` with a three-line env.py."""
from __future__ import annotations

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, pool
from sqlalchemy.types import TypeDecorator

from .db import create_db_engine
from .service import ServiceDefinition


def alembic_config(service: ServiceDefinition, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(service.migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["service_name"] = service.name
    return config


def upgrade(service: ServiceDefinition, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service, database_url), revision)


def revision(service: ServiceDefinition, database_url: str, message: str) -> None:
    command.revision(alembic_config(service, database_url), message=message, autogenerate=True)


def _render_item(kind: str, obj, autogen_context):
    """Render a TypeDecorator (e.g. columns.UtcDateTime) as the plain SQLAlchemy type the database
    sees, so migrations never import application code and need no extra imports."""
    if kind == "type" and isinstance(obj, TypeDecorator):
        impl = obj.impl_instance
        if type(impl).__module__.startswith("sqlalchemy.sql"):
            return f"sa.{impl!r}"
    return False


def run_migrations(metadata: MetaData) -> None:
    """Body of every service's migrations/env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    engine = create_db_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
            compare_type=True,
            render_item=_render_item,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def drift(service: ServiceDefinition, database_url: str) -> list:
    """What a database migrated to head lacks or has beyond the service's models (alembic's
    autogenerate comparison; empty when the migrations build exactly the models' schema)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = create_db_engine(database_url, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return compare_metadata(context, service.metadata)
    finally:
        engine.dispose()
