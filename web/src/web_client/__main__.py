import sys

from epimorfosi_platform.cli import main

from . import SERVICE, create_app

sys.exit(main(SERVICE, create_app))
