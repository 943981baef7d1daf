"""PINs and the administrator's passphrase: the rules for them, hashing them, and slowing guesses.

The round file stores only ``scrypt$n$r$p$salt$hash``; nobody can read a PIN back from it.
Whoever has a copy of the file can still try every PIN offline, so each check is made
deliberately slow and memory-hungry: scrypt with N = 2^17, r = 8, p = 1 (OWASP's minimum for
scrypt; 128 MiB and about 0.45 s a check on the 2-core machine this was measured on, see
``benchmarks/pin_guessing.py``). That is why new PINs are 6 to 8 digits: every 4-digit PIN
can be tried in about 1.3 core-hours, every 6-digit one in about 130 core-hours. A PIN keeps
members apart at the shared laptop; it cannot keep a copied file secret (see SECURITY.md).

At the sign-in screen, guesses are slowed by ``retry_delay``: after ``FREE_TRIES`` wrong
tries each further one waits longer (the count and the time are kept in the round file, so
closing the window resets nothing).

A hash made with weaker settings (an older version, or the tests' cheap ones) still checks;
``needs_rehash`` says to store it again at today's cost the next time it is given right.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScryptCost:
    """How hard one check is: scrypt's CPU/memory cost ``n``, block size ``r``, ``p``."""

    n: int
    r: int
    p: int

    @property
    def memory(self) -> int:
        """Bytes one check needs (scrypt's 128 x r x n, times p)."""
        return 128 * self.r * self.n * self.p


# Today's cost for every new hash. Tests make it cheap through a fixture in
# tests/conftest.py that replaces this module attribute; no setting, file or environment
# variable can change it.
_COST = ScryptCost(n=2**17, r=8, p=1)
# The most a stored hash may ask for: a file crafted to make one check take minutes or all
# the memory is refused instead.
_MOST = ScryptCost(n=2**20, r=16, p=4)

PIN_DIGITS = (6, 8)
LEGACY_PIN_DIGITS = 4  # PINs set before 6 became the minimum still sign in (then change)
PIN_RULE = "A PIN is 6 to 8 digits (0 to 9)."
_PIN = re.compile(r"[0-9]{6,8}")  # ASCII digits only: ² or ٣ could not be typed again
_LEGACY_PIN = re.compile(r"[0-9]{4,8}")

FREE_TRIES = 3
MAX_DELAY = 60  # seconds


def pin_problem(pin: str) -> str:
    """Why a new PIN is refused, or "" when it will do."""
    if _PIN.fullmatch(pin):
        return ""
    return PIN_RULE


def pin_is_current(pin: str) -> bool:
    """True when a PIN meets today's rule (one that does not is asked to change)."""
    return _PIN.fullmatch(pin) is not None


def could_be_a_pin(pin: str) -> bool:
    """True for anything a PIN ever was (4 to 8 ASCII digits): worth checking at sign-in."""
    return _LEGACY_PIN.fullmatch(pin) is not None


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next try after this many wrong tries in a row."""
    if failures < FREE_TRIES:
        return 0
    return int(min(2 ** (failures - FREE_TRIES + 1), MAX_DELAY))


def hash_secret(secret: str) -> str:
    cost = _COST
    salt = os.urandom(16)
    digest = _scrypt(secret, salt, cost, 32)
    return "$".join(["scrypt", str(cost.n), str(cost.r), str(cost.p), _b64(salt), _b64(digest)])


def verify_secret(secret: str, stored: str) -> bool:
    parsed = _parse(stored)
    if parsed is None:
        return False
    cost, salt, expected = parsed
    return hmac.compare_digest(_scrypt(secret, salt, cost, len(expected)), expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made at less than today's cost (store it again when right)."""
    parsed = _parse(stored)
    if parsed is None:
        return True
    cost = parsed[0]
    return (cost.n * cost.r * cost.p) < (_COST.n * _COST.r * _COST.p)


def check_cost() -> ScryptCost:
    """The cost every new hash is made at."""
    return _COST


def _parse(stored: str) -> tuple[ScryptCost, bytes, bytes] | None:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        cost = ScryptCost(int(n), int(r), int(p))
        salt_bytes, expected = base64.b64decode(salt), base64.b64decode(digest)
    except ValueError:
        return None
    if scheme != "scrypt" or not expected:
        return None
    if not (1 < cost.n <= _MOST.n and 0 < cost.r <= _MOST.r and 0 < cost.p <= _MOST.p):
        return None
    return cost, salt_bytes, expected


def _scrypt(secret: str, salt: bytes, cost: ScryptCost, length: int) -> bytes:
    return hashlib.scrypt(
        secret.encode(),
        salt=salt,
        n=cost.n,
        r=cost.r,
        p=cost.p,
        maxmem=cost.memory + 2**20,  # OpenSSL's default cap (32 MiB) is below today's cost
        dklen=length,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
