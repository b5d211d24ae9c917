"""Periods slice: the read model of applications-svc's training periods (fed by ``consumers``) and
their enrolment window."""
