"""Every table of applications-svc, for Alembic and the app factory (``SERVICE.metadata``).

The tables are declared by the slice that owns them (``periods``, ``centres``, ``interest``,
``lottery``, ``allocation``, and ``audit``), against the one ``Base``: the service has one
database schema and one migration history, so one metadata; importing this module registers
every table in it. Slices may reference each other's tables (foreign keys by table name)."""
from .allocation.models import (
    Allocation,
    AllocationCandidate,
    AllocationSeat,
    AllocationWaitlist,
    TeacherApplication,
    TeacherChoice,
)
from .audit import AuditEntry
from .base import Base
from .centres.models import Centre, Room
from .draws.models import DrawColumns
from .interest.models import InterestChoice, InterestExpression
from .lottery.models import Lottery, Programme
from .periods.models import Cluster, ClusterSpecialty, DistributionRow, ProgrammeCategory, TrainingPeriod

__all__ = [
    "Allocation", "AllocationCandidate", "AllocationSeat", "AllocationWaitlist", "AuditEntry", "Base",
    "Centre", "Cluster", "ClusterSpecialty", "DistributionRow", "DrawColumns", "InterestChoice",
    "InterestExpression", "Lottery", "Programme", "ProgrammeCategory", "Room", "TeacherApplication",
    "TeacherChoice", "TrainingPeriod",
]
