"""The demo round's Shining Star staff vote: a few hundred made-up ballots and one paper count.

Like a real vote it is untidy: some people voted twice (changing their mind, or typing their
email in capitals the second time), some responses are anonymous or have no email, a few
choices are misspelt or name someone who is not on the shortlist, odd spacing and capitals
abound, and a handful arrived after voting closed. The depot crews voted on paper, counted
by the administrator. Grace Etherington leads narrowly. All people are fictional; the draws
come from ``random.Random(2026)`` so every build is identical.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from csx_desktop.domain.times import to_utc
from csx_desktop.domain.votes import ImportedBallot, voter_key
from csx_desktop.store import Store

VOTING_OPENS = datetime(2026, 4, 20, 9, 0)  # UK local time, as the administrator types it
VOTING_CLOSES = datetime(2026, 5, 8, 17, 0)
SOURCE = "vote form (demo)"
FILE_NAME = "Shining Star staff vote 2026 (demo).xlsx"
SEED = 2026

# How many online votes each nominee draws (before duplicates and spoilt ballots).
SUPPORT: dict[str, int] = {
    "Grace Etherington": 118,
    "Kwame Mensah": 97,
    "Sunil Varma": 86,
    "Rebecca Lindsay": 61,
    "Aaron Bulmer": 47,
}
PAPER = ("Kwame Mensah", 17, "Kath Reed, Customer Services (depot ballot box)")

FIRST_NAMES = [
    "Amy",
    "Ben",
    "Carl",
    "Dawn",
    "Ellie",
    "Faisal",
    "Gemma",
    "Harry",
    "Iqra",
    "Jack",
    "Kelly",
    "Liam",
    "Megan",
    "Nadia",
    "Owen",
    "Paula",
    "Qasim",
    "Rosie",
    "Shaun",
    "Tara",
    "Usman",
    "Vicky",
    "Wayne",
    "Yasmin",
    "Zak",
    "Adele",
    "Bilal",
    "Chloe",
    "Dean",
    "Erin",
]
LAST_NAMES = [
    "Atkinson",
    "Bell",
    "Carr",
    "Dobson",
    "Elliott",
    "Fenwick",
    "Graham",
    "Hall",
    "Iveson",
    "Jackson",
    "Kaur",
    "Lamb",
    "Metcalfe",
    "Nixon",
    "Oliver",
    "Pearson",
    "Robson",
    "Shepherd",
    "Thompson",
    "Urwin",
    "Vasey",
    "Walker",
    "Young",
    "Ahmed",
    "Barker",
    "Cummings",
    "Dixon",
]

# Untidy ways people typed (or a form tool wrote) a vote, and wrong votes.
ODD_SPELLINGS = {
    "Grace Etherington": ("  grace etherington", "GRACE ETHERINGTON", "Grace  Etherington "),
    "Sunil Varma": ("sunil varma", "SUNIL VARMA"),
    "Kwame Mensah": ("kwame mensah ",),
}
MISSPELT = ("Kwame Mensa", "Rebbeca Lindsay", "Grace Etherton")
NOT_SHORTLISTED = ("Jamal Haddad", "Dave on the Xentrall service desk", "All of them!")


def add_demo_ballots(store: Store) -> None:
    """Set the voting window and add the demo's staff vote and paper count to ``store``."""
    store.round.update_settings(voting_opens=VOTING_OPENS, voting_closes=VOTING_CLOSES)
    rng = random.Random(SEED)
    shortlist = {c.nominee: c.entry_id for c in store.ballots.shortlist()}
    votes = [name for name, count in SUPPORT.items() if name in shortlist for _ in range(count)]
    rng.shuffle(votes)
    people = _staff(rng, len(votes) + 40)
    ballots: list[tuple[str, str, datetime]] = []
    for person, choice in zip(people, votes, strict=False):
        spellings = ODD_SPELLINGS.get(choice)
        if spellings and rng.random() < 0.15:
            choice = rng.choice(spellings)
        ballots.append((person, choice, _moment(rng)))
    # Changed their minds: a second, later ballot from 18 voters (some typed in capitals).
    for person, _, cast_at in rng.sample(ballots, 18):
        again = person.upper() if rng.random() < 0.4 else person
        later = min(cast_at + timedelta(hours=rng.randint(2, 90)), _at(VOTING_CLOSES, -30))
        ballots.append((again, rng.choice(sorted(shortlist)), later))
    for _ in range(6):
        ballots.append(("anonymous", rng.choice(sorted(shortlist)), _moment(rng)))
    for _ in range(4):
        ballots.append(("", rng.choice(sorted(shortlist)), _moment(rng)))
    for choice in MISSPELT + NOT_SHORTLISTED:
        ballots.append((people.pop(), choice, _moment(rng)))
    for minutes in (12, 95, 1440):  # arrived after voting closed
        ballots.append((people.pop(), rng.choice(sorted(shortlist)), _at(VOTING_CLOSES, minutes)))
    ballots.sort(key=lambda b: b[2])  # a form export lists responses as they arrived
    store.ballots.import_ballots(
        [
            ImportedBallot(
                row=number,
                voter_key=voter_key(voter),
                choice=choice,
                cast_at=to_utc(cast_at),
                response_id=str(number - 1),
            )
            for number, (voter, choice, cast_at) in enumerate(ballots, start=2)
        ],
        source=SOURCE,
        file_name=FILE_NAME,
        file_sha256="",
        file_format="Microsoft Forms",
    )
    nominee, count, counted_by = PAPER
    if nominee in shortlist:
        store.ballots.add_paper_count(shortlist[nominee], count, counted_by)


def _staff(rng: random.Random, count: int) -> list[str]:
    """Distinct made-up staff emails (a few from Xentrall)."""
    emails: list[str] = []
    seen: set[str] = set()
    while len(emails) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        domain = "xentrall.org.uk" if rng.random() < 0.12 else "stockton.gov.uk"
        email = f"{first}.{last}@{domain}".lower()
        if email in seen:
            email = f"{first}.{last}{len(seen) % 90 + 2}@{domain}".lower()
        if email not in seen:
            seen.add(email)
            emails.append(email)
    return emails


def _moment(rng: random.Random) -> datetime:
    """A working-hours time within the window, busiest in the first days."""
    day = min(int(rng.expovariate(1 / 4)), 17)
    moment = VOTING_OPENS + timedelta(days=day, minutes=rng.randint(0, 8 * 60 - 1))
    return min(moment, _at(VOTING_CLOSES, -1))


def _at(moment: datetime, minutes: int) -> datetime:
    return moment + timedelta(minutes=minutes)
