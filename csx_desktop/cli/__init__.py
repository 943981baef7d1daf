"""``csx-admin``: the administrator's command line, over the same functions as the window.

Each ``*_commands`` module registers its subcommands; ``main`` turns a ``CsxError`` into one
line on stderr and exit status 1, and argparse gives usage errors exit status 2.
"""
