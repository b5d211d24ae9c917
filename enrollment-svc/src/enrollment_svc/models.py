"""Every table of enrollment-svc, for Alembic and the app factory (``SERVICE.metadata``).

The tables are declared by the slice that owns them (``periods``, ``programmes``, ``enrolment``) against the one
``Base``: one database schema, one migration history, so one metadata; importing this module
registers every table in it."""
from .base import Base
from .periods.models import TrainingPeriod
from .enrolment.models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, WithdrawalDeclaration
from .programmes.models import AllocationPhase, CandidateStatus, Programme, ProgrammeAllocation

__all__ = [
    "AllocationPhase", "Base", "CandidateStatus", "EnrolmentEntry", "EnrolmentProgramme", "EntryHistory",
    "Programme", "ProgrammeAllocation", "TrainingPeriod", "WithdrawalDeclaration",
]
