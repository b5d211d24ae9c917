"""State changes of enrollment-svc requested over HTTP (enrolments, withdrawals, waitlists).

None yet: the walking skeleton only keeps the periods read model, which consumers.py maintains."""
