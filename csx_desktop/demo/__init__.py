"""The demo awards round: made-up nominations, panel and part-done scoring to try the app on.

Non-UI code (no Qt): the window's ``--demo`` option and the tests both call
``open_or_build_demo``. The demo PINs are listed in ``csx_desktop.demo.builder``.
"""

from csx_desktop.demo.builder import build_demo_round, open_or_build_demo

__all__ = ["build_demo_round", "open_or_build_demo"]
