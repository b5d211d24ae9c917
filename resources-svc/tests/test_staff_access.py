"""The access matrix over every staff, minutes and periods endpoint: central admins everything; a
centre head only their centre (another centre: 404); a coordinator reads their centre; others none."""
import pytest

from resources_svc_staff_helpers import COORDINATOR, DURING_CALL, open_period, pdf, register_centres, set_clock, upload

OWN, OTHER = "KSE-0001", "KSE-0002"


def endpoints(code: str, member_id: int):
    base = f"/v1/centres/{code}/periods/7"
    return [
        ("read", "GET", f"{base}/staff", None),
        ("read", "GET", f"{base}/staff/{member_id}", None),
        ("read", "GET", f"{base}/staff-submission", None),
        ("read", "GET", f"/v1/centres/{code}/minutes", None),
        ("read", "GET", f"{base}/minutes", None),
        ("read", "GET", f"{base}/minutes/file", None),
        ("write", "POST", f"{base}/staff", dict(COORDINATOR, afm="094259216")),
        ("write", "PUT", f"{base}/staff/{member_id}", COORDINATOR),
        ("write", "PUT", f"{base}/minutes", "upload"),
        ("write", "DELETE", f"{base}/staff/{member_id}", None),
        ("write", "POST", f"{base}/staff-submission", None),
    ]


def call(client, method, path, body, headers):
    if body == "upload":
        return upload(client, headers, pdf(), path=path)
    return client.open(path, method=method, json=body, headers=headers)


@pytest.fixture
def members(app, client, admin):
    register_centres(client, admin, OWN, OTHER)
    open_period(app)
    set_clock(app, DURING_CALL)
    ids = {}
    for code in (OWN, OTHER):
        ids[code] = client.post(f"/v1/centres/{code}/periods/7/staff", json=COORDINATOR, headers=admin).get_json()["id"]
        assert upload(client, admin, pdf(), path=f"/v1/centres/{code}/periods/7/minutes").status_code == 200
    return ids


ALLOWED = {  # role -> (kinds of endpoint allowed on the own centre)
    "central-admin": {"read", "write"},
    "kse-head": {"read", "write"},
    "coordinator": {"read"},
    "technical-lead": set(),
    "teacher": set(),
}


@pytest.mark.parametrize("role", sorted(ALLOWED))
def test_access_matrix(client, issuer, members, role):
    headers = issuer.headers(f"user-{role}", [role], centre_id=OWN)
    for code in (OWN, OTHER):
        for kind, method, path, body in endpoints(code, members[code]):
            response = call(client, method, path, body, headers)
            if kind not in ALLOWED[role]:
                expected = {403}
            elif code == OTHER and role != "central-admin":
                expected = {404}
            else:
                expected = {200, 201, 204, 409}  # 409: the submission's cross-check or a member taken
            assert response.status_code in expected, (role, method, path, response.get_json())
            if code == OTHER and expected == {404}:
                assert response.get_json()["detail"] == f"Το ΚΣΕ με κωδικό {OTHER} δεν βρέθηκε."


def test_without_a_token_every_endpoint_is_401(client, members):
    for code in (OWN, OTHER):
        for _kind, method, path, body in endpoints(code, members[code]):
            assert call(client, method, path, body, {}).status_code == 401, (method, path)
    assert client.get("/v1/periods").status_code == 401


def test_a_head_without_a_centre_reaches_none(client, issuer, members):
    headers = issuer.headers("orphan", ["kse-head"])
    for _kind, method, path, body in endpoints(OWN, members[OWN]):
        assert call(client, method, path, body, headers).status_code == 404, (method, path)
