"""Settings: one parser for every service's environment."""
from pathlib import Path

import pytest
from pydantic import ValidationError

from epimorfosi_platform import Settings


class DemoSettings(Settings):
    demo_port: int = 1
    demo_enabled: bool = False


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("on", True), ("0", False), ("false", False), ("no", False),
     ("off", False), ("", False)],
)
def test_booleans_are_parsed_in_one_place(raw, expected):
    assert Settings.from_env("demo", {"EPI_PRODUCTION": raw}).production is expected


def test_a_malformed_value_is_refused_not_guessed():
    with pytest.raises(ValidationError):
        Settings.from_env("demo", {"EPI_PRODUCTION": "maybe"})
    with pytest.raises(ValidationError):
        DemoSettings.from_env("demo", {"EPI_DEMO_PORT": "eighty"})


def test_embedded_defaults_follow_the_var_dir_and_the_service_name(tmp_path):
    settings = Settings.from_env("things-svc", {"EPI_VAR_DIR": str(tmp_path)})
    assert settings.service == "things-svc"
    assert settings.database_url == f"sqlite:///{tmp_path / 'things.sqlite'}"
    assert settings.broker_fs_dir == str(tmp_path / "bus")
    assert settings.worker_metrics_port is None


def test_a_given_mapping_is_the_whole_environment(monkeypatch):
    monkeypatch.setenv("EPI_LOG_LEVEL", "DEBUG")
    assert Settings.from_env("demo", {}).log_level == "INFO"
    assert Settings.from_env("demo").log_level == "DEBUG"


def test_a_service_class_adds_typed_fields_and_overrides_win():
    settings = DemoSettings.from_env("demo", {"EPI_DEMO_PORT": "8080", "EPI_DEMO_ENABLED": "on"}, demo_port=9)
    assert (settings.demo_port, settings.demo_enabled) == (9, True)
    assert settings.replace(demo_enabled=False).demo_enabled is False
    with pytest.raises(ValidationError):
        Settings.from_env("demo", {}, demo_port=9)  # not a field of the platform's settings
    assert isinstance(settings.var_dir, Path)
