"""Gunicorn settings of this service: the platform defaults plus its WSGI app (`python -m applications_svc web`)."""
from epimorfosi_platform.gunicorn_defaults import *  # noqa: F401,F403

wsgi_app = "applications_svc:create_app()"
