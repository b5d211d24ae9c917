"""Settings read from the environment (12-factor). The profile is configuration only."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def repository_var_dir() -> Path:
    """`var/` next to the checkout; where the embedded profile keeps its files."""
    return Path(os.environ.get("EPI_VAR_DIR", Path.cwd() / "var"))


@dataclass(frozen=True)
class Settings:
    service: str
    database_url: str
    broker_url: str
    broker_fs_dir: str
    oidc_issuer: str
    oidc_audience: str
    oidc_jwks_url: str | None
    production: bool
    log_level: str
    relay_batch_size: int = 500
    consumer_prefetch: int = 200
    consumer_max_attempts: int = 5
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, service: str, env: dict[str, str] | None = None, **overrides) -> "Settings":
        env = dict(os.environ if env is None else env)
        var_dir = Path(env.get("EPI_VAR_DIR", repository_var_dir()))
        short = service.removesuffix("-svc")
        values = dict(
            service=service,
            database_url=env.get("EPI_DATABASE_URL") or f"sqlite:///{var_dir / (short + '.sqlite')}",
            broker_url=env.get("EPI_BROKER_URL", "filesystem://"),
            broker_fs_dir=env.get("EPI_BROKER_FS_DIR", str(var_dir / "bus")),
            oidc_issuer=env.get("EPI_OIDC_ISSUER", "http://127.0.0.1:8101/oidc"),
            oidc_audience=env.get("EPI_OIDC_AUDIENCE", "epimorfosi-api"),
            oidc_jwks_url=env.get("EPI_OIDC_JWKS_URL") or None,
            production=_flag(env.get("EPI_PRODUCTION")),
            log_level=env.get("EPI_LOG_LEVEL", "INFO"),
            relay_batch_size=int(env.get("EPI_RELAY_BATCH_SIZE", "500")),
            consumer_prefetch=int(env.get("EPI_CONSUMER_PREFETCH", "200")),
            consumer_max_attempts=int(env.get("EPI_CONSUMER_MAX_ATTEMPTS", "5")),
            extra={k: v for k, v in env.items() if k.startswith("EPI_")},
        )
        values.update(overrides)
        return cls(**values)

    def get(self, name: str, default: str | None = None) -> str | None:
        """Service-specific setting `EPI_<NAME>`."""
        return self.extra.get(f"EPI_{name}", default)
