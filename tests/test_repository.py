"""Checks on what the repository promises about itself."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_event_catalogue_matches_the_schemas():
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "event_catalogue.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_command():
    opening = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:20])
    assert "make run" in opening and "make test" in opening
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


SERVICES_WITH_DATABASES = ["identity", "resources_svc", "applications_svc", "enrollment_svc", "documents_svc", "web_client"]


def test_every_services_migrations_build_exactly_its_models(tmp_path):
    """A model changed without a migration (or the reverse) is caught here, for every service, on
    the database of the run (a private PostgreSQL database when EPI_PG_URL_BASE is set)."""
    import importlib

    from epimorfosi_platform.migrations import drift, upgrade
    from epimorfosi_platform.testing import fresh_database_url

    for package in SERVICES_WITH_DATABASES:
        service = importlib.import_module(package).SERVICE
        url, drop = fresh_database_url(f"drift_{package}", tmp_path)
        try:
            upgrade(service, url)
            assert drift(service, url) == [], package
        finally:
            drop()


def test_every_dockerfile_is_generated_from_the_one_template():
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "dockerfiles.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
