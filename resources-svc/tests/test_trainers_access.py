"""The access matrix over every trainers endpoint (M1): central admins keep the register (import,
edit, deactivate) and see the whole record; a centre's people (head of this or of another centre,
coordinator, technical lead) read the public part only (no ΑΦΜ, no contact data: the register is
national, not a centre's, so another centre's head reads it alike); anyone else gets 403, no token 401."""
import pytest
from resources_svc_helpers import register_csv, trainer_line

CSV = {"Content-Type": "text/csv"}
PRIVATE = {"afm", "phone", "email"}
EDIT = {"surname": "ΠΑΠΑΔΟΠΟΥΛΟΥ", "name": "ΜΑΡΙΝΑ", "specialty": "ΠΕ86 - ΠΛΗΡΟΦΟΡΙΚΗΣ", "level": "B1",
        "certified_on": "2025-06-30", "cluster": "B1.4", "region": "ΠΕΛΟΠΟΝΝΗΣΟΥ", "phone": None, "email": None}


def endpoints(trainer_id: int):
    return [
        ("read", "GET", "/v1/trainers", None),
        ("read", "GET", "/v1/trainers?cluster=B1.4&active=true", None),
        ("read", "GET", f"/v1/trainers/{trainer_id}", None),
        ("write", "PUT", f"/v1/trainers/{trainer_id}", EDIT),
        ("write", "POST", f"/v1/trainers/{trainer_id}/deactivate", None),
        ("write", "POST", "/v1/trainers/import", register_csv(trainer_line(7))),
    ]


def call(client, method, path, body, headers):
    if isinstance(body, bytes):
        return client.open(path, method=method, data=body, headers={**headers, **CSV})
    return client.open(path, method=method, json=body, headers=headers)


@pytest.fixture
def trainer_id(client, admin):
    imported = client.post("/v1/trainers/import", data=register_csv(trainer_line(1)), headers={**admin, **CSV})
    assert imported.status_code == 200, imported.get_json()
    return client.get("/v1/trainers", headers=admin).get_json()[0]["id"]


ROLES = {  # name -> (roles, centre_id claim, kinds of endpoint allowed)
    "central admin": (["central-admin"], None, {"read", "write"}),
    "centre head": (["kse-head"], "KSE-0001", {"read"}),
    "another centre's head": (["kse-head"], "KSE-0002", {"read"}),
    "coordinator": (["coordinator"], "KSE-0001", {"read"}),
    "technical lead": (["technical-lead"], "KSE-0001", {"read"}),
    "teacher": (["teacher"], None, set()),
    "trainer": (["trainer"], None, set()),
}


@pytest.mark.parametrize("who", sorted(ROLES))
def test_access_matrix(client, issuer, trainer_id, who):
    roles, centre, allowed = ROLES[who]
    headers = issuer.headers(f"user-{who}", roles, centre_id=centre)
    for kind, method, path, body in endpoints(trainer_id):
        response = call(client, method, path, body, headers)
        if kind not in allowed:
            assert response.status_code == 403, (who, method, path, response.get_json())
            assert response.headers["Content-Type"].startswith("application/problem+json")
            continue
        assert response.status_code == 200, (who, method, path, response.get_json())
        answer = response.get_json()
        for record in answer if isinstance(answer, list) else [answer] if "id" in answer else []:
            shown = PRIVATE & set(record)
            assert shown == (PRIVATE if "central-admin" in roles else set()), (who, method, path, shown)


def test_without_a_token_every_endpoint_is_401(client, trainer_id):
    for _kind, method, path, body in endpoints(trainer_id):
        response = call(client, method, path, body, {})
        assert response.status_code == 401, (method, path)


def test_refused_writes_change_nothing(client, issuer, admin, trainer_id):
    head = issuer.headers("head-1", ["kse-head"], centre_id="KSE-0001")
    for _kind, method, path, body in endpoints(trainer_id)[3:]:
        assert call(client, method, path, body, head).status_code == 403
    [trainer] = client.get("/v1/trainers", headers=admin).get_json()
    assert (trainer["name"], trainer["active"], trainer["version"]) == ("ΜΑΡΙΑ", True, 1)
