"""The rooms of centres read from CSV, a workstation per line (pure, no I/O): the batch that
`imports.import_rooms` stores, or Greek errors citing the file's line numbers (header = line 1).

Columns by name, in any order, English or Greek: the centre's code, the room, the room's
certification and capacity, then the workstation's label, technical characteristics and
certification. A room is known by its centre and name; its lines must agree on the room's
certification and capacity (description and evaluation are left empty, as an import without them
sets them; a disagreement is refused citing the room's first line). A line with no
workstation label is a room without workstations (then its other workstation columns must be
empty). Each line is checked as the forms check one room and one workstation (`RoomFieldsSchema`,
`WorkstationCreateSchema`); a label given twice in a room is refused citing the earlier line. The
file itself (encoding, delimiter, header, row limit) is read by `epimorfosi_platform.csv_import`."""
from __future__ import annotations

from epimorfosi_platform.csv_import import read_csv
from marshmallow import ValidationError

from ..workstations.models import CHARACTERISTICS
from ..workstations.schemas import WorkstationCreateSchema
from .schemas import RoomFieldsSchema

COLUMNS = {
    "centre_code": ("centre_code", "κωδικός κσε"),
    "room": ("room", "αίθουσα"),
    "room_certified": ("room_certified", "πιστοποιημένη αίθουσα"),
    "capacity": ("capacity", "δυναμικότητα"),
    "label": ("workstation", "σταθμός εργασίας"),
    "processor": ("processor", "επεξεργαστής"),
    "memory": ("memory", "μνήμη"),
    "disk": ("disk", "δίσκος"),
    "operating_system": ("operating_system", "λειτουργικό σύστημα"),
    "screen": ("screen", "οθόνη"),
    "network": ("network", "δίκτυο"),
    "certified": ("certified", "πιστοποιημένος σταθμός"),
}
WORKSTATION_COLUMNS = ("label", *CHARACTERISTICS, "certified")
OPTIONAL = frozenset({"room_certified", *WORKSTATION_COLUMNS})
LABELS = {"centre_code": "Κωδικός ΚΣΕ", "room": "Αίθουσα", "room_certified": "Πιστοποιημένη αίθουσα",
          "capacity": "Δυναμικότητα", "label": "Σταθμός εργασίας", "processor": "Επεξεργαστής", "memory": "Μνήμη",
          "disk": "Δίσκος", "operating_system": "Λειτουργικό σύστημα", "screen": "Οθόνη", "network": "Δίκτυο",
          "certified": "Πιστοποιημένος σταθμός"}
YES, NO = frozenset({"ναι", "ν", "yes", "y", "true", "1"}), frozenset({"όχι", "οχι", "ο", "no", "n", "false", "0", ""})
MAX_LINES = 100_000
_ROOM, _WORKSTATION = RoomFieldsSchema(), WorkstationCreateSchema()


def _yes_no(value: str, column: str, problems: dict) -> bool | None:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    problems[column] = ["Γράψτε «ναι» ή «όχι»."]
    return None


def _capacity(value: str, problems: dict):
    try:
        return int(value)
    except ValueError:
        problems["capacity"] = ["Πρέπει να είναι ακέραιος αριθμός."]
        return None


def _load(schema, values: dict, rename: dict, problems: dict) -> dict | None:
    try:
        return schema.load(values)
    except ValidationError as exc:
        for name, messages in exc.messages.items():
            problems[rename.get(name, name)] = messages
        return None


def _line(values: dict) -> tuple[dict | None, dict | None, dict]:
    """(room facts, workstation or None, problems by column) of one line."""
    problems: dict = {}
    room = {"name": values["room"], "certified": _yes_no(values["room_certified"], "room_certified", problems),
            "capacity": _capacity(values["capacity"], problems)}
    room = None if problems else _load(_ROOM, room, {"name": "room", "certified": "room_certified"}, problems)
    workstation = None
    if values["label"]:
        certified = _yes_no(values["certified"], "certified", problems)
        fields = {name: values[name] for name in ("label", *CHARACTERISTICS)}
        workstation = _load(_WORKSTATION, dict(fields, certified=bool(certified)), {}, problems)
    elif any(values[name] for name in WORKSTATION_COLUMNS):
        problems["label"] = ["Λείπει η ονομασία του σταθμού εργασίας."]
    return room, workstation, problems


def parse_rooms(data: bytes) -> tuple[list[tuple[int, dict]], list[str]]:
    """The rooms of the file as `PUT /v1/centres/rooms` takes them, each with its first line, or
    the errors, per line."""
    table = read_csv(data, COLUMNS, optional=OPTIONAL, max_rows=MAX_LINES)
    rooms: dict[tuple[str, str], tuple[int, dict]] = {}
    labels: dict[tuple[str, str, str], int] = {}
    for line, values in table.lines:
        room, workstation, problems = _line(values)
        if not values["centre_code"]:
            problems["centre_code"] = ["Υποχρεωτικό πεδίο."]
        for column in sorted(problems, key=list(COLUMNS).index):
            table.refuse(line, f"{LABELS[column]}: {' '.join(problems[column])}")
        if problems:
            continue
        key = (values["centre_code"], room["name"])
        first, stored = rooms.setdefault(key, (line, dict(room, centre_code=key[0], workstations=[])))
        if (stored["certified"], stored["capacity"]) != (room["certified"], room["capacity"]):
            table.refuse(line, f"η αίθουσα «{room['name']}» του {key[0]} έχει άλλη πιστοποίηση ή δυναμικότητα "
                               f"στη γραμμή {first}.")
            continue
        if workstation is not None:
            earlier = labels.setdefault((*key, workstation["label"]), line)
            if earlier != line:
                table.refuse(line, f"ο σταθμός εργασίας «{workstation['label']}» υπάρχει ήδη στη γραμμή {earlier}.")
                continue
            stored["workstations"].append(workstation)
    return list(rooms.values()), table.errors
