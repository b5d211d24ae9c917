"""The page blueprints, one per area of the menu. A new area: a module here with its `bp`, listed
below, and its templates under templates/<area>/ (docs/development.md, "Adding a screen")."""


def blueprints():
    from . import auth, centres, centre_results, distribution, draws, home, paper_forms, periods, programmes
    from . import enrolment, enrolment_audit, enrolment_entry, minutes, offer_links, programme_lists, programme_staff
    from . import pwa, record_folder, resources, staff, teacher_application, teacher_enrolment, teacher_results
    from . import trainers, verification, workstations

    return [auth.bp, home.bp, periods.bp, centres.bp, resources.bp, programmes.bp, distribution.bp, draws.bp,
            centre_results.bp, paper_forms.bp, staff.bp, minutes.bp, enrolment.bp, enrolment_entry.bp,
            enrolment_audit.bp, teacher_application.bp, teacher_results.bp, teacher_enrolment.bp, trainers.bp,
            workstations.bp, programme_lists.bp, programme_staff.bp, record_folder.bp, verification.bp,
            offer_links.bp, pwa.bp]
