"""The four award categories of the seed cabinet papers and their default rubrics.

The criteria are drawn from the wording the cabinet approved (``shared/seeds``): what the
panel looks for in each category. Every criterion is scored 0-5 with a descriptor per point
and weight 1; the administrator may edit them until the first score exists in the category.
"""

from __future__ import annotations

from csx_desktop.domain.model import Category, Criterion, Method, NomineeKind

# One descriptor per point of a 0-5 scale; the criterion's own wording says what is scored.
GENERIC_DESCRIPTORS: tuple[str, ...] = (
    "No evidence",
    "Little evidence",
    "Some evidence",
    "Good evidence",
    "Strong evidence",
    "Exceptional",
)

PRIDE_OF_STOCKTON = "Pride of Stockton"
EXTRA_MILE = "Extra Mile"
TEAM = "Team"
SHINING_STAR = "Shining Star"

CATEGORY_NAMES: tuple[str, ...] = (PRIDE_OF_STOCKTON, EXTRA_MILE, TEAM, SHINING_STAR)

# Xentrall Shared Services nominates for Shining Star beside each Service Director's service.
XENTRALL = "Xentrall Shared Services"
DEFAULT_NOMINATING_BODIES: tuple[str, ...] = (
    "Adults, Health and Wellbeing",
    "Children's Services",
    "Community Services, Environment and Culture",
    "Finance, Development and Regeneration",
    "Corporate Services",
    XENTRALL,
)


def _criterion(name: str, description: str) -> Criterion:
    return Criterion(name=name, description=description, descriptors=GENERIC_DESCRIPTORS)


def default_categories() -> tuple[Category, ...]:
    """The categories a new round starts with, in the order the seed papers give them."""
    return (
        Category(
            name=PRIDE_OF_STOCKTON,
            method=Method.PANEL,
            nominee_kind=NomineeKind.INDIVIDUAL,
            description=(
                "Individuals who have helped others and shown them they are valued, "
                "trusted and supported in their actions."
            ),
            recognition=(
                "for helping others and showing them they are valued, trusted and supported"
            ),
            position=0,
            criteria=(
                _criterion("Helped others", "Went out of their way to help others."),
                _criterion(
                    "Made people feel valued",
                    "Showed the people they helped that they are valued.",
                ),
                _criterion(
                    "Trusted and supported",
                    "Left people feeling trusted and supported in their actions.",
                ),
            ),
        ),
        Category(
            name=EXTRA_MILE,
            method=Method.PANEL,
            nominee_kind=NomineeKind.INDIVIDUAL,
            description=(
                "Individuals who have worked hard, are not afraid to try something new and "
                "have gone above and beyond the call of duty."
            ),
            recognition=(
                "for working hard, trying something new and going above and beyond the call of duty"
            ),
            position=1,
            criteria=(
                _criterion("Worked hard", "Worked hard for the people they serve."),
                _criterion("Tried something new", "Was not afraid to try something new."),
                _criterion("Above and beyond", "Went above and beyond the call of duty."),
            ),
        ),
        Category(
            name=TEAM,
            method=Method.PANEL,
            nominee_kind=NomineeKind.TEAM,
            description=(
                "A team within our organisation which has made the most effective use of "
                "the individuals within it."
            ),
            recognition="for bringing out the best in every member of the team",
            position=2,
            criteria=(
                _criterion(
                    "Used everyone's strengths",
                    "Made the most effective use of the individuals within the team.",
                ),
                _criterion("Worked as one", "Worked together towards a shared goal."),
                _criterion(
                    "Difference for customers",
                    "Made a difference the team's customers can see.",
                ),
            ),
        ),
        Category(
            name=SHINING_STAR,
            method=Method.STAFF_VOTE,
            nominee_kind=NomineeKind.INDIVIDUAL,
            description=(
                "One member of staff nominated by each Service Director and Xentrall Shared "
                "Services, then voted for by staff."
            ),
            recognition="chosen by the votes of their colleagues across the council",
            position=3,
        ),
    )


def match_category(text: str, categories: tuple[Category, ...] | list[Category]) -> Category | None:
    """Match a free-text category answer tolerantly ("the extra mile", "TEAM AWARD")."""
    from csx_desktop.domain.names import name_key

    key = name_key(text)
    for noise in ("award", "the", "category"):
        key = key.replace(noise, "")
    if not key:
        return None
    for category in categories:
        if name_key(category.name).replace("the", "") == key:
            return category
    for category in categories:
        cat_key = name_key(category.name)
        if cat_key in key or (len(key) >= 4 and key in cat_key):
            return category
    return None
