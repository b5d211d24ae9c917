"""Lists slice: the manual's «Έντυπα Καταλόγων - Καταστάσεων» of enrolment — K3 (programmes to be
implemented), K4 (a programme's successful and waitlisted, with contact data for those allowed),
K5 (a programme's enrolled) and K6 (final programmes) — paged, filtered, as CSV/XLSX, and as the
rows documents-svc's list forms print."""
