"""Does the winner depend on how we count? Several reasonable counts of one category, side by side.

The round's own method (the mean, or the median, of each entry's counted judge totals) is
what ranks the entries. Beside it, advisory, for the chair to see whether a fair-minded
person counting another reasonable way would get the same winner:

* **judge-adjusted**: each judge's general leniency is estimated from the entries they shared
  with other judges (an additive model, total = panel level + entry effect + judge effect,
  fitted by least squares), and taken out. Unlike per-judge z-scores it stays sound when
  judges scored different entries because of declared interests.
* **rank-based**: each judge's own ranking of the entries they scored, combined by a Borda
  count scaled for how many entries each judge scored (a judge's best gets 100, their last
  0), and the Condorcet winner: the entry that beats every other head to head, counting the
  judges who scored both (there may be none, when preferences go round in a circle).
* **stability**: the panel resampled, each judge left out in turn and a bootstrap over judges
  with a fixed seed (so the answer is the same every time), and how often each entry comes
  first by the round's own method.

Everything here is pure arithmetic over counted sheets (complete, no declared interest):
``(judge, entry, total)`` triples, totals on 0–100. numpy does the sums, imported when a count
is asked for: 5,000 entries × 25 judges count in well under a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# A first place is "unstable" when the entry comes first in fewer than this share of the
# resamples of the panel (the 80%).
STABLE_SHARE = 0.8
RESAMPLES = 200
SEED = 20_261_130  # any fixed number: the same sheets always give the same shares
_ADJUST_TOLERANCE = 1e-9
_ADJUST_MAX_STEPS = 5_000

OWN = ("mean", "median")
COUNT_WORDS = {
    "mean": "the panel's average",
    "median": "the panel's middle score",
    "adjusted": "the judge-adjusted count",
    "borda": "the judges' rankings (Borda)",
    "condorcet": "head-to-head (Condorcet)",
}


@dataclass(frozen=True)
class Counts:
    """One category counted several ways. Entries and judges are their ids.

    Only entries with at least ``min_judges`` counted sheets compete for first place; the
    scores of the others are still given.
    """

    method: str  # "mean" or "median": the round's own
    own: dict[int, float]  # entry -> score by the round's method
    adjusted: dict[int, float]  # entry -> judge-adjusted score, on the 0–100 scale
    borda: dict[int, float]  # entry -> scaled Borda score, 0–100
    condorcet: int | None  # the entry that beats every other head to head, if one does
    first_share: dict[int, float]  # entry -> share of the panel's resamples it is first in
    without_judge: dict[int, int | None]  # judge -> first by the round's method without them
    leniency: dict[int, float]  # judge -> points above (+) or below (-) the panel
    eligible: frozenset[int] = field(default_factory=frozenset)

    @property
    def first_by_count(self) -> dict[str, int | None]:
        """Who each count puts first (None: a tie for first, or no Condorcet winner)."""
        return {
            self.method: _first(self.own, self.eligible),
            "adjusted": _first(self.adjusted, self.eligible),
            "borda": _first(self.borda, self.eligible),
            "condorcet": self.condorcet,
        }

    @property
    def first(self) -> int | None:
        """First by the round's own method (None: nobody eligible, or a tie for first)."""
        return _first(self.own, self.eligible)

    @property
    def disagreeing_counts(self) -> dict[str, int | None]:
        """The counts that put someone else first than the round's own method does. A count
        with no single first (no Condorcet winner) says nothing, so it does not disagree."""
        own = self.first
        return {
            count: first
            for count, first in self.first_by_count.items()
            if count != self.method and first is not None and first != own
        }

    @property
    def stable(self) -> bool:
        """The first by the round's method comes first in at least 80% of resamples."""
        return self.first is not None and self.first_share.get(self.first, 0.0) >= STABLE_SHARE

    @property
    def winner_depends_on_count(self) -> bool:
        """True when another count puts someone else first, or the first is not stable."""
        if not self.eligible:
            return False
        return bool(self.disagreeing_counts) or not self.stable

    @property
    def judges_who_change_the_winner(self) -> list[int]:
        """Judges without whose sheets someone else (or nobody alone) would be first."""
        first = self.first
        return [judge for judge, other in self.without_judge.items() if other != first]

    def in_words(self, nominee: Mapping[int, str], judge: Mapping[int, str]) -> str:
        """The finding in a sentence a panel understands."""
        first = self.first
        if first is None:
            if not self.eligible:
                return "No entry has enough sheets to be ranked yet."
            return "There is no single first place by the panel's own count: it is a tie."
        name = nominee.get(first, f"entry {first}")
        share = round(100 * self.first_share.get(first, 0.0))
        others = self.disagreeing_counts
        if not others:
            sentence = (
                f"{name} is first under every count and in {share}% of resamples of the panel."
            )
        else:
            differ = "; ".join(
                f"{COUNT_WORDS[count]} puts {nominee.get(entry, f'entry {entry}')} first"
                for count, entry in others.items()
                if entry is not None
            )
            sentence = (
                f"{name} is first by {COUNT_WORDS[self.method]}, in {share}% of resamples of "
                f"the panel; but {differ}."
            )
        changers = self.judges_who_change_the_winner
        if changers:
            names = _or([judge.get(j, f"judge {j}") for j in changers])
            sentence += f" Leaving out the sheets of {names} changes the winner."
        return sentence

    def as_json(self, nominee: Mapping[int, str]) -> dict[str, Any]:
        """Per category: who each count puts first, and whether the winner depends on it."""
        return {
            "first_by_count": {
                count: (nominee.get(entry) if entry is not None else None)
                for count, entry in self.first_by_count.items()
            },
            "winner_depends_on_count": self.winner_depends_on_count,
        }

    def leniency_in_words(self, judge: int) -> str:
        """How a judge scores beside the panel, on the same entries."""
        points = round(self.leniency.get(judge, 0.0))
        if points == 0:
            return "scores in line with the panel on the same entries"
        side = "above" if points > 0 else "below"
        unit = "point" if abs(points) == 1 else "points"
        return f"scores {abs(points)} {unit} {side} the panel on the same entries"


def count_category(
    sheets: Iterable[tuple[int, int, float]],
    *,
    method: str = "mean",
    min_judges: int = 2,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Counts:
    """Count one category's counted sheets, ``(judge, entry, total)``, every way at once."""
    if method not in OWN:
        raise ValueError(f"the round's method is the mean or the median, not {method!r}")
    import numpy as np

    triples = [(int(j), int(e), float(t)) for j, e, t in sheets]
    if not triples:
        return Counts(method, {}, {}, {}, None, {}, {}, {})
    judges = sorted({j for j, _, _ in triples})
    entries = sorted({e for _, e, _ in triples})
    judge_at = {judge: i for i, judge in enumerate(judges)}
    entry_at = {entry: i for i, entry in enumerate(entries)}
    jj = np.fromiter((judge_at[j] for j, _, _ in triples), dtype=np.intp, count=len(triples))
    ee = np.fromiter((entry_at[e] for _, e, _ in triples), dtype=np.intp, count=len(triples))
    yy = np.fromiter((t for _, _, t in triples), dtype=np.float64, count=len(triples))
    # The panel as a table: one row an entry, one column a judge; NaN where not scored (a
    # judge who scored an entry twice cannot happen: one sheet per judge and entry).
    table = np.full((len(entries), len(judges)), np.nan)
    table[ee, jj] = yy
    scored = ~np.isnan(table)
    sheets_per_entry = scored.sum(axis=1)
    eligible_rows = sheets_per_entry >= min_judges

    own = _own_scores(table, scored, method)
    adjusted, leniency = _judge_adjusted(ee, jj, yy, len(entries), len(judges))
    borda = _borda(table, scored)
    condorcet = _condorcet(table, eligible_rows)

    # Leave each judge out: weights 1 for every judge but one.
    leave_one_out = np.ones((len(judges), len(judges))) - np.eye(len(judges))
    loo_firsts = _firsts(table, scored, leave_one_out, method, min_judges)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(judges), size=(resamples, len(judges)))
    weights = np.zeros((resamples, len(judges)))
    np.add.at(weights, (np.arange(resamples)[:, None], draws), 1.0)
    shares = np.zeros(len(entries))
    decided = 0  # resamples in which some entry is ranked at all
    for firsts in _firsts(table, scored, weights, method, min_judges):
        if firsts:
            decided += 1
            shares[list(firsts)] += 1.0 / len(firsts)
    shares /= max(decided, 1)

    def by_entry(values: NDArray[np.float64]) -> dict[int, float]:
        return {entries[i]: float(v) for i, v in enumerate(values) if not np.isnan(v)}

    return Counts(
        method=method,
        own=by_entry(own),
        adjusted=by_entry(adjusted),
        borda=by_entry(borda),
        condorcet=None if condorcet is None else entries[condorcet],
        first_share={entries[i]: float(s) for i, s in enumerate(shares) if eligible_rows[i]},
        without_judge={
            judges[j]: (entries[next(iter(f))] if len(f) == 1 else None)
            for j, f in enumerate(loo_firsts)
        },
        leniency={judges[j]: float(v) for j, v in enumerate(leniency)},
        eligible=frozenset(entries[i] for i in np.flatnonzero(eligible_rows)),
    )


# ---- the counts ----------------------------------------------------------------------------


def _own_scores(table: NDArray[Any], scored: NDArray[Any], method: str) -> NDArray[Any]:
    """Each entry's mean or median of its judges' totals (NaN for an entry with none)."""
    import numpy as np

    if method == "median":
        with np.errstate(all="ignore"):
            return np.array([np.median(row[mask]) if mask.any() else np.nan
                             for row, mask in zip(table, scored, strict=True)])  # fmt: skip
    counts = scored.sum(axis=1)
    sums = np.where(scored, table, 0.0).sum(axis=1)
    with np.errstate(all="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _judge_adjusted(
    ee: NDArray[Any], jj: NDArray[Any], yy: NDArray[Any], n_entries: int, n_judges: int
) -> tuple[NDArray[Any], NDArray[Any]]:
    """Least squares fit of total = level + entry effect + judge effect, by backfitting
    (each effect in turn is the mean of what the others leave), which converges to the least
    squares solution for any design. Judge effects are centred on 0 (the panel's average
    judge); an entry's adjusted score is level + its effect: what the average judge would
    have given it. Returns (adjusted scores, judge effects)."""
    import numpy as np

    per_entry = np.bincount(ee, minlength=n_entries).astype(np.float64)
    per_judge = np.bincount(jj, minlength=n_judges).astype(np.float64)
    level = float(yy.mean())
    entry = np.zeros(n_entries)
    judge = np.zeros(n_judges)
    for _ in range(_ADJUST_MAX_STEPS):
        new_entry = np.bincount(ee, yy - level - judge[jj], minlength=n_entries) / per_entry
        new_judge = np.bincount(jj, yy - level - new_entry[ee], minlength=n_judges) / per_judge
        shift = new_judge.mean()  # centre the judges; the level takes what they give up
        new_judge -= shift
        level += shift
        change = max(np.abs(new_entry - entry).max(), np.abs(new_judge - judge).max())
        entry, judge = new_entry, new_judge
        if change < _ADJUST_TOLERANCE:
            break
    return level + entry, judge


def _borda(table: NDArray[Any], scored: NDArray[Any]) -> NDArray[Any]:
    """Each judge's ranking as points from 100 (their best) to 0 (their last), equal totals
    sharing the average of their places; an entry's Borda score is the mean of its points.
    A judge who scored one entry ranked nothing and gives no points."""
    import numpy as np

    points = np.full(table.shape, np.nan)
    for column in range(table.shape[1]):
        rows = np.flatnonzero(scored[:, column])
        if len(rows) < 2:
            continue
        totals = table[rows, column]
        # Place of each total counted from the bottom (0 = last), ties averaged.
        order = np.argsort(totals, kind="stable")
        places = np.empty(len(rows))
        places[order] = np.arange(len(rows), dtype=np.float64)
        _, inverse = np.unique(totals, return_inverse=True)
        mean_place = np.bincount(inverse, places) / np.bincount(inverse)
        points[rows, column] = 100.0 * mean_place[inverse] / (len(rows) - 1)
    with np.errstate(all="ignore"):
        counted = ~np.isnan(points)
        sums = np.where(counted, points, 0.0).sum(axis=1)
        n = counted.sum(axis=1)
        return np.where(n > 0, sums / np.maximum(n, 1), np.nan)


def _condorcet(table: NDArray[Any], eligible: NDArray[Any]) -> int | None:
    """The eligible entry that more judges put above each other eligible entry than below
    it (counting judges who scored both), or None when no entry does."""
    import numpy as np

    candidates = np.flatnonzero(eligible)
    if len(candidates) == 0:
        return None

    def margins(row: int) -> NDArray[Any]:
        """For every entry: judges preferring ``row`` to it, minus judges preferring it."""
        with np.errstate(invalid="ignore"):
            above = (table[row][None, :] > table).sum(axis=1)
            below = (table[row][None, :] < table).sum(axis=1)
        return np.asarray(above - below)

    # Knock-out: whoever beats the champion so far takes over; only the last one standing
    # can beat everyone, which the margins against every entry then confirm or not.
    champion = int(candidates[0])
    for challenger in candidates[1:]:
        a, b = table[int(challenger)], table[champion]
        with np.errstate(invalid="ignore"):
            if int((a > b).sum()) > int((a < b).sum()):
                champion = int(challenger)
    wins = margins(champion)[candidates]
    others = candidates != champion
    return champion if bool((wins[others] > 0).all()) else None


def _firsts(
    table: NDArray[Any],
    scored: NDArray[Any],
    weights: NDArray[Any],
    method: str,
    min_judges: int,
) -> list[set[int]]:
    """For each row of judge weights (a resample: how many times each judge is drawn), the
    entries first by the round's method among those with enough distinct judges."""
    import numpy as np

    filled = np.where(scored, table, 0.0)
    present = scored.astype(np.float64)
    # A judge drawn twice counts twice, as in any bootstrap: an entry is ranked in a
    # resample when it has at least ``min_judges`` sheets there.
    sheets = present @ weights.T  # entries x resamples
    if method == "mean":
        with np.errstate(all="ignore"):
            scores = (filled @ weights.T) / sheets
    else:
        scores = _weighted_medians(table, scored, weights)
    scores = np.where(sheets >= min_judges, scores, -np.inf)
    # Equal to 2 decimals is a tie, as in the ranking.
    scores = np.round(scores, 2)
    best = scores.max(axis=0)
    result: list[set[int]] = []
    for column, top in enumerate(best):
        result.append(set() if top == -np.inf else set(np.flatnonzero(scores[:, column] == top)))
    return result


def _weighted_medians(
    table: NDArray[Any], scored: NDArray[Any], weights: NDArray[Any]
) -> NDArray[Any]:
    """Each entry's median total when judge k's sheet counts ``weights[r, k]`` times, for
    every row r of weights: entries x resamples. The middle of an even count is the mean of
    the two middle totals, as ``statistics.median`` gives."""
    import numpy as np

    order = np.argsort(np.where(scored, table, np.inf), axis=1)  # each entry's totals, low first
    sorted_totals = np.take_along_axis(table, order, axis=1)
    sorted_scored = np.take_along_axis(scored, order, axis=1)
    result = np.full((table.shape[0], weights.shape[0]), np.nan)
    for r, w in enumerate(weights):
        counts = np.where(sorted_scored, w[order], 0.0)
        cumulative = np.cumsum(counts, axis=1)
        total = cumulative[:, -1]
        low_rank = np.floor((total + 1) / 2)  # 1-based positions of the middle one or two
        high_rank = np.floor(total / 2) + 1
        low = np.argmax(cumulative >= low_rank[:, None], axis=1)
        high = np.argmax(cumulative >= high_rank[:, None], axis=1)
        rows = np.arange(table.shape[0])
        medians = (sorted_totals[rows, low] + sorted_totals[rows, high]) / 2
        result[:, r] = np.where(total > 0, medians, np.nan)
    return result


# ---- helpers ---------------------------------------------------------------------------------


def _first(scores: Mapping[int, float], eligible: frozenset[int]) -> int | None:
    """The one eligible entry with the highest score (to 2 decimals); None on a tie."""
    ranked = [(round(score, 2), entry) for entry, score in scores.items() if entry in eligible]
    if not ranked:
        return None
    top = max(score for score, _ in ranked)
    leaders = [entry for score, entry in ranked if score == top]
    return leaders[0] if len(leaders) == 1 else None


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def rank_correlation(first: Mapping[int, float], second: Mapping[int, float]) -> float | None:
    """Spearman's rank correlation of two sets of scores over the entries both have (how
    closely two groups of judges agree: 1 the same order, -1 the opposite); None with fewer
    than three entries in common or no variation."""
    import numpy as np

    common = sorted(set(first) & set(second))
    if len(common) < 3:
        return None

    def ranks(values: list[float]) -> NDArray[Any]:
        array = np.asarray(values)
        order = np.argsort(array, kind="stable")
        places = np.empty(len(array))
        places[order] = np.arange(len(array), dtype=np.float64)
        _, inverse = np.unique(array, return_inverse=True)
        return np.asarray((np.bincount(inverse, places) / np.bincount(inverse))[inverse])

    a = ranks([first[e] for e in common])
    b = ranks([second[e] for e in common])
    if a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def agreement_in_words(first: str, second: str, correlation: float | None) -> str:
    """How closely two groups of judges order the entries, in a sentence a panel reads."""
    if correlation is None:
        return f"{first} and {second}: too few entries scored by both to compare."
    if correlation >= 0.7:
        how = "put the entries in much the same order"
    elif correlation >= 0.4:
        how = "agree in part on the order of the entries"
    elif correlation > -0.4:
        how = "order the entries differently"
    else:
        how = "order the entries nearly the opposite way"
    # The number for the chair who wants it: 1 the same order, 0 none, -1 the opposite.
    return f"{first} and {second} {how} (agreement {correlation:.2f}, where 1 is the same order)."
