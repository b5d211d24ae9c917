"""A service's own jobs (tasks.py): a command of the service's CLI, and a periodic thread of the worker."""
import threading
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, Table, func, insert, select

from epimorfosi_platform import Runtime, ServiceDefinition
from epimorfosi_platform.cli import main
from epimorfosi_platform.tasks import PeriodicTask, Task, unit_of_work
from epimorfosi_platform.testing import settings_for_tests

metadata = MetaData()
ticks = Table("tick", metadata, Column("id", Integer, primary_key=True))


def tick(runtime) -> int:
    with unit_of_work(runtime) as session:
        session.execute(insert(ticks).values())
    return 1


def failing(runtime) -> int:
    with unit_of_work(runtime) as session:
        session.execute(insert(ticks).values())
        raise RuntimeError("refused")


def _service(task):
    return ServiceDefinition(name="tick-svc", package_dir=Path(__file__).parent, title="tick", version="0",
                             metadata=metadata, blueprints=lambda: [], needs_broker=False, tasks=[task])


def _count(runtime) -> int:
    with runtime.db.session() as s:
        return s.scalar(select(func.count()).select_from(ticks))


def test_a_task_is_a_command_and_its_unit_of_work_commits_or_rolls_back(tmp_path, monkeypatch, capsys):
    service = _service(Task("tick", "add a tick", tick))
    settings = settings_for_tests(service, f"sqlite:///{tmp_path}/tick.sqlite", tmp_path)
    runtime = Runtime(service, settings)
    metadata.create_all(runtime.db.engine)
    monkeypatch.setattr(service, "settings_from_env", lambda *a, **k: settings)
    assert main(service, lambda: None, ["tick"]) == 0
    assert capsys.readouterr().out.strip() == "tick: 1"
    assert _count(runtime) == 1
    try:
        failing(runtime)
    except RuntimeError:
        pass
    assert _count(runtime) == 1  # the failed unit of work left nothing
    runtime.db.dispose()


def test_a_periodic_task_runs_until_stopped_and_survives_a_failure(tmp_path):
    calls = []

    def flaky(runtime) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first run fails")
        return tick(runtime)

    service = _service(Task("tick", "add a tick", flaky, every=0.01))
    runtime = Runtime(service, settings_for_tests(service, f"sqlite:///{tmp_path}/tick.sqlite", tmp_path))
    metadata.create_all(runtime.db.engine)
    periodic = PeriodicTask(runtime, service.tasks[0])
    thread = threading.Thread(target=periodic.run)
    thread.start()
    while len(calls) < 3:
        thread.join(0.01)
    periodic.stop()
    thread.join(5)
    assert not thread.is_alive() and _count(runtime) >= 2
    runtime.db.dispose()
