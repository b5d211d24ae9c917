"""Gunicorn settings of the web client: the platform defaults plus its WSGI app (`python -m web_client web`)."""
from epimorfosi_platform.gunicorn_defaults import *  # noqa: F401,F403

wsgi_app = "web_client:create_app()"
