"""One public origin: every path that is not the API's or the gateway's own is the web client's."""
import json


def test_pages_are_forwarded_to_the_web_client_as_they_are(client, upstream):
    client.set_cookie("epi_session", "abc")
    response = client.get("/periods?page=2", headers={"Accept": "text/html"})
    seen = response.get_json()
    assert response.status_code == 200
    assert seen["path"] == "/site/periods" and seen["query"] == "page=2"
    assert seen["headers"]["Cookie"] == "epi_session=abc"  # the session cookie reaches the web client
    assert "X-Forwarded-Prefix" not in seen["headers"]  # its paths are the public ones
    assert seen["headers"]["X-Forwarded-Host"] == "localhost"
    assert response.headers.getlist("Set-Cookie") == ["a=1; Path=/", "b=2; Path=/"]


def test_the_root_and_forms_go_to_the_web_client_without_a_token(client):
    assert client.get("/").get_json()["path"] == "/site/"
    posted = client.post("/auth/logout", data={"csrf_token": "t"})
    assert posted.status_code == 200 and posted.get_json()["method"] == "POST"
    assert posted.get_json()["body"] == "csrf_token=t"


def test_the_web_clients_redirects_pass_unchanged(client):
    response = client.get("/go-elsewhere")
    assert response.status_code == 303
    assert response.headers["Location"] == "/auth/login?next=%2Fv1%2Fx"  # not rewritten to /api/...


def test_api_paths_never_reach_the_web_client(client):
    for path in ("/api", "/api/", "/api/nothing-here", "/api/identity/v2/x"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.mimetype == "application/problem+json"
    assert client.get("/livez").get_json()["service"] == "gateway"
    assert "Κατάσταση υπηρεσιών" in client.get("/status").get_data(as_text=True)


def test_dot_segments_are_refused_before_forwarding(client, upstream):
    before = len(upstream.requests)
    response = client.get("/a/../api/identity/v1/x")
    assert response.status_code in (400, 404)
    assert len(upstream.requests) == before


def test_web_client_down_is_a_greek_502(make_gateway, closed_url):
    response = make_gateway(EPI_UPSTREAM_WEB=closed_url).test_client().get("/")
    assert response.status_code == 502
    assert "δεν είναι διαθέσιμη" in json.loads(response.get_data())["detail"]
