import pytest

from epimorfosi_platform.testing import forget_filesystem_bus_state, fresh_database_url
from epimorfosi_platform_helpers import Demo, brokers, private_broker


@pytest.fixture(params=list(brokers()))
def demo(request, tmp_path):
    forget_filesystem_bus_state()
    url, drop = fresh_database_url("platform", tmp_path)
    with private_broker(request.param) as broker_url:
        demo = Demo(url, broker_url, str(tmp_path / "bus"))
        yield demo
        demo.db.dispose()
    drop()
