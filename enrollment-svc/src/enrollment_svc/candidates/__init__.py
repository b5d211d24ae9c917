"""Candidates slice: what enrollment-svc knows of each teacher it lists (K4, K5, the enrolment
screen, the notifier's e-mails), from the services that own it, by events (docs/decisions.md)."""
