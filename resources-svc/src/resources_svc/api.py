"""The HTTP API of resources-svc: every slice's blueprint, in the order of the OpenAPI tags.

Rooms are a sub-resource of a centre (`/v1/centres/<code>/rooms`): the rooms slice adds its routes
to the centres blueprint, so both share its one tag (ΚΣΕ και αίθουσες). A later slice with a
resource of its own (staff, workstations, ...) brings its own blueprint and lists it here."""


def blueprints():
    from .centres.api import centres
    from .minutes.api import minutes
    from .periods.api import periods
    from .rooms import api as _rooms  # noqa: F401  (adds the rooms routes to `centres`)
    from .staff.api import staff
    from .trainers.api import trainers

    return [centres, periods, staff, minutes, trainers]
