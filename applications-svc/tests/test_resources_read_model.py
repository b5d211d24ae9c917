"""Read model of resources-svc: the producer's examples through the platform inbox, twice."""
import copy
import uuid

import pytest
from sqlalchemy import func, select

from applications_svc_helpers import QUEUE, add_room, apply, example, kse_head
from applications_svc import SERVICE
from applications_svc.consumers import (RESOURCES_EVENTS, record_centre_registered, record_room_added,
                                        record_room_capacity_changed)
from applications_svc.centres.queries import largest_usable_rooms
from applications_svc.models import Centre, Room


def count(app, model):
    with app.extensions["epimorfosi"].db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_subscription_binds_the_three_events():
    assert SERVICE.subscriptions == [RESOURCES_EVENTS]
    assert RESOURCES_EVENTS.handlers == {"resources.centre.registered.v1": record_centre_registered,
                                         "resources.room.added.v1": record_room_added,
                                         "resources.room.capacity_changed.v1": record_room_capacity_changed}
    assert QUEUE == "applications-svc.resources-events"


def test_examples_applied_twice_give_one_row_each(app, client, issuer):
    room, centre = example("resources.room.added.v1"), example("resources.centre.registered.v1")
    # the room first: events may arrive out of order
    assert apply(app, room) is True and apply(app, centre) is True
    assert apply(app, room) is False and apply(app, centre) is False
    assert count(app, Centre) == 1 and count(app, Room) == 1
    runtime = app.extensions["epimorfosi"]
    with runtime.db.session() as s:
        assert s.scalar(select(func.count()).select_from(runtime.tables.inbox)) == 2
    view = client.get("/v1/centres/KSE-0001", headers=kse_head(issuer)).get_json()
    assert view["name"] == centre["data"]["name"] and view["prefecture"] == "ΜΕΣΣΗΝΙΑΣ"
    assert view["rooms"] == [{"room_id": 12, "name": "Εργαστήριο Πληροφορικής 1", "certified": True,
                              "capacity": 15, "certified_workstations": 16, "usable": True}]


def test_a_change_of_usable_capacity_updates_the_room(app, client, issuer):
    apply(app, example("resources.centre.registered.v1"))
    added = example("resources.room.added.v1")
    apply(app, added)
    changed = example("resources.room.capacity_changed.v1")
    assert apply(app, changed) is True and apply(app, changed) is False
    assert count(app, Room) == 1
    view = client.get("/v1/centres/KSE-0001", headers=kse_head(issuer)).get_json()
    assert view["rooms"] == [{"room_id": 12, "name": "Εργαστήριο Πληροφορικής 1", "certified": True,
                              "capacity": 15, "certified_workstations": 14, "usable": True}]
    assert changed["data"]["certified_workstations"] != added["data"]["certified_workstations"]


def test_handlers_are_idempotent_without_the_inbox(app):
    from epimorfosi_platform.events import Event
    from epimorfosi_platform.inbox import Inbox

    event = Event.from_envelope(example("resources.centre.registered.v1"))
    direct = Inbox.of(app.extensions["epimorfosi"], QUEUE)  # `apply` skips the inbox record
    for _ in range(2):
        with direct.session() as s, s.begin():
            direct.apply(s, event, record_centre_registered)
    assert count(app, Centre) == 1


def test_centre_view_scope(app, client, issuer):
    apply(app, example("resources.centre.registered.v1"))
    assert client.get("/v1/centres/KSE-0001").status_code == 401
    assert client.get("/v1/centres/KSE-0001", headers=kse_head(issuer, "KSE-0002")).status_code == 403
    assert client.get("/v1/centres/KSE-0001", headers=issuer.headers("t", ["teacher"])).status_code == 403
    assert client.get("/v1/centres/KSE-0009", headers=kse_head(issuer, "KSE-0009")).status_code == 404


def room_event(event_type, version, **facts):
    envelope = copy.deepcopy(example(event_type))
    envelope["id"] = str(uuid.uuid4())
    envelope["data"].update(facts)
    if version is None:
        del envelope["data"]["version"]
    else:
        envelope["data"]["version"] = version
    return envelope


def stored_room(app):
    with app.extensions["epimorfosi"].db.session() as s:
        room = s.scalar(select(Room))
        return room.certified_workstations, room.version


@pytest.mark.parametrize("order", ["in order", "reversed"])
def test_the_newest_version_of_a_room_wins_whatever_the_order_of_arrival(app, order):
    added = room_event("resources.room.added.v1", 1, certified_workstations=16)
    first = room_event("resources.room.capacity_changed.v1", 2, certified_workstations=14)
    second = room_event("resources.room.capacity_changed.v1", 3, certified_workstations=9)
    envelopes = [added, first, second] if order == "in order" else [second, first, added]
    assert [apply(app, e) for e in envelopes] == [True, True, True]
    assert stored_room(app) == (9, 3)


def test_events_without_a_version_keep_the_last_arrival_rule_until_a_versioned_one(app):
    apply(app, room_event("resources.room.added.v1", None, certified_workstations=16))
    apply(app, room_event("resources.room.capacity_changed.v1", None, certified_workstations=14))
    assert stored_room(app) == (14, 0)
    apply(app, room_event("resources.room.capacity_changed.v1", 2, certified_workstations=12))
    # An unversioned event is older than any versioned one (published before versions existed).
    apply(app, room_event("resources.room.added.v1", None, certified_workstations=16))
    assert stored_room(app) == (12, 2)


def test_programmes_are_planned_on_the_usable_capacity_of_the_largest_usable_room(app):
    add_room(app, "KSE-0001", room_id=1, capacity=25, certified_workstations=12)  # 12 seats
    add_room(app, "KSE-0001", room_id=2, capacity=10, certified_workstations=18)  # 10 seats
    add_room(app, "KSE-0002", room_id=3, capacity=20, certified_workstations=0, usable=False)
    add_room(app, "KSE-0003", room_id=4, capacity=8)
    with app.extensions["epimorfosi"].db.session() as s:
        assert largest_usable_rooms(s) == {"KSE-0001": 12, "KSE-0003": 8}
