"""The HTTP API of enrollment-svc: every slice's blueprint, in the order of the OpenAPI tags."""


def blueprints():
    from .audit.api import audit
    from .closing.api import closing
    from .enrolment.api import enrolment
    from .offers.api import offers
    from .periods.api import periods
    from .lists.api import lists
    from .programmes.api import programmes
    from .staff.api import staff

    return [periods, programmes, staff, enrolment, offers, closing, audit, lists]
