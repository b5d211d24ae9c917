"""Gateway-proxied vs direct authenticated request throughput on the same JSON endpoint
(GET applications-svc /v1/periods), measured with wrk in the same run (`make bench`; not a test)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))  # the system tests' launcher (System) and dev-issuer login
os.environ.setdefault("EPI_E2E_PROFILE", "embedded")
os.environ.setdefault("EPI_E2E_PORT_BASE", "48000")

import conftest  # noqa: E402


def wrk_rate(url: str, token: str, seconds: int = 10) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "-H", f"Authorization: Bearer {token}", url],
        capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def run() -> dict[str, float]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing (deploy/local/setup.sh installs it)")
    tmp = Path(tempfile.mkdtemp())
    system = conftest.System(tmp / "var", tmp / "logs")
    system.extra_env = {"EPI_RATE_LIMIT": "100000000/minute", "EPI_LOG_LEVEL": "WARNING"}
    system.start()
    try:
        token = conftest._dev_issuer_token("admin@epimorfosi.test")
        direct = f"{system.url('applications', 103)}/v1/periods"
        proxied = f"{system.gateway}/api/applications/v1/periods"
        assert requests.get(proxied, headers={"Authorization": f"Bearer {token}"}, timeout=5).status_code == 200
        wrk_rate(direct, token, 2)  # warm-up
        rates = {"direct": [], "proxied": []}
        for _ in range(2):  # interleaved, so machine noise hits both alike
            rates["direct"].append(wrk_rate(direct, token))
            rates["proxied"].append(wrk_rate(proxied, token))
    finally:
        system.stop()
    direct_rate, proxied_rate = max(rates["direct"]), max(rates["proxied"])
    return {"direct_per_s": direct_rate, "proxied_per_s": proxied_rate, "ratio": proxied_rate / direct_rate}


def report(r: dict[str, float]) -> None:
    print(f"gateway-proxied / direct authenticated JSON requests = {r['ratio']:.2f}  (target >= 0.5)"
          f"   [{r['proxied_per_s']:.0f}/s vs {r['direct_per_s']:.0f}/s]")


if __name__ == "__main__":
    report(run())
