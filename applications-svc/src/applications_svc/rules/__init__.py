"""Draw rules of applications-svc: pure, deterministic, standard library only.

- ``rng``: SHA-256 counter-mode generator (the byte layout is in its docstring).
- ``canonical``: canonical JSON and the input hash that freezes a draw before its seed.
- ``lottery``: programmes of the geographic distribution to training-support centres.
- ``allocation``: teachers to programmes (random serial dictatorship), phases A and B.

A draw is published as a record ``{"kind", "algorithm", "input", "input_sha256", "seed",
"result"}``; ``python -m applications_svc.verify record.json`` recomputes it.
"""
from .rng import ALGORITHM_VERSION

__all__ = ["ALGORITHM_VERSION"]
