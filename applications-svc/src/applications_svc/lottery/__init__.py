"""Lottery slice: the programme lottery of a period (freeze -> seed -> draw, public and
verifiable) and the programmes it creates; its rule is ``rules.lottery``."""
