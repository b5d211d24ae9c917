"""State changes of enrollment-svc requested over HTTP (enrolments, withdrawals, waitlists).

None yet: the service keeps read models only (periods, programmes and their allocations), which
consumers.py maintains."""
