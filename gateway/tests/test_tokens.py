"""Forged and unacceptable tokens are refused at the gateway, before anything reaches a service."""
import base64
import hashlib
import hmac
import json
import time
from datetime import datetime, timezone

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _claims(issuer, **overrides):
    now = int(time.time())
    return {"iss": issuer.issuer, "aud": issuer.audience, "sub": "mallory", "iat": now, "exp": now + 300,
            "realm_access": {"roles": ["central-admin"]}, **overrides}


def _unsigned(issuer):
    header = {"alg": "none", "typ": "JWT", "kid": issuer.kid}
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(_claims(issuer)).encode())}."


def _other_key(issuer, kid):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(_claims(issuer), key, algorithm="RS256", headers={"kid": kid})


def _hs256_with_public_key(issuer):
    # Classic key-confusion attack: HMAC "signed" with the issuer's public key as the secret.
    public_pem = issuer.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": issuer.kid}).encode())
    payload = _b64(json.dumps(_claims(issuer)).encode())
    signature = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{_b64(signature)}"


FORGERIES = {
    "alg none": _unsigned,
    "other key, same kid": lambda issuer: _other_key(issuer, issuer.kid),
    "other key, unknown kid": lambda issuer: _other_key(issuer, "unknown-kid"),
    "wrong issuer": lambda issuer: issuer.token("mallory", issuer="http://evil.test/realms/epimorfosi"),
    "wrong audience": lambda issuer: issuer.token("mallory", audience="another-api"),
    "expired": lambda issuer: issuer.token("mallory", expires_in=-300),
    "HS256 with the public key": _hs256_with_public_key,
    "garbage": lambda issuer: "not.a.token",
}


@pytest.mark.parametrize("forge", FORGERIES.values(), ids=FORGERIES.keys())
def test_forged_tokens_are_refused(client, issuer, upstream, forge):
    before = len(upstream.requests)
    response = client.get("/api/applications/v1/periods", headers={"Authorization": f"Bearer {forge(issuer)}"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"] == "urn:epimorfosi:problem:invalid-token"
    assert problem["title"] == "Απαιτείται σύνδεση"
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert len(upstream.requests) == before


def test_a_bad_token_is_refused_even_on_public_routes(client):
    response = client.get("/api/documents/v1/verify/ABC", headers={"Authorization": "Bearer not.a.token"})
    assert response.status_code == 401
    response = client.get("/api/documents/v1/verify/ABC", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    assert response.status_code == 401


def test_valid_token_passes(client, issuer):
    assert client.get("/api/applications/v1/periods", headers=issuer.headers("alice", ["teacher"])).status_code == 200


def test_issuer_unreachable_is_503_not_401(make_gateway, issuer, closed_url):
    gateway = make_gateway(EPI_OIDC_JWKS_URL=closed_url + "/jwks")
    client = gateway.test_client()
    response = client.get("/api/applications/v1/periods", headers=issuer.headers())
    assert response.status_code == 503
    assert response.get_json()["type"] == "urn:epimorfosi:problem:signing-keys-unavailable"
    assert client.get("/readyz").status_code == 503


def test_verified_tokens_are_remembered_but_not_past_their_expiry(issuer):
    from gateway.tokens import VerifiedTokens

    class CountingVerifier:
        calls = 0

        def verify(self, token):
            CountingVerifier.calls += 1
            return issuer.verifier().verify(token)

    tokens = VerifiedTokens(CountingVerifier(), max_age=60)
    good = issuer.token("alice")
    assert tokens.verify(good).subject == "alice"
    assert tokens.verify(good).subject == "alice"
    assert CountingVerifier.calls == 1
    # An entry never outlives the token: with `exp` in the past it is checked again (and refused).
    short = issuer.token("bob", expires_in=-1)  # still inside the verifier's 30 s leeway
    tokens.verify(short)
    tokens.verify(short)
    assert CountingVerifier.calls == 3


def test_a_remembered_token_is_checked_again_once_max_age_has_passed_on_the_clock(issuer):
    from epimorfosi_platform.clock import SettableClock
    from gateway.tokens import VerifiedTokens

    calls = []

    class CountingVerifier:
        def verify(self, token):
            calls.append(token)
            return issuer.verifier().verify(token)

    clock = SettableClock(datetime.now(timezone.utc))
    tokens = VerifiedTokens(CountingVerifier(), max_age=60, clock=clock)
    good = issuer.token("alice")
    tokens.verify(good)
    clock.advance(seconds=59)
    tokens.verify(good)
    assert len(calls) == 1
    clock.advance(seconds=2)
    tokens.verify(good)
    assert len(calls) == 2
