"""The audit log of enrolment: who changed what, when and why (enrolments, waitlists, offers,
exceptions, approvals), written by every use case in its transaction, read by central admins."""
