"""Gunicorn settings shared by every service; a service's <package>/gunicorn_conf.py star-imports this and
sets `wsgi_app`."""
import os

from epimorfosi_platform.metrics import mark_process_dead

bind = os.environ.get("EPI_BIND", "0.0.0.0:8080")
workers = int(os.environ.get("EPI_WEB_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("EPI_WEB_THREADS", "4"))
timeout = int(os.environ.get("EPI_WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 15
accesslog = None  # each request is logged (JSON) and counted by the app itself
errorlog = "-"
loglevel = os.environ.get("EPI_LOG_LEVEL", "info").lower()
control_socket_disable = True  # gunicorn 27 would create a socket in $HOME (read-only in pods)
forwarded_allow_ips = os.environ.get("EPI_FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        os.makedirs(directory, exist_ok=True)


def child_exit(server, worker):
    mark_process_dead(worker.pid)
