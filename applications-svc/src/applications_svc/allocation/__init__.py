"""Allocation slice: teacher applications (phases A and B) and their candidate numbers, the
allocation of each phase (freeze -> seed -> draw, like the lottery; its rule is
``rules.allocation``), a teacher's result, and the programme lists K2/K3."""
