"""Public pages. Only what is on these models, and redacted derivatives the publication gate
allows, is ever rendered to readers.

A TestimonyPage links to its private Interview so consent and redaction can gate publication,
but no template may read fields through that link.
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from archive.consent.models import Part
from archive.ingest.dates import DatePrecision, format_partial_date
from archive.publication.gate import consent_of, enforce, published_parts
from archive.publication.workflow import assign_review_workflow
from archive.redaction.review import fresh_audio, fresh_photo
from archive.redaction.spans import (
    accepted_spans,
    current_transcript,
    current_translation,
    redacted_segments,
    redacted_translation,
)

from .blocks import TestimonyBodyBlock
from .forms import TestimonyPageForm
from .templatetags.testimony_tags import clock


def published_transcript(transcript, segments):
    for segment in segments:
        # Whole seconds for anchors and ?t= links, and a label, made here once: template
        # filters would cost more than the rest of the page.
        segment["anchor"] = int(segment["start"])
        segment["clock"] = clock(segment["start"])
    return {
        "language": transcript.language if transcript.task == "transcribe" else "en",
        "translation": transcript.task == "translate",
        "machine": not transcript.corrected,
        "segments": segments,
    }


def start_time(value):
    """The ?t= of a link to a moment, as whole seconds, or None."""
    return int(value) if value.isdigit() and int(value) < 100_000 else None


def visible(testimonies):
    """Live testimonies the gate still lets through today (consent can expire while a page is
    live; the page then answers 404 and must not be listed either)."""
    pages = testimonies.select_related("interview").prefetch_related(
        "interview__recordings", "tagged_topics__tag"
    )
    return [page for page in pages if page.public_parts()]


class HomePage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["testimonies.TestimonyIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recent_testimonies"] = visible(
            TestimonyPage.objects.live().public().order_by("-first_published_at")
        )[:6]
        return context


class TestimonyIndexPage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["testimonies.HomePage"]
    subpage_types = ["testimonies.TestimonyPage"]

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        super().save(*args, **kwargs)
        if is_new:
            assign_review_workflow(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        testimonies = visible(
            TestimonyPage.objects.child_of(self).live().public().order_by("-interview_date")
        )
        chosen = {name: request.GET.get(name, "").strip() for name in FILTERS}
        context["filters"] = filter_options(testimonies, chosen)
        shown = [page for page in testimonies if matches(page, chosen)]
        context["testimonies"] = Paginator(shown, TESTIMONIES_PER_PAGE).get_page(
            request.GET.get("page")
        )
        context["chosen"] = {name: value for name, value in chosen.items() if value}
        return context


TESTIMONIES_PER_PAGE = 12
FILTERS = ("topic", "place", "year", "language")


def page_facets(page):
    return {
        "topic": {(tagged.tag.slug, tagged.tag.name) for tagged in page.tagged_topics.all()},
        "place": {(page.place, page.place)} if page.place else set(),
        "year": {(str(page.interview_date.year),) * 2} if page.interview_date else set(),
        "language": {(code, code) for code in page.languages},
    }


def matches(page, chosen):
    facets = page_facets(page)
    return all(
        not value or value in {key for key, _label in facets[name]}
        for name, value in chosen.items()
    )


def filter_options(pages, chosen):
    """For each filter: its choices among the testimonies shown, and which is chosen."""
    options = {name: set() for name in FILTERS}
    for page in pages:
        for name, values in page_facets(page).items():
            options[name] |= values
    return [
        {
            "name": name,
            "choices": sorted(options[name], key=lambda choice: choice[1], reverse=name == "year"),
            "chosen": chosen[name],
        }
        for name in FILTERS
    ]


class TestimonyTopic(TaggedItemBase):
    content_object = ParentalKey(
        "testimonies.TestimonyPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class TestimonyPage(Page):
    narrator_display_name = models.CharField(
        _("narrator's name as shown"),
        max_length=255,
        help_text=_("A pseudonym or first name. Never the legal name unless consent allows it."),
    )
    summary = models.TextField(_("summary"), max_length=1000)
    interview_date = models.DateField(_("interview date"), null=True, blank=True)
    interview_date_precision = models.CharField(
        max_length=5, choices=DatePrecision.choices, default=DatePrecision.YEAR
    )
    place = models.CharField(
        _("place"),
        max_length=120,
        blank=True,
        help_text=_("A city or region, never an address."),
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    topics = ClusterTaggableManager(through=TestimonyTopic, blank=True, verbose_name=_("topics"))
    body = StreamField(TestimonyBodyBlock(), blank=True, verbose_name=_("story"))
    interview = models.ForeignKey(
        "ingest.Interview",
        on_delete=models.PROTECT,
        related_name="testimony_pages",
        null=True,
        blank=True,
        help_text=_("The private interview this story is published from."),
    )

    base_form_class = TestimonyPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("interview"),
        FieldPanel("narrator_display_name"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("interview_when"), FieldPanel("place")]),
                FieldPanel("languages"),
            ],
            heading=_("When, where, in which languages"),
        ),
        FieldPanel("topics"),
        FieldPanel("body"),
        InlinePanel("index_points", heading=_("Index: a time-coded table of contents")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("narrator_display_name"),
        index.FilterField("interview_date"),
        index.FilterField("place"),
    ]
    parent_page_types = ["testimonies.TestimonyIndexPage"]
    subpage_types = []

    @property
    def interview_date_display(self):
        return format_partial_date(self.interview_date, self.interview_date_precision)

    @property
    def duration(self):
        """The length of the recordings, for cards: a fact about the audio, not about a person."""
        return (
            sum(r.duration_seconds for r in self.interview.recordings.all())
            if self.interview
            else 0
        )

    def save(self, *args, **kwargs):
        # Every way of publishing (admin, workflow, schedule, bulk, revision.publish(), copy)
        # ends in a full save of a live page; partial saves only update bookkeeping fields.
        if self.live and kwargs.get("update_fields") is None:
            enforce(self)
        return super().save(*args, **kwargs)

    @property
    def is_withdrawn(self):
        consent = consent_of(self.interview)
        return bool(consent and consent.is_withdrawn)

    def route(self, request, path_components):
        if not path_components and not self.live and self.is_withdrawn:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if self.is_withdrawn:
            response = TemplateResponse(request, "testimonies/withdrawn.html", status=410)
            response["Cache-Control"] = "no-store"
            return response
        if not self.live or not self.public_parts():
            raise Http404
        return super().serve(request, *args, **kwargs)

    def public_parts(self):
        """What the public may have of this testimony, checked once per request."""
        if not hasattr(self, "_public_parts"):
            self._public_parts = published_parts(self)
        return self._public_parts

    def get_preview_context(self, request, mode_name):
        """Editors preview the redacted text as it would be published, before the review is
        approved. The preview is admin-only; the public views still ask the gate."""
        consent = consent_of(self.interview)
        in_force = consent is not None and not consent.problems()
        self._public_parts = [
            part for part in (consent.allowed_parts if in_force else []) if part != Part.AUDIO
        ]
        context = self.get_context(request)
        context["is_preview"] = True
        return context

    def _alter_voice(self):
        return consent_of(self.interview).voice_alteration_required

    def published_audio(self):
        if Part.AUDIO not in self.public_parts():
            return []
        found = []
        for recording in self.interview.recordings.order_by("pk"):
            audio = fresh_audio(recording, self._alter_voice())
            if audio is not None:
                found.append(
                    PublicFile(
                        reverse("testimony_audio", args=[self.pk, audio.pk]), audio.duration_seconds
                    )
                )
        return found

    def published_photos(self):
        """The interview's photos in order: the public copy of each, or None where there is
        none (not consented, not cleaned for the current rectangles)."""
        if Part.PHOTOS not in self.public_parts():
            return []
        photos = []
        for photo in self.interview.photos.order_by("pk"):
            clean = fresh_photo(photo)
            photos.append(
                PublicFile(
                    reverse("testimony_photo", args=[self.pk, clean.pk]),
                    width=clean.width,
                    height=clean.height,
                )
                if clean
                else None
            )
        return photos

    def published_transcripts(self, with_words=False):
        """The redacted transcripts the public may read: each recording's, and its English
        translation where consent allows translation."""
        if Part.TRANSCRIPT not in self.public_parts():
            return []
        translations_allowed = consent_of(self.interview).translation_allowed
        found = []
        for recording in self.interview.recordings.order_by("pk"):
            transcript = current_transcript(recording)
            if transcript is None:
                continue
            spans = accepted_spans(transcript)
            found.append(
                published_transcript(
                    transcript, redacted_segments(transcript, spans, with_words=with_words)
                )
            )
            translation = current_translation(transcript) if translations_allowed else None
            if translation is not None:
                segments = redacted_translation(translation, spans, with_words=with_words)
                found.append(published_transcript(translation, segments))
        return found

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["audio"] = self.published_audio()
        context["transcripts"] = self.published_transcripts()
        context["start_at"] = start_time(request.GET.get("t", ""))
        return context


@dataclass(frozen=True)
class PublicFile:
    url: str
    duration: float = 0.0
    width: int = 0
    height: int = 0


class IndexPoint(Orderable):
    """A time-coded entry of the interview's table of contents (an OHMS index point), written by
    editors in both languages: "_alt" fields hold the other language, as in OHMS."""

    page = ParentalKey(TestimonyPage, on_delete=models.CASCADE, related_name="index_points")
    time_seconds = models.FloatField(_("starts at (seconds)"))
    title = models.CharField(_("title"), max_length=255)
    title_alt = models.CharField(_("title, other language"), max_length=255, blank=True)
    synopsis = models.TextField(_("synopsis"), blank=True)
    synopsis_alt = models.TextField(_("synopsis, other language"), blank=True)
    keywords = models.CharField(
        _("keywords"), max_length=500, blank=True, help_text=_("Separated by semicolons.")
    )
    keywords_alt = models.CharField(_("keywords, other language"), max_length=500, blank=True)
    subjects = models.CharField(
        _("subjects"), max_length=500, blank=True, help_text=_("Separated by semicolons.")
    )
    subjects_alt = models.CharField(_("subjects, other language"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("time_seconds"), FieldPanel("title"), FieldPanel("title_alt")]),
        FieldRowPanel([FieldPanel("synopsis"), FieldPanel("synopsis_alt")]),
        FieldRowPanel([FieldPanel("keywords"), FieldPanel("keywords_alt")]),
        FieldRowPanel([FieldPanel("subjects"), FieldPanel("subjects_alt")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("index point")

    def __str__(self):
        return f"{self.time_seconds:.0f}s {self.title}"


class PublishedMoment(index.Indexed, models.Model):
    """One segment of a published, redacted transcript, indexed on its own so search can jump to
    the moment. Written when a page is published, deleted when it is unpublished (withdrawal
    included) — see `moments.py`. Only redacted text is ever stored here."""

    page = models.ForeignKey(TestimonyPage, on_delete=models.CASCADE, related_name="moments")
    position = models.PositiveIntegerField()
    start = models.FloatField()
    end = models.FloatField()
    speaker = models.CharField(max_length=64, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=16, blank=True)

    search_fields = [
        index.SearchField("text"),
        index.FilterField("page"),
        index.FilterField("language"),
    ]

    class Meta:
        ordering = ["page", "position"]
        indexes = [models.Index(fields=["page", "position"])]

    def __str__(self):
        return f"{self.page_id} @ {self.start:.0f}s"
