"""The HTTP API of applications-svc: every slice's blueprint, in the order of the OpenAPI tags."""


def blueprints():
    from .allocation.api import teachers
    from .centres.api import centres
    from .interest.api import interest
    from .lottery.api import lottery
    from .periods.api import catalogue, periods

    return [periods, catalogue, centres, interest, lottery, teachers]
