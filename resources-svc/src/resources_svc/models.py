"""Every table of resources-svc, for Alembic and the app factory (``SERVICE.metadata``).

The tables are declared by the slice that owns them (``centres``, ``rooms``, ``trainers``) against the one
``Base``: one database schema, one migration history, so one metadata; importing this module
registers every table in it."""
from .base import Base
from .centres.models import Centre
from .minutes.models import Minutes, MinutesConfirmation
from .periods.models import TrainingPeriod
from .rooms.models import Room
from .staff.models import StaffList, StaffMember
from .trainers.models import Trainer

__all__ = ["Base", "Centre", "Minutes", "MinutesConfirmation", "Room", "StaffList", "StaffMember",
           "Trainer", "TrainingPeriod"]
