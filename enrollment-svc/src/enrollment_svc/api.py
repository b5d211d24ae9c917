"""The HTTP API of enrollment-svc: every slice's blueprint, in the order of the OpenAPI tags."""


def blueprints():
    from .enrolment.api import enrolment
    from .periods.api import periods
    from .programmes.api import programmes

    return [periods, programmes, enrolment]
