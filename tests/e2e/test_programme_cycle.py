"""The programme cycle end to end through the gateway, on the profile in EPI_E2E_PROFILE, with the
real clock: a centre registered in resources-svc reaches applications-svc by event; its head
expresses interest; the public lottery creates a programme; a teacher applies; the public
allocation seats the teacher; enrollment-svc receives the result by event and shows the candidates
to the centre's head. Both draws verify offline.

The services enforce every window by their own clock, so the period's windows are set a few
seconds apart from now and the test waits for each one to open (about a minute in all)."""
from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone

import jwt
import requests

from conftest import wait_for

STEP = 20  # seconds per window: enough for each step's requests and events on a busy machine
CENTRE = "KSE-0001"  # the centre of the test users with role kse-head
PREFECTURE, REGION = "ΜΕΣΣΗΝΙΑΣ", "ΠΕΛΟΠΟΝΝΗΣΟΥ"
CLUSTERS = [f"B2.{n}" for n in range(1, 14)]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(timezone.utc)).total_seconds()) + 0.5)


def test_centre_lottery_teacher_allocation_enrolment_list(system, token_for):
    from applications_svc import verify

    api = f"{system.gateway}/api"
    admin, head, teacher = (bearer(token_for(r)) for r in ("central-admin", "kse-head", "teacher"))

    def call(method: str, path: str, headers: dict, expect: int = 200, **kwargs) -> requests.Response:
        response = requests.request(method, f"{api}{path}", headers=headers, timeout=30, **kwargs)
        assert response.status_code == expect, (method, path, response.status_code, response.text[:500])
        return response

    # The centre and its certified room, in the registry (resources-svc).
    call("POST", "/resources/v1/centres", admin, 201, json={
        "code": CENTRE, "name": "24ο ΔΗΜΟΤΙΚΟ ΚΑΛΑΜΑΤΑΣ", "directorate": "Διεύθυνση Π.Ε. Μεσσηνίας",
        "prefecture": PREFECTURE, "region": REGION})
    # Certification (of the room and its workstations) is the central administrator's.
    call("POST", f"/resources/v1/centres/{CENTRE}/rooms", admin, 201, json={
        "name": "Εργαστήριο Πληροφορικής 1", "certified": True, "capacity": 15, "workstations": [
            {"label": f"Σταθμός {n}", "processor": "Intel Core i5", "memory": "8 GB", "disk": "SSD 256 GB",
             "operating_system": "Windows 11", "screen": '22" LCD', "network": "Ethernet 1 Gbps",
             "certified": True} for n in range(1, 17)]})

    # The period, its windows STEP seconds apart (the first twice as long: it waits for an event
    # between services); one participant is enough to run.
    t0 = datetime.now(timezone.utc).replace(microsecond=0)
    at = [t0 + timedelta(seconds=STEP * (k + 1 if k else 0)) for k in range(8)]
    code = f"E2E-CYCLE-{uuid.uuid4().hex[:6]}"
    period = call("POST", "/applications/v1/periods", admin, 201, json={
        "code": code, "name": "Περίοδος δοκιμής κύκλου", "minimum_participants": 1,
        "interest_opens_at": (t0 - timedelta(hours=1)).isoformat(), "interest_closes_at": at[1].isoformat(),
        "applications_a_opens_at": at[2].isoformat(), "applications_a_closes_at": at[3].isoformat(),
        "applications_b_opens_at": at[4].isoformat(), "applications_b_closes_at": at[5].isoformat(),
        "allocation_published_at": at[6].isoformat(), "enrolment_deadline": at[7].isoformat()}).json()
    period_id = period["id"]
    csv = "area_code,area_name,category,cluster,programmes\nΜΕΣΣΗΝΙΑΣ,Νομός Μεσσηνίας,IIa,B2.4,1\n"
    call("PUT", f"/applications/v1/periods/{period_id}/distribution", {**admin, "Content-Type": "text/csv"},
         data=csv.encode("utf-8"))

    # The centre reached applications-svc by event, with its certified room.
    def centre_known():
        r = requests.get(f"{api}/applications/v1/centres/{CENTRE}", headers=head, timeout=10)
        return r.json() if r.status_code == 200 and any(room["certified"] for room in r.json()["rooms"]) else None

    assert wait_for(centre_known, timeout=60), "applications-svc never learnt of the centre and its room"

    # Expression of interest: all 13 clusters, declarations, final submission.
    interest = f"/applications/v1/periods/{period_id}/centres/{CENTRE}/interest"
    call("PUT", interest, head, json={"clusters": CLUSTERS, "declarations_accepted": True})
    submitted = call("POST", interest + "/submit", head, json={"confirm": True}).json()
    assert submitted["status"] == "submitted" and submitted["read_only"]

    # The lottery, between the end of the expressions of interest and phase A.
    until(at[1])
    lottery = f"/applications/v1/periods/{period_id}/lottery"
    call("POST", lottery + "/freeze", admin, 201)
    call("POST", lottery + "/seed", admin, json={"seed": "05 11 23 31 38 44", "source": "Κλήρωση ΛΟΤΤΟ (δοκιμή)"})
    call("POST", lottery + "/draw", admin)
    assert verify.check(call("GET", lottery, head).json()) == []
    [result] = [r for r in call("GET", f"/applications/v1/centres/{CENTRE}/lottery-results", head,
                                params={"period_id": period_id}).json()]
    assert result["selected"] and [p["cluster"] for p in result["programmes"]] == ["B2.4"]
    [programme] = call("GET", f"/applications/v1/periods/{period_id}/programmes", admin).json()
    assert programme["centre_code"] == CENTRE and programme["cluster"] == "B2.4"

    # Phase A: a teacher of a B2.4 specialty ranks the programme.
    until(at[2])
    specialty = call("GET", "/applications/v1/clusters/B2.4", teacher).json()["specialties"][0]["code"]
    application = call("PUT", f"/applications/v1/periods/{period_id}/applications/A/mine", teacher,
                       json={"specialty": specialty, "programmes": [programme["code"]]}).json()
    number = application["candidate_number"]

    # The allocation of phase A, after the phase closes.
    until(at[3])
    allocation = f"/applications/v1/periods/{period_id}/allocation/A"
    call("POST", allocation + "/freeze", admin, 201)
    call("POST", allocation + "/seed", admin, json={"seed": "02 17 22 30 41 45", "source": "Κλήρωση ΛΟΤΤΟ (δοκιμή)"})
    assert call("POST", allocation + "/draw", admin).json()["seated"] == 1
    record = call("GET", allocation, teacher).json()
    assert verify.check(record) == []
    assert [a["id"] for a in record["result"]["applicants"]] == [number]  # named by number, not by login
    mine = call("GET", f"/applications/v1/periods/{period_id}/my-allocation", teacher).json()
    assert mine["status"] == "successful" and mine["seat"]["programme"]["code"] == programme["code"]

    # enrollment-svc received the result by event; the centre's head sees the candidate.
    subject = jwt.decode(token_for("teacher"), options={"verify_signature": False})["sub"]

    def candidates():
        r = requests.get(f"{api}/enrollment/v1/programmes/{programme['code']}/candidates", headers=head, timeout=10)
        return r.json() if r.status_code == 200 and r.json()["successful"] else None

    listed = wait_for(candidates, timeout=60)
    assert listed, "enrollment-svc never received applications.allocation.published.v1"
    assert [c["teacher_id"] for c in listed["successful"]] == [subject] and listed["waitlisted"] == []
    assert listed["programme"]["to_be_implemented"] is True and listed["programme"]["allocation_phase"] == "A"
    # another centre's staff may not read it
    assert requests.get(f"{api}/enrollment/v1/programmes/{programme['code']}/candidates", headers=teacher,
                        timeout=10).status_code == 403
