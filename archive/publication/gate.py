"""The publication gate: the one place that says whether a testimony may be public.

A testimony page is published from a private interview. It may be live only while:
- the interview has a consent record in force today (not withdrawn, expired or embargoed)
  that allows at least one part, and names the narrator only as consent allows;
- the redaction review of the interview's current transcript versions and redaction set (its
  fingerprint) was approved, and no accepted redaction can be read in the page's own text.

TestimonyPage.save() calls `enforce` whenever a live page is written in full, which every way of
publishing ends in (admin, workflow, scheduled, bulk, `revision.publish()`, copy). The public
views call `publication_problems` again before serving anything, so a consent that expires
while a page is live takes it down too.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from archive.consent.models import ConsentRecord, NameShown
from archive.redaction.detect import GazetteerEntry, Word, gazetteer_targets, term_matches
from archive.redaction.models import Category, SpanStatus
from archive.redaction.review import is_approved
from archive.redaction.spans import current_transcript


class PublicationBlocked(ValidationError):
    """Raised where a testimony would go live without passing the gate."""


def consent_of(interview):
    return ConsentRecord.objects.filter(interview=interview).first() if interview else None


def published_parts(page, today=None):
    """The parts the public may have of this testimony now: none unless the gate is open."""
    if publication_problems(page, today):
        return []
    return consent_of(page.interview).allowed_parts


def may_publish(page, part, today=None):
    return part in published_parts(page, today)


def _page_text(page):
    texts = [page.title, page.seo_title, page.search_description, page.summary]
    texts += [page.narrator_display_name, strip_tags(page.body.render_as_block())]
    for point in page.index_points.all():
        texts += [point.title, point.title_alt, point.synopsis, point.synopsis_alt]
        texts += [point.keywords, point.keywords_alt, point.subjects, point.subjects_alt]
    return " ".join(text for text in texts if text)


PRIVATE_CATEGORIES = {
    Category.PERSON,
    Category.PHONE,
    Category.EMAIL,
    Category.ID_NUMBER,
    Category.DATE_OF_BIRTH,
    Category.ADDRESS,
}


def _names_in_page(page, consent):
    """Private names (and accepted person-like redactions) that the page's own text spells,
    closely. The legal name is allowed only where consent shows it."""
    interview = page.interview
    entries = [GazetteerEntry(name, Category.PERSON) for name in interview.other_names]
    if consent.name_shown != NameShown.LEGAL:
        entries.append(GazetteerEntry(interview.narrator_legal_name, Category.PERSON))
    targets = set(gazetteer_targets(entries))
    for recording in interview.recordings.all():
        transcript = current_transcript(recording)
        if transcript is None:
            continue
        spans = transcript.redactions.filter(
            status=SpanStatus.ACCEPTED, category__in=PRIVATE_CATEGORIES
        )
        targets.update(gazetteer_targets(GazetteerEntry(s.text, s.category) for s in spans))
    words = [Word(i, 0, 0, f" {text}", None) for i, text in enumerate(_page_text(page).split())]
    # Page text is written by people, who spell names right: spelling, not sound, decides here.
    matches = term_matches(words, targets, by_sound=False)
    return sorted({target.entity for _f, _l, target, _s in matches})


def publication_problems(page, today=None):
    """Why `page` may not be public today; empty when it may."""
    interview = page.interview
    if interview is None:
        return [_("Link the testimony to its interview: consent and redaction are checked there.")]
    consent = consent_of(interview)
    if consent is None:
        return [_("The interview has no consent record.")]
    problems = [str(problem) for problem in consent.problems(today or timezone.localdate())]
    if problems:
        return problems
    if (
        consent.name_shown == NameShown.ANONYMOUS
        and page.narrator_display_name.strip().lower()
        not in (
            "",
            "anonymous",
            "anónimo",
            "anónima",
            "anonimo",
            "anonima",
        )
    ):
        problems.append(_("Consent is for anonymity: show the narrator as “Anonymous”."))
    for name in _names_in_page(page, consent):
        problems.append(
            _("The page's text names “%(name)s”, which consent or redaction keeps private.")
            % {"name": name}
        )
    if not is_approved(interview, consent.voice_alteration_required):
        problems.append(
            _(
                "The redaction review of the current transcript and redactions is not approved. "
                "Any change to them needs a new review."
            )
        )
    return problems


def enforce(page):
    problems = publication_problems(page)
    if problems:
        raise PublicationBlocked(
            _("“%(title)s” cannot be published: %(reasons)s")
            % {"title": page.title, "reasons": " ".join(problems)}
        )
