"""What the centre head's staff and minutes screens share: their own centre (from the token) and the
period chosen on the page (`?period=<id>`, the newest by default) with the state of its lists."""
from __future__ import annotations

from dataclasses import dataclass

from flask import request

from .. import errors
from ..api_client import ApiProblem
from ..signed_in import AccessDenied, current_session, web


@dataclass
class Scope:
    code: str
    period: dict | None  # None: no period exists yet
    periods: list
    state: dict  # staff-submission: window_open, submitted_at, submitted_by, editable

    @property
    def base(self) -> str:
        return f"centres/{self.code}/periods/{self.period['period_id']}"


def own_centre_code() -> str:
    code = current_session().centre_id
    if not code:
        raise AccessDenied()  # a centre head whose account names no centre sees no centre
    return code


def chosen_period(periods: list) -> dict | None:
    wanted = request.values.get("period", "")
    return next((p for p in periods if str(p["period_id"]) == wanted), periods[0] if periods else None)


def load_scope() -> Scope:
    code = own_centre_code()
    periods = web().api.get("resources", "periods") or []
    period = chosen_period(periods)
    scope = Scope(code, period, periods, {})
    if period is not None:
        try:
            scope.state = web().api.get("resources", f"{scope.base}/staff-submission")
        except ApiProblem as problem:
            if problem.status == 404 and str(problem.problem.get("type", "")).endswith("centre-not-found"):
                raise errors.CentreNotRegistered() from problem
            raise
    return scope
