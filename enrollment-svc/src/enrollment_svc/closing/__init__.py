"""The end of enrolment: at the period's deadline a programme with fewer enrolled than the call's
minimum is cancelled unless a central admin granted a reduced-composition exception; then central
admins approve the final programmes per directorate and centre (K6), after which nothing changes."""
