"""Settings read from the environment (12-factor). The profile is configuration only.

`Settings` holds what every service process needs; a service derives its own class with its own
typed fields (`EPI_<FIELD>`) and names it in its `ServiceDefinition`. `from_env` builds them; values
are parsed here, by pydantic, and nowhere else: booleans accept 1/0, true/false, yes/no, on/off;
an empty variable counts as unset; a malformed value stops the process at start."""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Self

from pydantic import model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, SettingsConfigDict
from pydantic_settings.sources.utils import parse_env_vars


class _MappingEnvSource(EnvSettingsSource):
    """The environment source of pydantic-settings, reading a given mapping instead of
    `os.environ` (tests and launchers pass the environment of the process they build)."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str]):
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        values = parse_env_vars(self._environ, self.case_sensitive, False, self.env_parse_none_str)
        keep = {(self.env_prefix + name).lower() for name in getattr(self.settings_cls, "empty_is_a_value", ())}
        return {key: value for key, value in values.items() if value != "" or key.lower() in keep}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EPI_", env_ignore_empty=True, frozen=True, extra="forbid")
    # Fields for which an empty variable is a value (e.g. "no origins"), not "unset".
    empty_is_a_value: ClassVar[frozenset[str]] = frozenset()

    service: str = ""  # set from the ServiceDefinition, not from the environment
    var_dir: Path = Path("var")  # where the embedded profile keeps its files; default: ./var
    database_url: str = ""  # default: sqlite file <var_dir>/<service without -svc>.sqlite
    broker_url: str = "filesystem://"
    broker_fs_dir: str = ""  # default: <var_dir>/bus
    oidc_issuer: str = "http://127.0.0.1:8101/oidc"
    oidc_audience: str = "epimorfosi-api"
    oidc_jwks_url: str | None = None
    production: bool = False
    log_level: str = "INFO"
    relay_batch_size: int = 500
    consumer_prefetch: int = 200
    consumer_max_attempts: int = 5
    worker_metrics_port: int | None = None

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, **_other_sources):
        # Only the values given: `from_env` reads the environment it is handed, explicitly.
        return (init_settings,)

    @model_validator(mode="before")
    @classmethod
    def _embedded_defaults(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        var_dir = Path(data.get("var_dir") or Path.cwd() / "var")
        data["var_dir"] = var_dir
        short = str(data.get("service", "")).removesuffix("-svc") or "service"
        data["database_url"] = data.get("database_url") or f"sqlite:///{var_dir / (short + '.sqlite')}"
        data["broker_fs_dir"] = data.get("broker_fs_dir") or str(var_dir / "bus")
        return data

    @classmethod
    def from_env(cls, service: str, env: Mapping[str, str] | None = None, **overrides: Any) -> Self:
        """The settings of `service` from `env` (default: the process environment); `overrides`
        are field values that win over the environment."""
        values = _MappingEnvSource(cls, os.environ if env is None else env)()
        return cls.model_validate({**values, **overrides, "service": service})

    def replace(self, **changes: Any) -> Self:
        """A copy with some fields changed, validated like the original."""
        return type(self).model_validate({**self.model_dump(), **changes})
