"""The runtime a service definition builds: its service context and its clock, in requests too."""
from pathlib import Path

from flask_smorest import Blueprint
from sqlalchemy import MetaData

from epimorfosi_platform import ServiceDefinition
from epimorfosi_platform.clock import SettableClock
from epimorfosi_platform.testing import settings_for_tests
from epimorfosi_platform.web import create_app, current_clock, service_context

views = Blueprint("probe", __name__, url_prefix="")


@views.route("/probe", methods=["GET"])
def probe():
    return {"context": service_context()["name"], "now": current_clock().now().isoformat()}


def test_the_service_context_is_built_once_from_the_runtime_and_reached_in_requests(tmp_path):
    built = []

    def build(runtime):
        built.append(runtime)
        return {"name": runtime.service.name}

    clock = SettableClock("2026-09-01T09:00:00+03:00")
    service = ServiceDefinition(
        name="probe-svc", package_dir=Path(__file__).parent, title="probe", version="0", metadata=MetaData(),
        blueprints=lambda: [views], context=build, clock=clock, needs_broker=False,
    )
    app = create_app(service, settings_for_tests(service, f"sqlite:///{tmp_path}/probe.sqlite", tmp_path))
    runtime = app.extensions["epimorfosi"]
    assert built == [runtime] and runtime.context == {"name": "probe-svc"} and runtime.clock is clock
    body = app.test_client().get("/probe").get_json()
    assert body == {"context": "probe-svc", "now": "2026-09-01T06:00:00+00:00"}
    # events carry the service's time; a test that replaces the clock moves them too
    runtime.clock = SettableClock("2026-10-01T10:00:00+00:00")
    assert runtime.events.make("demo.thing.happened.v1", "1", {"n": 1}).time == "2026-10-01T10:00:00.000Z"
    assert app.test_client().get("/probe").get_json()["now"] == "2026-10-01T10:00:00+00:00"
    runtime.db.dispose()
