"""Centres slice: the read model of resources-svc (centres and rooms, fed by ``consumers``) and
what a centre sees of it."""
