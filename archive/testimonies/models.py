"""Public pages. Only what is on these models, and what the page's publication (the snapshot
an editor approved) holds, narrowed by consent today, is ever rendered to readers.

A TestimonyPage links to its private Interview so consent and redaction can gate publication,
but no template may read fields through that link, and nothing public reads the interview's
current transcripts, spans or derivatives: only `Publication` and `PublishedSegment` rows.
"""

import json
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Cast, ExtractYear
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from archive.consent.models import Part
from archive.ingest.dates import DatePrecision, format_partial_date
from archive.publication.approval import consent_of, take_snapshot
from archive.publication.gate import enforce, live_publication
from archive.publication.models import Publication, PublishedSegment
from archive.publication.workflow import assign_review_workflow
from archive.redaction.models import RedactedAudio, RedactedPhoto

from .blocks import TestimonyBodyBlock
from .forms import TestimonyPageForm
from .revalidation import not_modified, publication_etag
from .templatetags.testimony_tags import clock


def published_transcript(track, segments):
    for segment in segments:
        # Whole seconds for anchors and ?t= links, and a label, made here once: template
        # filters would cost more than the rest of the page.
        segment["anchor"] = int(segment["start"])
        segment["clock"] = clock(segment["start"])
    return {
        "language": track["language"],
        "translation": track["translation"],
        "machine": track["machine"],
        "segments": segments,
    }


def start_time(value):
    """The ?t= of a link to a moment, as whole seconds, or None."""
    return int(value) if value.isdigit() and int(value) < 100_000 else None


def visible(testimonies, today=None):
    """Live testimonies with a publication in force today, each annotated with that
    publication's length (for cards): one query, consent dates compared in SQL."""
    in_force = Publication.objects.in_force(today).filter(page=OuterRef("pk"))
    return testimonies.filter(Exists(in_force)).annotate(
        duration=Subquery(in_force.values("duration_seconds")[:1])
    )


class HomePage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["testimonies.TestimonyIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recent_testimonies"] = visible(
            TestimonyPage.objects.live().public().order_by("-first_published_at")
        )[:6]
        return context


class TestimonyIndexPage(Page):
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["testimonies.HomePage"]
    subpage_types = ["testimonies.TestimonyPage"]

    class Meta:
        verbose_name = _("testimony index page")
        verbose_name_plural = _("testimony index pages")

    def save(self, *args, **kwargs):
        is_new = self.pk is None
        super().save(*args, **kwargs)
        if is_new:
            assign_review_workflow(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        testimonies = visible(
            TestimonyPage.objects.child_of(self)
            .live()
            .public()
            .order_by("-interview_date", "page_ptr_id")
        )
        chosen = {name: request.GET.get(name, "").strip()[:100] for name in FILTERS}
        context["filters"] = filter_options(testimonies, chosen)
        context["testimonies"] = Paginator(
            filtered(testimonies, chosen), TESTIMONIES_PER_PAGE
        ).get_page(request.GET.get("page"))
        context["chosen"] = {name: value for name, value in chosen.items() if value}
        return context


TESTIMONIES_PER_PAGE = 12
FILTERS = ("topic", "place", "year", "language")


# A page lists a handful of languages; looking at the first few entries works on SQLite, which
# has no JSON containment.
LANGUAGES_LOOKED_AT = 6


def filtered(testimonies, chosen):
    """The testimonies matching every chosen filter, as a database query. A page has a topic
    once, so the join by topic repeats no page."""
    if chosen["topic"]:
        testimonies = testimonies.filter(tagged_topics__tag__slug=chosen["topic"])
    if chosen["place"]:
        testimonies = testimonies.filter(place=chosen["place"])
    if chosen["year"]:
        if not chosen["year"].isdigit():
            return testimonies.none()
        testimonies = testimonies.filter(interview_date__year=int(chosen["year"]))
    if chosen["language"]:
        code = chosen["language"]
        any_entry = Q()
        for position in range(LANGUAGES_LOOKED_AT):
            any_entry |= Q(**{f"languages__{position}": code})
        testimonies = testimonies.filter(any_entry)
    return testimonies


def filter_options(testimonies, chosen):
    """For each filter: its choices among the testimonies shown, and which is chosen. Places,
    years and languages come from one query grouped in the database (a row per combination,
    not per testimony; languages as their JSON text, decoded once per distinct list), topics
    from another."""
    topics = (
        Tag.objects.filter(testimonies_testimonytopic_items__content_object__in=testimonies)
        .values_list("slug", "name")
        .distinct()
    )
    options = {"topic": set(topics), "place": set(), "year": set(), "language": set()}
    combinations = (
        testimonies.order_by()
        .values_list("place", ExtractYear("interview_date"), Cast("languages", models.TextField()))
        .distinct()
    )
    language_lists = set()
    for place, year, codes in combinations:
        if place:
            options["place"].add((place, place))
        if year:
            options["year"].add((str(year),) * 2)
        language_lists.add(codes)
    for codes in language_lists:
        options["language"].update((code, code) for code in json.loads(codes or "null") or [])
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
        _("interview date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.YEAR,
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
        verbose_name=_("interview"),
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

    class Meta:
        verbose_name = _("testimony page")
        verbose_name_plural = _("testimony pages")
        # Browse lists newest first: the database walks this index and stops after one page of
        # visible testimonies, instead of sorting them all.
        indexes = [
            models.Index(fields=["-interview_date", "page_ptr"], name="testimony_browse_order")
        ]

    @property
    def interview_date_display(self):
        return format_partial_date(self.interview_date, self.interview_date_precision)

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

    @property
    def was_published(self):
        return self.first_published_at is not None

    def route(self, request, path_components):
        if not path_components and not self.live and self.was_published and self.is_withdrawn:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if not self.live or not self.public_parts():
            # A withdrawal ends every publication, so only a page with none can be withdrawn:
            # the consent record is read here, not on every request for a live page.
            if self.is_withdrawn and self.was_published:
                response = TemplateResponse(request, "testimonies/withdrawn.html", status=410)
                response["Cache-Control"] = "no-store"
                return response
            raise Http404
        etag = publication_etag(request, self)
        if unchanged := not_modified(request, etag):
            return unchanged
        response = super().serve(request, *args, **kwargs)
        if etag:
            response["ETag"] = etag
        return response

    @cached_property
    def publication(self):
        """The publication in force (what an editor approved), read once per request."""
        return live_publication(self)

    def public_parts(self):
        """What the public may have of this testimony: the publication's parts that consent
        still allows today."""
        if not hasattr(self, "_public_parts"):
            self._public_parts = self.publication.parts_shown() if self.publication else []
        return self._public_parts

    def get_preview_context(self, request, mode_name):
        """Editors preview the redacted text as approving the review now would publish it. The
        preview is admin-only; nothing of it reaches a public view."""
        consent = consent_of(self.interview)
        in_force = consent is not None and not consent.problems()
        self._preview = take_snapshot(self, consent) if in_force else None
        self._public_parts = [Part.TRANSCRIPT] if self._preview else []
        context = self.get_context(request)
        context["is_preview"] = True
        return context

    def _tracks(self, with_words):
        """(track, segments) for each transcript the public may read."""
        preview = getattr(self, "_preview", None)
        if preview is not None:
            fields = ["start", "end", "speaker", "text"] + (["words"] if with_words else [])
            return [
                (track, [{name: s[name] for name in fields} for s in track["segments"]])
                for track in preview.tracks
            ]
        publication = self.publication
        if publication is None or Part.TRANSCRIPT not in self.public_parts():
            return []
        fields = ["track", "start", "end", "speaker", "text"] + (["words"] if with_words else [])
        rows = PublishedSegment.objects.filter(publication=publication)
        if not publication.shows_translation():
            rows = rows.filter(translated=False)
        segments = {}
        for row in rows.order_by("track", "position").values(*fields):
            segments.setdefault(row.pop("track"), []).append(row)
        return [
            (track, segments[number])
            for number, track in enumerate(publication.tracks)
            if number in segments
        ]

    def published_transcripts(self, with_words=False):
        """The redacted transcripts the public may read, as approved: each recording's, and
        its English translation where the publication and consent both allow it."""
        return [
            published_transcript(track, segments) for track, segments in self._tracks(with_words)
        ]

    def published_audio(self):
        if getattr(self, "_preview", None) or Part.AUDIO not in self.public_parts():
            return []
        approved = self.publication.audio_files
        with_mp3 = set(
            RedactedAudio.objects.filter(pk__in=[pk for pk, _seconds in approved])
            .exclude(mp3_file="")
            .values_list("pk", flat=True)
        )
        return [
            PublicFile(
                reverse("testimony_audio", args=[self.pk, audio_id, "ogg"]),
                seconds,
                mp3_url=(
                    reverse("testimony_audio", args=[self.pk, audio_id, "mp3"])
                    if audio_id in with_mp3
                    else ""
                ),
            )
            for audio_id, seconds in approved
        ]

    def published_photos(self):
        """The interview's photos in order: the approved public copy of each, or None where
        there is none."""
        if getattr(self, "_preview", None) or Part.PHOTOS not in self.public_parts():
            return []
        ids = self.publication.photo_files
        found = RedactedPhoto.objects.in_bulk([pk for pk in ids if pk])
        return [
            PublicFile(
                reverse("testimony_photo", args=[self.pk, pk]),
                width=found[pk].width,
                height=found[pk].height,
            )
            if pk in found
            else None
            for pk in ids
        ]

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
    mp3_url: str = ""


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
