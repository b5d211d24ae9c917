"""Trainees slice: the read models a trainee's B4 (Βεβαίωση εγγραφής) needs — people's names
(identity.user.registered.v1) and programmes (applications.programme.created.v1) — and the B4
issued on enrolment (enrollment.trainee.enrolled.v1)."""
