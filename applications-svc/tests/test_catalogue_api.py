from applications_svc_helpers import PERIOD, admin, kse_head


def test_clusters_b1_and_b2_with_greek_names_and_specialties(client, issuer):
    response = client.get("/v1/clusters", headers=kse_head(issuer))
    assert response.status_code == 200
    clusters = response.get_json()
    assert [c["code"] for c in clusters] == [f"B1.{n}" for n in range(1, 14)] + [f"B2.{n}" for n in range(1, 14)]
    by_code = {c["code"]: c for c in clusters}
    assert by_code["B1.4"]["name"] == "ΠΛΗΡΟΦΟΡΙΚΗ"
    assert by_code["B1.3"]["name"] == "ΜΑΘΗΜΑΤΙΚΑ"
    assert by_code["B1.5"]["name"] == "ΠΡΩΤΟΒΑΘΜΙΑ ΕΚΠΑΙΔΕΥΣΗ - ΔΑΣΚΑΛΟΙ"
    assert by_code["B2.5"]["name"] == "ΠΡΩΤΟΒΑΘΜΙΑ ΕΚΠΑΙΔΕΥΣΗ - ΔΑΣΚΑΛΟΙ"
    assert by_code["B1.13"]["name"] == "ΕΙΔΙΚΗ ΑΓΩΓΗ"
    assert {"code": "ΠΕ86", "name": "ΠΛΗΡΟΦΟΡΙΚΗΣ"} in by_code["B2.4"]["specialties"]
    assert all(c["specialties"] for c in clusters)


def test_filter_by_level_and_specialty(client, issuer):
    b2 = client.get("/v1/clusters?level=B2", headers=kse_head(issuer)).get_json()
    assert len(b2) == 13 and all(c["level"] == "B2" for c in b2)
    pe86 = client.get("/v1/clusters?specialty=ΠΕ86", headers=kse_head(issuer)).get_json()
    assert [c["code"] for c in pe86] == ["B1.4", "B2.4"]
    bad = client.get("/v1/clusters?level=B3", headers=kse_head(issuer))
    assert bad.status_code == 422 and bad.mimetype == "application/problem+json"


def test_one_cluster_and_404(client, issuer):
    assert client.get("/v1/clusters/B1.13", headers=admin(issuer)).get_json()["name"] == "ΕΙΔΙΚΗ ΑΓΩΓΗ"
    missing = client.get("/v1/clusters/B9.1", headers=admin(issuer))
    assert missing.status_code == 404 and "B9.1" in missing.get_json()["detail"]


def test_programme_categories(client, issuer):
    categories = client.get("/v1/programme-categories", headers=kse_head(issuer)).get_json()
    assert [(c["code"], c["allotted_per"]) for c in categories] == [("IIa", "prefecture"), ("IIb", "region")]
    assert categories[1]["name"] == "Μεικτό μοντέλο - μόνο σύγχρονες εξ αποστάσεως συνεδρίες"


def test_catalogue_needs_a_token(client):
    assert client.get("/v1/clusters").status_code == 401
    assert client.get("/v1/programme-categories").status_code == 401


def test_period_settings_default_and_override(client, issuer):
    body = client.post("/v1/periods", json=PERIOD, headers=admin(issuer)).get_json()
    assert (body["required_clusters"], body["minimum_participants"], body["level"]) == (13, 10, "B2")
    other = client.post("/v1/periods", json={**PERIOD, "code": "x-2", "required_clusters": 5, "minimum_participants": 8,
                                             "level": "B1"}, headers=admin(issuer)).get_json()
    assert (other["required_clusters"], other["minimum_participants"], other["level"]) == (5, 8, "B1")
    bad = client.post("/v1/periods", json={**PERIOD, "code": "x-3", "required_clusters": 0}, headers=admin(issuer))
    assert bad.status_code == 422 and "required_clusters" in bad.get_json()["errors"]["json"]
