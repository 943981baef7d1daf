"""The operations layer: one function per thing a person does to a round.

Every rule of an action is checked here, once, whichever path asked: the window
(``csx_desktop.ui``) and the command line (``csx_desktop.cli``) both call these functions and
never write to the store, nor read what an access rule guards (others' scores, results, the
report, exports), any other way. The store below only stores and loads.

Each function takes keyword-only arguments, returns one outcome value (what changed, in
words the window and the command line both show), or raises one ``CsxError`` refusal whose
message is fit to show a person as it is. Nothing here imports Qt (tests/test_layers.py).

Modules, one per area of the work:

- ``judging``: a member's own sheets (submit, reopen) and the record of who has seen results.
- ``results``: who may see a category's results (a member once they have submitted it), and
  every read and output that holds them: rankings, sheets, other counts, the report, exports.
- ``decisions``: recording (check your answers first; open sheets confirmed with a reason) and
  reopening the panel's decision.
- ``rounds``: making a round, changing its settings and rules (a reason once scoring has
  started), the administrator's passphrase, backing the round up (the administrator only).
- ``round_setup``: a category's rubric criteria, the Shining Star's nominating bodies.
- ``nominations``: adding, correcting and tidying nominations; the blank template.
- ``panel``: members, PINs, declared interests.
- ``imports``: the storing step of every import (nominations, panel, interests, paper scores,
  votes).
- ``packs``: judging packs, returned packs, keying paper sheets.
- ``votes``: the Shining Star's paper counts and voters' details.
- ``sign_in``: one try at signing in, as a member or the administrator.

``tests/test_layers.py`` fails if the window or the command line calls a store method that
writes, an import, or a guarded read any other way.
"""
