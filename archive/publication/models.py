"""What the public sees, and the review that decides it.

A `Publication` is a frozen snapshot of exactly what an editor reviewed and approved: the parts,
each recording's redacted segments (and translation), the audio and photo derivatives, the name
shown and the consent dates it was approved under. Every public view reads only the page's
current publication, narrowed by what consent allows today; nothing else reaches the public.

The two review steps of the "Testimony review" workflow live here too. A workflow is not a gate
(a publisher can publish without it, and publishing cancels it): approving the Redaction review
is what creates a publication, and `gate.py` refuses to publish a page without one.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask
from wagtail.search import index

from archive.consent.models import ConsentRecord, NameShown, Part
from archive.ingest.models import Interview


class EndReason(models.TextChoices):
    SUPERSEDED = "superseded", gettext_lazy("A newer review was approved")
    REDACTION = "redaction", gettext_lazy("Something more was redacted")
    TAKEN_DOWN = "taken_down", gettext_lazy("Taken down by an editor until reviewed")
    WITHDRAWN = "withdrawn", gettext_lazy("Consent withdrawn")
    ERASED = "erased", gettext_lazy("Erased")


def _not_before(field, today):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": today})


def _before(field, today):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gt": today})


# Consent that has since become stricter about the narrator's name (legal → pseudonym →
# anonymous) takes the publication down; a looser one leaves it as approved.
NAME_STILL_ALLOWED = (
    Q(name_shown=F("consent__name_shown"))
    | Q(name_shown=NameShown.PSEUDONYM, consent__name_shown=NameShown.LEGAL)
    | Q(name_shown=NameShown.ANONYMOUS)
)
# Audio approved with the natural voice is withheld once consent requires it altered.
VOICE_STILL_ALLOWED = Q(voice_altered=True) | Q(consent__voice_alteration_required=False)


def translation_allowed(prefix=""):
    """What showing a publication's translation needs beyond showing its transcript: approved
    with it, and consent still allowing it. `prefix` reaches a publication from another model
    (as a join, which the database plans better than a second subquery)."""
    return Q(**{f"{prefix}translation": True, f"{prefix}consent__translation_allowed": True})


class PublicationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(ended_at__isnull=True)

    def in_force(self, today=None):
        """Current publications the public may have something of today: consent not withdrawn,
        inside both the dates approved and today's consent dates, and at least one part that
        was reviewed and that consent still allows. One query, dates compared in SQL."""
        today = today or timezone.localdate()
        return self.current().filter(
            _not_before("embargo_until", today),
            _before("expires_on", today),
            _not_before("consent__embargo_until", today),
            _before("consent__expires_on", today),
            NAME_STILL_ALLOWED,
            Q(transcript=True, consent__publish_transcript=True)
            | (Q(audio=True, consent__publish_audio=True) & VOICE_STILL_ALLOWED)
            | Q(photos=True, consent__publish_photos=True),
            consent__withdrawn_on__isnull=True,
        )

    def showing(self, part, today=None):
        """In force, and showing `part` (a Part, or "translation")."""
        if part == "translation":
            allowed = Q(transcript=True, consent__publish_transcript=True) & translation_allowed()
        else:
            allowed = Q(**{part: True, f"consent__publish_{part}": True})
            if part == Part.AUDIO:
                allowed &= VOICE_STILL_ALLOWED
        return self.in_force(today).filter(allowed)


class Publication(models.Model):
    """What one approval of the Redaction review froze. Never edited: a change to what could be
    public needs a new review and so a new publication; taking something away ends this one."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="publications"
    )
    interview = models.ForeignKey(Interview, on_delete=models.PROTECT, related_name="publications")
    consent = models.ForeignKey(
        ConsentRecord, on_delete=models.PROTECT, related_name="publications"
    )
    consent_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    page_revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    transcript = models.BooleanField(default=False)
    audio = models.BooleanField(default=False)
    photos = models.BooleanField(default=False)
    translation = models.BooleanField(default=False)
    name_shown = models.CharField(max_length=10)
    narrator_display_name = models.CharField(max_length=255)
    voice_altered = models.BooleanField(default=False)
    embargo_until = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    tracks = models.JSONField(
        default=list, help_text="[{recording, language, translation, machine}], in page order."
    )
    audio_files = models.JSONField(default=list, help_text="[[redacted audio id, seconds]]")
    photo_files = models.JSONField(
        default=list, help_text="[redacted photo id or null], by photo number."
    )
    duration_seconds = models.FloatField(default=0)
    digest = models.CharField(max_length=64)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    end_reason = models.CharField(max_length=16, choices=EndReason, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-approved_at", "-pk"]
        verbose_name = gettext_lazy("publication")
        verbose_name_plural = gettext_lazy("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=Q(ended_at__isnull=True),
                name="one_current_publication_per_page",
            )
        ]
        indexes = [models.Index(fields=["page", "ended_at"])]

    def __str__(self):
        return f"Publication {self.pk} of page {self.page_id}"

    @property
    def parts(self):
        return [part for part in Part if getattr(self, part.value)]

    def parts_shown(self, today=None):
        """The reviewed parts that the public may have today: none unless in force, and only
        those consent still allows. The translation counts with the transcript."""
        today = today or timezone.localdate()
        if getattr(self, "in_force_on", None) != today:
            if not Publication.objects.in_force(today).filter(pk=self.pk).exists():
                return []
            self.consent.refresh_from_db()
        voice_allowed = self.voice_altered or not self.consent.voice_alteration_required
        return [
            part
            for part in self.parts
            if self.consent.allows(part) and (part != Part.AUDIO or voice_allowed)
        ]

    def shows_translation(self, today=None):
        return Publication.objects.showing("translation", today).filter(pk=self.pk).exists()


class PublishedSegment(index.Indexed, models.Model):
    """One segment of a publication's redacted transcript (or translation), as approved.
    Indexed on its own so search can jump to the moment; search reads only segments of
    publications in force."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="segments")
    track = models.PositiveSmallIntegerField()
    translated = models.BooleanField(default=False)
    position = models.PositiveIntegerField()
    start = models.FloatField()
    end = models.FloatField()
    speaker = models.CharField(max_length=64, blank=True)
    text = models.TextField()
    words = models.JSONField(default=list, blank=True)
    language = models.CharField(max_length=16, blank=True)

    search_fields = [
        index.SearchField("text"),
        index.FilterField("publication"),
        index.FilterField("translated"),
        index.FilterField("language"),
        index.FilterField("id"),  # search lists moments in the order they were written
        # Search shows a translated segment only where its publication shows the translation.
        index.RelatedFields(
            "publication",
            [
                index.FilterField("translation"),
                index.RelatedFields("consent", [index.FilterField("translation_allowed")]),
            ],
        ),
    ]

    class Meta:
        ordering = ["publication", "track", "position"]
        indexes = [models.Index(fields=["publication", "track", "position"])]

    def __str__(self):
        return f"{self.publication_id}/{self.track} @ {self.start:.0f}s"


class NotIdentifying(models.Model):
    """An editor's decision that one occurrence the review's floor found (a private term read
    somewhere, a pattern such as a long number) identifies nobody."""

    interview = models.ForeignKey(
        Interview, on_delete=models.CASCADE, related_name="not_identifying"
    )
    where = models.CharField(max_length=120)
    found = models.CharField(max_length=255)
    term = models.CharField(max_length=255)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interview", "where", "found"], name="one_decision_per_occurrence"
            )
        ]

    def __str__(self):
        return f"“{self.found}” ({self.where}) is not identifying"


class ApprovalForm(TaskStateCommentForm):
    """Approving sends back the digest of the snapshot the editor was shown."""

    digest = forms.CharField(widget=forms.HiddenInput, required=False)


def _interview(page):
    return getattr(page.specific, "interview", None)


class GuardedApprovalTask(AbstractGroupApprovalTask):
    """A group approval that offers "Approve" only while nothing blocks it, and re-checks when
    it is used (the page may have changed since the list of actions was drawn)."""

    def blocking_problems(self, page):
        raise NotImplementedError

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.blocking_problems(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def get_template_for_action(self, action):
        return "publication/task_action.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from .gate import PublicationBlocked  # the gate reads the models above

        page = task_state.workflow_state.content_object
        if action_name == "approve":
            if not (user.is_superuser or self._user_in_groups(user)):
                raise PermissionDenied
            problems = self.blocking_problems(page)
            if problems:
                raise PublicationBlocked(" ".join(str(p) for p in problems))
            self.approved(page, user, kwargs.pop("digest", ""))
        kwargs.pop("digest", None)
        return super().on_action(task_state, user, action_name, **kwargs)

    def approved(self, page, user, digest):
        pass

    class Meta:
        abstract = True


class ConsentCheckTask(GuardedApprovalTask):
    @classmethod
    def get_description(cls):
        return _(
            "An editor confirms that what will be published lies within the narrator's consent. "
            "Cannot be approved while consent is missing, withdrawn, expired or embargoed."
        )

    def blocking_problems(self, page):
        consent = ConsentRecord.objects.filter(interview=_interview(page)).first()
        if consent is None:
            return [_("The interview has no consent record.")]
        return consent.problems()

    class Meta:
        verbose_name = gettext_lazy("Consent check")
        verbose_name_plural = gettext_lazy("Consent checks")


class RedactionReviewTask(GuardedApprovalTask):
    @classmethod
    def get_description(cls):
        return _(
            "A final read of the redacted transcript and listen to the redacted audio. Approving "
            "publishes exactly what this review shows, and nothing added later. Cannot be "
            "approved while any suggestion is undecided, a private name can be read, or Whisper "
            "still hears a redacted term."
        )

    def get_form_for_action(self, action):
        return ApprovalForm if action == "approve" else super().get_form_for_action(action)

    def get_actions(self, obj, user):
        # Approving binds what the editor was shown, so it always goes through the form.
        return [
            action
            for action in super().get_actions(obj, user)
            if action[0] != "approve" or action[2]
        ]

    def blocking_problems(self, page):
        from .approval import review  # approval builds the models above

        return review(page.specific).problems

    def approved(self, page, user, digest):
        from .approval import approve

        approve(page.specific, user, digest)

    class Meta:
        verbose_name = gettext_lazy("Redaction review")
        verbose_name_plural = gettext_lazy("Redaction reviews")
