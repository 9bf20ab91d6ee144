"""The two review steps of the "Testimony review" workflow.

A workflow is not a gate (a publisher can publish without it, and publishing cancels it), so
neither task is what keeps a testimony private: `gate.py` is. The tasks are where editors do
and record the checks the gate then requires: the Redaction review is the only place a
redaction set is approved.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import AbstractGroupApprovalTask

from archive.redaction.review import approve, review_problems

from .gate import PublicationBlocked, consent_of


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
        page = task_state.workflow_state.content_object
        if action_name == "approve":
            if not (user.is_superuser or self._user_in_groups(user)):
                raise PermissionDenied
            problems = self.blocking_problems(page)
            if problems:
                raise PublicationBlocked(" ".join(str(p) for p in problems))
            self.approved(page, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def approved(self, page, user):
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
        interview = _interview(page)
        consent = consent_of(interview)
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
            "A final read of the redacted transcript and listen to the redacted audio. Cannot be "
            "approved while any suggestion is undecided or Whisper still hears a redacted term."
        )

    def blocking_problems(self, page):
        interview = _interview(page)
        consent = consent_of(interview)
        if interview is None or consent is None:
            return [_("Link the testimony to an interview with a consent record.")]
        return review_problems(
            interview, consent.voice_alteration_required, parts=consent.allowed_parts
        )

    def approved(self, page, user):
        interview = _interview(page)
        approve(interview, consent_of(interview).voice_alteration_required, user)

    class Meta:
        verbose_name = gettext_lazy("Redaction review")
        verbose_name_plural = gettext_lazy("Redaction reviews")
