"""What a service declares about itself, and the runtime objects the platform builds from it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from flask import Flask
from sqlalchemy import MetaData, Table

from .auth import TokenVerifier
from .clock import Clock, SystemClock
from .config import Settings
from .consumed import ConsumedSchemas
from .db import Database
from .events import EventFactory
from .handlers import Subscription
from .outbox import Outbox
from .mail import Mailer, MailOutbox, add_mail_outbox
from .tasks import Task
from .tables import PlatformTables, add_platform_tables


@dataclass
class ServiceDefinition:
    name: str  # e.g. "applications-svc": event source, queue prefix, logs
    package_dir: Path  # the service's package folder (holds events/ and migrations/)
    title: str
    version: str
    metadata: MetaData
    blueprints: Callable[[], Sequence]  # imported lazily so models load before views
    subscriptions: Sequence[Subscription] = ()
    configure_app: Callable[[Flask, "Runtime"], None] | None = None
    # Builds the service context once per process (web and worker): what its use cases and handlers
    # need beyond the platform's (a document store, a mailer, ...). Reached as `runtime.context`,
    # `web.service_context()` in requests and `ctx.service` in handlers.
    context: Callable[["Runtime"], Any] | None = None
    clock: Clock | None = None  # None: the system clock; tests set `runtime.clock`
    description: str = ""
    needs_broker: bool = True
    needs_signing_keys: bool = True
    settings: type[Settings] = Settings  # the service's own subclass when it has settings of its own
    tasks: Sequence[Task] = ()  # the service's own jobs: commands, and periodic in the worker (tasks.py)
    # Mails people (settings: a MailSettings subclass): a `mail_outbox` table, `runtime.mail`, and
    # the `send-mail` task that retries what failed (mail.py).
    sends_mail: bool = False
    tables: PlatformTables = field(init=False)
    mail_table: Table | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.tables = add_platform_tables(self.metadata)
        if self.sends_mail:
            self.mail_table = add_mail_outbox(self.metadata)
            self.tasks = (*self.tasks, SEND_MAIL)

    def settings_from_env(self, env=None, **overrides) -> Settings:
        return self.settings.from_env(self.name, env, **overrides)

    @property
    def events_dir(self) -> Path:
        return self.package_dir / "events"

    @property
    def consumed_events_dir(self) -> Path:
        """Copies of the producers' schemas of the events this service consumes."""
        return self.events_dir / "consumed"

    @property
    def migrations_dir(self) -> Path:
        return self.package_dir / "migrations"


class Runtime:
    """Everything a running service process needs, built once per process from settings."""

    def __init__(self, service: ServiceDefinition, settings: Settings, *, clock: Clock | None = None):
        self.service = service
        self.settings = settings
        self.clock: Clock = clock or service.clock or SystemClock()
        self.db = Database(settings.database_url, service.metadata)
        self.tables = service.tables
        self.outbox = Outbox(service.name, service.tables)
        # Late-bound: a test that replaces `runtime.clock` moves the events' time too.
        self.events = EventFactory(service.name, service.events_dir, now=lambda: self.clock.now())
        self.consumed = ConsumedSchemas(service.consumed_events_dir)
        self.consumed.require(t for subscription in service.subscriptions for t in subscription.handlers)
        self.verifier = TokenVerifier(
            settings.oidc_issuer, settings.oidc_audience, jwks_url=settings.oidc_jwks_url
        )
        self.mail: MailOutbox | None = None
        if service.sends_mail:
            self.mail = MailOutbox(service.name, service.mail_table, self.db, Mailer.from_settings(settings),
                                   now=lambda: self.clock.now())
        self.context: Any = service.context(self) if service.context else None



def _send_due_mail(runtime: Runtime) -> int:
    return runtime.mail.send_due()


SEND_MAIL = Task("send-mail", "send the e-mails that are due (new ones whose first try failed, retries)",
                 _send_due_mail, every=15)
