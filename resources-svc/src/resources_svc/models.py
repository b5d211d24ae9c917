"""Every table of resources-svc, for Alembic and the app factory (``SERVICE.metadata``).

The tables are declared by the slice that owns them (``centres``, ``rooms``, ``workstations``) against the one
``Base``: one database schema, one migration history, so one metadata; importing this module
registers every table in it."""
from .base import Base
from .centres.models import Centre
from .rooms.models import Room
from .workstations.models import Workstation

__all__ = ["Base", "Centre", "Room", "Workstation"]
