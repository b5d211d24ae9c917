from epimorfosi_platform.gunicorn_defaults import *  # noqa: F401,F403

wsgi_app = "applications_svc:create_app()"
