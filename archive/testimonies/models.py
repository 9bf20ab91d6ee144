"""Public pages. Only what is on these models is ever rendered to readers.

A TestimonyPage links to its private Interview so later stages (consent, redaction) can gate
publication, but no template may read fields through that link.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from archive.ingest.dates import DatePrecision, format_partial_date

from .blocks import TestimonyBodyBlock
from .forms import TestimonyPageForm


class HomePage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    subpage_types = ["testimonies.TestimonyIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recent_testimonies"] = (
            TestimonyPage.objects.live().public().order_by("-first_published_at")[:6]
        )
        return context


class TestimonyIndexPage(Page):
    introduction = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["testimonies.HomePage"]
    subpage_types = ["testimonies.TestimonyPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["testimonies"] = (
            TestimonyPage.objects.child_of(self).live().public().order_by("-interview_date")
        )
        return context


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
