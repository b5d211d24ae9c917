"""Notifications slice: an e-mail to the teacher at every change of their status in a programme
(a consumer of enrollment-svc's own `enrollment.candidate.status_changed.v1`), in Greek, saying what
to do next (`messages.py` is the spec)."""
