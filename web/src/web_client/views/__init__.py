"""The page blueprints, one per area of the menu. A new area: a module here with its `bp`, listed
below, and its templates under templates/<area>/ (docs/development.md, "Adding a screen")."""


def blueprints():
    from . import auth, centres, home, periods, programmes, pwa, resources

    return [auth.bp, home.bp, periods.bp, centres.bp, resources.bp, programmes.bp, pwa.bp]
