"""Offers of freed seats to waitlisted teachers: the teacher's own entries (live waitlist position),
accepting or declining online, the one-click decline link of the e-mail, and the sweep of expired
offers. The offers themselves are made by enrolment.promotion.fill_vacancies."""
