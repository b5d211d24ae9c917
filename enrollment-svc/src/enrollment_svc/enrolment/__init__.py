"""Enrolment slice: each candidate's entry in a programme (an explicit state with its history),
seeded by the allocation; enrolment, withdrawal with a signed declaration, and the one waitlist
promotion mechanism every freed seat goes through (`rules.py` is the spec)."""
