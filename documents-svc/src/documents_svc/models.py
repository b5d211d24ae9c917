"""Every table of documents-svc, for Alembic and the app factory (``SERVICE.metadata``): declared by
the slice that owns them against the one ``Base``; importing this module registers them all."""
from .base import Base
from .documents.models import Document
from .trainees.models import Person, Programme

__all__ = ["Base", "Document", "Person", "Programme"]
