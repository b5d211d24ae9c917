"""Work tied to the outcome of a session's transaction (the web app commits once per request,
after the view; a consumer once per event or batch): e.g. send e-mail only after the commit, undo a
change in another system (Keycloak) when the transaction rolls back. A savepoint rolling back is not
the end of the transaction: it runs nothing."""
from __future__ import annotations

import logging
from typing import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_COMMIT, _ROLLBACK = "epimorfosi.after_commit", "epimorfosi.after_rollback"


def _install(session: Session) -> None:
    if _COMMIT in session.info:
        return
    session.info[_COMMIT], session.info[_ROLLBACK] = [], []

    def after_commit(s: Session) -> None:
        callbacks, s.info[_COMMIT], s.info[_ROLLBACK] = list(s.info[_COMMIT]), [], []
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("after-commit callback failed")

    def after_soft_rollback(s: Session, previous_transaction) -> None:
        if previous_transaction.nested or previous_transaction.parent is not None:
            return  # a savepoint: the request's transaction goes on
        callbacks, s.info[_COMMIT], s.info[_ROLLBACK] = list(s.info[_ROLLBACK]), [], []
        for callback in reversed(callbacks):
            try:
                callback()
            except Exception:
                log.exception("rollback compensation failed")

    event.listen(session, "after_commit", after_commit)
    event.listen(session, "after_soft_rollback", after_soft_rollback)


def _target(session) -> Session:
    # The request's `session` is a LocalProxy/scoped_session; events attach to the real Session.
    getter = getattr(session, "_get_current_object", None)
    session = getter() if getter else session
    registry = getattr(session, "registry", None)
    return registry() if registry is not None and not isinstance(session, Session) else session


def on_commit(session, callback: Callable[[], None]) -> None:
    """Run `callback` once the session's transaction has committed (a failure is logged, not raised)."""
    target = _target(session)
    _install(target)
    target.info[_COMMIT].append(callback)


def on_rollback(session, callback: Callable[[], None]) -> None:
    """Run `callback` if the session's transaction rolls back, compensations newest first."""
    target = _target(session)
    _install(target)
    target.info[_ROLLBACK].append(callback)
