"""Build the demo awards round: made-up nominations, a panel, interests and part-done scoring.

The demo lets someone try CSX Desktop without real nominations: every screen has something
to show. Pride of Stockton is mostly scored and three members have submitted it, the chair
among them, so the chair who signs in sees its ranked results and where judges disagree, and
can record the decision, as on the judging day. Extra Mile is about half done with a few
incomplete sheets, Team has barely started, and Shining Star has a nominee from five of the
six nominating bodies ("Finance, Development and Regeneration" has not nominated yet). The
Shining Star staff vote has been imported (a few hundred untidy ballots and one paper count);
no decisions are recorded. All people are fictional.

Signing in to the demo:

====================  ====================================  ======
panel member          group                                 PIN
====================  ====================================  ======
Margaret Teesdale     Catalyst voice forum                  111111
Imran Chaudhry        Catalyst voice forum                  222222
Lily Ashworth         Catalyst voice forum                  333333
Nora Quinn            Customer Service Excellence assessor  444444
David Okafor          Customer Service Excellence assessor  555555
Rachel Brannigan      Customer Service Excellence assessor  666666
Sandra Pounder        Council officer (chair)               777777
Michael Thwaites      Council officer                       888888
Aisha Karim           Council officer                       999999
====================  ====================================  ======

The administrator's passphrase is ``demo-admin``.

Everything is written through the operations and the store's own methods, so the demo obeys
the same rules and leaves the same audit trail as real use; the scores are drawn from
``random.Random(2026)`` so every build is identical.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from pathlib import Path

from csx_desktop.demo import ballots, data
from csx_desktop.domain.model import Category, Entry, Nomination, PanelMember
from csx_desktop.domain.names import name_key
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, TEAM
from csx_desktop.operations import judging
from csx_desktop.store import RoundFileError, Store

CEREMONY_DATE = datetime.date(2026, 12, 10)
SEED = 2026

# Sidecar files SQLite may keep beside a round file while it is open.
_SIDECARS = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class _Progress:
    """How far one member has got in one category: whole sheets, then half-filled ones."""

    complete: int
    incomplete: int = 0


ALL = 1_000  # "every entry they can score"

# Who has scored what. Members work through their entries in their own order (shuffled), so
# the missing sheets fall on different entries for different people, as they would.
PROGRESS: dict[str, dict[str, _Progress]] = {
    PRIDE_OF_STOCKTON: {
        "Margaret Teesdale": _Progress(ALL),
        "Imran Chaudhry": _Progress(11, 1),
        "Lily Ashworth": _Progress(5, 2),
        "Nora Quinn": _Progress(12),
        "David Okafor": _Progress(ALL),
        "Rachel Brannigan": _Progress(10, 1),
        "Sandra Pounder": _Progress(12),  # the chair: the rest before submitting (SUBMITTED)
        "Aisha Karim": _Progress(11),
    },
    EXTRA_MILE: {
        "Margaret Teesdale": _Progress(6),
        "Imran Chaudhry": _Progress(9),
        "Nora Quinn": _Progress(7, 1),
        "David Okafor": _Progress(5),
        "Rachel Brannigan": _Progress(6, 2),
        "Sandra Pounder": _Progress(10),
        "Michael Thwaites": _Progress(8, 1),
    },
    TEAM: {
        "Sandra Pounder": _Progress(2),
        "Rachel Brannigan": _Progress(0, 1),
    },
}

# These members have finished Pride of Stockton (every sheet complete) and pressed "Submit
# category"; the chair among them, so her Results tab shows the ranking. Sheets still to do
# are scored first (``_finish``), drawn apart from PROGRESS's so those stay as they were.
SUBMITTED: tuple[tuple[str, str], ...] = (
    ("Margaret Teesdale", PRIDE_OF_STOCKTON),
    ("David Okafor", PRIDE_OF_STOCKTON),
    ("Sandra Pounder", PRIDE_OF_STOCKTON),
)

# A pair of judges who disagree strongly on one entry (totals 93 and 33 out of 100), so the
# chair's results show the "discuss" flag; the comments in ``data.COMMENTS`` say why.
DISAGREEMENT: tuple[str, str, dict[str, tuple[int, ...]]] = (
    PRIDE_OF_STOCKTON,
    "Jamal Haddad",
    {"Imran Chaudhry": (5, 5, 4), "Sandra Pounder": (2, 1, 2)},
)


def build_demo_round(path: Path) -> None:
    """Create the demo round file at ``path``, which must not exist yet.

    The round is built under a temporary name beside ``path`` and renamed when complete, so
    an interrupted build never leaves a half-made demo that ``open_or_build_demo`` would
    then take for a finished one.
    """
    path = Path(path)
    if path.exists():
        raise RoundFileError(f"{path} already exists; the demo is only built into a new file.")
    building = path.with_name(f".{path.name}.building")
    _remove_with_sidecars(building)  # left over from a build that was killed
    store = Store.create(
        building,
        name=data.ROUND_NAME,
        year=data.ROUND_YEAR,
        admin_passphrase=data.ADMIN_PASSPHRASE,
    )
    try:
        # One transaction for the whole demo: a commit per write (each with fsync) would
        # make building take seconds; nested store writes become savepoints inside it.
        with store.write():
            _fill(store)
            ballots.add_demo_ballots(store)
    except BaseException:
        store.close()
        _remove_with_sidecars(building)
        raise
    store.close()
    if any(_sidecar(building, suffix).exists() for suffix in _SIDECARS):
        # Closing the last connection checkpoints the WAL into the file; if it did not, a
        # rename would leave data behind, so stop rather than ship a partial demo.
        raise RoundFileError(f"The demo round at {building} was not closed cleanly.")
    building.replace(path)


def open_or_build_demo(path: Path | str) -> Path:
    """Return ``path``, building the demo round there first if there is no file yet."""
    path = Path(path)
    if not path.exists():
        build_demo_round(path)
    return path


# ---- filling the round ---------------------------------------------------------------------


def _fill(store: Store) -> None:
    administrator = store.actor
    store.round.update_settings(ceremony_date=CEREMONY_DATE, signatories=data.SIGNATORIES)
    _add_nominations(store)
    members = _add_panel(store)
    try:
        # The panel's own actions are audited under their names, as when they sign in.
        _declare_interests(store, members)
        leniency = _score(store, members, random.Random(SEED))
        _finish(store, members, leniency, random.Random(SEED + 1))
        _comment(store, members)
        _submit(store, members)
    finally:
        store.actor = administrator


def _add_nominations(store: Store) -> None:
    bodies = {name_key(body) for body in store.round.nominating_bodies()}
    # In the order they arrived, numbered like the form tool's response ids: the first
    # nomination of a nominee names the entry and the import would see them in this order.
    ordered = sorted(data.NOMINATIONS, key=lambda n: n.received_at)
    for number, item in enumerate(ordered, start=1):
        if item.nominating_body and name_key(item.nominating_body) not in bodies:
            # The default bodies changed: fail loudly rather than build a demo that
            # silently loses its Shining Star nominees.
            raise RoundFileError(f"{item.nominating_body} is not a nominating body of the round.")
        store.nominations.add(
            Nomination(
                category_id=_id(_category(store, item.category).id),
                nominee=item.nominee,
                citation=item.citation,
                team_members=item.team_members,
                service=item.service,
                nominating_body=item.nominating_body,
                nominator_name=item.nominator,
                nominator_email=item.email,
                relationship=item.relationship,
                received_at=item.received_at,
                source=data.SOURCE,
                response_id=f"{number:04d}",
            )
        )


def _add_panel(store: Store) -> dict[str, PanelMember]:
    # Every member judges all three panel categories, as on the council's panel.
    panel_ids = [c.id for c in store.round.categories() if c.is_panel_scored and c.id]
    members: dict[str, PanelMember] = {}
    for person in data.PANEL:
        members[person.name] = store.panel.add_member(
            person.name, person.group, panel_ids, pin=person.pin, is_chair=person.is_chair
        )
    return members


def _declare_interests(store: Store, members: dict[str, PanelMember]) -> None:
    for interest in data.INTERESTS:
        member = members[interest.member]
        entry = _entry(store, interest.category, interest.nominee)
        store.actor = member.name  # members declare their own interests when signed in
        store.panel.declare_interest(_id(member.id), _id(entry.id), interest.kind, interest.note)


def _score(store: Store, members: dict[str, PanelMember], rng: random.Random) -> dict[str, float]:
    """Score as PROGRESS says; return each member's leniency (for ``_finish``)."""
    # Each member is a little harsher or kinder than the others; each entry has an
    # underlying strength (data.QUALITY); a sheet's scores wander about ±1 around the two.
    leniency = {person.name: rng.uniform(-0.5, 0.5) for person in data.PANEL}
    forced_category, forced_nominee, forced_scores = DISAGREEMENT
    for category_name, plan in PROGRESS.items():
        category = _category(store, category_name)
        entries = store.nominations.entries(_id(category.id))
        for person in data.PANEL:  # panel order, so the random draws never depend on dicts
            progress = plan.get(person.name)
            if progress is None:
                continue
            member = members[person.name]
            store.actor = member.name
            # The scoring screen asks "do you know any of these nominees?" before the first
            # score, so everyone who has started has confirmed their interests.
            store.panel.confirm_interests(_id(member.id), _id(category.id))
            mine = [e for e in entries if not store.panel.has_interest(_id(member.id), _id(e.id))]
            rng.shuffle(mine)
            forced = forced_scores.get(person.name) if category_name == forced_category else None
            if forced is not None:
                # Put the disputed entry first so it is certainly among the sheets scored.
                mine.sort(key=lambda e: name_key(e.nominee) != name_key(forced_nominee))
            done = mine[: progress.complete]
            half_done = mine[progress.complete : progress.complete + progress.incomplete]
            for entry in done:
                scores = [
                    _draw(rng, data.QUALITY[entry.nominee] + leniency[person.name], c.max_score)
                    for c in category.criteria
                ]
                if forced is not None and name_key(entry.nominee) == name_key(forced_nominee):
                    scores = list(forced)
                _set_scores(store, member, entry, category, scores)
            for entry in half_done:
                # One or two criteria scored, the rest left for later: an incomplete sheet.
                filled = rng.randint(1, len(category.criteria) - 1)
                scores = [
                    _draw(rng, data.QUALITY[entry.nominee] + leniency[person.name], c.max_score)
                    for c in category.criteria[:filled]
                ]
                _set_scores(store, member, entry, category, scores)
    return leniency


def _finish(
    store: Store,
    members: dict[str, PanelMember],
    leniency: dict[str, float],
    rng: random.Random,
) -> None:
    """Complete every sheet a member in SUBMITTED has still to do in that category."""
    for member_name, category_name in SUBMITTED:
        member = members[member_name]
        store.actor = member.name
        category = _category(store, category_name)
        for entry in store.nominations.entries(_id(category.id)):
            if store.panel.has_interest(_id(member.id), _id(entry.id)):
                continue
            sheet = store.scores.sheet(_id(member.id), _id(entry.id))
            centre = data.QUALITY[entry.nominee] + leniency[member_name]
            for criterion in category.criteria:
                if _id(criterion.id) not in sheet.scores:
                    judging.save_score(
                        store,
                        member_id=_id(member.id),
                        entry_id=_id(entry.id),
                        criterion_id=_id(criterion.id),
                        score=_draw(rng, centre, criterion.max_score),
                    )


def _draw(rng: random.Random, centre: float, max_score: int) -> int:
    return max(0, min(max_score, round(centre + rng.uniform(-0.8, 0.8))))


def _set_scores(
    store: Store, member: PanelMember, entry: Entry, category: Category, scores: list[int]
) -> None:
    for criterion, score in zip(category.criteria, scores, strict=False):
        judging.save_score(
            store,
            member_id=_id(member.id),
            entry_id=_id(entry.id),
            criterion_id=_id(criterion.id),
            score=score,
        )


def _comment(store: Store, members: dict[str, PanelMember]) -> None:
    for member_name, category_name, nominee, comment in data.COMMENTS:
        member = members[member_name]
        store.actor = member.name
        entry = _entry(store, category_name, nominee)
        judging.save_comment(
            store, member_id=_id(member.id), entry_id=_id(entry.id), comment=comment
        )


def _submit(store: Store, members: dict[str, PanelMember]) -> None:
    for member_name, category_name in SUBMITTED:
        member = members[member_name]
        store.actor = member.name
        judging.submit_category(
            store, member_id=_id(member.id), category_id=_id(_category(store, category_name).id)
        )


# ---- small lookups -------------------------------------------------------------------------


def _category(store: Store, name: str) -> Category:
    return store.round.category_named(name)


def _entry(store: Store, category_name: str, nominee: str) -> Entry:
    return store.nominations.entry_named(_id(_category(store, category_name).id), nominee)


def _id(value: int | None) -> int:
    """A stored object's id; the store always returns objects with one."""
    if value is None:
        raise RoundFileError("The demo builder met an object the store had not saved.")
    return value


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove_with_sidecars(path: Path) -> None:
    path.unlink(missing_ok=True)
    for suffix in _SIDECARS:
        _sidecar(path, suffix).unlink(missing_ok=True)
