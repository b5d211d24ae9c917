"""The BFF's client of the gateway's API (`/api/<service>/v1/...`), with the person's access token.
Never a service directly: the gateway checks the token, limits rates and routes."""
from __future__ import annotations

import json as json_module
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from http.cookiejar import DefaultCookiePolicy
from typing import Any

import requests
from flask import g

from .signed_in import AccessDenied, SignInRequired, access_token, current_session, return_path

MAX_PAGES = 100  # a list of more than MAX_PAGES × page_size rows is cut: bounded work per page view
KEPT_ANSWERS = 2000  # bound of the per-person cache of slow-changing records (oldest dropped first)


@dataclass
class ApiProblem(Exception):
    """An `application/problem+json` answer the page shows to the person (Greek texts)."""

    status: int
    problem: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return self.problem.get("detail") or self.problem.get("title") or "Η ενέργεια δεν ολοκληρώθηκε."


class ApiUnavailable(Exception):
    """The gateway did not answer, or answered 5xx: a page saying so, not a stack trace."""


class ApiClient:
    def __init__(self, gateway_url: str, timeout: float):
        self.base, self.timeout = gateway_url.rstrip("/"), timeout
        self.http = requests.Session()
        self.http.trust_env = False  # loopback and in-cluster calls: no proxy from the environment
        # One client serves every person: a cookie an API answer sets (GSIS flow binding) is never
        # kept and sent with someone else's calls; a page that needs one hands it on to the browser.
        self.http.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))
        self.kept: OrderedDict[tuple, tuple[float, Any]] = OrderedDict()
        self.kept_lock = threading.Lock()

    def call(self, method: str, service: str, path: str, *, params=None, json=None, files=None, data=None,
             headers=None, timeout: float | None = None) -> Any:
        """The API's JSON answer; `files` ({"file": (name, bytes, type)}) sends a multipart upload,
        `data` (pairs, a name may repeat) its other fields; `headers` (e.g. an Idempotency-Key) are added;
        `timeout` instead of the usual one."""
        response = self.send(method, service, path, params=params, json=json, files=files, data=data,
                             headers=headers, timeout=timeout)
        if response.status_code == 204 or not response.content:
            return None
        return response.json()

    def send(self, method: str, service: str, path: str, *, params=None, json=None, files=None, data=None,
             stream: bool = False, headers=None, timeout: float | None = None,
             anonymous: bool = False) -> requests.Response:
        """The API's answer as it came (a file to hand on) if it is a success; else the exception
        the page shows. `anonymous`: without the person's token, for the gateway's public routes
        (a page that works without signing in: a certificate's verification, an e-mail's decline link)."""
        headers = {**(headers or {}), "Accept": "application/json", "Accept-Language": "el"}
        if not anonymous:
            headers["Authorization"] = f"Bearer {access_token()}"
        request_id = g.get("request_id")
        if request_id:
            headers["X-Request-ID"] = request_id
        url = f"{self.base}/api/{service}/v1/{path.lstrip('/')}"
        try:
            response = self.http.request(method, url, params=params, json=json, files=files,
                                         data=data, headers=headers, timeout=timeout or self.timeout, stream=stream)
        except requests.RequestException as exc:
            raise ApiUnavailable(str(exc)) from exc
        if response.status_code == 401:
            raise SignInRequired(return_path())  # the issuer no longer honours this session
        if response.status_code == 403:
            raise AccessDenied()
        if response.status_code >= 500:
            raise ApiUnavailable(f"{service} answered {response.status_code}")
        if response.status_code >= 400:
            try:
                body = response.json()
            except ValueError:
                body = {}
            raise ApiProblem(response.status_code, body if isinstance(body, dict) else {})
        return response

    def get_all(self, service: str, path: str, page_size: int = 500, **params) -> list:
        """Every item of a list the API pages (X-Pagination), for lists the page filters itself."""
        items: list = []
        for number in range(1, MAX_PAGES + 1):
            response = self.send("GET", service, path, params={**params, "page": number, "page_size": page_size})
            items.extend(response.json())
            try:
                last = int(json_module.loads(response.headers.get("X-Pagination") or "{}").get("last_page", 1))
            except (ValueError, AttributeError):
                last = 1
            if number >= last:
                break
        return items

    def get_kept(self, service: str, path: str, seconds: float) -> Any:
        """`get`, with a successful answer kept `seconds` for the same person (their session's
        subject): for records that change rarely (a centre's name), shown on every page view, so
        that a page costs one API call, not two. Never shared between people: each one's own
        answer, as the API gave it to them."""
        row = current_session()
        key = (row.subject if row else None, service, path)
        moment = time.monotonic()
        with self.kept_lock:
            found = self.kept.get(key)
            if found and found[0] > moment:
                return found[1]
        answer = self.get(service, path)
        with self.kept_lock:
            self.kept[key] = (moment + seconds, answer)
            self.kept.move_to_end(key)
            while len(self.kept) > KEPT_ANSWERS:
                self.kept.popitem(last=False)
        return answer

    def stream(self, service: str, path: str, **params) -> requests.Response:
        """A file (e.g. a PDF of documents-svc) to pass on to the browser without holding it whole."""
        return self.send("GET", service, path, params=params or None, stream=True)

    def get(self, service: str, path: str, **params) -> Any:
        return self.call("GET", service, path, params=params or None)

    def post(self, service: str, path: str, body: dict | None = None) -> Any:
        return self.call("POST", service, path, json=body)

    def public(self, method: str, service: str, path: str) -> Any:
        """A call of a public route, without anybody's token (the page may have no session)."""
        response = self.send(method, service, path, anonymous=True)
        return response.json() if response.content else None

    def put(self, service: str, path: str, body: dict) -> Any:
        return self.call("PUT", service, path, json=body)

    def delete(self, service: str, path: str) -> Any:
        return self.call("DELETE", service, path)
