"""Use cases of the expression of interest. Every change claims the centre's draft first (a
conditional UPDATE), so a change after «Οριστική υποβολή» committed matches nothing; each use
case answers with the view both tables show."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from epimorfosi_platform.auth import Principal
from epimorfosi_platform.errors import Conflict, Invalid
from epimorfosi_platform.publishing import emit
from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..audit import audit
from ..centres.models import Centre
from ..centres.queries import usable_rooms
from ..lottery.queries import refuse_if_frozen
from ..periods.models import TrainingPeriod
from ..periods.queries import cluster_names, clusters_of_level, get_period, require_window
from ..periods.windows import Action
from . import choices
from .models import InterestChoice, InterestExpression, InterestStatus
from .queries import expression_of, interest_view

# change(chosen, allowed) -> the new chosen list (a pure function of `choices`)
Change = Callable[[list[str], list[str]], list[str]]


def _open_period(session: Session, period_id: int, now: datetime) -> TrainingPeriod:
    """The period, while its expression of interest is open and its lottery not frozen."""
    period = get_period(session, period_id)
    require_window(Action.INTEREST, period, now)
    refuse_if_frozen(session, period_id, "Εκδήλωση ενδιαφέροντος")
    return period


def _editable(session: Session, principal: Principal, period_id: int, centre_code: str,
              now: datetime) -> tuple[TrainingPeriod, InterestExpression]:
    """The centre's draft, claimed for this transaction. The first statement is a conditional UPDATE
    on the draft (a row lock on PostgreSQL): once «Οριστική υποβολή» committed, it matches nothing."""
    period = _open_period(session, period_id, now)
    expression = expression_of(session, period_id, centre_code)
    if expression is None:
        expression = InterestExpression(period_id=period_id, centre_code=centre_code, status=InterestStatus.DRAFT,
                                        version=0, declarations_accepted=False, saved=False,
                                        updated_by=principal.subject, updated_at=now)
        try:
            with session.begin_nested():  # a concurrent first change of the same centre may win
                session.add(expression)
        except IntegrityError:
            expression = expression_of(session, period_id, centre_code)
    claimed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == InterestStatus.DRAFT)
        .values(version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise Conflict("Η αίτηση έχει υποβληθεί οριστικά· οι επιλογές δεν αλλάζουν πια.", slug="interest-submitted")
    session.refresh(expression)
    return period, expression


def _store_choices(session: Session, expression: InterestExpression, chosen: list[str]) -> None:
    session.execute(delete(InterestChoice).where(InterestChoice.expression_id == expression.id))
    if chosen:
        session.execute(insert(InterestChoice), [
            {"expression_id": expression.id, "rank": i, "cluster_code": code} for i, code in enumerate(chosen, 1)])
    session.expire(expression, ["choices"])


def change_choices(session: Session, principal: Principal, period_id: int, centre_code: str, change: Change, *,
                   now: datetime) -> dict:
    """Apply `change(chosen, allowed) -> new chosen` to the draft list (a ChoiceError refuses it)."""
    period, expression = _editable(session, principal, period_id, centre_code, now)
    allowed = [c.code for c in clusters_of_level(session, period.level)]
    chosen = [c.cluster_code for c in expression.choices]
    new = change(chosen, allowed)
    if new != chosen:
        _store_choices(session, expression, new)
        expression.saved = False  # «Καταχώριση επιλογών» is needed again
    session.flush()
    return interest_view(session, period_id, centre_code, now=now)


def set_declarations(session: Session, principal: Principal, period_id: int, centre_code: str, accepted: bool, *,
                     now: datetime) -> dict:
    _, expression = _editable(session, principal, period_id, centre_code, now)
    expression.declarations_accepted = accepted
    expression.declarations_accepted_at = now if accepted else None
    if not accepted:
        expression.saved = False
    session.flush()
    return interest_view(session, period_id, centre_code, now=now)


def save_choices(session: Session, principal: Principal, period_id: int, centre_code: str,
                 clusters: list[str] | None = None, declarations_accepted: bool | None = None, *,
                 now: datetime) -> dict:
    """«Καταχώριση επιλογών»: only with the declarations accepted («Συμφωνώ»). With `clusters`, the
    whole ordered list is replaced first (a client that keeps the two lists locally)."""
    period, expression = _editable(session, principal, period_id, centre_code, now)
    if declarations_accepted is not None:
        expression.declarations_accepted = declarations_accepted
        expression.declarations_accepted_at = now if declarations_accepted else None
    if not expression.declarations_accepted:
        raise Invalid("Για την «Καταχώριση επιλογών» πρέπει πρώτα να αποδεχθείτε τις δηλώσεις («Συμφωνώ»).",
                      slug="declarations-not-accepted")
    if clusters is not None:
        allowed = [c.code for c in clusters_of_level(session, period.level)]
        _store_choices(session, expression, choices.replace_choices(clusters, allowed))
    expression.saved = True
    expression.saved_at = now
    session.flush()
    return interest_view(session, period_id, centre_code, now=now)


def submit_interest(session: Session, principal: Principal, period_id: int, centre_code: str, confirmed: bool, *,
                    now: datetime) -> dict:
    """«Οριστική υποβολή» («Ναι»). Safe against a double submission: the database decides through
    the conditional UPDATE ... WHERE status = 'draft' (exactly one caller changes the row)."""
    if not confirmed:
        raise Invalid("Η οριστική υποβολή απαιτεί επιβεβαίωση («Ναι»).", slug="not-confirmed")
    period = _open_period(session, period_id, now)
    expression = expression_of(session, period_id, centre_code)
    if expression is not None and expression.status == InterestStatus.SUBMITTED:
        raise Conflict("Η αίτηση έχει ήδη υποβληθεί οριστικά.", slug="interest-submitted")
    centre = session.get(Centre, centre_code)
    if centre is None:
        raise Conflict(f"Το ΚΣΕ {centre_code} δεν είναι ακόμη γνωστό στην υπηρεσία· δοκιμάστε ξανά σε λίγο.",
                       slug="centre-unknown")
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    blockers = choices.submission_refusals(
        chosen=chosen, required=period.required_clusters,
        declarations_accepted=bool(expression and expression.declarations_accepted),
        saved=bool(expression and expression.saved), usable_rooms=len(usable_rooms(session, centre_code)))
    if blockers:
        raise Invalid(" ".join(blockers), slug="interest-incomplete", errors=blockers)
    changed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == InterestStatus.DRAFT,
               InterestExpression.version == expression.version, InterestExpression.saved.is_(True))
        .values(status=InterestStatus.SUBMITTED, submitted_at=now, submitted_by=principal.subject,
                version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Conflict("Η αίτηση άλλαξε ή υποβλήθηκε οριστικά ταυτόχρονα από άλλη σύνδεση.", slug="interest-submitted")
    session.refresh(expression)
    emit(session, "applications.interest.submitted.v1", subject=f"{period_id}:{centre_code}",
         data=_submitted(session, period, centre, chosen, principal, now))
    audit(session, principal, "interest.submitted", f"{period_id}:{centre_code}", {"clusters": chosen}, period_id,
          now=now)
    return interest_view(session, period_id, centre_code, now=now)


def _submitted(session: Session, period: TrainingPeriod, centre: Centre, chosen: list[str], principal: Principal,
               moment: datetime) -> dict:
    """The data of applications.interest.submitted.v1."""
    names = cluster_names(session)
    return {
        "period_id": period.id,
        "period_code": period.code,
        "period_name": period.name,
        "centre_code": centre.code,
        "centre_name": centre.name,
        "directorate": centre.directorate,
        "prefecture": centre.prefecture,
        "region": centre.region,
        "clusters": [{"rank": i, "code": code, "name": names[code]} for i, code in enumerate(chosen, 1)],
        "declarations": list(choices.DECLARATIONS),
        "declarations_accepted": True,
        "submitted_at": moment.isoformat(),
        "submitted_by": principal.subject,
    }
