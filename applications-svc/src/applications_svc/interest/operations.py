"""Use cases of the expression of interest. Every change claims the centre's draft first (a
conditional UPDATE), so a change after «Οριστική υποβολή» committed matches nothing; each use
case answers with the view both tables show."""
from __future__ import annotations

from collections.abc import Callable

from epimorfosi_platform import Problem
from epimorfosi_platform.auth import Principal
from epimorfosi_platform.web import emit, session
from sqlalchemy import delete, insert, update
from sqlalchemy.exc import IntegrityError

from ..audit import audit
from ..centres.models import Centre
from ..centres.queries import usable_rooms
from ..clock import now
from ..lottery.queries import refuse_if_frozen
from ..periods.models import TrainingPeriod
from ..periods.queries import cluster_names, clusters_of_level, get_period, require_window
from . import choices
from .models import InterestChoice, InterestExpression
from .queries import expression_of, interest_view

# change(chosen, allowed) -> the new chosen list (a pure function of `choices`)
Change = Callable[[list[str], list[str]], list[str]]


def _editable(principal: Principal, period_id: int, centre_code: str) -> tuple[TrainingPeriod, InterestExpression]:
    """The centre's draft, claimed for this transaction. The first statement is a conditional UPDATE
    on the draft (a row lock on PostgreSQL): once «Οριστική υποβολή» committed, it matches nothing."""
    period = get_period(period_id)
    require_window("interest", period)
    refuse_if_frozen(period_id, "Εκδήλωση ενδιαφέροντος")
    moment = now()
    expression = expression_of(period_id, centre_code)
    if expression is None:
        expression = InterestExpression(period_id=period_id, centre_code=centre_code, status="draft", version=0,
                                        declarations_accepted=False, saved=False,
                                        updated_by=principal.subject, updated_at=moment)
        try:
            with session.begin_nested():  # a concurrent first change of the same centre may win
                session.add(expression)
        except IntegrityError:
            expression = expression_of(period_id, centre_code)
    claimed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == "draft")
        .values(version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise Problem(409, slug="interest-submitted",
                      detail="Η αίτηση έχει υποβληθεί οριστικά· οι επιλογές δεν αλλάζουν πια.")
    session.refresh(expression)
    return period, expression


def _store_choices(expression: InterestExpression, chosen: list[str]) -> None:
    session.execute(delete(InterestChoice).where(InterestChoice.expression_id == expression.id))
    if chosen:
        session.execute(insert(InterestChoice), [
            {"expression_id": expression.id, "rank": i, "cluster_code": code} for i, code in enumerate(chosen, 1)])
    session.expire(expression, ["choices"])


def change_choices(principal: Principal, period_id: int, centre_code: str, change: Change) -> dict:
    """Apply `change(chosen, allowed) -> new chosen` to the draft list."""
    period, expression = _editable(principal, period_id, centre_code)
    allowed = [c.code for c in clusters_of_level(period.level)]
    chosen = [c.cluster_code for c in expression.choices]
    try:
        new = change(chosen, allowed)
    except choices.ChoiceError as exc:
        raise Problem(422, slug="invalid-choice", detail=str(exc))
    if new != chosen:
        _store_choices(expression, new)
        expression.saved = False  # «Καταχώριση επιλογών» is needed again
    session.flush()
    return interest_view(period_id, centre_code)


def set_declarations(principal: Principal, period_id: int, centre_code: str, accepted: bool) -> dict:
    _, expression = _editable(principal, period_id, centre_code)
    expression.declarations_accepted = accepted
    expression.declarations_accepted_at = now() if accepted else None
    if not accepted:
        expression.saved = False
    session.flush()
    return interest_view(period_id, centre_code)


def save_choices(principal: Principal, period_id: int, centre_code: str,
                 clusters: list[str] | None = None, declarations_accepted: bool | None = None) -> dict:
    """«Καταχώριση επιλογών»: only with the declarations accepted («Συμφωνώ»). With `clusters`, the
    whole ordered list is replaced first (a client that keeps the two lists locally)."""
    period, expression = _editable(principal, period_id, centre_code)
    if declarations_accepted is not None:
        expression.declarations_accepted = declarations_accepted
        expression.declarations_accepted_at = now() if declarations_accepted else None
    if not expression.declarations_accepted:
        raise Problem(422, slug="declarations-not-accepted",
                      detail="Για την «Καταχώριση επιλογών» πρέπει πρώτα να αποδεχθείτε τις δηλώσεις («Συμφωνώ»).")
    if clusters is not None:
        allowed = [c.code for c in clusters_of_level(period.level)]
        try:
            new = choices.replace_choices(clusters, allowed)
        except choices.ChoiceError as exc:
            raise Problem(422, slug="invalid-choice", detail=str(exc))
        _store_choices(expression, new)
    expression.saved = True
    expression.saved_at = now()
    session.flush()
    return interest_view(period_id, centre_code)


def submit_interest(principal: Principal, period_id: int, centre_code: str) -> dict:
    """«Οριστική υποβολή» («Ναι»). Safe against a double submission: the database decides through
    the conditional UPDATE ... WHERE status = 'draft' (exactly one caller changes the row)."""
    period = get_period(period_id)
    require_window("interest", period)
    refuse_if_frozen(period_id, "Εκδήλωση ενδιαφέροντος")
    expression = expression_of(period_id, centre_code)
    if expression is not None and expression.status == "submitted":
        raise Problem(409, slug="interest-submitted", detail="Η αίτηση έχει ήδη υποβληθεί οριστικά.")
    centre = session.get(Centre, centre_code)
    if centre is None:
        raise Problem(409, slug="centre-unknown",
                      detail=f"Το ΚΣΕ {centre_code} δεν είναι ακόμη γνωστό στην υπηρεσία· δοκιμάστε ξανά σε λίγο.")
    chosen = [c.cluster_code for c in expression.choices] if expression else []
    blockers = choices.submission_refusals(
        chosen=chosen, required=period.required_clusters,
        declarations_accepted=bool(expression and expression.declarations_accepted),
        saved=bool(expression and expression.saved), usable_rooms=len(usable_rooms(centre_code)))
    if blockers:
        raise Problem(422, slug="interest-incomplete", detail=" ".join(blockers), errors=blockers)
    moment = now()
    changed = session.execute(
        update(InterestExpression)
        .where(InterestExpression.id == expression.id, InterestExpression.status == "draft",
               InterestExpression.version == expression.version, InterestExpression.saved.is_(True))
        .values(status="submitted", submitted_at=moment, submitted_by=principal.subject,
                version=InterestExpression.version + 1, updated_by=principal.subject, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        raise Problem(409, slug="interest-submitted",
                      detail="Η αίτηση άλλαξε ή υποβλήθηκε οριστικά ταυτόχρονα από άλλη σύνδεση.")
    session.refresh(expression)
    emit("applications.interest.submitted.v1", subject=f"{period_id}:{centre_code}",
         data=_submitted(period, centre, chosen, principal, moment))
    audit(principal, "interest.submitted", f"{period_id}:{centre_code}", {"clusters": chosen}, period_id)
    return interest_view(period_id, centre_code)


def _submitted(period: TrainingPeriod, centre: Centre, chosen: list[str], principal: Principal, moment) -> dict:
    """The data of applications.interest.submitted.v1."""
    names = cluster_names()
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
