"""``python -m csx_desktop`` starts the window, like ``csx-desktop``."""

import sys

from csx_desktop.ui.app import main

sys.exit(main())
