"""A centre head's heaviest page rendered by the web client (BFF) vs the same API call made directly
through the gateway, in the same run, with wrk (`make bench`; not a test). Target: ratio ≤ 2.

The page: «Διαχείριση πόρων ΚΣΕ → Αίθουσες» (/resources/rooms) with 30 rooms, all on one page
(EPI_WEB_PAGE_SIZE=30): the heaviest list of a centre head's that exists (no candidates screen yet).
The BFF answers it with one API call through the gateway (the rooms; the centre's record, for its
name, is kept a few minutes per person: the warm-up fetched it), a session lookup and the template;
the direct call is that same rooms call (`GET /api/resources/v1/centres/KSE-0001/rooms`, 30 rooms),
with the head's token. Both through the same gateway, compressed as a browser asks
(Accept-Encoding: br, gzip). Reported: the median requests/s of each over interleaved runs, and
page time / API call time.

Also the bytes a page costs over the network (compressed bodies and headers): a first load (the
page, every asset it links and the fonts its style sheets name) and a later navigation (the page
alone, its assets in the browser's cache); targets 250 KB and 30 KB. The browser test
test_pwa_journeys measures the same in Chromium."""
from __future__ import annotations

import os
import re
import shutil
from urllib.parse import urljoin
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("EPI_E2E_PROFILE", "embedded")
os.environ.setdefault("EPI_E2E_PORT_BASE", "47000")

import conftest  # noqa: E402

CENTRE = "KSE-0001"  # the dev issuer's centre head (kse1@epimorfosi.test) heads it
ROOMS = 30
REPETITIONS = 3
SECONDS = 8
TARGET = 2.0
FIRST_LOAD_LIMIT, LATER_NAVIGATION_LIMIT = 250 * 1024, 30 * 1024


def wrk_rate(url: str, headers: dict[str, str], seconds: int = SECONDS) -> float:
    argv = ["wrk", "-t2", "-c8", f"-d{seconds}s", url]
    for name, value in headers.items():
        argv[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} failed responses\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def seed_rooms(gateway: str) -> None:
    admin = {"Authorization": f"Bearer {conftest._dev_issuer_token('admin@epimorfosi.test')}"}
    centre = {"code": CENTRE, "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
              "prefecture": "ΜΕΣΣΗΝΙΑΣ", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ"}
    answer = requests.post(f"{gateway}/api/resources/v1/centres", json=centre, headers=admin, timeout=10)
    assert answer.status_code == 201, answer.text
    for n in range(1, ROOMS + 1):
        workstations = [{"label": f"Σταθμός {k}", "processor": "Intel Core i5", "memory": "8 GB",
                         "disk": "SSD 256 GB", "operating_system": "Windows 11", "screen": '22" LCD',
                         "network": "Ethernet 1 Gbps", "certified": k <= 16} for k in range(1, 17 + n % 4)]
        room = {"name": f"Εργαστήριο Πληροφορικής {n}", "certified": n % 3 != 0, "capacity": 15 + n % 10,
                "workstations": workstations, "specs": "Ισόγειο, διαδραστικός πίνακας", "evaluation": "Κατάλληλη"}
        answer = requests.post(f"{gateway}/api/resources/v1/centres/{CENTRE}/rooms", json=room, headers=admin,
                               timeout=10)
        assert answer.status_code == 201, answer.text


def bff_session_cookie(gateway: str, email: str) -> str:
    """Signs in at the web client as a browser does (code + PKCE at the dev issuer): its session cookie."""
    browser = requests.Session()
    browser.trust_env = False
    form = browser.get(f"{gateway}/auth/login", timeout=10)  # → the issuer's login page
    assert form.status_code == 200 and "password" in form.text, form.text[:300]
    hidden = dict(re.findall(r'name="([^"]+)"\s+value="([^"]*)"', form.text))
    done = browser.post(form.url, data={**hidden, "email": email, "password": conftest.DEV_PASSWORD}, timeout=10)
    assert done.status_code == 200 and done.url.startswith(gateway), done.url
    return "; ".join(f"{c.name}={c.value}" for c in browser.cookies if c.name == "epi_session")


def transferred(url: str, headers: dict[str, str]) -> int:
    """Bytes on the wire of one answer: status line, headers, the body as sent (compressed)."""
    answer = requests.get(url, headers={"Accept-Encoding": "br, gzip", **headers}, timeout=10, stream=True)
    body = answer.raw.read(decode_content=False)
    head = len(f"HTTP/1.1 {answer.status_code} {answer.reason}\r\n") + sum(
        len(f"{name}: {value}\r\n") for name, value in answer.headers.items()) + 2
    assert answer.status_code == 200, (url, answer.status_code)
    return head + len(body)


def page_costs(page_url: str, cookie: str) -> dict[str, int]:
    """A first load (page + linked assets + the fonts the CSS names) and a later navigation (page)."""
    page_bytes = transferred(page_url, {"Cookie": cookie})
    html = requests.get(page_url, headers={"Cookie": cookie}, timeout=10).text
    assets = dict.fromkeys(re.findall(r'(?:href|src)="(/(?:assets/[^"]+|manifest\.webmanifest))"', html))
    first = page_bytes
    for path in assets:
        first += transferred(urljoin(page_url, path), {})
        if path.split("?")[0].endswith(".css"):
            css = requests.get(urljoin(page_url, path), timeout=10).text
            for font in dict.fromkeys(re.findall(r"url\([\"']?([^)\"':]+\.woff2)", css)):
                first += transferred(urljoin(urljoin(page_url, path), font), {})
    return {"first_load": first, "later_navigation": page_bytes}


def run() -> dict[str, float]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing (deploy/local/setup.sh installs it)")
    tmp = Path(tempfile.mkdtemp())
    system = conftest.System(tmp / "var", tmp / "logs")
    system.extra_env = {"EPI_RATE_LIMIT": "100000000/minute", "EPI_LOG_LEVEL": "WARNING", "EPI_WEB_PAGE_SIZE": str(ROOMS)}
    system.start()
    try:
        gateway = system.gateway
        seed_rooms(gateway)
        head = "kse1@epimorfosi.test"
        api_url, page_url = f"{gateway}/api/resources/v1/centres/{CENTRE}/rooms", f"{gateway}/resources/rooms"
        encoding = {"Accept-Encoding": "br, gzip"}
        api_headers = {**encoding, "Authorization": f"Bearer {conftest._dev_issuer_token(head)}"}
        page_headers = {**encoding, "Cookie": bff_session_cookie(gateway, head)}
        page = requests.get(page_url, headers={"Cookie": page_headers["Cookie"]}, timeout=10, allow_redirects=False)
        assert page.status_code == 200 and page.text.count("Εργαστήριο Πληροφορικής") == ROOMS, page.status_code
        assert len(requests.get(api_url, headers=api_headers, timeout=10).json()) == ROOMS
        costs = page_costs(page_url, page_headers["Cookie"])
        wrk_rate(api_url, api_headers, 2)  # warm-up of both paths
        wrk_rate(page_url, page_headers, 2)
        rates = {"api": [], "page": []}
        for _ in range(REPETITIONS):  # interleaved, so machine noise hits both alike
            rates["api"].append(wrk_rate(api_url, api_headers))
            rates["page"].append(wrk_rate(page_url, page_headers))
    finally:
        system.stop()
    api_rate, page_rate = statistics.median(rates["api"]), statistics.median(rates["page"])
    return {"api_per_s": api_rate, "page_per_s": page_rate, "ratio": api_rate / page_rate, **costs}


def report(r: dict[str, float]) -> None:
    print(f"centre head's rooms page ({ROOMS} rows) through the BFF / the same API call through the gateway"
          f" = {r['ratio']:.2f}  (target <= {TARGET:g})   [{r['page_per_s']:.0f}/s vs {r['api_per_s']:.0f}/s]")
    print(f"bytes over the network (compressed): first load {r['first_load'] / 1024:.1f} KB"
          f" (target <= {FIRST_LOAD_LIMIT // 1024}), later navigation {r['later_navigation'] / 1024:.1f} KB"
          f" (target <= {LATER_NAVIGATION_LIMIT // 1024})")


if __name__ == "__main__":
    report(run())
