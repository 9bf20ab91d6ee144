"""The publication gate: the one place that says what of a testimony the public may have.

The public gets the page's current `Publication` (what an editor reviewed and approved),
narrowed to the parts consent still allows today, and nothing while consent is withdrawn,
embargoed or expired (by the dates approved or today's, whichever is stricter). Changes that
could add to what is public (a new transcript version, an edit, a removed span, a new render, a
wider consent) change nothing public until a new review is approved; changes that take
something away end or narrow the publication at once (`signal_handlers.py`).

TestimonyPage.save() calls `enforce` whenever a live page is written in full, which every way of
publishing ends in (admin, workflow, scheduled, bulk, `revision.publish()`, copy): a page goes
live only with a publication in force, and only with text that names nobody private.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from .approval import PublicationBlocked, consent_of, floor_findings, name_problems, page_text
from .models import NotIdentifying, Publication


def live_publication(page, today=None):
    """The page's publication in force today (with its consent record), or None."""
    today = today or timezone.localdate()
    publication = (
        Publication.objects.in_force(today).filter(page=page).select_related("consent").first()
    )
    if publication is not None:
        publication.in_force_on = today  # read in the same query: parts_shown needs no other
    return publication


def page_problems(page, consent):
    """Why this page's own text may not go live: a display name other than the one consent
    allows, or a private term (or accepted redaction) readable in it."""
    problems = name_problems(page, consent)
    decided = set(
        NotIdentifying.objects.filter(interview=page.interview).values_list("where", "found")
    )
    for finding in floor_findings(page.interview, consent, [], page_text(page)):
        if (finding.where, finding.found) not in decided:
            problems.append(str(finding))
    return problems


def publication_problems(page, today=None):
    """Why `page` may not go live today; empty when it may."""
    interview = page.interview
    if interview is None:
        return [_("Link the testimony to its interview: consent and redaction are checked there.")]
    consent = consent_of(interview)
    if consent is None:
        return [_("The interview has no consent record.")]
    problems = [str(problem) for problem in consent.problems(today)]
    if problems:
        return problems
    if live_publication(page, today) is None:
        return [
            _(
                "No approved redaction review is in force for this testimony. Approve the "
                "Redaction review: it publishes exactly what it shows."
            )
        ]
    return page_problems(page, consent)


def enforce(page):
    problems = publication_problems(page)
    if problems:
        raise PublicationBlocked(
            _("“%(title)s” cannot be published: %(reasons)s")
            % {"title": page.title, "reasons": " ".join(problems)}
        )
