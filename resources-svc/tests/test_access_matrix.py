"""Who may call which endpoint, as a matrix: every endpoint × every kind of caller. A centre's
people reach their own centre only (another centre: 404, as an unknown one); central admins all."""
import pytest

from resources_svc_rooms_helpers import CENTRE, ROOM, WORKSTATION, register, workstations

OWN, OTHER = "KSE-0001", "KSE-0002"
ACTORS = {
    "admin": (["central-admin"], None),
    "head": (["kse-head"], OWN),
    "coordinator": (["coordinator"], OWN),
    "technical-lead": (["technical-lead"], OWN),
    "teacher": (["teacher"], None),
    "anonymous": (None, None),
}
ROOMS_CSV = "centre_code,room,capacity\nKSE-0001,Αίθουσα από αρχείο,10\n"
# (method, path, body, success status, who succeeds on their own centre)
READ = ("admin", "head", "coordinator", "technical-lead")
WRITE = ("admin", "head")
ENDPOINTS = {
    "list centres": ("GET", "/v1/centres", None, 200, ("admin", "head", "coordinator", "technical-lead", "teacher")),
    "read centre": ("GET", "/v1/centres/{c}", None, 200, ("admin", "head", "coordinator", "technical-lead", "teacher")),
    "register centre": ("POST", "/v1/centres", dict(CENTRE, code="KSE-0003"), 201, ("admin",)),
    "edit centre": ("PATCH", "/v1/centres/{c}", {"name": "ΝΕΟ ΟΝΟΜΑ ΚΣΕ"}, 200, ("admin",)),
    "import centres": ("PUT", "/v1/centres", None, 200, ("admin",)),
    "import rooms": ("PUT", "/v1/centres/rooms", {"rooms": []}, 200, ("admin",)),
    "import rooms file": ("PUT", "/v1/centres/rooms/file", None, 200, ("admin",)),
    "list rooms": ("GET", "/v1/centres/{c}/rooms", None, 200, READ),
    "read room": ("GET", "/v1/centres/{c}/rooms/{r}", None, 200, READ),
    "add room": ("POST", "/v1/centres/{c}/rooms", dict(ROOM, name="Νέα"), 201, WRITE),
    "edit room": ("PATCH", "/v1/centres/{c}/rooms/{r}", {"capacity": 9}, 200, WRITE),
    "list workstations": ("GET", "/v1/centres/{c}/rooms/{r}/workstations", None, 200, READ),
    "add workstation": ("POST", "/v1/centres/{c}/rooms/{r}/workstations", dict(WORKSTATION, label="Νέος"), 201, WRITE),
    "edit workstation": ("PATCH", "/v1/centres/{c}/rooms/{r}/workstations/{w}", {"memory": "4 GB"}, 200, WRITE),
    "delete workstation": ("DELETE", "/v1/centres/{c}/rooms/{r}/workstations/{w}", None, 204, WRITE),
}
CENTRES_CSV = "code,name,directorate,prefecture,region\nKSE-0003,ΝΕΟ ΚΣΕ ΤΡΙΑ,Διεύθυνση Π.Ε. Αχαΐας,ΑΧΑΪΑΣ,ΔΥΤΙΚΗΣ ΕΛΛΑΔΑΣ\n"


@pytest.fixture
def ids(client, admin):
    register(client, admin, OWN, OTHER)
    found = {}
    for code in (OWN, OTHER):
        room = client.post(f"/v1/centres/{code}/rooms", json=dict(ROOM, workstations=workstations(1, False)),
                           headers=admin).get_json()
        [ws] = client.get(f"/v1/centres/{code}/rooms/{room['id']}/workstations", headers=admin).get_json()
        found[code] = {"c": code, "r": room["id"], "w": ws["id"]}
    return found


def call(client, issuer, actor, endpoint, ids, code):
    method, template, body, _, _ = ENDPOINTS[endpoint]
    roles, centre = ACTORS[actor]
    headers = issuer.headers(f"u-{actor}", roles, centre_id=centre) if roles else {}
    if endpoint == "import centres":
        return client.put(template, data=CENTRES_CSV.encode(), headers=dict(headers, **{"Content-Type": "text/csv"}))
    if endpoint == "import rooms file":
        return client.put(template, data=ROOMS_CSV.encode(), headers=dict(headers, **{"Content-Type": "text/csv"}))
    return client.open(template.format(**ids[code]), method=method, json=body, headers=headers)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_own_centre(client, issuer, ids, endpoint, actor):
    success, allowed = ENDPOINTS[endpoint][3], ENDPOINTS[endpoint][4]
    expected = 401 if actor == "anonymous" else success if actor in allowed else 403
    response = call(client, issuer, actor, endpoint, ids, OWN)
    assert response.status_code == expected, response.get_json()
    if expected >= 400:
        assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("actor", ("head", "coordinator", "technical-lead"))
@pytest.mark.parametrize("endpoint", [e for e, spec in ENDPOINTS.items() if "{c}" in spec[1]])
def test_another_centre_is_unknown_to_a_centres_people(client, issuer, ids, endpoint, actor):
    allowed = ENDPOINTS[endpoint][4]
    response = call(client, issuer, actor, endpoint, ids, OTHER)
    if actor in allowed:
        assert response.status_code == 404, response.get_json()
        assert response.get_json()["detail"] == f"Το ΚΣΕ με κωδικό {OTHER} δεν βρέθηκε."
        assert set(response.get_json()) <= {"type", "title", "status", "detail", "instance", "request_id"}
    else:
        assert response.status_code == 403  # the role may not do it anywhere
