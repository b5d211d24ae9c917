"""cluster catalogue: clusters B1.1-B1.13, B2.1-B2.13 with their teacher specialties; categories IIa, IIb

Reference data, inserted idempotently (rows that exist are left alone), so re-running on a
database that already has them is harmless. Seed 001 and 000 show the names of B1.3, B1.4,
B1.5, B1.13 and B2.5 verbatim; the other names and the specialty lists follow the calls of
the programme and are to be checked against the current call's table (section 2) by the
central administrator; a later revision corrects them if the call differs.

Revision ID: a3c41d2e9b70
Revises: 7e5f12eb6077
Create Date: 2026-11-21 23:58:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'a3c41d2e9b70'
down_revision: Union[str, Sequence[str], None] = '7e5f12eb6077'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# number -> (name, [(specialty code, specialty name)]); the same 13 clusters at level B1 and B2.
CLUSTERS = {
    1: ("ΦΙΛΟΛΟΓΟΙ - ΘΕΟΛΟΓΟΙ", [("ΠΕ01", "ΘΕΟΛΟΓΩΝ"), ("ΠΕ02", "ΦΙΛΟΛΟΓΩΝ")]),
    2: ("ΦΥΣΙΚΕΣ ΕΠΙΣΤΗΜΕΣ", [("ΠΕ04.01", "ΦΥΣΙΚΩΝ"), ("ΠΕ04.02", "ΧΗΜΙΚΩΝ"), ("ΠΕ04.04", "ΒΙΟΛΟΓΩΝ"),
                              ("ΠΕ04.05", "ΓΕΩΛΟΓΩΝ")]),
    3: ("ΜΑΘΗΜΑΤΙΚΑ", [("ΠΕ03", "ΜΑΘΗΜΑΤΙΚΩΝ")]),
    4: ("ΠΛΗΡΟΦΟΡΙΚΗ", [("ΠΕ86", "ΠΛΗΡΟΦΟΡΙΚΗΣ")]),
    5: ("ΠΡΩΤΟΒΑΘΜΙΑ ΕΚΠΑΙΔΕΥΣΗ - ΔΑΣΚΑΛΟΙ", [("ΠΕ70", "ΔΑΣΚΑΛΩΝ")]),
    6: ("ΠΡΟΣΧΟΛΙΚΗ ΑΓΩΓΗ - ΝΗΠΙΑΓΩΓΟΙ", [("ΠΕ60", "ΝΗΠΙΑΓΩΓΩΝ")]),
    7: ("ΞΕΝΕΣ ΓΛΩΣΣΕΣ", [("ΠΕ05", "ΓΑΛΛΙΚΗΣ ΦΙΛΟΛΟΓΙΑΣ"), ("ΠΕ06", "ΑΓΓΛΙΚΗΣ ΦΙΛΟΛΟΓΙΑΣ"),
                          ("ΠΕ07", "ΓΕΡΜΑΝΙΚΗΣ ΦΙΛΟΛΟΓΙΑΣ"), ("ΠΕ34", "ΙΤΑΛΙΚΗΣ ΦΙΛΟΛΟΓΙΑΣ"),
                          ("ΠΕ40", "ΙΣΠΑΝΙΚΗΣ ΦΙΛΟΛΟΓΙΑΣ")]),
    8: ("ΚΑΛΛΙΤΕΧΝΙΚΑ", [("ΠΕ08", "ΚΑΛΛΙΤΕΧΝΙΚΩΝ"), ("ΠΕ79.01", "ΜΟΥΣΙΚΗΣ ΕΠΙΣΤΗΜΗΣ"),
                         ("ΠΕ91.01", "ΘΕΑΤΡΙΚΩΝ ΣΠΟΥΔΩΝ")]),
    9: ("ΦΥΣΙΚΗ ΑΓΩΓΗ", [("ΠΕ11", "ΦΥΣΙΚΗΣ ΑΓΩΓΗΣ")]),
    10: ("ΚΟΙΝΩΝΙΚΕΣ ΕΠΙΣΤΗΜΕΣ - ΟΙΚΟΝΟΜΙΑ", [("ΠΕ78", "ΚΟΙΝΩΝΙΚΩΝ ΕΠΙΣΤΗΜΩΝ"), ("ΠΕ80", "ΟΙΚΟΝΟΜΙΑΣ")]),
    11: ("ΤΕΧΝΟΛΟΓΙΑ - ΜΗΧΑΝΙΚΟΙ", [("ΠΕ81", "ΠΟΛΙΤΙΚΩΝ ΜΗΧΑΝΙΚΩΝ - ΑΡΧΙΤΕΚΤΟΝΩΝ"), ("ΠΕ82", "ΜΗΧΑΝΟΛΟΓΩΝ"),
                                    ("ΠΕ83", "ΗΛΕΚΤΡΟΛΟΓΩΝ"), ("ΠΕ84", "ΗΛΕΚΤΡΟΝΙΚΩΝ"),
                                    ("ΠΕ85", "ΧΗΜΙΚΩΝ ΜΗΧΑΝΙΚΩΝ")]),
    12: ("ΕΠΑΓΓΕΛΜΑΤΙΚΗ ΕΚΠΑΙΔΕΥΣΗ - ΛΟΙΠΕΣ ΕΙΔΙΚΟΤΗΤΕΣ", [("ΠΕ87.02", "ΝΟΣΗΛΕΥΤΙΚΗΣ"), ("ΠΕ88.01", "ΓΕΩΠΟΝΩΝ"),
                                                          ("ΠΕ89.01", "ΚΑΛΛΙΤΕΧΝΙΚΩΝ ΣΠΟΥΔΩΝ"),
                                                          ("ΠΕ90", "ΝΑΥΤΙΚΩΝ ΜΑΘΗΜΑΤΩΝ")]),
    13: ("ΕΙΔΙΚΗ ΑΓΩΓΗ", [("ΠΕ21", "ΘΕΡΑΠΕΥΤΩΝ ΛΟΓΟΥ"), ("ΠΕ23", "ΨΥΧΟΛΟΓΩΝ"),
                         ("ΠΕ61", "ΝΗΠΙΑΓΩΓΩΝ ΕΙΔΙΚΗΣ ΑΓΩΓΗΣ"), ("ΠΕ71", "ΔΑΣΚΑΛΩΝ ΕΙΔΙΚΗΣ ΑΓΩΓΗΣ")]),
}
CATEGORIES = [
    ("IIa", "Μεικτό μοντέλο", "prefecture"),
    ("IIb", "Μεικτό μοντέλο - μόνο σύγχρονες εξ αποστάσεως συνεδρίες", "region"),
]

cluster = sa.table("cluster", sa.column("code", sa.String), sa.column("level", sa.String),
                   sa.column("number", sa.Integer), sa.column("name", sa.String))
specialty = sa.table("cluster_specialty", sa.column("cluster_code", sa.String),
                     sa.column("specialty_code", sa.String), sa.column("specialty_name", sa.String))
category = sa.table("programme_category", sa.column("code", sa.String), sa.column("name", sa.String),
                    sa.column("allotted_per", sa.String))


def _missing(table, key_columns, rows):
    bind = op.get_bind()
    existing = {tuple(r) for r in bind.execute(sa.select(*[table.c[k] for k in key_columns]))}
    return [r for r in rows if tuple(r[k] for k in key_columns) not in existing]


def upgrade() -> None:
    clusters, specialties = [], []
    for level in ("B1", "B2"):
        for number, (name, members) in CLUSTERS.items():
            code = f"{level}.{number}"
            clusters.append({"code": code, "level": level, "number": number, "name": name})
            specialties += [{"cluster_code": code, "specialty_code": c, "specialty_name": n} for c, n in members]
    rows = _missing(cluster, ["code"], clusters)
    if rows:
        op.bulk_insert(cluster, rows)
    rows = _missing(specialty, ["cluster_code", "specialty_code"], specialties)
    if rows:
        op.bulk_insert(specialty, rows)
    rows = _missing(category, ["code"], [{"code": c, "name": n, "allotted_per": a} for c, n, a in CATEGORIES])
    if rows:
        op.bulk_insert(category, rows)


def downgrade() -> None:
    op.execute(specialty.delete())
    op.execute(cluster.delete())
    op.execute(category.delete())
