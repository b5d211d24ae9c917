"""Every table of enrollment-svc, for Alembic and the app factory (``SERVICE.metadata``).

The tables are declared by the slice that owns them (``periods``, ``programmes``, ``enrolment``) against the one
``Base``: one database schema, one migration history, so one metadata; importing this module
registers every table in it."""
from .audit.models import AuditRecord
from .base import Base
from .candidates.models import Candidate
from .closing.models import FinalApproval, ReducedCompositionException
from .periods.models import TrainingPeriod
from .enrolment.models import EnrolmentEntry, EnrolmentProgramme, EntryHistory, ProgrammeOutcome, WithdrawalDeclaration
from .programmes.models import AllocationPhase, CandidateStatus, Programme, ProgrammeAllocation
from .staff.models import ProgrammeStaff, ProgrammeTrainer, Trainer

__all__ = [
    "AllocationPhase", "AuditRecord", "Base", "Candidate", "CandidateStatus", "EnrolmentEntry", "EnrolmentProgramme",
    "EntryHistory", "FinalApproval", "Programme", "ProgrammeAllocation", "ProgrammeOutcome", "ProgrammeStaff",
    "ProgrammeTrainer", "ReducedCompositionException", "Trainer", "TrainingPeriod", "WithdrawalDeclaration",
]
