"""The HTTP API of documents-svc: every slice's blueprint, in the order of the OpenAPI tags."""


def blueprints():
    from .documents.api import documents, verify
    from .lists.api import lists

    return [documents, verify, lists]
