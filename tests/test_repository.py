"""Checks on what the repository promises about itself."""
import re
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


SERVICES_WITH_DATABASES = ["identity", "resources_svc", "applications_svc", "enrollment_svc", "documents_svc"]


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


SERVICE_DIRS = ["libs/platform", "gateway", "identity", "resources-svc", "applications-svc", "enrollment-svc",
                "documents-svc"]
# Renamed by whoever reshapes applications-svc (issue 8); once gone, this entry must go too.
HELPERS_NOT_YET_RENAMED = {"applications-svc/tests/app_helpers.py"}


def tracked(*patterns: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "--", *patterns], cwd=ROOT, capture_output=True, text=True, check=True)
    return [Path(line) for line in out.stdout.splitlines()]


def test_test_folders_hold_fixtures_helpers_and_tests_with_unique_names():
    """docs/development.md, layout: conftest.py, <package>_helpers.py, test_*.py (unique names)."""
    assert all((ROOT / p).exists() for p in HELPERS_NOT_YET_RENAMED), "renamed: drop it from the list"
    for service in SERVICE_DIRS:
        [package] = [p.name for p in (ROOT / service / "src").iterdir() if (p / "__init__.py").is_file()]
        allowed = {"conftest.py", f"{package}_helpers.py"}
        for path in tracked(f"{service}/tests/*.py"):
            if str(path) not in HELPERS_NOT_YET_RENAMED:
                assert path.name in allowed or path.name.startswith("test_"), path
    names = [p.name for p in tracked("*test_*.py") if p.name.startswith("test_")]
    assert sorted(set(n for n in names if names.count(n) > 1)) == []


def test_benchmarks_live_in_the_bench_folder_of_what_they_measure():
    benches = tracked("*bench_*.py")
    assert benches, "no benchmarks found"
    for path in benches:
        assert path.parent.name == "bench" and str(path.parent.parent) in SERVICE_DIRS, path
    run_bench = (ROOT / "deploy" / "run-bench.sh").read_text(encoding="utf-8")
    named = re.findall(r"\S+/bench/\S+\.py", run_bench)
    assert named and all((ROOT / p).is_file() for p in named), named
